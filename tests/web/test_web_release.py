"""The release copy through the web and the API: built in the background after sign-off, 202 until it is ready.

The thread-pool test holds the build inside the copy's real check: the runtime's scanner (the detectors that
verify the copy) waits on a threading.Event, so the download is asked for while the build is really running.
"""
from __future__ import annotations

import pytest

from reviewer import release_jobs
from reviewer.db.models import AuditEntry, Document, ReleaseCopy
from tests.web.test_web_review import redact_all
from tests.web.webfakes import ID, held_background_jobs


def decide(client, auth, app, vid):
    auth.login("reviewer")
    redact_all(client, app, vid)
    assert client.post(f"/versions/{vid}/decision",
                       data={"disclosure": "部分公开", "basis": "15-privacy"}).status_code == 303
    auth.logout()


def api_get(app, token, url):
    return app.test_client().get(url, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def held_builds(app):
    """Background builds (a thread pool, as in production without Celery) whose check waits for the test."""
    with held_background_jobs() as gate:
        yield gate


def test_download_answers_202_while_the_copy_is_built_then_200_with_the_same_file(client, auth, app, uploaded,
                                                                                  held_builds):
    doc, vid = uploaded
    decide(client, auth, app, vid)
    from reviewer import accounts
    with app.extensions["reviewer.sessions"]() as s:
        token = accounts.create_token(s, None, accounts.find_user(s, "drafter"))
        s.commit()
    auth.login("approver")
    resp = client.post(f"/versions/{vid}/signoff", data={"outcome": "approve"})
    assert resp.status_code == 303   # the sign-off answers at once: the copy is built in the background

    resp = client.get(f"/documents/{doc}/release")
    page = resp.data.decode()
    assert resp.status_code == 202 and "发布稿正在生成" in page and 'http-equiv="refresh"' in page
    detail = client.get(f"/documents/{doc}").data.decode()
    assert "发布稿：生成中" in detail and "data-release-poll-url" in detail and "下载发布稿" not in detail
    assert client.get(f"/versions/{vid}/status").get_json()["release_status"] in ("queued", "building")
    api = api_get(app, token, f"/api/v1/documents/{doc}/release")
    assert api.status_code == 202 and int(api.headers["Retry-After"]) > 0
    assert api.get_json()["status"] in ("queued", "building") and api.get_json()["requested_at"]
    status = api_get(app, token, f"/api/v1/documents/{doc}/status").get_json()
    assert status["release_status"] in ("queued", "building") and status["release_url"].endswith("/release")

    held_builds.set()
    release_jobs.wait_idle()
    first = client.get(f"/documents/{doc}/release")
    assert first.status_code == 200 and ID not in first.data.decode("utf-8")
    second = api_get(app, token, f"/api/v1/documents/{doc}/release")
    assert second.status_code == 200 and second.data == first.data
    detail = client.get(f"/documents/{doc}").data.decode()
    assert "发布稿：可下载" in detail and "下载发布稿" in detail
    assert api_get(app, token, f"/api/v1/documents/{doc}/status").get_json()["release_status"] == "ready"
    with app.extensions["reviewer.sessions"]() as s:
        assert s.query(AuditEntry).filter_by(action="release_built").count() == 1
        assert s.query(AuditEntry).filter_by(action="release").count() == 2
        assert s.query(ReleaseCopy).one().status == "ready"


def test_a_refused_copy_shows_its_reason_and_a_retry_form_to_reviewers_only(client, auth, app, uploaded):
    doc, vid = uploaded
    decide(client, auth, app, vid)
    auth.login("approver")
    assert client.post(f"/versions/{vid}/signoff", data={"outcome": "approve"}).status_code == 303
    reason = "发布稿未通过复核：仍能找到 <b>身份证号</b>（测试）"   # as if the check had refused it; shown escaped
    with app.extensions["reviewer.sessions"]() as s:
        copy = s.query(ReleaseCopy).one()
        copy.status, copy.message, copy.file_name = "refused", reason, None
        s.commit()
    resp = client.get(f"/documents/{doc}/release")
    page = resp.data.decode()
    assert resp.status_code == 409 and "&lt;b&gt;身份证号&lt;/b&gt;" in page and "<b>身份证号" not in page
    assert "重新生成发布稿" in page
    detail = client.get(f"/documents/{doc}").data.decode()
    assert "发布稿未通过核验：" in detail and "&lt;b&gt;" in detail and "重新生成发布稿" in detail
    auth.logout()
    auth.login("drafter")
    assert "重新生成发布稿" not in client.get(f"/documents/{doc}").data.decode()
    assert client.post(f"/documents/{doc}/release/retry").status_code == 403
    auth.logout()
    auth.login("reviewer")
    resp = client.post(f"/documents/{doc}/release/retry", follow_redirects=True)
    assert resp.status_code == 200 and "已重新提交生成发布稿" in resp.data.decode()
    assert "发布稿：可下载" in resp.data.decode()   # sync mode: rebuilt before the page was shown
    assert client.post(f"/documents/{doc}/release/retry").status_code == 409   # nothing refused to retry now
    with app.extensions["reviewer.sessions"]() as s:
        assert s.query(AuditEntry).filter_by(action="release_retry").count() == 1
        assert s.get(Document, doc).state == "已签发"
