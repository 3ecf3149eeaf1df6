"""The audit log page (filters, paging, verify, export) and the 我的令牌 page (create once, revoke), in the browser's terms."""
from __future__ import annotations

import json

from reviewer import audit
from reviewer.db.models import ApiToken, AuditEntry
from tests.web.webfakes import PASSWORD


def login(client, name):
    assert client.post("/login", data={"username": name, "password": PASSWORD}).status_code == 302


def test_audit_page_filters_pages_and_verifies(api, app):
    api.upload("drafter")
    client = app.test_client()
    assert app.test_client().get("/audit").status_code == 302  # to the login page
    login(client, "drafter")
    assert client.get("/audit").status_code == 403
    client.post("/logout")
    login(client, "approver")
    html = client.get("/audit").data.decode()
    assert "上传" in html and "新建账户" in html
    html = client.get("/audit?action=upload&user=drafter").data.decode()
    assert "共 1 条" in html and "通知.txt" in html
    assert "共 0 条" in client.get("/audit?until=2000-01-01").data.decode()
    resp = client.get("/audit?since=tomorrow")
    assert resp.status_code == 400 and "无法识别的时间" in resp.data.decode()
    assert "日志链完整" in client.get("/audit?verify=1").data.decode()
    with app.extensions["reviewer.sessions"]() as s:
        s.get(AuditEntry, 3).actor = "someone"
        s.commit()
    html = client.get("/audit?verify=1").data.decode()
    assert "日志链断开：第 3 条（" in html and "内容与其哈希不符" in html


def test_audit_page_pages_fifty_at_a_time(app):
    with app.extensions["reviewer.sessions"]() as s:
        for i in range(60):
            audit.record(s, "view", "reviewer", document_id=1)
        s.commit()
    client = app.test_client()
    login(client, "admin")
    first = client.get("/audit").data.decode()
    assert "第 1 / 2 页" in first and "较早 →" in first and "← 较新" not in first
    second = client.get("/audit?page=2").data.decode()
    assert "← 较新" in second and second.count("<tr><td>") < 50


def test_audit_export_downloads(api, app):
    api.upload("drafter")
    client = app.test_client()
    login(client, "admin")
    resp = client.get("/audit/export.jsonl?action=upload")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    rows = [json.loads(line) for line in resp.data.decode().splitlines()]
    assert [r["action"] for r in rows] == ["upload"] and audit.entry_hash(rows[0]) == rows[0]["hash"]
    resp = client.get("/audit/export.csv")
    assert resp.data.decode("utf-8").startswith("\ufeffseq,ts,actor,action")
    assert client.get("/audit/export.xml").status_code == 404


def test_my_tokens_page_creates_once_and_revokes(app):
    client = app.test_client()
    login(client, "drafter")
    resp = client.post("/account/tokens")
    assert resp.status_code == 201
    raw = resp.data.decode().split('<code class="otp">')[1].split("<")[0]
    assert raw.startswith("rvw_") and raw not in client.get("/account/tokens").data.decode()
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/documents", headers=headers).status_code == 200
    with app.extensions["reviewer.sessions"]() as s:
        token_id = s.query(ApiToken).one().id
    # another user cannot revoke it, nor see it; the owner can
    other = app.test_client()
    login(other, "drafter2")
    assert other.post(f"/account/tokens/{token_id}/revoke").status_code == 404
    assert other.get("/account/tokens?user=drafter").status_code == 403
    resp = client.post(f"/account/tokens/{token_id}/revoke", follow_redirects=True)
    assert "已撤销" in resp.data.decode()
    assert client.get("/api/v1/documents", headers=headers).status_code == 401
    with app.extensions["reviewer.sessions"]() as s:
        actions = [e.action for e in audit.entries(s)]
    assert actions.count("token_create") == 1 and actions.count("token_revoke") == 1


def test_an_admin_manages_anyones_tokens(app):
    client = app.test_client()
    login(client, "admin")
    assert client.post("/account/tokens", data={"user": "reviewer"}).status_code == 201
    html = client.get("/account/tokens?user=reviewer").data.decode()
    assert "API 令牌：reviewer" in html and "有效" in html
    with app.extensions["reviewer.sessions"]() as s:
        token = s.query(ApiToken).one()
        assert token.user.name == "reviewer"
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 303
    assert client.get("/account/tokens?user=nobody").status_code == 404
