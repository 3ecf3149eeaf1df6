"""Retention: delete the originals (and their text) of documents N days after sign-off (release or refusal)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import audit
from .db.models import Document, SignOff, TextSegment, Version
from .storage import path_for

ENV = "REVIEWER_RETENTION_DAYS"
FINAL_STATES = ("已签发", "不予公开")
NOTE = "retention:"


@dataclass
class Removed:
    document_id: int
    version: int
    sha256: str
    signed_at: datetime


def days_from_env() -> float | None:
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return None
    try:
        days = float(raw)
    except ValueError:
        raise ValueError(f"{ENV} 应为天数（例如 365），收到“{raw}”。") from None
    if days < 0:
        raise ValueError(f"{ENV} 不能为负数。")
    return days


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def due(session: Session, days: float, now: datetime | None = None) -> list[tuple[Document, datetime]]:
    """Documents signed off (released or refused) more than `days` ago whose originals are still kept."""
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
    out = []
    for doc in session.execute(select(Document).where(Document.state.in_(FINAL_STATES))).scalars():
        current = doc.versions[-1]
        signed = session.execute(select(SignOff.at).where(SignOff.version_id == current.id,
                                                          SignOff.outcome == "approved")
                                 .order_by(SignOff.id.desc()).limit(1)).scalar_one_or_none()
        if signed is not None and _aware(signed) <= cutoff and any(not _retired(v) for v in doc.versions):
            out.append((doc, _aware(signed)))
    return out


def _retired(version: Version) -> bool:
    return any(isinstance(n, str) and n.startswith(NOTE) for n in (version.notes or []))


def run(session: Session, storage_dir: Path | str, days: float, *, now: datetime | None = None,
        dry_run: bool = False) -> list[Removed]:
    """Delete every version's original file and stored text of the documents due; one audit entry per version.

    The audit entries are committed before the files are unlinked; a run interrupted in between is finished by
    the next run (files of versions already marked are deleted again, without a second entry).
    """
    storage_dir = Path(storage_dir)
    removed: list[Removed] = []
    for doc, signed in due(session, days, now):
        for v in doc.versions:
            if _retired(v):
                continue
            removed.append(Removed(doc.id, v.number, v.sha256, signed))
            if dry_run:
                continue
            when = (now or datetime.now(timezone.utc)).date().isoformat()
            v.notes = list(v.notes or []) + [f"{NOTE}{when} 原文件已按保存期限（{days:g} 天）删除"]
            session.execute(delete(TextSegment).where(TextSegment.version_id == v.id))
            audit.record(session, "retention_delete", "system", document_id=doc.id, version_sha256=v.sha256,
                         details={"version": v.number, "days": days, "signed_off": signed.isoformat(),
                                  "state": doc.state})
    if dry_run:
        return removed
    session.commit()
    for v in session.execute(select(Version)).scalars():
        if _retired(v):
            path_for(storage_dir, v.sha256, v.extension).unlink(missing_ok=True)
            for copy in (storage_dir / "releases").glob(f"{v.sha256}-*"):
                copy.unlink(missing_ok=True)
    return removed
