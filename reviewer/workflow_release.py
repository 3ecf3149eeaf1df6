"""Release: the release copy of a signed-off version and the printable 保密审查单, behind the workflow's gates."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .db.models import Decision, Document, Finding, ReleaseCopy, SignOff, User, Version, utcnow
from .findings import label as type_label
from .workflow import current_version, signed_off, stored_path
from .workflow_errors import WorkflowError, require_role
from .workflow_rules import BASIS_LABELS

MIMETYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8"}


@dataclass(frozen=True)
class ReleaseFile:
    path: Path
    download_name: str
    mimetype: str
    removed: tuple[str, ...] = ()


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


def builds_copies() -> bool:
    """Whether release copies are built (the release module is installed); without it only 主动公开 is served."""
    return _optional("reviewer.release") is not None


def _signed_current(session: Session, document: Document) -> tuple[Version, Decision, SignOff]:
    version = current_version(session, document)
    done = signed_off(session, version)
    if done is None:
        older = session.execute(select(SignOff).join(Version, SignOff.version_id == Version.id)
                                .where(Version.document_id == document.id, SignOff.outcome == "approved")
                                .order_by(SignOff.id.desc()).limit(1)).scalar_one_or_none()
        extra = ""
        if older is not None and older.version_id != version.id:
            extra = f"已签发的是较早的版本；当前第 {version.number} 版需要重新审查和签发。"
        raise WorkflowError("not_signed_off", 409, f"第 {version.number} 版尚未签发，不能下载发布稿。{extra}"
                                                   "请先完成审查决定并由签发人签发。")
    return version, done[0], done[1]


def redaction_targets(session: Session, version: Version) -> list:
    from .release import RedactionTarget
    rows = session.execute(select(Finding).where(Finding.version_id == version.id, Finding.resolution == "redact")
                           .order_by(Finding.seq)).scalars().all()
    return [RedactionTarget(text=f.text, type=f.type, location=f.location, start=f.start, end=f.end) for f in rows]


class ReleasePending(WorkflowError):
    """The copy is queued or being built: the web page says so and refreshes, the API answers 202 with Retry-After."""

    def __init__(self, copy: ReleaseCopy):
        from .workflow_text import chinese_datetime
        since = (f"开始于 {chinese_datetime(copy.started_at)}" if copy.status == "building" and copy.started_at
                 else f"排队中，提交于 {chinese_datetime(copy.requested_at)}")
        super().__init__("release_pending", 202, f"发布稿正在生成（{since}），完成后即可下载。请稍后刷新或重试。")
        self.copy = copy


def _releasable(session: Session, document: Document) -> tuple[Version, Decision]:
    version, decision, _signoff = _signed_current(session, document)
    if decision.disclosure == "不予公开":
        raise WorkflowError("not_public", 409, "该文件的公开属性为“不予公开”，没有发布稿。")
    return version, decision


def release(session: Session, user: User, document: Document, *, storage_dir: str | Path,
            ip: str | None = None) -> ReleaseFile:
    """The release copy of the signed-off current version, with every redact finding removed from the file.

    The copy is built once, by a job (reviewer/release_jobs.py), and then served as stored. ReleasePending (202)
    while it is queued or being built; WorkflowError 409 when its check refused it (or the build failed).
    """
    from . import release_jobs
    version, decision = _releasable(session, document)
    name = f"{document.title}（发布稿）{version.extension}"
    mimetype = MIMETYPES.get(version.extension, "application/octet-stream")
    if not builds_copies():
        redacts = session.execute(select(Finding.id).where(Finding.version_id == version.id,
                                                           Finding.resolution == "redact")).first()
        if decision.disclosure != "主动公开" or redacts:
            raise WorkflowError("release_unavailable", 409, "发布稿生成模块尚未安装，目前只能发布无需删除内容的“主动公开”文件。"
                                                            "请联系管理员。")
        audit.record(session, "release", user, document_id=document.id, version_sha256=version.sha256, ip=ip,
                     details={"disclosure": decision.disclosure, "removed": 0})
        return ReleaseFile(_plain_public_copy(stored_path(version, storage_dir), storage_dir, version), name, mimetype)
    copy = release_jobs.requested(session, version, decision)
    if copy.status in release_jobs.ACTIVE:
        raise ReleasePending(copy)
    if copy.status != "ready":
        code = "release_refused" if copy.status == "refused" else "release_failed"
        raise WorkflowError(code, 409, copy.message or "发布稿未能生成。请重新生成，仍失败请联系管理员。")
    audit.record(session, "release", user, document_id=document.id, version_sha256=version.sha256, ip=ip,
                 details={"disclosure": decision.disclosure, "removed": copy.removed_count})
    return ReleaseFile(Path(storage_dir) / release_jobs.RELEASES / copy.file_name, name, mimetype,
                       tuple(copy.removed or ()))


def release_copy_of(session: Session, document: Document) -> ReleaseCopy | None:
    """The release copy of the current version's signed-off decision, if one has been asked for (pages, the API)."""
    version = current_version(session, document)
    done = signed_off(session, version)
    if done is None or done[0].disclosure == "不予公开":
        return None
    from .release_jobs import copy_for
    return copy_for(session, version.id, done[0].id)


def retry_release(session: Session, user: User, document: Document, *, ip: str | None = None) -> ReleaseCopy:
    """Queue again a copy whose check refused it or whose build failed (the caller commits, then submits it)."""
    require_role(user, "reviewer", "approver")
    from .release_jobs import copy_for
    version, decision = _releasable(session, document)
    copy = copy_for(session, version.id, decision.id)
    if copy is None or copy.status not in ("refused", "failed"):
        raise WorkflowError("not_refused", 409, "发布稿没有被拒绝（正在生成或已可下载），无需重新生成。")
    previous = copy.message
    copy.status, copy.message, copy.claim_token, copy.attempts = "queued", None, None, 0
    copy.requested_at, copy.started_at, copy.finished_at = utcnow(), None, None
    audit.record(session, "release_retry", user, document_id=document.id, version_sha256=version.sha256, ip=ip,
                 details={"previous": previous})
    return copy


def _plain_public_copy(source: Path, storage_dir: str | Path, version: Version) -> Path:
    """The file to send for a 主动公开 release without redactions: the stored one, or its decrypted copy."""
    from .crypto import decrypt_to, is_encrypted, key_from_env
    if not is_encrypted(source):
        return source
    dest = Path(storage_dir) / "releases" / f"{version.sha256}-public{version.extension}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    decrypt_to(source, dest, key_from_env())
    return dest


def review_record(session: Session, user: User, document: Document, fmt: str = "pdf", *,
                  ip: str | None = None) -> tuple[bytes, str]:
    """The printable 保密审查单 of the current version's decision, as PDF (or .docx) bytes and a download name."""
    rr = _optional("reviewer.review_record")
    version = current_version(session, document)
    from .workflow_rules import latest_decision, latest_signoff
    decision = latest_decision(session, version)
    if rr is None or not hasattr(rr, f"render_{fmt}"):
        raise WorkflowError("record_unavailable", 409, "保密审查单模块尚未安装。请联系管理员。")
    if decision is None:
        raise WorkflowError("no_decision", 409, "尚未作出公开属性决定，暂无保密审查单。")
    signoff = latest_signoff(session, version)
    signed = signoff if signoff and signoff.decision_id == decision.id and signoff.outcome == "approved" else None
    findings = session.execute(select(Finding).where(Finding.version_id == version.id)
                               .order_by(Finding.seq)).scalars().all()
    from .workflow_text import chinese_datetime
    record = rr.ReviewRecord(
        title=document.title, filename=version.original_name, version_number=version.number, sha256=version.sha256,
        uploaded_by=version.uploaded_by.label, uploaded_at=chinese_datetime(version.uploaded_at),
        reviewed_by=decision.decided_by.label, reviewed_at=chinese_datetime(decision.decided_at),
        signed_by=signed.approver.label if signed else "", signed_at=chinese_datetime(signed.at) if signed else "",
        disclosure=decision.disclosure, basis=BASIS_LABELS.get(decision.basis or "", ""), comment=decision.comment,
        findings=[rr.RecordFinding(type_label(f.type), f.text, _where(rr, f.location),
                                   "删除" if f.resolution == "redact" else "保留", f.reason or "") for f in findings],
        office=document.office_unit)
    try:
        data = getattr(rr, f"render_{fmt}")(record)
    except NotImplementedError:
        raise WorkflowError("record_unavailable", 409, "保密审查单的版式尚未完成。请稍后再试或联系管理员。") from None
    audit.record(session, "record", user, document_id=document.id, version_sha256=version.sha256, ip=ip,
                 details={"format": fmt})
    return data, f"{document.title}（保密审查单）.{fmt}"


def _where(rr, location: dict) -> str:
    if hasattr(rr, "location_label"):
        return rr.location_label(location or {})
    from .workflow_text import describe
    return describe(location)
