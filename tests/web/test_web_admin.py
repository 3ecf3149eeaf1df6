"""Administration pages: create accounts (one-time password shown once), roles, disable, reset; the audit log."""
from __future__ import annotations

from reviewer import accounts, audit
from reviewer.db.models import AuditEntry


def test_create_user_with_generated_password(client, auth, app):
    auth.login("admin")
    resp = client.post("/admin/users", data={"name": "zhaoliu", "display_name": "赵六", "role": ["reviewer", "approver"]})
    assert resp.status_code == 201 and "已创建用户“zhaoliu”" in resp.data.decode() and "一次性密码" in resp.data.decode()
    with app.extensions["reviewer.sessions"]() as s:
        assert accounts.find_user(s, "zhaoliu").roles == {"reviewer", "approver"}


def test_create_user_refusals(client, auth):
    auth.login("admin")
    resp = client.post("/admin/users", data={"name": "reviewer", "role": "drafter"})
    assert resp.status_code == 409 and "已存在" in resp.data.decode()
    resp = client.post("/admin/users", data={"name": "x1", "role": "drafter", "password": "short"})
    assert resp.status_code == 400 and "至少需要 10 个字符" in resp.data.decode()
    resp = client.post("/admin/users", data={"name": "x2"})
    assert resp.status_code == 400 and "至少选择一个有效角色" in resp.data.decode()


def test_disable_and_reset(client, auth, app):
    auth.login("admin")
    with app.extensions["reviewer.sessions"]() as s:
        uid = accounts.find_user(s, "reviewer").id
        me = accounts.find_user(s, "admin").id
    assert client.post(f"/admin/users/{uid}", data={"what": "disable"}).status_code == 303
    assert "已停用" in client.get(f"/admin/users/{uid}").data.decode()
    page = client.post(f"/admin/users/{uid}", data={"what": "reset"}).data.decode()
    assert "新的一次性密码" in page
    resp = client.post(f"/admin/users/{me}", data={"what": "disable"})
    assert resp.status_code == 409 and "不能停用自己的账户" in resp.data.decode()


def test_audit_page_lists_and_verifies(client, auth, app, uploaded):
    auth.login("admin")
    moved = client.get("/admin/audit?verify=1")
    assert moved.status_code == 301 and moved.headers["Location"].endswith("/audit?verify=1")
    page = client.get("/audit?verify=1").data.decode()
    assert "日志链完整" in page and "上传" in page and "登录" in page
    with app.extensions["reviewer.sessions"]() as s:
        s.get(AuditEntry, 2).action = "tampered"
        s.commit()
        assert audit.verify(s) == (False, 2)
    broken = client.get("/audit?verify=1").data.decode()
    assert "日志链断开" in broken and "第 2 条" in broken


def test_views_downloads_and_failed_logins_are_audited(client, auth, app, uploaded):
    _doc, vid = uploaded
    auth.login("reviewer", "nope")
    auth.login("reviewer")
    client.get(f"/versions/{vid}/review")
    client.get(f"/versions/{vid}/original")
    with app.extensions["reviewer.sessions"]() as s:
        actions = [e.action for e in audit.entries(s)]
    for action in ("login_failed", "login", "view", "download", "logout"):
        assert action in actions
