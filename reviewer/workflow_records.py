"""A document as plain data (the SPEC API's document record), built from the same queries the web pages use."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db.models import Document, Finding, Version
from .workflow import current_version, signed_off, version_state
from .workflow_rules import BASIS_LABELS, finding_counts, latest_decision, latest_signoff


def _when(dt) -> str | None:
    return dt.isoformat() if dt else None


def version_record(session: Session, version: Version) -> dict[str, Any]:
    return {"id": version.id, "number": version.number, "sha256": version.sha256, "file": version.original_name,
            "format": version.format, "size": version.size, "uploaded_by": version.uploaded_by.name,
            "uploaded_at": _when(version.uploaded_at), "scan_status": version.scan_status,
            "scan_error": version.scan_error, "verdict": version.verdict, "state": version_state(session, version),
            "stats": version.stats, "counts": finding_counts(session, version)}


def document_record(session: Session, document: Document, *, with_findings: bool = True) -> dict[str, Any]:
    """`id, title, versions, state, verdict, findings (with id and resolution), decision, signoff` of SPEC's API."""
    current = current_version(session, document)
    decision, signoff = latest_decision(session, current), latest_signoff(session, current)
    record: dict[str, Any] = {
        "id": document.id, "title": document.title, "office_unit": document.office_unit,
        "created_by": document.created_by.name, "created_at": _when(document.created_at),
        "state": version_state(session, current), "verdict": current.verdict,
        "versions": [version_record(session, v) for v in document.versions],
        "decision": None if decision is None else {
            "disclosure": decision.disclosure, "basis": decision.basis,
            "basis_label": BASIS_LABELS.get(decision.basis or ""), "comment": decision.comment,
            "decided_by": decision.decided_by.name, "decided_at": _when(decision.decided_at)},
        "signoff": None if signoff is None or decision is None or signoff.decision_id != decision.id else {
            "outcome": signoff.outcome, "comment": signoff.comment, "approver": signoff.approver.name,
            "at": _when(signoff.at)},
        "releasable": bool(signed_off(session, current)) and decision is not None and decision.disclosure != "不予公开",
    }
    if with_findings:
        rows = session.execute(select(Finding).where(Finding.version_id == current.id).order_by(Finding.seq)).scalars()
        record["findings"] = [f.to_record() for f in rows]
    return record
