"""A Celery worker killed (SIGKILL) in the middle of a scan: the scan is retried or failed with a message, never stuck."""
from __future__ import annotations

import io
import os
import signal
import time

import pytest
from sqlalchemy import func, select

from reviewer import accounts, jobs, jobs_celery, workflow
from reviewer.db import make_engine, make_session_factory
from reviewer.db.models import AuditEntry, Finding, TextSegment, User, Version
from tests.web.webfakes import PASSWORD, PERSONAL_TXT

SLOW = {"REVIEWER_TEST_SCAN_DELAY": "8", "REVIEWER_SCAN_STALE_SECONDS": "2"}  # the kill lands well inside the scan


@pytest.fixture(scope="module")
def sessions(stack):
    engine = make_engine(stack.database_url)
    factory = make_session_factory(engine)
    with factory() as s:
        accounts.create_user(s, None, "zhang", ["drafter"], PASSWORD)
        s.commit()
    yield factory
    engine.dispose()


def upload(stack, sessions, tag: str) -> int:
    """Store a new draft and enqueue its scan, as a web process does; the version id."""
    with sessions() as s:
        user = s.scalar(select(User).where(User.name == "zhang"))
        v = workflow.upload(s, user, io.BytesIO(PERSONAL_TXT + tag.encode()), f"{tag}.txt",
                            storage_dir=stack.storage_dir, max_bytes=1 << 20)
        s.commit()
        vid = v.id
    jobs_celery.submit(stack.broker_url, vid)
    return vid


def wait_for(sessions, vid: int, done, what: str, guard: float = 90.0) -> Version:
    """Poll the version until done(version) holds (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + guard
    while True:
        with sessions() as s:
            v = s.get(Version, vid)
            if done(v):
                return v
        if time.monotonic() > deadline:
            raise AssertionError(f"version {vid} never {what}: status {v.scan_status}, error {v.scan_error}")
        time.sleep(0.1)


def counts(sessions, vid: int) -> dict[str, int]:
    with sessions() as s:
        sha = s.get(Version, vid).sha256
        audit = dict(s.execute(select(AuditEntry.action, func.count()).where(AuditEntry.version_sha256 == sha)
                               .group_by(AuditEntry.action)).all())
        return {"scan": audit.get("scan", 0), "scan_failed": audit.get("scan_failed", 0),
                "findings": s.scalar(select(func.count()).select_from(Finding).where(Finding.version_id == vid)),
                "segments": s.scalar(select(func.count()).select_from(TextSegment)
                                     .where(TextSegment.version_id == vid))}


def scanning_pid(sessions, vid: int) -> int:
    """The pid of the worker process holding the version's claim (its token is random:pid@host)."""
    v = wait_for(sessions, vid, lambda v: v.scan_status == "scanning", "started scanning")
    return int(v.claim_token.split(":")[1].split("@")[0])


def test_killed_scan_process_is_redelivered_and_scanned_once(stack, sessions):
    worker = stack.worker("victim", **SLOW)
    vid = upload(stack, sessions, "kill-child")
    os.kill(scanning_pid(sessions, vid), signal.SIGKILL)   # the pool process running the scan, mid-scan
    v = wait_for(sessions, vid, lambda v: v.scan_status not in ("queued", "scanning"), "finished")
    seen = counts(sessions, vid)
    print(f"\nkill test (scan process killed): status={v.scan_status}, claims={v.scan_attempts}, {seen}")
    assert v.scan_status == "done" and v.scan_attempts == 2      # taken back and scanned by a second claim
    assert seen == {"scan": 1, "scan_failed": 0, "findings": 2, "segments": seen["segments"]}
    assert seen["segments"] > 0
    assert worker.poll() is None    # the worker itself lives on and replaced its pool process
    stack.stop()
    stack.procs.clear()


def test_killed_worker_is_marked_failed_with_a_message_and_can_be_retried(stack, sessions):
    give_up = {**SLOW, "REVIEWER_SCAN_MAX_ATTEMPTS": "1"}
    victim = stack.worker("victim2", **give_up)
    vid = upload(stack, sessions, "kill-worker")
    child = scanning_pid(sessions, vid)
    victim.kill()                      # the whole worker machine gone: main process and its scan process
    os.kill(child, signal.SIGKILL)
    victim.wait(10)
    stack.worker("survivor", **{**give_up, "REVIEWER_TEST_SCAN_DELAY": "0"})   # its sweep finds the stale claim

    v = wait_for(sessions, vid, lambda v: v.scan_status not in ("queued", "scanning"), "gave up")
    seen = counts(sessions, vid)
    print(f"\nkill test (whole worker killed, 1 attempt allowed): status={v.scan_status}, "
          f"error={v.scan_error}, {seen}")
    assert v.scan_status == "failed" and "扫描进程在处理中意外退出" in v.scan_error["message"]
    assert "重新扫描" in v.scan_error["message"]
    assert seen == {"scan": 0, "scan_failed": 1, "findings": 0, "segments": 0}   # nothing half-written
    with sessions() as s:
        assert s.get(Version, vid).document.state == "扫描失败"

    with sessions() as s:                # the drafter presses 重新扫描
        jobs.retry_scan(s, s.scalar(select(User).where(User.name == "zhang")), s.get(Version, vid))
        s.commit()
    jobs_celery.submit(stack.broker_url, vid, wait=True, timeout=60)
    v = wait_for(sessions, vid, lambda v: v.scan_status == "done", "rescanned")
    after = counts(sessions, vid)
    assert (after["scan"], after["scan_failed"], after["findings"]) == (1, 1, 2) and after["segments"] > 0
