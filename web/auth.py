"""Logging in and out, changing one's password, and the role check every view uses."""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import (Blueprint, Flask, current_app, flash, redirect, render_template, request, session as
                   cookie, url_for)
from flask_login import LoginManager, current_user, login_required, login_user, logout_user

from reviewer import accounts, audit
from reviewer.db.models import User
from reviewer.workflow_errors import WorkflowError, require_role

from .db import client_ip, session

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录。"
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = session().get(User, int(user_id))
    return user if user and not user.disabled else None


def roles_required(*roles: str):
    """View decorator: logged in and holding one of the roles, else 403 with the reason."""
    def wrap(view):
        @wraps(view)
        @login_required
        def inner(*args, **kwargs):
            require_role(current_user, *roles)
            return view(*args, **kwargs)
        return inner
    return wrap


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("documents.queue")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("documents.queue"))
    error, status = None, 200
    if request.method == "POST":
        cfg = current_app.config
        db = session()
        try:
            user = accounts.authenticate(db, request.form.get("username", ""), request.form.get("password", ""),
                                         client_ip(), max_user=cfg["LOGIN_MAX_FAILURES"],
                                         max_ip=cfg["LOGIN_MAX_FAILURES_IP"], minutes=cfg["LOGIN_LOCK_MINUTES"])
        except WorkflowError as exc:
            db.commit()  # the failure is counted and logged
            error, status = exc.message, exc.status
        else:
            db.commit()
            cookie.clear()
            cookie.permanent = True
            login_user(user)
            if user.must_change_password:
                flash("这是一次性密码，请先设置您自己的新密码。", "warning")
                return redirect(url_for("auth.password"))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", error=error,
                           username=request.form.get("username", "")), status


@bp.post("/logout")
@login_required
def logout():
    db = session()
    audit.record(db, "logout", current_user, ip=client_ip())
    db.commit()
    logout_user()
    cookie.clear()
    flash("您已安全退出。", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    error, status = None, 200
    if request.method == "POST":
        db = session()
        new, again = request.form.get("new", ""), request.form.get("again", "")
        try:
            if new != again:
                raise WorkflowError("mismatch", 400, "两次输入的新密码不一致。")
            accounts.change_password(db, current_user, request.form.get("old", ""), new, ip=client_ip())
        except WorkflowError as exc:
            db.rollback()
            error, status = exc.message, exc.status
        else:
            db.commit()
            flash("密码已修改。", "info")
            return redirect(url_for("documents.queue"))
    return render_template("auth/password.html", error=error), status


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    from . import session_guard  # a copied cookie stops working at logout or password change
    session_guard.init_app(app)

    @app.before_request
    def must_change_password():
        if (current_user.is_authenticated and current_user.must_change_password
                and request.endpoint not in ("auth.password", "auth.logout", "static")):
            return redirect(url_for("auth.password"))
