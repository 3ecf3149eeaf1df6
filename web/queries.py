"""Read-only queries the pages need: the queue with its filters, and one page of a version's text with findings."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer.db.models import Document, Finding, TextSegment, User, Version
from reviewer.workflow import visible_documents

PAGE_SIZE = 50


@dataclass
class QueueRow:
    document: Document
    version: Version
    counts: dict[str, int]


def my_states(user: User) -> set[str]:
    """The states in which a document waits for this user: review for reviewers, sign-off for approvers."""
    states: set[str] = set()
    if user.has_role("reviewer"):
        states |= {"待审查", "审查中", "退回修改"}
    if user.has_role("approver"):
        states.add("待签发")
    if user.has_role("drafter"):
        states |= {"扫描失败", "退回修改"}
    return states


def queue(db: Session, user: User, *, state: str = "", verdict: str = "", uploader: str = "", q: str = "",
          page: int = 1, mine: bool = False) -> tuple[list[QueueRow], int]:
    """The documents this user may see (the role check is in the query), filtered; and how many there are."""
    query = visible_documents(user)
    if mine:
        query = query.where(Document.state.in_(my_states(user)))
        if not user.has_role("drafter"):
            query = query.where(Document.created_by_id != user.id)
    if state:
        query = query.where(Document.state == state)
    if verdict:
        query = query.where(Document.verdict == verdict)
    if uploader.isdigit():
        query = query.where(Document.created_by_id == int(uploader))
    if q.strip():
        query = query.where(Document.title.contains(q.strip(), autoescape=True))
    total = db.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    docs = db.execute(query.order_by(Document.updated_at.desc(), Document.id.desc())
                      .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).scalars().all()
    if not docs:
        return [], total
    latest = (select(Version.document_id, func.max(Version.number).label("n"))
              .where(Version.document_id.in_([d.id for d in docs])).group_by(Version.document_id).subquery())
    versions = {v.document_id: v for v in db.execute(select(Version).join(
        latest, (Version.document_id == latest.c.document_id) & (Version.number == latest.c.n))).scalars()}
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"total": 0, "unresolved": 0, "redact": 0, "keep": 0})
    for vid, resolution, n in db.execute(select(Finding.version_id, Finding.resolution, func.count())
                                         .where(Finding.version_id.in_([v.id for v in versions.values()]))
                                         .group_by(Finding.version_id, Finding.resolution)):
        counts[vid]["total"] += n
        counts[vid][resolution or "unresolved"] += n
    return [QueueRow(d, versions[d.id], counts[versions[d.id].id]) for d in docs], total


def uploaders(db: Session, user: User) -> list[User]:
    ids = select(Document.created_by_id).where(Document.id.in_(visible_documents(user).with_only_columns(Document.id)))
    return list(db.execute(select(User).where(User.id.in_(ids)).order_by(User.name)).scalars())


@dataclass
class Block:
    """One text segment on the review page, cut into pieces: (text, finding or None)."""

    segment: TextSegment
    pieces: list[tuple[str, Finding | None]]
    findings: list[Finding] = field(default_factory=list)


def _pieces(seg: TextSegment, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    text, out, pos = seg.text, [], 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        a, b = f.start - seg.start, f.end - seg.start
        if f.type == "HIDDEN_CONTENT" and seg.concealed:
            continue  # the whole block is shown as concealed; its card says so
        if a < pos or b > len(text) or a >= b:
            continue  # overlaps an earlier highlight: listed in the cards only
        out.append((text[pos:a], None))
        out.append((text[a:b], f))
        pos = b
    out.append((text[pos:], None))
    return [p for p in out if p[0]]


FINDINGS_PER_PAGE = 250


def page_bounds(db: Session, version: Version, *, only_findings: bool, page_size: int,
                budget: int = FINDINGS_PER_PAGE) -> list[tuple[int, int]]:
    """(first, last) segment seq of each page: at most `page_size` segments and about `budget` findings a page."""
    counts = dict(db.execute(select(Finding.segment_seq, func.count()).where(Finding.version_id == version.id)
                             .group_by(Finding.segment_seq)).all())
    query = select(TextSegment.seq).where(TextSegment.version_id == version.id).order_by(TextSegment.seq)
    if only_findings:
        query = query.where(TextSegment.has_findings.is_(True))
    bounds: list[tuple[int, int]] = []
    first = last = None
    segs = found = 0
    for seq in db.execute(query).scalars():
        n = counts.get(seq, 0)
        if first is not None and (segs >= page_size or (found and found + n > budget)):
            bounds.append((first, last))
            first, segs, found = None, 0, 0
        if first is None:
            first = seq
        last, segs, found = seq, segs + 1, found + n
    if first is not None:
        bounds.append((first, last))
    return bounds or [(0, -1)]


def review_page(db: Session, version: Version, *, only_findings: bool, page: int, page_size: int
                ) -> tuple[list[Block], int, list[Finding]]:
    """Blocks of one page, the number of pages, and findings no segment holds (shown first)."""
    bounds = page_bounds(db, version, only_findings=only_findings, page_size=page_size)
    first, last = bounds[min(page, len(bounds)) - 1]
    query = select(TextSegment).where(TextSegment.version_id == version.id, TextSegment.seq.between(first, last))
    if only_findings:
        query = query.where(TextSegment.has_findings.is_(True))
    segs = db.execute(query.order_by(TextSegment.seq)).scalars().all()
    by_seg: dict[int, list[Finding]] = defaultdict(list)
    if segs:
        for f in db.execute(select(Finding).where(Finding.version_id == version.id,
                                                  Finding.segment_seq.between(first, last))
                            .order_by(Finding.seq)).scalars():
            by_seg[f.segment_seq].append(f)
    loose = []
    if page == 1:
        loose = list(db.execute(select(Finding).where(Finding.version_id == version.id,
                                                      Finding.segment_seq.is_(None))).scalars())
    blocks = [Block(s, _pieces(s, by_seg.get(s.seq, [])), by_seg.get(s.seq, [])) for s in segs]
    return blocks, len(bounds), loose


def type_summary(db: Session, version: Version) -> list[tuple[str, str, int, int]]:
    """(type, worst severity, findings, unresolved) per finding type."""
    rows = db.execute(select(Finding.type, Finding.severity, Finding.resolution, func.count())
                      .where(Finding.version_id == version.id)
                      .group_by(Finding.type, Finding.severity, Finding.resolution)).all()
    from reviewer.findings import SEVERITY_RANK
    acc: dict[str, list] = {}
    for t, sev, res, n in rows:
        a = acc.setdefault(t, [sev, 0, 0])
        if SEVERITY_RANK.get(sev, 0) > SEVERITY_RANK.get(a[0], 0):
            a[0] = sev
        a[1] += n
        a[2] += 0 if res else n
    return sorted(((t, a[0], a[1], a[2]) for t, a in acc.items()),
                  key=lambda r: (-SEVERITY_RANK.get(r[1], 0), r[0]))
