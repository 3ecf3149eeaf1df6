"""Release-copy jobs: queue the 发布稿 of a signed-off decision, build it once in the background, keep it for downloads."""
from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from . import audit, jobs, release_claim
from .db.models import Decision, ReleaseCopy, Version, utcnow

log = logging.getLogger(__name__)

RELEASES = "releases"              # the folder under storage_dir that holds the built copies
ACTIVE = ("queued", "building")     # a download answers "being prepared" (202)
RELEASE_WORKERS = 1                 # threads of the in-process pool: a long PDF must not hold up the scans

_pool: tuple[jobs.Runtime, ThreadPoolExecutor] | None = None
_pending: set[int] = set()          # copies submitted to this process's pool and not finished yet
_lock = threading.Lock()


def file_name(version: Version, decision: Decision) -> str:
    """The stored copy's name: the version's SHA-256, the decision's id, the extension (nothing a user typed)."""
    return f"{version.sha256}-d{decision.id}{version.extension}"


def copy_for(session: Session, version_id: int, decision_id: int) -> ReleaseCopy | None:
    return session.execute(select(ReleaseCopy).where(ReleaseCopy.version_id == version_id,
                                                     ReleaseCopy.decision_id == decision_id)).scalar_one_or_none()


def queue_copy(session: Session, version: Version, decision: Decision) -> ReleaseCopy:
    """The copy of (version, decision), added as queued when there is none (the caller commits, then start())."""
    copy = copy_for(session, version.id, decision.id)
    if copy is None:
        copy = ReleaseCopy(version_id=version.id, decision_id=decision.id, status="queued", requested_at=utcnow())
        session.add(copy)
        session.flush()
    return copy


def start(version_id: int, decision_id: int) -> None:
    """After the sign-off is committed: submit the build of its copy, if one is queued."""
    with jobs.runtime().session_factory() as session:
        copy = copy_for(session, version_id, decision_id)
        copy_id = copy.id if copy is not None and copy.status == "queued" else None
    if copy_id is not None:
        submit(copy_id)


def requested(session: Session, version: Version, decision: Decision) -> ReleaseCopy:
    """For a download: the copy of (version, decision), queued and submitted if it does not exist yet (a document
    signed off before copies were built in the background), submitted again if its job was lost, rebuilt if its file
    is gone. Commits the session. In sync mode the copy is built before this returns."""
    session.commit()  # the job opens its own session: nothing of this one may hold the database meanwhile
    copy = copy_for(session, version.id, decision.id)
    if copy is None:
        try:
            copy = queue_copy(session, version, decision)
            session.commit()
        except IntegrityError:  # another request queued it at the same moment
            session.rollback()
            copy = copy_for(session, version.id, decision.id)
        _submit_and_refresh(session, copy)
    elif copy.status == "ready" and not (Path(jobs.runtime().storage_dir) / RELEASES / (copy.file_name or "")).is_file():
        log.warning("release copy %s lost its file; building it again", copy.id)
        copy.status, copy.file_name, copy.attempts, copy.requested_at = "queued", None, 0, utcnow()
        session.commit()
        _submit_and_refresh(session, copy)
    elif _lost(copy):
        _submit_and_refresh(session, copy)
    return copy


def _lost(copy: ReleaseCopy) -> bool:
    """Whether a queued or building copy has nobody working on it, so that a download submits it again.

    Building: its builder stopped beating. Queued: in sync mode nobody builds it unless asked; in this process's
    pool, it is not waiting there (the process that queued it stopped); with Celery, Redis keeps the task, so only
    one queued for longer than REVIEWER_VISIBILITY_SECONDS (the broker's own redelivery time) counts as lost.
    """
    if copy.status == "building":
        return release_claim.is_stale(copy)
    if copy.status != "queued":
        return False
    rt = jobs.runtime()
    if rt.sync:
        return True
    if not rt.broker_url:
        with _lock:
            return copy.id not in _pending
    asked = copy.requested_at if copy.requested_at.tzinfo else copy.requested_at.replace(tzinfo=utcnow().tzinfo)
    return (utcnow() - asked).total_seconds() > float(os.environ.get("REVIEWER_VISIBILITY_SECONDS") or 3600)


def _submit_and_refresh(session: Session, copy: ReleaseCopy) -> None:
    submit(copy.id)
    session.refresh(copy)


# ------------------------------------------------------------------ running the job
def _executor(rt: jobs.Runtime) -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None or _pool[0] is not rt:
            if _pool is not None:
                _pool[1].shutdown(wait=False)
            _pool = (rt, ThreadPoolExecutor(RELEASE_WORKERS, thread_name_prefix="release"))
        return _pool[1]


def submit(copy_id: int) -> None:
    """Build the copy: on a Celery worker (REVIEWER_BROKER_URL), inline (sync), or in this process's release pool."""
    rt = jobs.runtime()
    if rt.broker_url:
        from . import jobs_celery
        jobs_celery.submit_release(rt.broker_url, copy_id, wait=rt.sync)
    elif rt.sync:
        build_copy(copy_id)
    else:
        with _lock:
            _pending.add(copy_id)
        _executor(rt).submit(_build_in_pool, copy_id)


def _build_in_pool(copy_id: int) -> str:
    try:
        return build_copy(copy_id)
    finally:
        with _lock:
            _pending.discard(copy_id)


def wait_idle(timeout: float = 60.0) -> None:
    """Block until the release builds submitted to this process's pool are done (tests, shutdown)."""
    if _pool is not None:
        _pool[1].submit(lambda: None).result(timeout)


def build_copy(copy_id: int) -> str:
    """The job: claim the copy, build and check it (reviewer.release.make_release_copy), record the outcome.

    Returns "ready", "refused", "failed", or "skipped" (another job has it, or it is not queued). The outcome is
    written only while the claim is still this job's.
    """
    from .crypto import plain_path
    from .workflow import stored_path
    from .workflow_release import redaction_targets
    rt = jobs.runtime()
    with rt.session_factory() as session:
        token = release_claim.claim(session, copy_id)
        if token is None:
            release_claim.give_up_if_abandoned(session, copy_id)
            return "skipped"
        copy = session.get(ReleaseCopy, copy_id)
        version, decision = session.get(Version, copy.version_id), session.get(Decision, copy.decision_id)
        targets = redaction_targets(session, version)
        source, fmt = stored_path(version, rt.storage_dir), version.format or version.extension.lstrip(".")
        dest = Path(rt.storage_dir) / RELEASES / file_name(version, decision)
        document_id, sha256 = version.document_id, version.sha256
        session.commit()  # no transaction stays open while the copy is built
        began = time.monotonic()
        removed: list[str] = []
        try:
            with release_claim.heartbeat(rt.session_factory, copy_id, token):
                from . import release as release_mod
                try:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with plain_path(source) as plain:  # a decrypted temporary copy when stored encrypted
                        result = release_mod.make_release_copy(plain, fmt, targets, dest, scanner=rt.scanner)
                    outcome, message, removed = "ready", None, list(result.removed)
                except release_mod.ReleaseRefused as exc:
                    outcome, message = "refused", exc.message
        except Exception as exc:  # the database, a missing key, a bug: shown on the page, a person may retry
            log.exception("release copy %s failed", copy_id)
            outcome = "failed"
            message = getattr(exc, "message", None) or (f"生成发布稿时出现内部错误（{type(exc).__name__}）。"
                                                         "请点击“重新生成发布稿”；仍失败请联系管理员。")
        return _finish(session, copy_id, token, outcome=outcome, message=message, removed=removed,
                       count=len(targets), name=dest.name, seconds=time.monotonic() - began,
                       document_id=document_id, sha256=sha256)


def _finish(session: Session, copy_id: int, token: str, *, outcome: str, message: str | None, removed: list[str],
            count: int, name: str, seconds: float, document_id: int, sha256: str) -> str:
    session.rollback()
    audit.hold_chain(session)
    if not release_claim.still_mine(session, copy_id, token):
        session.rollback()
        log.warning("release copy %s finished after its claim was taken over; result dropped", copy_id)
        return "skipped"
    copy = session.get(ReleaseCopy, copy_id)
    session.refresh(copy)
    copy.status, copy.message, copy.finished_at, copy.claim_token = outcome, message, utcnow(), None
    copy.file_name = name if outcome == "ready" else None
    copy.removed_count, copy.removed = (count, removed) if outcome == "ready" else (0, None)
    action = {"ready": "release_built", "refused": "release_refused", "failed": "release_failed"}[outcome]
    details = {"removed": count, "seconds": round(seconds, 1)} if outcome == "ready" else {"message": message}
    audit.record(session, action, "system", document_id=document_id, version_sha256=sha256, details=details)
    session.commit()
    return outcome


def resubmit_unfinished(session_factory: sessionmaker[Session]) -> int:
    """At start-up: submit again the copies a stopped server left queued or half built; returns how many.

    Half-built copies go through release_claim.recover_stale, as in the workers' sweeper: queued again, or failed
    after REVIEWER_SCAN_MAX_ATTEMPTS (a copy that kills its builder each time does not loop). With Celery only
    claims whose heartbeat is stale (workers elsewhere may be building now); without it every building copy (this
    process's pool was the only builder).
    """
    with_broker = bool(jobs.runtime().broker_url)
    recovered = release_claim.recover_stale(session_factory, stale_after=None if with_broker else 0)
    with session_factory() as session:
        queued = session.execute(select(ReleaseCopy.id).where(ReleaseCopy.status == "queued")).scalars().all()
    ids = list(dict.fromkeys([*recovered, *queued]))
    for copy_id in ids:
        submit(copy_id)
    return len(ids)
