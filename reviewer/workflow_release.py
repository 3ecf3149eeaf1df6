"""Release: the release copy of a signed-off version and the printable 保密审查单, behind the workflow's gates."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .db.models import Decision, Document, Finding, SignOff, User, Version
from .crypto import plain_path
from .findings import label as type_label
from .workflow import current_version, signed_off, stored_path
from .workflow_errors import WorkflowError
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


def release(session: Session, user: User, document: Document, *, storage_dir: str | Path,
            ip: str | None = None) -> ReleaseFile:
    """The release copy of the signed-off current version, with every redact finding removed from the file."""
    version, decision, _signoff = _signed_current(session, document)
    if decision.disclosure == "不予公开":
        raise WorkflowError("not_public", 409, "该文件的公开属性为“不予公开”，没有发布稿。")
    source = stored_path(version, storage_dir)
    name = f"{document.title}（发布稿）{version.extension}"
    mimetype = MIMETYPES.get(version.extension, "application/octet-stream")
    release_mod = _optional("reviewer.release")
    redacts = session.execute(select(Finding.id).where(Finding.version_id == version.id,
                                                       Finding.resolution == "redact")).first()
    if release_mod is None:
        if decision.disclosure != "主动公开" or redacts:
            raise WorkflowError("release_unavailable", 409, "发布稿生成模块尚未安装，目前只能发布无需删除内容的“主动公开”文件。"
                                                            "请联系管理员。")
        audit.record(session, "release", user, document_id=document.id, version_sha256=version.sha256, ip=ip,
                     details={"disclosure": decision.disclosure, "removed": 0})
        return ReleaseFile(_plain_public_copy(source, storage_dir, version), name, mimetype)
    dest = Path(storage_dir) / "releases" / f"{version.sha256}-d{decision.id}{version.extension}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    targets = redaction_targets(session, version)
    try:
        with plain_path(source) as plain:  # a decrypted temporary copy when stored encrypted
            result = release_mod.make_release_copy(plain, version.format or version.extension.lstrip("."),
                                                   targets, dest)
    except release_mod.ReleaseRefused as exc:
        audit.record(session, "release_refused", user, document_id=document.id, version_sha256=version.sha256,
                     ip=ip, details={"message": exc.message})
        session.commit()  # the refusal is recorded even though the download fails
        raise WorkflowError("release_refused", 409, exc.message) from None
    audit.record(session, "release", user, document_id=document.id, version_sha256=version.sha256, ip=ip,
                 details={"disclosure": decision.disclosure, "removed": len(targets)})
    return ReleaseFile(result.path, name, mimetype, tuple(result.removed))


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
