"""API refusals: 401 without a good token (cookies are not enough), 403, 404, 405, 409, 413, 400/422, as JSON in Chinese."""
from __future__ import annotations

import io

import pytest

from reviewer import accounts, audit
from reviewer.db.models import ApiToken
from reviewer.limits import Limits
from tests.api.conftest import error_of
from tests.web.webfakes import PASSWORD, PERSONAL_TXT, SECRET_TXT


def entries(app):
    with app.extensions["reviewer.sessions"]() as s:
        return [audit.as_dict(e) for e in audit.entries(s)]


# ------------------------------------------------------------------ authentication
def test_no_token_is_401_with_what_to_do(api):
    status, code, message = error_of(api.get("/documents"))
    assert (status, code) == (401, "unauthorized") and "Authorization: Bearer" in message
    assert api.get("/documents").headers["WWW-Authenticate"].startswith("Bearer")
    status, code, _ = error_of(api.get("/documents", headers={"Authorization": "Basic dXNlcjpwYXNz"}))
    assert (status, code) == (401, "unauthorized")


def test_a_bad_token_is_refused_and_recorded(api, app):
    status, code, message = error_of(api.get("/documents", headers={"Authorization": "Bearer rvw_guessed-token"}))
    assert (status, code) == (401, "bad_token") and "无效、已撤销" in message
    last = entries(app)[-1]
    assert last["action"] == "login_failed" and last["details"] == {"method": "api_token", "token_prefix": "rvw_gues"}
    assert last["ip"] == "127.0.0.1"


def test_revoked_tokens_and_disabled_accounts_are_refused(api, app):
    assert api.get("/documents", "reviewer").status_code == 200
    with app.extensions["reviewer.sessions"]() as s:
        token = s.query(ApiToken).one()
        accounts.revoke_token(s, accounts.find_user(s, "reviewer"), token)
        s.commit()
    assert error_of(api.get("/documents", "reviewer"))[:2] == (401, "bad_token")
    assert entries(app)[-2]["action"] == "token_revoke"
    assert api.get("/documents", "approver").status_code == 200
    with app.extensions["reviewer.sessions"]() as s:
        accounts.find_user(s, "approver").disabled = True
        s.commit()
    assert error_of(api.get("/documents", "approver"))[:2] == (401, "bad_token")


def test_a_session_cookie_is_not_enough_and_csrf_does_not_apply_to_tokens(api, app):
    client = api.client
    assert client.post("/login", data={"username": "drafter", "password": PASSWORD}).status_code == 302
    assert client.get("/").status_code == 200  # the cookie works for the web pages …
    app.config["WTF_CSRF_ENABLED"] = True
    resp = client.post("/upload", data={"file": (io.BytesIO(PERSONAL_TXT), "a.txt")}, content_type="multipart/form-data")
    assert resp.status_code == 400  # … whose forms want their CSRF token …
    status, code, _ = error_of(client.post("/api/v1/documents", data={"file": (io.BytesIO(PERSONAL_TXT), "a.txt")},
                                           content_type="multipart/form-data"))
    assert (status, code) == (401, "unauthorized")  # … but it is never enough for the API
    assert api.upload("drafter").status_code == 201  # and a token needs no CSRF token


# ------------------------------------------------------------------ roles and visibility
def test_role_refusals(api):
    status, code, message = error_of(api.upload("reviewer"))
    assert (status, code) == (403, "forbidden_role") and message == "此操作需要起草人角色。如需权限请联系管理员。"
    doc = api.upload("drafter").get_json()
    fid = doc["findings"][0]["id"]
    status, code, message = error_of(api.post(f"/documents/{doc['id']}/findings/{fid}/resolution", "approver",
                                              json={"action": "redact"}))
    assert (status, code) == (403, "forbidden_role") and "保密审查员" in message
    status, code, message = error_of(api.post(f"/documents/{doc['id']}/findings/{fid}/resolution", "drafter",
                                              json={"action": "redact"}))
    assert (status, code) == (403, "forbidden_role")
    assert error_of(api.post(f"/documents/{doc['id']}/signoff", "drafter", json={}))[:2] == (403, "forbidden_role")
    status, code, message = error_of(api.get("/audit", "reviewer"))
    assert (status, code) == (403, "forbidden_role") and "签发人" in message


def test_a_reviewer_cannot_review_their_own_upload(api):
    doc = api.upload("multi").get_json()
    fid = doc["findings"][0]["id"]
    status, code, message = error_of(api.post(f"/documents/{doc['id']}/findings/{fid}/resolution", "multi",
                                              json={"action": "redact"}))
    assert (status, code) == (403, "own_draft") and "不能审查或签发自己起草、上传的文件" in message


@pytest.mark.parametrize("path", ["/documents/999", "/documents/999/status", "/documents/999/release",
                                  "/documents/2147483648", "/documents/0", "/no-such-call"])
def test_not_found_is_json(api, path):
    status, code, message = error_of(api.get(path, "reviewer"))
    assert status == 404 and code == "not_found" and message


def test_a_finding_of_another_document_is_not_found(api):
    a = api.upload("drafter").get_json()
    b = api.upload("drafter", b"\xe5\x8f\xa6 13912345678\n", "b.txt").get_json()
    status, code, message = error_of(api.post(f"/documents/{a['id']}/findings/{b['findings'][0]['id']}/resolution",
                                              "reviewer", json={"action": "redact"}))
    assert (status, code) == (404, "not_found") and f"文件 {a['id']} 中没有编号为" in message


def test_wrong_method_is_405_with_allow(api):
    resp = api.client.delete("/api/v1/documents")
    assert error_of(resp)[:2] == (405, "method_not_allowed") and "POST" in resp.headers["Allow"]


# ------------------------------------------------------------------ state
def test_duplicate_upload_is_409(api):
    api.upload("drafter")
    status, code, message = error_of(api.upload("drafter2"))
    assert (status, code) == (409, "duplicate") and "内容完全相同" in message


def test_a_marking_allows_only_withholding(api):
    doc = api.upload("drafter", SECRET_TXT, "密件.txt").get_json()
    assert doc["verdict"] == "block"
    for f in doc["findings"]:
        api.post(f"/documents/{doc['id']}/findings/{f['id']}/resolution", "reviewer", json={"action": "redact"})
    status, code, message = error_of(api.post(f"/documents/{doc['id']}/decision", "reviewer",
                                              json={"disclosure": "部分公开", "basis": "15-privacy"}))
    assert (status, code) == (409, "marking") and "只能决定为“不予公开”" in message


# ------------------------------------------------------------------ size and input
def test_too_large_is_413(api, app):
    app.config["LIMITS"] = Limits(max_file_mb=0.0001)
    status, code, message = error_of(api.upload("drafter", b"x" * 1000 + PERSONAL_TXT))
    assert (status, code) == (413, "too_large") and "REVIEWER_MAX_FILE_MB" in message
    app.config["MAX_CONTENT_LENGTH"] = 500
    status, code, message = error_of(api.upload("drafter", b"y" * 1000))
    assert (status, code) == (413, "too_large") and "REVIEWER_MAX_UPLOAD_MB" in message


@pytest.mark.parametrize("form,code,fragment", [
    ({}, "no_file", "multipart 字段 file"),
    ({"file": (io.BytesIO(b"abc"), "a.txt"), "document_id": "abc"}, "bad_document_id", "document_id 应为"),
    ({"file": (io.BytesIO(b""), "empty.txt")}, "empty_file", "空文件"),
])
def test_bad_uploads_are_400(api, form, code, fragment):
    resp = api.client.post("/api/v1/documents", data=form, content_type="multipart/form-data",
                           headers={"Authorization": f"Bearer {api.token('drafter')}"})
    status, got, message = error_of(resp)
    assert (status, got) == (400, code) and fragment in message


@pytest.mark.parametrize("body,status,code,fragment", [
    (None, 400, "bad_json", "JSON 对象"),
    ([1, 2], 400, "bad_json", "JSON 对象"),
    ({}, 422, "missing_field", "缺少字段“action”"),
    ({"action": 1}, 422, "bad_field", "应为字符串"),
    ({"action": "delete"}, 400, "bad_action", "删除或保留"),
    ({"action": "keep", "reason": "x" * 2001}, 422, "bad_field", "过长"),
    ({"action": "redact", "same_value": "yes"}, 422, "bad_field", "true 或 false"),
])
def test_bad_resolution_bodies(api, body, status, code, fragment):
    doc = api.upload("drafter").get_json()
    resp = api.post(f"/documents/{doc['id']}/findings/{doc['findings'][0]['id']}/resolution", "reviewer",
                    json=body, **({"data": "not json", "content_type": "text/plain"} if body is None else {}))
    got = error_of(resp)
    assert got[:2] == (status, code) and fragment in got[2]


@pytest.mark.parametrize("query,fragment", [
    ("page=0", "参数“page”"), ("per_page=101", "参数“per_page”"), ("state=发布", "参数 state"),
])
def test_bad_list_parameters(api, query, fragment):
    status, code, message = error_of(api.get(f"/documents?{query}", "reviewer"))
    assert (status, code) == (400, "bad_parameter") and fragment in message


@pytest.mark.parametrize("query,fragment", [
    ("since=yesterday", "无法识别的时间"), ("until=2026-02-30", "无法识别的时间"), ("document_id=x", "文件编号应为整数"),
    # longer than the OpenAPI document allows
    ("user=" + "u" * 65, "参数 user 过长"), ("action=" + "a" * 33, "参数 action 过长"),
])
def test_bad_audit_filters(api, query, fragment):
    status, code, message = error_of(api.get(f"/audit?{query}", "admin"))
    assert (status, code) == (400, "bad_parameter") and fragment in message


def test_audit_filters_by_user_action_and_time(api):
    api.upload("drafter")
    everything = api.get("/audit?per_page=100", "admin").get_json()
    assert everything["total"] == len(everything["items"]) > 5
    uploads = api.get("/audit?action=upload&user=drafter", "admin").get_json()["items"]
    assert [e["action"] for e in uploads] == ["upload"] and uploads[0]["action_label"] == "上传"
    assert api.get("/audit?until=2000-01-01", "admin").get_json()["total"] == 0
    assert api.get("/audit?since=2026-12-01&until=2026-11-01", "admin").get_json()["total"] == 0
    first_ts = everything["items"][0]["ts"]
    since = api.get(f"/audit?since={first_ts.replace('+00:00', 'Z')}", "admin").get_json()
    assert since["total"] == everything["total"]
    page = api.get("/audit?per_page=2&page=2", "admin").get_json()
    assert [e["seq"] for e in page["items"]] == [3, 4] and "page=3" in page["next"]


# ------------------------------------------------------------------ NUL characters (PostgreSQL cannot store them)
def test_nul_characters_are_refused_not_a_server_error(api):
    doc = api.upload("drafter").get_json()
    finding = doc["findings"][0]["id"]
    cases = [api.get("/audit?user=dr%00after", "admin"),
             api.post(f"/documents/{doc['id']}/findings/{finding}/resolution", "reviewer",
                      json={"action": "keep", "reason": "公职人员\u0000履职信息"})]
    for resp in cases:
        status, code, message = error_of(resp)
        assert (status, code) == (400, "bad_input") and "空字符" in message
    assert api.get(f"/documents/{doc['id']}", "reviewer").get_json()["findings"][0]["resolution"] is None
