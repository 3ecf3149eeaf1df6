"""Release copies built once by a job (reviewer/release_jobs.py), against a real SQLite database and real files.

The runtime is sync (as in tests/test_workflow.py): a submitted build runs inline, so each step is deterministic.
The thread-pool case (202 while it builds) is in tests/web/test_web_release.py.
"""
from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import update

from reviewer import jobs, release_claim, release_jobs, workflow
from reviewer.db.models import AuditEntry, ReleaseCopy, utcnow
from reviewer.document import Detection
from reviewer.jobs_claim import max_attempts
from reviewer.workflow_release import ReleasePending, release, retry_release
from tests.builders.docx_builder import DocxBuilder, rewrite_zip
from tests.test_workflow import decided, env, refused, resolve_all, upload  # noqa: F401 (env is a fixture)
from tests.web.webfakes import ID, PERSONAL_TXT, FakeScanner


def count(session, action: str) -> int:
    return session.query(AuditEntry).filter_by(action=action).count()


def sign(env, version):
    session, users, _ = env
    signoff = workflow.sign_off(session, users["approver"], version)
    session.commit()
    return signoff


def the_copy(session, signoff) -> ReleaseCopy:
    session.expire_all()
    return release_jobs.copy_for(session, signoff.version_id, signoff.decision_id)


def test_sign_off_queues_the_copy_and_the_job_builds_it_once(env):
    session, _, files = env
    signoff = sign(env, decided(env))
    copy = the_copy(session, signoff)
    assert copy.status == "queued" and copy.requested_at is not None and copy.file_name is None
    release_jobs.start(signoff.version_id, signoff.decision_id)  # what the views call after their commit
    copy = the_copy(session, signoff)
    assert copy.status == "ready" and copy.removed_count == 2 and copy.finished_at is not None
    stored = files / "releases" / copy.file_name
    assert ID not in stored.read_text(encoding="utf-8") and "本通知自发布之日起施行" in stored.read_text(encoding="utf-8")
    assert release_jobs.build_copy(copy.id) == "skipped"  # a second delivery of the same job does nothing
    assert count(session, "release_built") == 1
    built = session.query(AuditEntry).filter_by(action="release_built").one()
    assert built.actor == "system" and built.details["removed"] == 2


def test_download_serves_the_stored_copy_without_building_again(env):
    session, users, _ = env
    v = decided(env)
    signoff = sign(env, v)
    release_jobs.start(signoff.version_id, signoff.decision_id)
    first = release(session, users["drafter"], v.document, storage_dir=env[2])
    session.commit()
    before = first.path.stat()
    second = release(session, users["approver"], v.document, storage_dir=env[2])
    session.commit()
    after = second.path.stat()
    assert second.path == first.path and second.download_name == "通知（发布稿）.txt"
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert count(session, "release_built") == 1 and count(session, "release") == 2
    removed = [e.details["removed"] for e in session.query(AuditEntry).filter_by(action="release")]
    assert removed == [2, 2] and ID not in second.path.read_text(encoding="utf-8")


def test_a_document_signed_off_before_background_copies_gets_one_on_its_first_download(env):
    """No copy row (signed off by an older release of the tool): the download queues it, and in sync mode builds it."""
    session, users, files = env
    v = decided(env)
    signoff = sign(env, v)
    session.delete(the_copy(session, signoff))
    session.commit()
    got = release(session, users["drafter"], v.document, storage_dir=files)
    session.commit()
    assert ID not in got.path.read_text(encoding="utf-8") and the_copy(session, signoff).status == "ready"


def test_a_new_version_gets_its_own_copy_and_the_old_one_is_never_served_for_it(env):
    session, users, files = env
    v1 = decided(env)
    s1 = sign(env, v1)
    old = release(session, users["drafter"], v1.document, storage_dir=files)
    session.commit()
    v2 = upload(env, data=PERSONAL_TXT + "补充：第二版新增的一句。\n".encode(), document_id=v1.document_id)
    err = refused(release, session, users["drafter"], v1.document, storage_dir=files)
    assert err.code == "not_signed_off"   # the ready copy of version 1 is not the current version's
    resolve_all(env, v2, "redact")
    workflow.decide(session, users["reviewer"], v2, "部分公开", "15-privacy")
    session.commit()
    s2 = sign(env, v2)
    new = release(session, users["drafter"], v1.document, storage_dir=files)
    session.commit()
    assert (s2.version_id, s2.decision_id) != (s1.version_id, s1.decision_id)
    assert new.path != old.path and "第二版新增" in new.path.read_text(encoding="utf-8")
    assert "第二版新增" not in old.path.read_text(encoding="utf-8")
    assert session.query(ReleaseCopy).count() == 2 and count(session, "release_built") == 2


def _svg_docx(tmp_path):
    """A .docx whose ID is in the body (found, redacted) and in an SVG picture (out of the redactor's reach)."""
    src = DocxBuilder().paragraph(f"申请人身份证号码：{ID}").save(tmp_path / "表.docx")
    rewrite_zip(src, src, add={"word/media/image1.svg":
                               f'<svg xmlns="http://www.w3.org/2000/svg"><text>{ID}</text></svg>'.encode()})
    return src.read_bytes()


def _refused_docx(env, tmp_path):
    """A signed-off .docx whose copy the check refused (the ID survives in the SVG); (version, sign-off)."""
    session, users, _ = env
    v = upload(env, data=_svg_docx(tmp_path), name="表.docx")
    resolve_all(env, v, "redact")
    workflow.decide(session, users["reviewer"], v, "部分公开", "15-privacy")
    session.commit()
    signoff = sign(env, v)
    release_jobs.start(signoff.version_id, signoff.decision_id)
    return v, signoff


def test_a_refused_copy_is_recorded_answered_409_and_can_be_built_again(env, tmp_path):
    session, users, files = env
    v, signoff = _refused_docx(env, tmp_path)
    copy = the_copy(session, signoff)
    assert copy.status == "refused" and "word/media/image1.svg" in copy.message and copy.file_name is None
    assert list((files / "releases").glob(f"{v.sha256}-*")) == []
    entry = session.query(AuditEntry).filter_by(action="release_refused").one()
    assert entry.actor == "system" and entry.details["message"] == copy.message
    err = refused(release, session, users["drafter"], v.document, storage_dir=files)
    assert (err.code, err.status) == ("release_refused", 409) and "image1.svg" in err.message
    assert count(session, "release_refused") == 1   # asking again does not build again
    err = refused(retry_release, session, users["drafter"], v.document)
    assert (err.code, err.status) == ("forbidden_role", 403)
    retry_release(session, users["reviewer"], v.document)
    session.commit()
    assert the_copy(session, signoff).status == "queued" and count(session, "release_retry") == 1
    release_jobs.submit(copy.id)
    assert the_copy(session, signoff).status == "refused" and count(session, "release_refused") == 2


class FlaggingScanner(FakeScanner):
    """The test detectors plus one that calls 施行 concealed text: the copy's check then refuses it."""

    def scan(self, segment):
        found = super().scan(segment)
        at = segment.text.find("施行")
        if at >= 0:
            found.append(Detection("HIDDEN_CONTENT", at, at + 2, 1.0, "high", detail="hidden_text"))
        return found


def test_retry_builds_the_copy_once_the_detectors_no_longer_refuse_it(env):
    """The check runs the configured detectors: refused under one configuration, built after it is corrected."""
    session, users, files = env
    v = decided(env)
    before = jobs.runtime()
    jobs.configure(dataclasses.replace(before, scanner=FlaggingScanner(), broker_url=None))  # built here, not on
    # a Celery worker of tests/services, whose detectors are its own
    try:
        signoff = sign(env, v)
        release_jobs.start(signoff.version_id, signoff.decision_id)
    finally:
        jobs.configure(before)
    assert the_copy(session, signoff).status == "refused"
    copy = retry_release(session, users["approver"], v.document)
    session.commit()
    release_jobs.submit(copy.id)
    assert the_copy(session, signoff).status == "ready"
    got = release(session, users["drafter"], v.document, storage_dir=files)
    session.commit()
    assert ID not in got.path.read_text(encoding="utf-8")
    err = refused(retry_release, session, users["approver"], v.document)
    assert (err.code, err.status) == ("not_refused", 409)


def _make_stale(session, copy_id: int) -> None:
    session.execute(update(ReleaseCopy).where(ReleaseCopy.id == copy_id)
                    .values(heartbeat_at=utcnow() - timedelta(hours=1)))
    session.commit()


def _claimed_copy(env):
    """A signed-off version whose release copy a worker has claimed: (version, sign-off, copy, claim token)."""
    session = env[0]
    v = decided(env)
    signoff = sign(env, v)
    copy = the_copy(session, signoff)
    return v, signoff, copy, release_claim.claim(session, copy.id)


def test_a_live_claim_is_left_alone_and_a_dead_workers_claim_is_taken_over(env):
    session, users, files = env
    v, signoff, copy, dead = _claimed_copy(env)   # a worker claims the copy, then its process dies
    assert dead and the_copy(session, signoff).status == "building"
    assert release_jobs.build_copy(copy.id) == "skipped"   # its heartbeat is fresh: nobody else builds it
    with pytest.raises(ReleasePending) as pending:
        release(session, users["drafter"], v.document, storage_dir=files)
    assert pending.value.status == 202 and "开始于" in pending.value.message
    session.rollback()
    _make_stale(session, copy.id)
    got = release(session, users["drafter"], v.document, storage_dir=files)  # the download takes the claim over
    session.commit()
    copy = the_copy(session, signoff)
    assert copy.status == "ready" and copy.attempts == 2 and ID not in got.path.read_text(encoding="utf-8")
    assert not release_claim.still_mine(session, copy.id, dead)   # the dead worker's late result would be dropped
    session.rollback()


def test_a_copy_abandoned_too_often_is_marked_failed_and_can_be_retried(env):
    session, users, _ = env
    v, signoff, copy, _token = _claimed_copy(env)
    session.execute(update(ReleaseCopy).where(ReleaseCopy.id == copy.id).values(attempts=max_attempts()))
    session.commit()
    _make_stale(session, copy.id)
    assert release_jobs.build_copy(copy.id) == "skipped"
    copy = the_copy(session, signoff)
    assert copy.status == "failed" and "多次意外退出" in copy.message
    retry_release(session, users["reviewer"], v.document)
    session.commit()
    release_jobs.submit(copy.id)
    assert the_copy(session, signoff).status == "ready"


def test_thread_pool_a_queued_copy_nobody_holds_is_submitted_by_the_download(env):
    """A web process that queued a copy and stopped before building it: the next download submits it to the pool."""
    session, users, files = env
    v = decided(env)
    signoff = sign(env, v)   # queued, and (as after a restart) in no pool
    before = jobs.runtime()
    jobs.configure(dataclasses.replace(before, sync=False, broker_url=None))
    try:
        try:
            got = release(session, users["drafter"], v.document, storage_dir=files)
        except ReleasePending:   # submitted to the pool: usually still queued or building here
            session.rollback()
            release_jobs.wait_idle()
            got = release(session, users["drafter"], v.document, storage_dir=files)
        session.commit()
    finally:
        release_jobs.wait_idle()
        jobs.configure(before)
    assert ID not in got.path.read_text(encoding="utf-8") and the_copy(session, signoff).status == "ready"
    assert count(session, "release_built") == 1


def _claimed(env, tag: str, attempts: int):
    """A signed-off document whose copy a worker has claimed (attempts claims so far); its token."""
    session = env[0]
    v = decided(env, data=PERSONAL_TXT + f"附：{tag}。\n".encode())
    signoff = sign(env, v)
    copy = the_copy(session, signoff)
    token = release_claim.claim(session, copy.id)
    session.execute(update(ReleaseCopy).where(ReleaseCopy.id == copy.id).values(attempts=attempts))
    session.commit()
    return v, signoff, token


def _workers_died(session, *signoffs) -> None:
    """Their builders died an hour ago: the heartbeat written into the rows (last, just before the sweep, so that
    the sweeper of a tests/services worker has no time to get there first)."""
    for signoff in signoffs:
        _make_stale(session, the_copy(session, signoff).id)


def test_the_sweep_queues_an_abandoned_build_again_fails_one_abandoned_too_often_and_leaves_a_live_one(env):
    """What a worker's sweeper does (release_claim.recover_stale), on rows whose heartbeat stopped an hour ago."""
    session, users, files = env
    v_again, s_again, _ = _claimed(env, "甲", attempts=1)
    v_lost, s_lost, _ = _claimed(env, "乙", attempts=max_attempts())
    v_live, s_live, live_token = _claimed(env, "丙", attempts=1)
    factory = jobs.runtime().session_factory
    _workers_died(session, s_again, s_lost)

    again = the_copy(session, s_again)
    assert release_claim.recover_stale(factory) == [again.id]
    again = the_copy(session, s_again)
    assert again.status == "queued" and again.claim_token is None
    lost = the_copy(session, s_lost)
    assert lost.status == "failed" and "多次意外退出" in lost.message and "重新生成发布稿" in lost.message
    entry = session.query(AuditEntry).filter_by(action="release_failed").one()
    assert entry.actor == "system" and entry.version_sha256 == v_lost.sha256
    assert entry.details["code"] == "worker_lost" and entry.details["attempts"] == max_attempts()
    live = the_copy(session, s_live)
    assert live.status == "building" and live.claim_token == live_token   # its worker may still be running

    assert release_claim.recover_stale(factory) == []   # a second sweeper changes nothing
    assert count(session, "release_failed") == 1

    release_jobs.submit(again.id)   # what the sweeper does with the ids it queued again
    got = release(session, users["drafter"], v_again.document, storage_dir=files)
    session.commit()
    assert ID not in got.path.read_text(encoding="utf-8") and the_copy(session, s_again).attempts == 2
    err = refused(release, session, users["drafter"], v_lost.document, storage_dir=files)
    assert (err.code, err.status) == ("release_failed", 409) and "多次意外退出" in err.message


def test_start_up_resubmits_queued_and_abandoned_copies_and_gives_up_on_one_abandoned_too_often(env):
    """reviewer serve at start-up (release_jobs.resubmit_unfinished) goes through the sweeper's recovery."""
    session, users, files = env
    v_again, s_again, _ = _claimed(env, "甲", attempts=1)
    v_lost, s_lost, _ = _claimed(env, "乙", attempts=max_attempts())
    v_queued = decided(env, data=PERSONAL_TXT + "附：丁。\n".encode())
    s_queued = sign(env, v_queued)   # queued, and its job lost with the stopped server
    _workers_died(session, s_again, s_lost)

    assert release_jobs.resubmit_unfinished(jobs.runtime().session_factory) == 2
    assert the_copy(session, s_again).status == "ready" and the_copy(session, s_queued).status == "ready"
    assert the_copy(session, s_lost).status == "failed" and count(session, "release_failed") == 1
    assert count(session, "release_built") == 2
    for v in (v_again, v_queued):
        assert ID not in release(session, users["drafter"], v.document, storage_dir=files).path.read_text("utf-8")
    session.commit()


def test_reviewer_check_reports_stuck_and_refused_copies_and_repair_queues_the_stuck_one_again(env, tmp_path):
    """reviewer check: a build whose heartbeat stopped (stuck_release, repaired by queueing it again), a build with a
    live heartbeat (release_running, left alone), a refused copy (release_refused, for a person)."""
    from reviewer.check import check
    session, users, files = env
    v_stuck, s_stuck, _ = _claimed(env, "甲", attempts=1)
    v_live, s_live, live_token = _claimed(env, "乙", attempts=1)
    v_refused, s_refused = _refused_docx(env, tmp_path)
    assert the_copy(session, s_refused).status == "refused"
    _workers_died(session, s_stuck)

    def release_problems(report):
        return {p.kind: p for p in report.problems if "release" in p.kind}

    found = release_problems(check(session, files, stale_seconds=60))
    assert sorted(found) == ["release_refused", "release_running", "stuck_release"]
    stuck, running, refusal = found["stuck_release"], found["release_running"], found["release_refused"]
    assert f"文件 {v_stuck.document_id} 第 1 版的发布稿停在“生成中”" in stuck.what and stuck.repairable
    assert f"文件 {v_live.document_id} 第 1 版的发布稿正在生成" in running.what and not running.repairable
    assert f"文件 {v_refused.document_id} 第 1 版的发布稿未通过核验" in refusal.what and not refusal.repairable
    assert "image1.svg" in refusal.what and "重新生成发布稿" in refusal.what

    found = release_problems(check(session, files, repair=True, stale_seconds=60))
    assert found["stuck_release"].repaired and not found["release_refused"].repaired
    copy = the_copy(session, s_stuck)
    assert copy.status == "queued" and copy.claim_token is None
    live = the_copy(session, s_live)
    assert live.status == "building" and live.claim_token == live_token
    release_jobs.submit(copy.id)   # what reviewer serve does with it when it starts
    got = release(session, users["drafter"], v_stuck.document, storage_dir=files)
    session.commit()
    assert ID not in got.path.read_text(encoding="utf-8")
    assert sorted(release_problems(check(session, files, stale_seconds=60))) == ["release_refused", "release_running"]
