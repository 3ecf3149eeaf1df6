"""The Celery backend of the scan and release-copy jobs: web processes enqueue, `reviewer worker` processes run them.

Redis is the broker and the result backend. A task is acknowledged only when it has finished (acks_late) and
put back when its worker process dies (reject_on_worker_lost); the version's claim (jobs_claim.py) or the release
copy's (release_claim.py) makes a second delivery harmless. Abandoned claims are taken back by the task itself (its
retry) and by each worker's sweeper, scans and release builds alike; a release build also by the next download.
"""
from __future__ import annotations

import importlib
import logging
import os
import threading

from celery import Celery, Task
from celery.signals import worker_process_init, worker_ready, worker_shutdown

from . import jobs_claim

log = logging.getLogger(__name__)

QUEUE = "scans"
SCANNER_ENV = "REVIEWER_TEST_SCANNER"   # tests only: "module:Class" of the scanner the workers use
_apps: dict[str, Celery] = {}
_lock = threading.Lock()


def get_app(broker_url: str) -> Celery:
    """The Celery app for this broker (one per process and URL), with the scan task registered."""
    with _lock:
        if broker_url not in _apps:
            app = Celery("reviewer", broker=broker_url, backend=broker_url, set_as_current=False)
            app.conf.update(
                task_serializer="json", result_serializer="json", accept_content=["json"],
                task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
                task_default_queue=QUEUE, result_expires=3600, broker_connection_retry_on_startup=True,
                # an unacknowledged task (its whole worker machine gone) comes back after this long
                broker_transport_options={"visibility_timeout": int(os.environ.get("REVIEWER_VISIBILITY_SECONDS")
                                                                    or 3600)},
                worker_send_task_events=False)
            app.task(name="reviewer.scan", bind=True, max_retries=None)(scan_task)
            app.task(name="reviewer.release", bind=True, max_retries=None)(release_task)
            _apps[broker_url] = app
        return _apps[broker_url]


def submit(broker_url: str, version_id: int, *, wait: bool = False, timeout: float = 300) -> None:
    """Enqueue the scan; with wait (tests, REVIEWER_SCAN_SYNC) block until a worker has finished it."""
    result = get_app(broker_url).send_task("reviewer.scan", args=[version_id], queue=QUEUE)
    if wait:
        result.get(timeout=timeout, propagate=True, disable_sync_subtasks=False)


def submit_release(broker_url: str, copy_id: int, *, wait: bool = False, timeout: float = 900) -> None:
    """Enqueue the build of a release copy (reviewer/release_jobs.py); with wait block until it is built."""
    result = get_app(broker_url).send_task("reviewer.release", args=[copy_id], queue=QUEUE)
    if wait:
        result.get(timeout=timeout, propagate=True, disable_sync_subtasks=False)


def release_task(self: Task, copy_id: int) -> str:
    """Build one release copy once; while another worker holds a live claim, look again once it could be stale."""
    from . import jobs, release_jobs
    from .db.models import ReleaseCopy
    outcome = release_jobs.build_copy(copy_id)
    if outcome != "skipped":
        return outcome
    with jobs.runtime().session_factory() as session:
        copy = session.get(ReleaseCopy, copy_id)
        status = copy.status if copy else None
    if status == "building":
        raise self.retry(countdown=jobs_claim.stale_seconds())
    return "skipped"


def scan_task(self: Task, version_id: int) -> str:
    """Scan one version once: claim it, or take back an abandoned claim, or look again while another worker runs it."""
    from . import jobs
    from .db.models import Version
    outcome = jobs.scan_version(version_id)
    if outcome != "skipped":
        return outcome
    rt = jobs.runtime()
    if jobs_claim.recover_stale(rt.session_factory, [version_id]):
        return jobs.scan_version(version_id)
    with rt.session_factory() as session:
        version = session.get(Version, version_id)
        status = version.scan_status if version else None
    if status == "scanning":  # a live worker has it (or died just now): look again once its claim can be stale
        raise self.retry(countdown=jobs_claim.stale_seconds())
    return "skipped"


def _test_scanner():
    spec = os.environ.get(SCANNER_ENV)
    if not spec:
        return None
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)()


@worker_process_init.connect
def _child_runtime(**_kw) -> None:
    """Each worker process opens its own database engine (never one inherited across fork)."""
    from pathlib import Path

    from . import config, jobs
    from .db import make_engine, make_session_factory
    settings = config.load()
    jobs.configure(jobs.Runtime(make_session_factory(make_engine(settings["DATABASE_URL"])),
                                Path(settings["STORAGE_DIR"]), sync=True, scanner=_test_scanner(), broker_url=None))


class Sweeper:
    """In a worker's main process: every stale_seconds(), queue again (or fail) the scans and the release builds
    whose worker died (jobs_claim.recover_stale, release_claim.recover_stale), and submit what was queued again."""

    def __init__(self, broker_url: str, database_url: str) -> None:
        self.broker_url, self.database_url = broker_url, database_url
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, name="reviewer-sweeper", daemon=True)

    def sweep_once(self) -> tuple[list[int], list[int]]:
        """One sweep: (version ids, release copy ids) queued again and submitted."""
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        from . import release_claim
        from .db import make_session_factory
        engine = create_engine(self.database_url, poolclass=NullPool)  # no pooled connection for children to inherit
        try:
            factory = make_session_factory(engine)
            scans = jobs_claim.recover_stale(factory)
            copies = release_claim.recover_stale(factory)
        finally:
            engine.dispose()
        for vid in scans:
            submit(self.broker_url, vid)
        for copy_id in copies:
            submit_release(self.broker_url, copy_id)
        return scans, copies

    def run(self) -> None:
        while not self.stop.wait(jobs_claim.stale_seconds()):
            try:
                self.sweep_once()
            except Exception:
                log.warning("sweep of abandoned scans and release builds failed", exc_info=True)


_sweeper: Sweeper | None = None


@worker_ready.connect
def _start_sweeper(sender=None, **_kw) -> None:
    global _sweeper
    from . import config
    settings = config.load()
    if settings["BROKER_URL"]:
        _sweeper = Sweeper(settings["BROKER_URL"], settings["DATABASE_URL"])
        _sweeper.thread.start()


@worker_shutdown.connect
def _stop_sweeper(**_kw) -> None:
    if _sweeper is not None:
        _sweeper.stop.set()
