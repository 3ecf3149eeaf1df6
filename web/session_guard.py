"""Server-side end of a login: after logout, a password change or a reset, every copy of the old cookie is refused.

Flask keeps the session in a signed cookie, so logging out only clears the browser's copy. Each login stamps
its cookie with the seq of its own "login" audit entry and a fingerprint of the password hash; a request is
refused when the user has logged out since (a later "logout" entry) or the password hash changed.
"""
from __future__ import annotations

import hashlib

from flask import Flask, flash, redirect, request, session as cookie, url_for
from flask_login import current_user, logout_user, user_logged_in
from sqlalchemy import func, select

from reviewer.db.models import AuditEntry, User

from .db import session

ENDS_EVERY_SESSION = ("logout",)


def fingerprint(user: User) -> str:
    return hashlib.sha256(("session:" + user.password_hash).encode()).hexdigest()[:16]


def stamp(user: User) -> None:
    """Mark this cookie as belonging to the user's latest login (called at login and after a password change)."""
    seq = session().execute(select(func.max(AuditEntry.seq))).scalar_one()
    cookie["login_seq"], cookie["pw"] = seq or 0, fingerprint(user)


def revoked(user: User) -> bool:
    since = cookie.get("login_seq")
    if not isinstance(since, int) or cookie.get("pw") != fingerprint(user):
        return True
    later = session().execute(select(AuditEntry.seq).where(
        AuditEntry.actor == user.name, AuditEntry.action.in_(ENDS_EVERY_SESSION), AuditEntry.seq > since).limit(1))
    return later.first() is not None


def init_app(app: Flask) -> None:
    user_logged_in.connect(lambda _app, user, **_kw: stamp(user), app, weak=False)

    @app.before_request
    def refuse_ended_login():
        if (request.endpoint or "").startswith(("api.", "static")) or not current_user.is_authenticated:
            return None
        if revoked(current_user):
            logout_user()
            cookie.clear()
            flash("登录已失效（已在别处退出，或密码已修改）。请重新登录。", "warning")
            return redirect(url_for("auth.login"))
        return None

    @app.after_request
    def restamp_after_password_change(resp):
        if (request.endpoint == "auth.password" and request.method == "POST" and resp.status_code in (302, 303)
                and current_user.is_authenticated):
            session().refresh(current_user)
            stamp(current_user)
        return resp
