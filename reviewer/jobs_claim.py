"""A scan job's claim on its version: taken by one atomic UPDATE, kept alive by a heartbeat, recovered when stale."""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from typing import Iterator

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from .db.models import Version, utcnow

log = logging.getLogger(__name__)

STALE_ENV = "REVIEWER_SCAN_STALE_SECONDS"
ATTEMPTS_ENV = "REVIEWER_SCAN_MAX_ATTEMPTS"
DELAY_ENV = "REVIEWER_TEST_SCAN_DELAY"   # tests only: seconds a claimed scan waits before it starts


def stale_seconds() -> float:
    """A claim whose heartbeat is older than this is abandoned (its worker died)."""
    return float(os.environ.get(STALE_ENV) or 120)


def max_attempts() -> int:
    """Claims a version may have before an abandoned scan is marked failed instead of retried."""
    return int(os.environ.get(ATTEMPTS_ENV) or 3)


def new_token() -> str:
    """A claim's token: "random:pid@host", so a stuck claim names the process that took it."""
    return f"{uuid.uuid4().hex[:16]}:{os.getpid()}@{socket.gethostname()[:38]}"


def claim(session: Session, version_id: int) -> str | None:
    """Claim a queued version for this job; the token ("random:pid@host"), or None when it is not queued.

    One UPDATE … WHERE scan_status = 'queued': of two deliveries of the same job, exactly one gets a row.
    """
    token, now = new_token(), utcnow()
    result = session.execute(
        update(Version).where(Version.id == version_id, Version.scan_status == "queued")
        .values(scan_status="scanning", claim_token=token, claimed_at=now, heartbeat_at=now,
                scan_attempts=Version.scan_attempts + 1)
        .execution_options(synchronize_session=False))
    session.commit()
    return token if result.rowcount == 1 else None


def still_mine(session: Session, version_id: int, token: str) -> bool:
    """In the transaction that writes the results: lock the version row and check the claim is still ours."""
    result = session.execute(
        update(Version).where(Version.id == version_id, Version.claim_token == token,
                              Version.scan_status == "scanning")
        .values(heartbeat_at=utcnow()).execution_options(synchronize_session=False))
    return result.rowcount == 1


@contextmanager
def keep_alive(session_factory: sessionmaker[Session], model: type, row_id: int, token: str,
               label: str) -> Iterator[None]:
    """Touch model.heartbeat_at of the claimed row every few seconds while the job runs, so that a dead worker's
    claim is seen to be stale. model is a mapped class with id, claim_token and heartbeat_at (Version, ReleaseCopy);
    label names the row in the log ("version", "release copy")."""
    stop = threading.Event()
    every = max(stale_seconds() / 4, 0.5)

    def beat() -> None:
        while not stop.wait(every):
            try:
                with session_factory() as s:
                    s.execute(update(model).where(model.id == row_id, model.claim_token == token)
                              .values(heartbeat_at=utcnow()).execution_options(synchronize_session=False))
                    s.commit()
            except Exception:  # a missed beat only makes the claim look older
                log.warning("heartbeat of %s %s failed", label, row_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__tablename__}-{row_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


@contextmanager
def heartbeat(session_factory: sessionmaker[Session], version_id: int, token: str) -> Iterator[None]:
    """A scan's heartbeat (keep_alive on its version); REVIEWER_TEST_SCAN_DELAY holds the claimed scan back first."""
    with keep_alive(session_factory, Version, version_id, token, "version"):
        delay = float(os.environ.get(DELAY_ENV) or 0)
        if delay:
            time.sleep(delay)
        yield


def recover_stale(session_factory: sessionmaker[Session], version_ids: list[int] | None = None) -> list[int]:
    """Abandoned scans (heartbeat older than stale_seconds()): queued again, or failed after max_attempts().

    Returns the ids queued again (the caller submits them). Each change is one conditional UPDATE on the
    stale claim's token, so two workers recovering at once change a version once.
    """
    from . import audit
    from .workflow_rules import refresh_document
    cutoff = utcnow() - timedelta(seconds=stale_seconds())
    requeued: list[int] = []
    with session_factory() as session:
        query = select(Version.id, Version.claim_token, Version.scan_attempts).where(
            Version.scan_status == "scanning", Version.heartbeat_at < cutoff)
        if version_ids is not None:
            query = query.where(Version.id.in_(version_ids))
        for vid, token, attempts in session.execute(query).all():
            stale = (Version.id == vid, Version.claim_token == token, Version.scan_status == "scanning")
            if attempts < max_attempts():
                done = session.execute(update(Version).where(*stale).values(scan_status="queued", claim_token=None)
                                       .execution_options(synchronize_session=False)).rowcount
                session.commit()
                if done:
                    log.warning("scan of version %s was abandoned (attempt %s); queued again", vid, attempts)
                    requeued.append(vid)
                continue
            audit.hold_chain(session)
            error = {"code": "worker_lost",
                     "message": f"扫描进程在处理中意外退出（已尝试 {attempts} 次）。请点击“重新扫描”；仍失败请联系管理员。"}
            done = session.execute(update(Version).where(*stale)
                                   .values(scan_status="failed", scan_error=error, claim_token=None)
                                   .execution_options(synchronize_session=False)).rowcount
            if done:
                version = session.get(Version, vid)
                session.refresh(version)
                refresh_document(session, version.document)
                audit.record(session, "scan_failed", "system", document_id=version.document_id,
                             version_sha256=version.sha256, details={"error": error, "attempts": attempts})
            session.commit()
    return requeued
