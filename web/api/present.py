"""Documents, versions, findings, decisions and sign-offs as the API's JSON (the shapes openapi.py describes)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer import workflow
from reviewer.db.models import Decision, Document, Finding, SignOff, User, Version
from reviewer.workflow_release import builds_copies, release_copy_of
from reviewer.workflow_rules import BASIS_LABELS, finding_counts, latest_decision, latest_signoff


def iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    if dt.tzinfo is None:  # SQLite hands back naive UTC
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).isoformat()


def name(user: User | None) -> str | None:
    return user.name if user is not None else None


def version_json(db: Session, v: Version) -> dict[str, Any]:
    return {"id": v.id, "number": v.number, "sha256": v.sha256, "filename": v.original_name, "format": v.format,
            "size": v.size, "uploaded_by": name(v.uploaded_by), "uploaded_at": iso(v.uploaded_at),
            "scan_status": v.scan_status, "scan_error": v.scan_error, "verdict": v.verdict,
            "state": workflow.version_state(db, v), "stats": v.stats, "notes": v.notes}


def finding_json(f: Finding) -> dict[str, Any]:
    record = f.to_record()
    record.update(version_id=f.version_id, resolved_by=name(f.resolved_by), resolved_at=iso(f.resolved_at))
    return record


def decision_json(db: Session, d: Decision | None) -> dict[str, Any] | None:
    if d is None:
        return None
    v = db.get(Version, d.version_id)
    return {"id": d.id, "version": v.number, "disclosure": d.disclosure, "basis": d.basis,
            "basis_label": BASIS_LABELS.get(d.basis or ""), "comment": d.comment or "",
            "decided_by": name(d.decided_by), "decided_at": iso(d.decided_at)}


def signoff_json(db: Session, s: SignOff | None) -> dict[str, Any] | None:
    if s is None:
        return None
    v = db.get(Version, s.version_id)
    return {"id": s.id, "version": v.number, "decision_id": s.decision_id, "outcome": s.outcome,
            "comment": s.comment or "", "approver": name(s.approver), "at": iso(s.at)}


_WAITING = {
    "扫描中": ("scanning", "正在扫描，尚未审查。请稍后再查询。"),
    "扫描失败": ("scan_failed", "扫描失败，未经审查。请起草人处理后重新扫描或上传。"),
    "待审查": ("in_review", "尚未完成保密审查，不能发布。"),
    "审查中": ("in_review", "保密审查进行中，不能发布。"),
    "待签发": ("awaiting_signoff", "已作出公开属性决定，等待签发人签发，暂不能发布。"),
    "退回修改": ("returned", "签发人已退回修改，不能发布。请起草人修改后上传新版本。"),
}


def publication(db: Session, doc: Document) -> dict[str, Any]:
    """May this document be published on the website now? With the reason and, if so, where the release copy is."""
    current = workflow.current_version(db, doc)
    state = workflow.version_state(db, current)
    answer = {"publishable": False, "state": state, "version": current.number, "sha256": current.sha256,
              "disclosure": None, "signed_off_at": None, "release_url": None, "release_status": None,
              "release_message": None}
    done = workflow.signed_off(db, current)
    if done is None:
        code, reason = _WAITING.get(state, ("not_signed_off", "尚未签发，不能发布。"))
        return {**answer, "code": code, "reason": reason}
    decision, signoff = done
    answer.update(disclosure=decision.disclosure, signed_off_at=iso(signoff.at))
    if decision.disclosure == "不予公开":
        return {**answer, "code": "not_public", "reason": "公开属性为“不予公开”，不得发布。"}
    answer["release_url"] = url_for("api.get_release", document_id=doc.id)
    answer.update(release_state(db, doc))
    if decision.disclosure == "依申请公开":
        return {**answer, "code": "on_request",
                "reason": "公开属性为“依申请公开”：不在网站主动发布，仅在收到公开申请时提供发布稿。"}
    return {**answer, "publishable": True, "code": "signed_off",
            "reason": f"已签发（{decision.disclosure}）。请发布 release_url 提供的发布稿，不要发布原稿。"}


def release_state(db: Session, doc: Document) -> dict[str, Any]:
    """release_status and release_message of a signed-off document's release copy (built in the background)."""
    if not builds_copies():
        return {"release_status": "ready", "release_message": None}  # served as stored, nothing to build
    copy = release_copy_of(db, doc)
    if copy is None:
        return {"release_status": "not_started", "release_message": None}
    return {"release_status": copy.status, "release_message": copy.message}


def document_summary(db: Session, doc: Document) -> dict[str, Any]:
    current = workflow.current_version(db, doc)
    return {"id": doc.id, "title": doc.title, "office_unit": doc.office_unit, "state": workflow.version_state(db, current),
            "verdict": current.verdict, "created_by": name(doc.created_by), "created_at": iso(doc.created_at),
            "updated_at": iso(doc.updated_at), "current_version": version_json(db, current),
            "url": url_for("api.get_document", document_id=doc.id)}


def document_json(db: Session, doc: Document) -> dict[str, Any]:
    """One document: its versions, the current version's findings with resolutions, decision, sign-off, publication."""
    current = workflow.current_version(db, doc)
    versions = db.execute(select(Version).where(Version.document_id == doc.id).order_by(Version.number)).scalars()
    findings = db.execute(select(Finding).where(Finding.version_id == current.id).order_by(Finding.seq)).scalars()
    decision = latest_decision(db, current)
    signoff = latest_signoff(db, current)
    if signoff is not None and (decision is None or signoff.decision_id != decision.id):
        signoff = None  # a sign-off of an earlier decision is history, not this decision's
    return {**document_summary(db, doc), "versions": [version_json(db, v) for v in versions],
            "findings": [finding_json(f) for f in findings], "counts": finding_counts(db, current),
            "decision": decision_json(db, decision), "signoff": signoff_json(db, signoff),
            "publication": publication(db, doc)}


def release_copy_json(copy, document_id: int, message: str, retry_after: int) -> dict[str, Any]:
    """A release copy's state (the answer of POST …/release/retry): where it is, and what a CMS does next."""
    return {"status": copy.status, "message": message, "requested_at": iso(copy.requested_at),
            "started_at": iso(copy.started_at), "finished_at": iso(copy.finished_at),
            "release_url": url_for("api.get_release", document_id=document_id), "retry_after": retry_after}
