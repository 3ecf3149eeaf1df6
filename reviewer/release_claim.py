"""A release build's claim on its release_copies row: one atomic UPDATE, a heartbeat, taken over when stale."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session, sessionmaker

from .db.models import ReleaseCopy, utcnow
from .jobs_claim import keep_alive, max_attempts, new_token, stale_seconds

log = logging.getLogger(__name__)


def _stale_building(cutoff: datetime):
    return and_(ReleaseCopy.status == "building",
                or_(ReleaseCopy.heartbeat_at.is_(None), ReleaseCopy.heartbeat_at < cutoff))


def claim(session: Session, copy_id: int) -> str | None:
    """Claim a queued copy, or one whose builder died (heartbeat older than stale_seconds()) and has tries left.

    One UPDATE … WHERE: of two jobs for the same copy, exactly one gets the row. Returns the token, or None.
    """
    token, now = new_token(), utcnow()
    cutoff = now - timedelta(seconds=stale_seconds())
    result = session.execute(
        update(ReleaseCopy)
        .where(ReleaseCopy.id == copy_id,
               or_(ReleaseCopy.status == "queued",
                   and_(_stale_building(cutoff), ReleaseCopy.attempts < max_attempts())))
        .values(status="building", claim_token=token, claimed_at=now, heartbeat_at=now, started_at=now,
                attempts=ReleaseCopy.attempts + 1)
        .execution_options(synchronize_session=False))
    session.commit()
    return token if result.rowcount == 1 else None


def give_up_if_abandoned(session: Session, copy_id: int) -> bool:
    """A stale build that has had max_attempts() tries: marked failed (a person may retry it). True if so."""
    cutoff = utcnow() - timedelta(seconds=stale_seconds())
    message = (f"发布稿生成进程多次意外退出（已尝试 {max_attempts()} 次）。"
               "请点击“重新生成发布稿”；仍失败请联系管理员。")
    result = session.execute(
        update(ReleaseCopy).where(ReleaseCopy.id == copy_id, _stale_building(cutoff),
                                  ReleaseCopy.attempts >= max_attempts())
        .values(status="failed", message=message, claim_token=None, finished_at=utcnow())
        .execution_options(synchronize_session=False))
    session.commit()
    return result.rowcount == 1


def still_mine(session: Session, copy_id: int, token: str) -> bool:
    """In the transaction that writes the result: lock the row and check the claim is still this job's."""
    result = session.execute(
        update(ReleaseCopy).where(ReleaseCopy.id == copy_id, ReleaseCopy.claim_token == token,
                                  ReleaseCopy.status == "building")
        .values(heartbeat_at=utcnow()).execution_options(synchronize_session=False))
    return result.rowcount == 1


def is_stale(copy: ReleaseCopy) -> bool:
    """Whether a building copy's builder has stopped beating (the page or the API then queues it again)."""
    if copy.status != "building":
        return False
    beat = copy.heartbeat_at
    if beat is None:
        return True
    if beat.tzinfo is None:  # SQLite hands back naive UTC
        beat = beat.replace(tzinfo=timezone.utc)
    return (utcnow() - beat).total_seconds() > stale_seconds()


def heartbeat(session_factory: sessionmaker[Session], copy_id: int, token: str):
    """Touch heartbeat_at while the copy is built, so a dead builder's claim is seen to be stale (a context manager)."""
    return keep_alive(session_factory, ReleaseCopy, copy_id, token, "release copy")
