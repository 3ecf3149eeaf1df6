"""POST /documents/{id}/release/retry: the API's 重新生成发布稿, as a CMS integration would use it."""
from __future__ import annotations

import dataclasses
from contextlib import contextmanager

from reviewer import jobs, release_jobs
from tests.api.conftest import error_of
from tests.test_release_jobs import FlaggingScanner
from tests.web.test_web_release import held_builds  # noqa: F401 (fixture)
from tests.web.webfakes import ID


@contextmanager
def refusing_detectors():
    """The copy's check under detectors that call 施行 concealed text: the copy is refused, as after a bad
    configuration. Built here, not on a Celery worker of tests/services, whose detectors are its own."""
    before = jobs.runtime()
    jobs.configure(dataclasses.replace(before, scanner=FlaggingScanner(), broker_url=None))
    try:
        yield
    finally:
        jobs.configure(before)


def signed_off_with_a_refused_copy(api) -> str:
    doc = api.upload("drafter").get_json()
    base = f"/documents/{doc['id']}"
    for f in doc["findings"]:
        assert api.post(f"{base}/findings/{f['id']}/resolution", "reviewer", json={"action": "redact"}).status_code == 200
    assert api.post(f"{base}/decision", "reviewer", json={"disclosure": "部分公开", "basis": "15-privacy"}).status_code == 201
    with refusing_detectors():
        assert api.post(f"{base}/signoff", "approver", json={}).status_code == 201
    return base


def test_retry_builds_a_refused_copy_again_for_reviewers_and_approvers_only(api):
    base = signed_off_with_a_refused_copy(api)
    status = api.get(f"{base}/status", "drafter").get_json()
    assert status["release_status"] == "refused" and status["release_message"]
    status_, code, _ = error_of(api.get(f"{base}/release", "drafter"))
    assert (status_, code) == (409, "release_refused")

    # who may not: the drafter and the admin (role), another drafter (not theirs to see), no token
    assert error_of(api.post(f"{base}/release/retry", "drafter"))[:2] == (403, "forbidden_role")
    assert error_of(api.post(f"{base}/release/retry", "admin"))[:2] == (403, "forbidden_role")
    assert error_of(api.post(f"{base}/release/retry", "drafter2"))[:2] == (404, "not_found")
    assert error_of(api.post(f"{base}/release/retry"))[:2] == (401, "unauthorized")
    assert api.get(f"{base}/status", "drafter").get_json()["release_status"] == "refused"   # refusals changed nothing

    # the reviewer retries with the detectors corrected: accepted (202), built (the tests' runtime is synchronous)
    resp = api.post(f"{base}/release/retry", "reviewer")
    assert resp.status_code == 202, resp.data
    body = resp.get_json()
    assert body["status"] == "ready" and body["message"] == "发布稿已生成，可以下载。" and body["finished_at"]
    assert body["release_url"] == f"/api/v1{base}/release" and resp.headers["Location"] == body["release_url"]
    assert int(resp.headers["Retry-After"]) == body["retry_after"] > 0
    got = api.get(f"{base}/release", "drafter")
    assert got.status_code == 200 and ID not in got.data.decode("utf-8") and "本通知自发布之日起施行" in got.data.decode()
    assert api.get(f"{base}/status", "drafter").get_json()["release_status"] == "ready"

    # nothing left to retry
    status_, code, message = error_of(api.post(f"{base}/release/retry", "approver"))
    assert (status_, code) == (409, "not_refused") and "无需重新生成" in message
    entries = api.get(f"/audit?document_id={base.rsplit('/', 1)[1]}&per_page=100", "approver").get_json()["items"]
    retries = [e for e in entries if e["action"] == "release_retry"]
    assert [(e["actor"], e["ip"]) for e in retries] == [("reviewer", "127.0.0.1")] and retries[0]["details"]["previous"]
    assert [e["action"] for e in entries].count("release_refused") == 1
    assert [e["action"] for e in entries].count("release_built") == 1


def test_retry_of_a_copy_that_is_not_refused_answers_409(api):
    doc = api.upload("drafter").get_json()
    base = f"/documents/{doc['id']}"
    status_, code, message = error_of(api.post(f"{base}/release/retry", "approver"))
    assert (status_, code) == (409, "not_signed_off") and "尚未签发" in message
    for f in doc["findings"]:
        api.post(f"{base}/findings/{f['id']}/resolution", "reviewer", json={"action": "redact"})
    api.post(f"{base}/decision", "reviewer", json={"disclosure": "部分公开", "basis": "15-privacy"})
    assert api.post(f"{base}/signoff", "approver", json={}).status_code == 201
    assert api.get(f"{base}/status", "drafter").get_json()["release_status"] == "ready"
    assert error_of(api.post(f"{base}/release/retry", "reviewer"))[:2] == (409, "not_refused")


def test_thread_pool_retry_answers_202_while_the_copy_is_built_again(api, request):
    """In the background (a thread pool, as without Celery): 202 queued/building, release_url 202, then the file."""
    base = signed_off_with_a_refused_copy(api)
    held_builds = request.getfixturevalue("held_builds")   # from here on builds run in a pool, held by the test
    resp = api.post(f"{base}/release/retry", "approver")
    assert resp.status_code == 202 and resp.get_json()["status"] in ("queued", "building")
    assert "发布稿正在生成" in resp.get_json()["message"]
    pending = api.get(f"{base}/release", "drafter")
    assert pending.status_code == 202 and pending.get_json()["status"] in ("queued", "building")
    assert error_of(api.post(f"{base}/release/retry", "approver"))[:2] == (409, "not_refused")   # already queued
    held_builds.set()
    release_jobs.wait_idle()
    got = api.get(f"{base}/release", "drafter")
    assert got.status_code == 200 and ID not in got.data.decode("utf-8")
