"""A release build whose whole worker machine died (no task left in Redis to redeliver): the sweeper of another
`reviewer worker` finds the stale heartbeat in the row and builds the copy again, or fails it after too many tries."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from reviewer import jobs, release_jobs, workflow
from reviewer.db import make_engine, make_session_factory
from reviewer.db.models import AuditEntry, ReleaseCopy, utcnow
from reviewer.jobs_claim import max_attempts
from reviewer.workflow_release import release
from tests.test_workflow import ROLES, decided
from tests.web.webfakes import ID, PASSWORD, PERSONAL_TXT


@pytest.fixture(scope="module")
def env(stack):
    """(session, users, storage) as in tests/test_workflow.py; scans go to the module's worker through Redis."""
    from reviewer import accounts
    engine = make_engine(stack.database_url)
    factory = make_session_factory(engine)
    before = jobs._runtime
    jobs.configure(jobs.Runtime(factory, stack.storage_dir, sync=True, broker_url=stack.broker_url))
    stack.worker("sweeper", REVIEWER_SCAN_STALE_SECONDS="2")   # it sweeps every 2 s
    session = factory()
    users = {name: accounts.create_user(session, None, name, roles, PASSWORD)[0]
             for name, roles in ROLES.items() if name in ("drafter", "reviewer", "approver")}
    session.commit()
    yield session, users, stack.storage_dir
    session.close()
    if before is not None:
        jobs.configure(before)
    engine.dispose()


def signed(env, tag: str) -> tuple[int, object]:
    session, users, _ = env
    v = decided(env, data=PERSONAL_TXT + f"附：{tag}。\n".encode())
    signoff = workflow.sign_off(session, users["approver"], v)   # queued; no job submitted for it
    session.commit()
    return release_jobs.copy_for(session, signoff.version_id, signoff.decision_id).id, v


def wait_for(session, copy_id: int, done, guard: float = 90.0) -> ReleaseCopy:
    """Poll the copy until done(copy) holds (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + guard
    while True:
        session.expire_all()
        copy = session.get(ReleaseCopy, copy_id)
        if done(copy):
            return copy
        assert time.monotonic() < deadline, f"release copy {copy_id} stuck: {copy.status} {copy.message}"
        time.sleep(0.2)


def test_the_worker_sweeper_rebuilds_an_abandoned_copy_and_fails_one_abandoned_too_often(env):
    session, users, files = env
    again, v_again = signed(env, "甲")
    lost, v_lost = signed(env, "乙")
    for copy_id, attempts in ((again, 1), (lost, max_attempts())):   # their builders died an hour ago
        session.execute(update(ReleaseCopy).where(ReleaseCopy.id == copy_id).values(
            status="building", claim_token="dead0000:1@gone", attempts=attempts,
            claimed_at=utcnow() - timedelta(hours=1), heartbeat_at=utcnow() - timedelta(hours=1)))
    session.commit()

    copy = wait_for(session, again, lambda c: c.status not in ("queued", "building"))
    assert copy.status == "ready" and copy.attempts == 2 and copy.claim_token is None
    got = release(session, users["drafter"], v_again.document, storage_dir=files)
    session.commit()
    assert ID not in got.path.read_text(encoding="utf-8") and "附：甲" in got.path.read_text(encoding="utf-8")

    copy = wait_for(session, lost, lambda c: c.status != "building")
    assert copy.status == "failed" and "多次意外退出" in copy.message and copy.file_name is None
    failed = session.query(AuditEntry).filter_by(action="release_failed", version_sha256=v_lost.sha256).one()
    assert failed.actor == "system" and failed.details["code"] == "worker_lost"
    built = session.query(AuditEntry).filter_by(action="release_built").all()
    assert [e.version_sha256 for e in built] == [v_again.sha256]
