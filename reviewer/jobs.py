"""Scan jobs behind one interface, submit_scan(version_id): in-process thread pool now, Celery later.

The job itself, scan_version(version_id), is a plain top-level function taking an id, so any
backend can run it; it opens its own session from the configured runtime.
"""
from __future__ import annotations

import bisect
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from . import audit, jobs_claim
from .db.models import Finding, TextSegment, User, Version, utcnow
from .document import Detection, Segment
from .limits import Limits
from .workflow_errors import WorkflowError, require_role

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    session_factory: sessionmaker[Session]
    storage_dir: Path
    sync: bool = False
    workers: int = 2
    scanner: Any = None          # None: the configured detectors (reviewer.pipeline.default_scanner)
    limits: Limits | None = None
    # redis://…: scans go to Celery workers (reviewer/jobs_celery.py); None: this process's thread pool
    broker_url: str | None = field(default_factory=lambda: os.environ.get("REVIEWER_BROKER_URL") or None)


_runtime: Runtime | None = None
_executor: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def configure(runtime: Runtime) -> None:
    global _runtime, _executor
    with _lock:
        _runtime = runtime
        if _executor is not None:
            _executor.shutdown(wait=False)
        _executor = None if runtime.sync or runtime.broker_url else ThreadPoolExecutor(runtime.workers, thread_name_prefix="scan")


def runtime() -> Runtime:
    if _runtime is None:  # a worker process: build it from the environment
        from . import config
        from .db import make_engine, make_session_factory
        settings = config.load()
        configure(Runtime(make_session_factory(make_engine(settings["DATABASE_URL"])),
                          Path(settings["STORAGE_DIR"]), sync=True))
    return _runtime


def submit_scan(version_id: int) -> None:
    """Queue the scan of a version (call after the upload is committed)."""
    rt = runtime()
    if rt.broker_url:
        from . import jobs_celery
        jobs_celery.submit(rt.broker_url, version_id, wait=rt.sync)
    elif rt.sync or _executor is None:
        scan_version(version_id)
    else:
        _executor.submit(scan_version, version_id)


def wait_idle(timeout: float = 30.0) -> None:
    """Block until the queued scans are done (tests, shutdown)."""
    if _executor is not None:
        _executor.submit(lambda: None).result(timeout)


class RecordingScanner:
    """Passes each segment to the real scanner and keeps it, so the review page can show the text."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.segments: list[Segment] = []

    def scan(self, segment: Segment) -> list[Detection]:
        self.segments.append(segment)
        return self.inner.scan(segment)


def scan_version(version_id: int) -> str:
    """The job: claim the version, scan its stored file, store its findings and text (or its error).

    Returns "done", "failed", or "skipped" (another job has claimed it, or it is not queued). Results and
    status are written in one transaction, and only while the claim is still this job's (jobs_claim.py).
    """
    from .crypto import plain_path
    from .pipeline import default_scanner, scan_file
    from .workflow import stored_path
    from .workflow_rules import refresh_document
    rt = runtime()
    with rt.session_factory() as session:
        token = jobs_claim.claim(session, version_id)
        if token is None:
            return "skipped"
        version = session.get(Version, version_id)
        session.commit()  # no transaction stays open while the file is scanned
        try:
            with jobs_claim.heartbeat(rt.session_factory, version_id, token):
                recorder = RecordingScanner(rt.scanner or default_scanner())
                with plain_path(stored_path(version, rt.storage_dir)) as source:  # decrypted copy if encrypted
                    report = scan_file(source, scanner=recorder, limits=rt.limits,
                                       display_path=version.original_name)
            audit.hold_chain(session)
            if not jobs_claim.still_mine(session, version_id, token):
                session.rollback()
                log.warning("scan of version %s finished after its claim was taken over; result dropped", version_id)
                return "skipped"
            if report.status == "ok":
                _store_results(session, version, report, recorder.segments)
            else:
                version.scan_status, version.scan_error = "failed", report.error
                version.format = report.format
            version.scanned_at = utcnow()
            refresh_document(session, version.document)
            audit.record(session, "scan" if report.status == "ok" else "scan_failed", "system",
                         document_id=version.document_id, version_sha256=version.sha256,
                         details={"verdict": report.verdict, "findings": len(report.findings),
                                  "error": report.error})
            session.commit()
            return "done" if report.status == "ok" else "failed"
        except Exception as exc:  # the database or a bug: the version shows the failure and can be retried
            log.exception("scan of version %s failed", version_id)
            session.rollback()
            audit.hold_chain(session)
            if not jobs_claim.still_mine(session, version_id, token):
                session.rollback()
                return "skipped"
            version = session.get(Version, version_id)
            version.scan_status = "failed"
            version.scan_error = {"code": "internal", "message": f"扫描时出现内部错误（{type(exc).__name__}）。"
                                                                 "请点击“重新扫描”；仍失败请联系管理员。"}
            refresh_document(session, version.document)
            session.commit()
            return "failed"


def _store_results(session: Session, version: Version, report, segments: list[Segment]) -> None:
    audit.hold_chain(session)  # before the raw inserts below take the database's write lock
    session.execute(delete(Finding).where(Finding.version_id == version.id))
    session.execute(delete(TextSegment).where(TextSegment.version_id == version.id))
    # rows are built and inserted 1,000 at a time: a 100,000-row workbook's 500,000 findings never
    # exist as one list of dicts beside the Finding objects
    starts, offset = [], 0
    for seg in segments:
        starts.append(offset)
        offset += len(seg.text) + 1

    def segment_of(f) -> int | None:
        return bisect.bisect_right(starts, f.start) - 1 if starts else None

    with_findings = {segment_of(f) for f in report.findings}
    batch: list[dict] = []
    for seq, seg in enumerate(segments):
        batch.append({"version_id": version.id, "seq": seq, "start": starts[seq], "text": seg.text,
                      "part": seg.location.part, "location": seg.location.to_dict(), "concealed": seg.concealed,
                      "has_findings": seq in with_findings})
        if len(batch) == 1000:
            session.execute(insert(TextSegment), batch)
            batch = []
    if batch:
        session.execute(insert(TextSegment), batch)
        batch = []
    for seq, f in enumerate(report.findings):
        d = f.to_dict()
        batch.append({"version_id": version.id, "seq": seq, "segment_seq": segment_of(f), "type": f.type,
                      "category": f.category, "severity": f.severity, "text": f.text, "score": d["score"],
                      "location": d["location"], "part": f.location.part, "start": f.start, "end": f.end,
                      "context": f.context, "masked": f.masked, "detail": f.detail,
                      "explanation": f.explanation})
        if len(batch) == 1000:
            session.execute(insert(Finding), batch)
            batch = []
    if batch:
        session.execute(insert(Finding), batch)
    version.scan_status, version.scan_error = "done", None
    version.format, version.verdict = report.format, report.verdict
    version.stats = {"chars": report.chars, "pages": report.pages, "seconds": round(report.seconds, 3),
                     "findings": len(report.findings)}
    version.notes = report.notes or None


def retry_scan(session: Session, user: User, version: Version, *, ip: str | None = None) -> None:
    """Queue a failed scan again (the caller commits, then calls submit_scan)."""
    require_role(user, "drafter", "reviewer", "admin")
    if version.scan_status != "failed":
        raise WorkflowError("not_failed", 409, "只有扫描失败的版本可以重新扫描。")
    from .workflow_rules import refresh_document
    version.scan_status, version.scan_error, version.scan_attempts = "queued", None, 0
    refresh_document(session, version.document)
    audit.record(session, "scan_retry", user, document_id=version.document_id, version_sha256=version.sha256, ip=ip)


def resubmit_unfinished(session_factory: sessionmaker[Session], submit: Callable[[int], None] = submit_scan) -> int:
    """Queue again the scans a stopped server left queued or half done; returns how many."""
    if runtime().broker_url:  # workers elsewhere may be scanning now: take back only abandoned claims
        ids = jobs_claim.recover_stale(session_factory)
        with session_factory() as session:
            ids += session.execute(select(Version.id).where(Version.scan_status == "queued")).scalars().all()
        for vid in dict.fromkeys(ids):
            submit(vid)
        return len(set(ids))
    with session_factory() as session:
        stuck = session.execute(select(Version).where(Version.scan_status.in_(("queued", "scanning")))).scalars().all()
        for v in stuck:
            v.scan_status = "queued"
        session.commit()
        ids = [v.id for v in stuck]
    for vid in ids:
        submit(vid)
    return len(ids)
