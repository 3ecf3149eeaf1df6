"""Logging in: wrong passwords, throttling with a time to retry, disabled accounts, one-time passwords, cookies, headers."""
from __future__ import annotations

from flask import session as flask_session

from reviewer import accounts
from tests.web.conftest import make_app
from tests.web.webfakes import PASSWORD


def test_wrong_password(client, auth):
    resp = auth.login("reviewer", "wrong password")
    assert resp.status_code == 401 and "用户名或密码不正确" in resp.data.decode()


def test_throttled_after_repeated_failures(client, auth):
    for _ in range(5):
        auth.login("reviewer", "wrong password")
    resp = auth.login("reviewer")
    assert resp.status_code == 429 and "登录失败次数过多" in resp.data.decode() and "之后再试" in resp.data.decode()


def test_session_cookie_is_httponly_and_lax(client, auth):
    resp = auth.login("reviewer")
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_security_headers(client):
    resp = client.get("/login")
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "same-origin"
    assert "<script>" not in resp.data.decode()  # no inline script anywhere


def test_csrf_is_required(tmp_path):
    app = make_app(tmp_path)
    app.config["WTF_CSRF_ENABLED"] = True
    resp = app.test_client().post("/login", data={"username": "reviewer", "password": PASSWORD})
    assert resp.status_code == 400 and "CSRF" in resp.data.decode()


def test_one_time_password_must_be_changed(client, auth, app):
    with app.extensions["reviewer.sessions"]() as s:
        _u, otp = accounts.create_user(s, None, "newcomer", ["reviewer"])
        s.commit()
    resp = auth.login("newcomer", otp)
    assert resp.headers["Location"].endswith("/account/password")
    assert client.get("/").headers["Location"].endswith("/account/password")
    resp = client.post("/account/password", data={"old": otp, "new": "newcomer-2026", "again": "newcomer-2026"})
    assert resp.status_code == 400 and "不能包含用户名" in resp.data.decode()
    resp = client.post("/account/password", data={"old": otp, "new": "a-much-better-one", "again": "a-much-better-one"})
    assert resp.status_code == 302 and client.get("/").status_code == 200


def test_disabled_account_cannot_log_in_and_is_logged_out(client, auth, app):
    auth.login("reviewer")
    with app.extensions["reviewer.sessions"]() as s:
        accounts.find_user(s, "reviewer").disabled = True
        s.commit()
    assert client.get("/").status_code == 302
    resp = auth.login("reviewer")
    assert resp.status_code == 403 and "已停用" in resp.data.decode()


def test_logout_ends_the_session(client, auth):
    auth.login("reviewer")
    with client:
        auth.logout()
        assert "_user_id" not in flask_session
    assert client.get("/").status_code == 302


def test_login_redirect_stays_on_site(client, auth):
    resp = client.post("/login?next=//evil.example/x", data={"username": "reviewer", "password": PASSWORD})
    assert resp.headers["Location"] == "/"


def test_login_expires(client, auth, app):
    cookie = auth.login("reviewer").headers["Set-Cookie"]
    assert "Expires=" in cookie  # a permanent session of REVIEWER_SESSION_HOURS, not a forever cookie
    assert app.permanent_session_lifetime.total_seconds() == 8 * 3600
