"""The review workflow's operations and GATES: upload, resolve, decide, sign off, return, release.

Every function takes the database session and the acting user, checks roles and state here (not in
views), records the audit entry in the same transaction, and leaves the commit to the caller.
A refused action raises WorkflowError(code, status, message).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit, storage
from .db.models import Decision, Document, Finding, SignOff, User, Version, utcnow
from .errors import DocumentError
from .findings import label as type_label
from .workflow_errors import ROLE_LABELS, WorkflowError, require_role
from .workflow_rules import (BASIS_LABELS, DISCLOSURES, MARKING_TYPES, REVIEWABLE, finding_counts,
                             latest_decision, latest_signoff, refresh_document, version_state)

__all__ = ["WorkflowError", "upload", "resolve", "decide", "sign_off", "return_for_revision",
           "record_view", "record_download", "get_document", "get_version", "can_view", "visible_documents",
           "version_state", "ROLE_LABELS"]

SEE_ALL = ("reviewer", "approver", "admin")


# ------------------------------------------------------------------ looking things up
def can_view(user: User, document: Document) -> bool:
    if user is None or user.disabled:
        return False
    return user.has_role(*SEE_ALL) or document.created_by_id == user.id


def visible_documents(user: User):
    """A select() of the documents this user may see: drafters their own, every other role all."""
    query = select(Document)
    if not user.has_role(*SEE_ALL):
        query = query.where(Document.created_by_id == user.id)
    return query


def get_document(session: Session, user: User, document_id: int) -> Document:
    doc = session.get(Document, document_id)
    if doc is None or not can_view(user, doc):
        # a document you may not see is one that does not exist, as far as you can tell
        raise WorkflowError("not_found", 404, "找不到该文件，或您无权查看。")
    return doc


def get_version(session: Session, user: User, version_id: int) -> Version:
    version = session.get(Version, version_id)
    if version is None or not can_view(user, version.document):
        raise WorkflowError("not_found", 404, "找不到该版本，或您无权查看。")
    return version


def current_version(session: Session, document: Document) -> Version:
    return session.execute(select(Version).where(Version.document_id == document.id)
                           .order_by(Version.number.desc()).limit(1)).scalar_one()


def _require_current(session: Session, version: Version) -> None:
    current = current_version(session, version.document)
    if current.id != version.id:
        raise WorkflowError("not_current", 409, f"这是第 {version.number} 版，已有更新的第 {current.number} 版。"
                                                "请在最新版本上审查。")


def _require_not_own(user: User, version: Version) -> None:
    if user.id in (version.uploaded_by_id, version.document.created_by_id):
        raise WorkflowError("own_draft", 403, "不能审查或签发自己起草、上传的文件。请交由其他保密审查员或签发人处理。")


# ------------------------------------------------------------------ upload
def upload(session: Session, user: User, stream: BinaryIO, filename: str | None, *, storage_dir: str | Path,
           max_bytes: int, document_id: int | None = None, title: str | None = None,
           office_unit: str | None = None, ip: str | None = None) -> Version:
    """Store a file as a new document, or as the next version of `document_id`; the scan is queued (caller submits)."""
    require_role(user, "drafter")
    name = storage.display_name(filename)
    document = None
    if document_id is not None:
        document = get_document(session, user, document_id)
        if document.created_by_id != user.id:
            raise WorkflowError("not_owner", 403, "只有该文件的起草人可以上传新版本。")
    try:
        stored = storage.store(stream, storage_dir, name, max_bytes)
    except DocumentError as exc:
        raise WorkflowError(exc.code, 400, exc.message) from None
    existing = session.execute(select(Version).where(Version.sha256 == stored.sha256)).scalar_one_or_none()
    if existing is not None:
        if existing.extension != stored.extension:
            stored.path.unlink(missing_ok=True)
        where = (f"文件“{existing.document.title}”（编号 {existing.document_id}）的第 {existing.number} 版"
                 if can_view(user, existing.document) else "系统中另一份文件")
        err = WorkflowError("duplicate", 409, f"“{name}”与{where}内容完全相同（SHA-256 一致），未重复上传。")
        err.document_id = existing.document_id if can_view(user, existing.document) else None  # the page links it
        raise err
    if document is None:
        stem = os.path.splitext(name)[0] or name
        document = Document(title=(title or stem).strip()[:255] or stem, office_unit=(office_unit or None),
                            created_by_id=user.id)
        session.add(document)
        session.flush()
    number = (session.execute(select(func.max(Version.number)).where(Version.document_id == document.id))
              .scalar_one() or 0) + 1
    version = Version(document_id=document.id, number=number, sha256=stored.sha256, original_name=name,
                      extension=stored.extension, size=stored.size, uploaded_by_id=user.id, scan_status="queued")
    session.add(version)
    session.flush()
    session.refresh(document)
    refresh_document(session, document)
    audit.record(session, "upload", user, document_id=document.id, version_sha256=stored.sha256, ip=ip,
                 details={"file": name, "version": number, "size": stored.size})
    return version


def stored_path(version: Version, storage_dir: str | Path) -> Path:
    return storage.path_for(storage_dir, version.sha256, version.extension)


# ------------------------------------------------------------------ resolving findings
def resolve(session: Session, user: User, version: Version, finding_ids: Iterable[int], action: str,
            reason: str | None = None, *, same_value: bool = False, ip: str | None = None) -> int:
    """Mark findings redact (删除) or keep (保留, with a reason); returns how many changed."""
    require_role(user, "reviewer")
    _require_not_own(user, version)
    _require_current(session, version)
    state = version_state(session, version)
    if state not in REVIEWABLE:
        raise WorkflowError("wrong_state", 409, f"当前状态为“{state}”，不能修改处理结果。"
                                                + ("如需修改，请签发人先退回。" if state == "待签发" else ""))
    if action not in ("redact", "keep"):
        raise WorkflowError("bad_action", 400, "请选择处理方式：删除或保留。")
    reason = (reason or "").strip()
    if action == "keep" and not reason:
        raise WorkflowError("reason_required", 400, "选择“保留”时必须填写理由，例如“公职人员履职信息”。")
    ids = {int(i) for i in finding_ids}
    if not ids:
        raise WorkflowError("nothing_selected", 400, "请先勾选要处理的发现。")
    chosen = session.execute(select(Finding).where(Finding.version_id == version.id, Finding.id.in_(ids))).scalars().all()
    if len(chosen) != len(ids):
        raise WorkflowError("not_found", 404, "所选发现不属于该版本，请刷新页面后重试。")
    if same_value:
        texts = {f.text for f in chosen}
        chosen = session.execute(select(Finding).where(Finding.version_id == version.id,
                                                       Finding.text.in_(texts))).scalars().all()
    now = utcnow()
    for f in chosen:
        f.resolution, f.reason = action, (reason or None)
        f.resolved_by_id, f.resolved_at = user.id, now
    refresh_document(session, version.document)
    audit.record(session, "resolve", user, document_id=version.document_id, version_sha256=version.sha256, ip=ip,
                 details={"action": action, "reason": reason or None, "count": len(chosen),
                          "findings": sorted(f.id for f in chosen)[:200]})
    return len(chosen)


# ------------------------------------------------------------------ the 公开属性 decision
def check_decision(session: Session, version: Version, disclosure: str, basis: str | None) -> None:
    """The GATES on a decision, in the order a reviewer would fix them."""
    if disclosure not in DISCLOSURES:
        raise WorkflowError("bad_disclosure", 400, "请选择公开属性：" + "、".join(DISCLOSURES) + "。")
    if disclosure != "主动公开" and basis not in BASIS_LABELS:
        raise WorkflowError("basis_required", 400, f"“{disclosure}”必须选择《政府信息公开条例》中的法律依据"
                                                   "（第十四、十五或十六条）。")
    counts = finding_counts(session, version)
    if counts["unresolved"]:
        raise WorkflowError("unresolved", 409, f"还有 {counts['unresolved']} 条发现未处理。请逐条选择“删除”或“保留”后再作决定。")
    markings = session.execute(select(Finding).where(Finding.version_id == version.id, Finding.type.in_(MARKING_TYPES),
                                                     Finding.resolution != "keep")).scalars().all()
    if markings and disclosure != "不予公开":
        m = markings[0]
        raise WorkflowError("marking", 409, f"文件含有{type_label(m.type)}“{m.text}”，且未以“已解密”“非密级标志”等理由保留，"
                                            "只能决定为“不予公开”（条例第十四条）。如确属误报，请将该发现改为“保留”并说明理由。")
    if disclosure == "主动公开" and counts["redact"]:
        raise WorkflowError("redactions_need_partial", 409, f"有 {counts['redact']} 条发现标记为删除，不能“主动公开”全文。"
                                                            "请选择“部分公开”（条例第三十七条），或把这些发现改为保留。")
    if disclosure == "部分公开" and not counts["redact"]:
        raise WorkflowError("partial_without_redactions", 409, "“部分公开”需要至少一条标记为删除的发现；"
                                                               "没有需要删除的内容时请选择“主动公开”。")


def decide(session: Session, user: User, version: Version, disclosure: str, basis: str | None = None,
           comment: str = "", *, ip: str | None = None) -> Decision:
    require_role(user, "reviewer")
    _require_not_own(user, version)
    _require_current(session, version)
    state = version_state(session, version)
    if state not in REVIEWABLE:
        raise WorkflowError("wrong_state", 409, f"当前状态为“{state}”，不能作出公开属性决定。")
    basis = (basis or None) if disclosure != "主动公开" else None
    check_decision(session, version, disclosure, basis)
    decision = Decision(version_id=version.id, disclosure=disclosure, basis=basis, comment=(comment or "").strip(),
                        decided_by_id=user.id)
    session.add(decision)
    refresh_document(session, version.document)
    audit.record(session, "decide", user, document_id=version.document_id, version_sha256=version.sha256, ip=ip,
                 details={"disclosure": disclosure, "basis": basis, "comment": decision.comment or None})
    return decision


# ------------------------------------------------------------------ sign-off and return
def _check_signoff(session: Session, user: User, version: Version) -> Decision:
    require_role(user, "approver")
    _require_current(session, version)
    state = version_state(session, version)
    if state != "待签发":
        raise WorkflowError("wrong_state", 409, f"当前状态为“{state}”，没有待签发的决定。")
    decision = latest_decision(session, version)
    if user.id in (decision.decided_by_id, version.uploaded_by_id, version.document.created_by_id):
        raise WorkflowError("same_person", 403, "签发人必须是审查人和上传人以外的另一位同事。请交由其他签发人签发。")
    return decision


def signoff_refusal(session: Session, user: User, version: Version) -> WorkflowError | None:
    """Why `user` may not sign off or return `version` now (the same checks as sign_off), or None if they may."""
    try:
        _check_signoff(session, user, version)
    except WorkflowError as exc:
        return exc
    return None


def sign_off(session: Session, user: User, version: Version, comment: str = "", *, ip: str | None = None) -> SignOff:
    decision = _check_signoff(session, user, version)
    signoff = SignOff(version_id=version.id, decision_id=decision.id, approver_id=user.id, outcome="approved",
                      comment=(comment or "").strip())
    session.add(signoff)
    refresh_document(session, version.document)
    audit.record(session, "signoff", user, document_id=version.document_id, version_sha256=version.sha256, ip=ip,
                 details={"disclosure": decision.disclosure, "comment": signoff.comment or None})
    # the release copy is queued here and built in the background: the caller, after its commit, calls
    # release_jobs.start(version.id, decision.id)
    from .workflow_release import builds_copies
    if decision.disclosure != "不予公开" and builds_copies():
        from .release_jobs import queue_copy
        queue_copy(session, version, decision)
    return signoff


def return_for_revision(session: Session, user: User, version: Version, comment: str, *,
                        ip: str | None = None) -> SignOff:
    decision = _check_signoff(session, user, version)
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError("comment_required", 400, "退回修改时请写明需要修改的内容。")
    signoff = SignOff(version_id=version.id, decision_id=decision.id, approver_id=user.id, outcome="returned",
                      comment=comment)
    session.add(signoff)
    refresh_document(session, version.document)
    audit.record(session, "return", user, document_id=version.document_id, version_sha256=version.sha256, ip=ip,
                 details={"comment": comment})
    return signoff


# ------------------------------------------------------------------ viewing drafts
def record_view(session: Session, user: User, version: Version, *, ip: str | None = None) -> None:
    audit.record(session, "view", user, document_id=version.document_id, version_sha256=version.sha256, ip=ip)


def record_download(session: Session, user: User, version: Version, *, ip: str | None = None) -> None:
    audit.record(session, "download", user, document_id=version.document_id, version_sha256=version.sha256, ip=ip,
                 details={"file": version.original_name})


def signed_off(session: Session, version: Version) -> tuple[Decision, SignOff] | None:
    """The decision and its approving sign-off, when the version's latest decision was signed off."""
    decision, signoff = latest_decision(session, version), latest_signoff(session, version)
    if decision and signoff and signoff.decision_id == decision.id and signoff.outcome == "approved":
        return decision, signoff
    return None
