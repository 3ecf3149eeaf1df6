"""A release build's claim on its release_copies row: one atomic UPDATE, a heartbeat, taken over when stale."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, or_, select, update
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


def _worker_lost(attempts: int) -> str:
    return (f"发布稿生成进程多次意外退出（已尝试 {attempts} 次）。"
            "请点击“重新生成发布稿”；仍失败请联系管理员。")


def _give_up(session: Session, copy_id: int, *where) -> bool:
    """One conditional UPDATE marks an abandoned build failed (a person may retry it), audited release_failed as
    the system. Commits; True if this call changed the row."""
    from . import audit
    from .db.models import Version
    audit.hold_chain(session)
    message = _worker_lost(max_attempts())
    done = session.execute(update(ReleaseCopy).where(ReleaseCopy.id == copy_id, *where)
                           .values(status="failed", message=message, claim_token=None, finished_at=utcnow())
                           .execution_options(synchronize_session=False)).rowcount == 1
    if done:
        copy = session.get(ReleaseCopy, copy_id)
        session.refresh(copy)
        version = session.get(Version, copy.version_id)
        log.warning("release copy %s was abandoned %s times; marked failed", copy_id, copy.attempts)
        audit.record(session, "release_failed", "system", document_id=version.document_id,
                     version_sha256=version.sha256,
                     details={"message": message, "code": "worker_lost", "attempts": copy.attempts})
    session.commit()
    return done


def give_up_if_abandoned(session: Session, copy_id: int) -> bool:
    """A stale build that has had max_attempts() tries: marked failed (a person may retry it). True if so."""
    cutoff = utcnow() - timedelta(seconds=stale_seconds())
    return _give_up(session, copy_id, _stale_building(cutoff), ReleaseCopy.attempts >= max_attempts())


def recover_stale(session_factory: sessionmaker[Session], copy_ids: list[int] | None = None, *,
                  stale_after: float | None = None) -> list[int]:
    """Abandoned release builds (heartbeat older than stale_after, default stale_seconds()): queued again, or failed
    after max_attempts() (audited release_failed, as the scans' recover_stale does with scan_failed).

    Returns the ids queued again (the caller submits them). Each change is one conditional UPDATE on the stale
    claim's token, so two sweepers recovering at once change a copy once. stale_after=0 (start-up of a server
    whose own pool was the only builder): every building copy counts as abandoned.
    """
    cutoff = utcnow() - timedelta(seconds=stale_seconds() if stale_after is None else stale_after)
    requeued: list[int] = []
    with session_factory() as session:
        query = select(ReleaseCopy.id, ReleaseCopy.claim_token, ReleaseCopy.attempts).where(_stale_building(cutoff))
        if copy_ids is not None:
            query = query.where(ReleaseCopy.id.in_(copy_ids))
        for copy_id, token, attempts in session.execute(query).all():
            stale = (ReleaseCopy.claim_token == token, _stale_building(cutoff))
            if attempts >= max_attempts():
                _give_up(session, copy_id, *stale)
                continue
            done = session.execute(update(ReleaseCopy).where(ReleaseCopy.id == copy_id, *stale)
                                   .values(status="queued", claim_token=None, requested_at=utcnow())
                                   .execution_options(synchronize_session=False)).rowcount
            session.commit()
            if done:
                log.warning("release copy %s was abandoned (attempt %s); queued again", copy_id, attempts)
                requeued.append(copy_id)
    return requeued


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
