"""Review statistics: the period and scope asked for, and the history read once from the database for every figure."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .db.models import Decision, Document, Finding, SignOff, User, Version
from .workflow_errors import WorkflowError
from .workflow_text import BEIJING as CST, chinese_datetime as beijing, to_beijing as local  # noqa: F401

# The annual report counts by the Beijing calendar: a sign-off at 2026-01-31 20:00 UTC is in February.
PERIOD_KINDS = {"year": "年度", "quarter": "季度", "month": "月度"}
OFFICE_WIDE = ("admin", "approver")   # see every reviewer's work; a reviewer sees only their own


def month_of(dt: datetime) -> tuple[int, int]:
    d = local(dt)
    return d.year, d.month


def month_label(ym: tuple[int, int]) -> str:
    return f"{ym[0]}年{ym[1]}月"


@dataclass(frozen=True)
class Period:
    """A calendar year, quarter (number 1–4) or month (number 1–12), Beijing time."""

    kind: str
    year: int
    number: int = 1

    @classmethod
    def parse(cls, kind: str | None, year: str | int | None, number: str | int | None,
              today: datetime | None = None) -> "Period":
        """The period a form or command line asked for; the current year when nothing is given."""
        now = local(today or datetime.now(timezone.utc))
        kind = kind or "year"
        if kind not in PERIOD_KINDS:
            raise WorkflowError("bad_period", 400, "统计周期只能是年度、季度或月度。")
        try:
            y = int(year) if year not in (None, "") else now.year
            n = int(number) if number not in (None, "") else (1 if kind == "year" else
                                                               (now.month - 1) // 3 + 1 if kind == "quarter" else now.month)
        except (TypeError, ValueError):
            raise WorkflowError("bad_period", 400, "年份、季度或月份应为数字，例如 2026 年第 1 季度。") from None
        limit = {"year": 1, "quarter": 4, "month": 12}[kind]
        if not (2000 <= y <= 2100) or not (1 <= n <= limit):
            raise WorkflowError("bad_period", 400, f"统计周期超出范围：年份 2000–2100，{PERIOD_KINDS[kind]}序号 1–{limit}。")
        return cls(kind, y, 1 if kind == "year" else n)

    @property
    def months(self) -> list[tuple[int, int]]:
        first = {"year": 1, "quarter": 3 * self.number - 2, "month": self.number}[self.kind]
        count = {"year": 12, "quarter": 3, "month": 1}[self.kind]
        return [(self.year, m) for m in range(first, first + count)]

    @property
    def start(self) -> datetime:
        y, m = self.months[0]
        return datetime(y, m, 1, tzinfo=CST).astimezone(timezone.utc)

    @property
    def end(self) -> datetime:
        y, m = self.months[-1]
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return datetime(y, m, 1, tzinfo=CST).astimezone(timezone.utc)

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "quarter":
            return f"{self.year}年第{self.number}季度"
        return f"{self.year}年{self.number}月"

    @property
    def slug(self) -> str:
        return {"year": f"{self.year}", "quarter": f"{self.year}Q{self.number}",
                "month": f"{self.year}-{self.number:02d}"}[self.kind]


@dataclass(frozen=True)
class Scope:
    """Whose work is counted: one office unit (Document.office_unit) and/or one reviewer; None means all."""

    unit: str | None = None
    reviewer_id: int | None = None


def scope_for(user: User, *, unit: str | None = None, reviewer_id: int | None = None) -> Scope:
    """The scope this user may see: admins and approvers any; a reviewer only their own work; others refused (403)."""
    unit = (unit or "").strip() or None
    if user is not None and user.has_role(*OFFICE_WIDE):
        return Scope(unit, reviewer_id)
    if user is not None and user.has_role("reviewer"):
        return Scope(unit, user.id)
    raise WorkflowError("forbidden_role", 403, "统计页面供保密审查员、签发人和管理员使用；起草人请在审查队列中查看自己的文件。")


@dataclass
class Submitted:
    """One uploaded version (送审稿件) in the period."""

    version_id: int
    document_id: int
    month: tuple[int, int]
    scanned: bool
    blocked: bool


@dataclass
class Closed:
    """A document's last approved sign-off in the period (审查办结), with its decision."""

    document_id: int
    title: str
    unit: str | None
    disclosure: str
    basis: str | None
    reviewer: str
    approver: str
    first_upload: datetime
    signed_at: datetime

    @property
    def month(self) -> tuple[int, int]:
        return month_of(self.signed_at)

    @property
    def hours(self) -> float:
        def utc(d: datetime) -> datetime:
            return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
        return (utc(self.signed_at) - utc(self.first_upload)).total_seconds() / 3600


@dataclass
class History:
    """Everything the period's figures are computed from."""

    period: Period
    scope: Scope
    submitted: list[Submitted] = field(default_factory=list)
    findings: dict[tuple[tuple[int, int], str], int] = field(default_factory=dict)   # (month, type) → count
    closed: list[Closed] = field(default_factory=list)


def _in_scope(query, scope: Scope):
    if scope.unit:
        query = query.where(Document.office_unit == scope.unit)
    return query


def reviewed_versions(reviewer_id: int):
    """A select of the version ids a reviewer worked on: made a decision on, or resolved a finding of."""
    return select(Decision.version_id).where(Decision.decided_by_id == reviewer_id).union(
        select(Finding.version_id).where(Finding.resolved_by_id == reviewer_id))


def load(db: Session, scope: Scope, period: Period) -> History:
    """Read the period's uploads, findings and sign-offs in the scope (three queries and two small look-ups)."""
    h = History(period, scope)
    versions = _in_scope(select(Version.id, Version.document_id, Version.uploaded_at, Version.scan_status,
                                Version.verdict).join(Document, Version.document_id == Document.id)
                         .where(Version.uploaded_at >= period.start, Version.uploaded_at < period.end), scope)
    if scope.reviewer_id is not None:
        versions = versions.where(Version.id.in_(reviewed_versions(scope.reviewer_id)))
    months: dict[int, tuple[int, int]] = {}
    for vid, did, uploaded, status, verdict in db.execute(versions):
        months[vid] = month_of(uploaded)
        h.submitted.append(Submitted(vid, did, months[vid], status == "done", verdict == "block"))
    if months:
        counts: dict[tuple[tuple[int, int], str], int] = defaultdict(int)
        ids = versions.with_only_columns(Version.id).subquery()
        for vid, kind, n in db.execute(select(Finding.version_id, Finding.type, func.count())
                                       .where(Finding.version_id.in_(select(ids.c.id)))
                                       .group_by(Finding.version_id, Finding.type)):
            counts[(months[vid], kind)] += n
        h.findings = dict(counts)
    h.closed = _closed(db, scope, period)
    return h


def _closed(db: Session, scope: Scope, period: Period) -> list[Closed]:
    query = _in_scope(select(SignOff, Decision, Document).join(Decision, SignOff.decision_id == Decision.id)
                      .join(Version, SignOff.version_id == Version.id).join(Document, Version.document_id == Document.id)
                      .where(SignOff.outcome == "approved", SignOff.at >= period.start, SignOff.at < period.end), scope)
    if scope.reviewer_id is not None:
        query = query.where(Decision.decided_by_id == scope.reviewer_id)
    last: dict[int, tuple[SignOff, Decision, Document]] = {}
    for signoff, decision, doc in db.execute(query.order_by(SignOff.at, SignOff.id)):
        last[doc.id] = (signoff, decision, doc)   # a document signed off twice in a period counts once, as last decided
    if not last:
        return []
    first = dict(db.execute(select(Version.document_id, func.min(Version.uploaded_at))
                            .where(Version.document_id.in_(list(last))).group_by(Version.document_id)).all())
    user_ids = {d.decided_by_id for _, d, _ in last.values()} | {s.approver_id for s, _, _ in last.values()}
    names = {u.id: u.label for u in db.execute(select(User).where(User.id.in_(user_ids))).scalars()}
    return [Closed(doc.id, doc.title, doc.office_unit, decision.disclosure, decision.basis,
                   names.get(decision.decided_by_id, "?"), names.get(signoff.approver_id, "?"), first[doc.id], signoff.at)
            for signoff, decision, doc in sorted(last.values(), key=lambda t: (t[0].at, t[0].id))]


@dataclass
class OpenWork:
    """Unfinished documents now: per reviewer (审查中 by last resolver; 退回修改/待签发 by who decided) and unclaimed."""

    per_reviewer: dict[str, dict[str, int]]
    unclaimed: int


OPEN_STATES = ("审查中", "退回修改", "待签发")


def open_work(db: Session, scope: Scope) -> OpenWork:
    docs = _in_scope(select(Document.id, Document.state).where(Document.state.in_(("待审查",) + OPEN_STATES)), scope)
    states = dict(db.execute(docs).all())
    unclaimed = sum(1 for s in states.values() if s == "待审查")
    busy = [d for d, s in states.items() if s != "待审查"]
    current: dict[int, int] = {}
    if busy:
        latest = (select(Version.document_id, func.max(Version.number).label("n")).where(Version.document_id.in_(busy))
                  .group_by(Version.document_id).subquery())
        current = dict(db.execute(select(Version.id, Version.document_id).join(
            latest, (Version.document_id == latest.c.document_id) & (Version.number == latest.c.n))).all())
    who: dict[int, int] = {}   # version → reviewer id
    if current:
        for vid, uid in db.execute(select(Finding.version_id, Finding.resolved_by_id)
                                   .where(Finding.version_id.in_(list(current)), Finding.resolved_by_id.is_not(None))
                                   .order_by(Finding.resolved_at, Finding.id)):
            who[vid] = uid
        decided = {}
        for vid, uid in db.execute(select(Decision.version_id, Decision.decided_by_id)
                                   .where(Decision.version_id.in_(list(current))).order_by(Decision.id)):
            decided[vid] = uid
        for vid, did in current.items():
            if states[did] != "审查中" and vid in decided:
                who[vid] = decided[vid]
    names = {u.id: u.label for u in db.execute(select(User).where(User.id.in_(set(who.values())))).scalars()} if who else {}
    per: dict[str, dict[str, int]] = {}
    for vid, did in sorted(current.items(), key=lambda t: t[1]):
        uid = who.get(vid)
        if uid is None or (scope.reviewer_id is not None and uid != scope.reviewer_id):
            continue
        row = per.setdefault(names[uid], dict.fromkeys(OPEN_STATES, 0))
        row[states[did]] += 1
    return OpenWork(dict(sorted(per.items())), unclaimed)


def units(db: Session) -> list[str]:
    """The office units documents were uploaded for, for the filter."""
    return [u for (u,) in db.execute(select(Document.office_unit).where(Document.office_unit.is_not(None),
                                                                        Document.office_unit != "")
                                     .distinct().order_by(Document.office_unit))]


def reviewers(db: Session) -> list[User]:
    """Accounts holding the reviewer role, for the filter."""
    users = db.execute(select(User).where(User.roles_csv.contains("reviewer")).order_by(User.name)).scalars()
    return [u for u in users if "reviewer" in u.roles]
