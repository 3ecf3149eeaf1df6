"""Sessions: identity rotates at login, planted session data is dropped, logins expire, logout ends them;
failed logins are throttled and logged; weak passwords are refused."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest

from reviewer import accounts
from reviewer.db.models import AuditEntry, User
from reviewer.workflow_errors import WorkflowError
from tests.web.conftest import AuthActions, make_app
from tests.web.webfakes import PASSWORD


def _cookie(client) -> str | None:
    c = client.get_cookie("session")
    return c.value if c else None


def test_session_is_new_at_login(sec_app):
    """Session fixation: what an attacker planted before login is gone after it, and the cookie is a new one."""
    client = sec_app.test_client()
    with client.session_transaction() as sess:
        sess["planted"] = "attacker"
        sess["_user_id"] = "999"
    planted = _cookie(client)
    assert AuthActions(client).login("drafter").status_code == 302
    assert _cookie(client) != planted
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert sess["_user_id"] != "999"
    attacker = sec_app.test_client()
    attacker.set_cookie("session", planted)
    assert attacker.get("/").status_code == 302   # the planted cookie is still anonymous


def test_forged_cookie_is_refused(sec_app):
    client = sec_app.test_client()
    client.set_cookie("session", '{"_user_id": "1", "_fresh": true}')
    assert client.get("/").status_code == 302
    client.set_cookie("session", "eyJfdXNlcl9pZCI6IjEifQ.AAAAAA.forgedsignature")
    assert client.get("/").status_code == 302


def test_cookie_of_another_secret_key_is_refused(sec_app, tmp_path):
    other = make_app(tmp_path)
    other.config["SECRET_KEY"] = "another-key"
    c = other.test_client()
    AuthActions(c).login("admin")
    stolen = _cookie(c)
    victim = sec_app.test_client()
    victim.set_cookie("session", stolen)
    assert victim.get("/admin/users").status_code == 302


def test_login_expires(tmp_path, fast_hashes):
    app = make_app(tmp_path)
    app.permanent_session_lifetime = timedelta(seconds=1)
    client = app.test_client()
    AuthActions(client).login("drafter")
    assert client.get("/").status_code == 200
    cookie = _cookie(client)
    time.sleep(2.2)   # not a timing assertion: the cookie is simply older than its lifetime now
    replay = app.test_client()
    replay.set_cookie("session", cookie)
    assert replay.get("/").status_code == 302
    app.extensions["reviewer.engine"].dispose()


def test_logout_ends_the_session_even_for_a_copied_cookie(sec_app):
    """A cookie copied while logged in (a shared PC, a proxy log) no longer works after logout."""
    client = sec_app.test_client()
    AuthActions(client).login("reviewer2")
    copied = _cookie(client)
    assert AuthActions(client).logout().status_code == 302
    thief = sec_app.test_client()
    thief.set_cookie("session", copied)
    resp = thief.get("/")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_password_change_ends_other_sessions(tmp_path, fast_hashes):
    app = make_app(tmp_path)
    laptop, phone = app.test_client(), app.test_client()
    AuthActions(laptop).login("drafter")
    AuthActions(phone).login("drafter")
    resp = laptop.post("/account/password", data={"old": PASSWORD, "new": "Brand-new-pass-42", "again": "Brand-new-pass-42"})
    assert resp.status_code in (302, 303)
    assert phone.get("/").status_code == 302
    app.extensions["reviewer.engine"].dispose()


def test_login_throttling(tmp_path, fast_hashes):
    app = make_app(tmp_path)
    client = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        resp = client.post("/login", data={"username": "approver", "password": "wrong-password"})
        assert resp.status_code == 401 and "用户名或密码不正确" in resp.get_data(as_text=True)
    resp = client.post("/login", data={"username": "approver", "password": PASSWORD})
    assert resp.status_code == 429 and "锁定" in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302
    with app.extensions["reviewer.sessions"]() as s:
        failed = s.query(AuditEntry).filter_by(action="login_failed").count()
    assert failed == app.config["LOGIN_MAX_FAILURES"] + 1
    app.extensions["reviewer.engine"].dispose()


def test_unknown_user_and_wrong_password_look_the_same(sec_app):
    a = sec_app.test_client().post("/login", data={"username": "nobody-here", "password": "x" * 12})
    b = sec_app.test_client().post("/login", data={"username": "admin", "password": "x" * 12})
    assert a.status_code == b.status_code == 401
    assert "用户名或密码不正确" in a.get_data(as_text=True) and "用户名或密码不正确" in b.get_data(as_text=True)


WEAK = [("short", "短密码"), ("zhangsan", "zhangsan2024x"), ("aaaa", "aaaaaaaaaaaaaa"), ("pw", "abababababab")]


@pytest.mark.parametrize("name,password", WEAK)
def test_weak_passwords_are_refused(sec_app, name, password):
    with sec_app.extensions["reviewer.sessions"]() as s:
        with pytest.raises(WorkflowError) as exc:
            accounts.create_user(s, None, name, ["drafter"], password)
        assert "密码" in exc.value.message
        s.rollback()


def test_password_form_refuses_weak_password(sec_app):
    client = sec_app.test_client()
    AuthActions(client).login("drafter2")
    resp = client.post("/account/password", data={"old": PASSWORD, "new": "123", "again": "123"})
    assert resp.status_code == 400 and "密码至少需要" in resp.get_data(as_text=True)
    with sec_app.extensions["reviewer.sessions"]() as s:
        assert accounts.check_password(s.query(User).filter_by(name="drafter2").one().password_hash, PASSWORD)


def test_database_holds_no_password_or_token_in_clear(sec_app):
    """Someone with the database file finds argon2 hashes and token digests, not secrets."""
    import sqlite3
    with sec_app.extensions["reviewer.sessions"]() as s:
        raw = accounts.create_token(s, None, accounts.find_user(s, "approver"))
        s.commit()
    dump = "\n".join(sqlite3.connect(sec_app.config["DATABASE_URL"].split("///", 1)[1]).iterdump())
    assert raw not in dump and raw[12:] not in dump
    assert PASSWORD not in dump
    assert dump.count("$argon2id$") >= 6
