"""Administration: accounts (create, roles, disable, reset password) and the audit log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from reviewer import accounts
from reviewer.db.models import User
from reviewer.workflow_errors import WorkflowError

from .auth import roles_required
from .db import client_ip, session

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _users():
    return session().execute(select(User).order_by(User.name)).scalars().all()


@bp.route("/users", methods=["GET", "POST"])
@roles_required("admin")
def users():
    error, status, created = None, 200, None
    if request.method == "POST":
        db = session()
        form = request.form
        password = form.get("password") or None
        try:
            user, generated = accounts.create_user(db, current_user, form.get("name", ""), form.getlist("role"),
                                                   password, display_name=form.get("display_name"), ip=client_ip())
        except WorkflowError as exc:
            db.rollback()
            error, status = exc.message, exc.status
        else:
            db.commit()
            created = (user.name, generated)
            status = 201
    return render_template("admin/users.html", users=_users(), roles=accounts.ROLES, error=error,
                           created=created, form=request.form), status


def _user(user_id: int) -> User:
    user = session().get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/users/<int:user_id>")
@roles_required("admin")
def user(user_id: int):
    return render_template("admin/user.html", user=_user(user_id), roles=accounts.ROLES, password=None)


@bp.post("/users/<int:user_id>")
@roles_required("admin")
def update(user_id: int):
    db = session()
    target = _user(user_id)
    what = request.form.get("what")
    if what == "roles":
        accounts.update_user(db, current_user, target, roles=request.form.getlist("role"), ip=client_ip())
        message = "角色已更新。"
    elif what in ("disable", "enable"):
        accounts.update_user(db, current_user, target, disabled=(what == "disable"), ip=client_ip())
        message = "账户已停用。" if what == "disable" else "账户已启用。"
    elif what == "reset":
        password = accounts.reset_password(db, current_user, target, ip=client_ip())
        db.commit()
        return render_template("admin/user.html", user=target, roles=accounts.ROLES, password=password)
    else:
        raise WorkflowError("bad_request", 400, "未知的操作。")
    db.commit()
    flash(message, "info")
    return redirect(url_for("admin.user", user_id=user_id), code=303)


@bp.get("/audit")
@roles_required("admin", "approver")
def audit_log():
    """The audit log moved to /audit (filters, pages, export); old links land there."""
    args = {"document": request.args.get("document"), "user": request.args.get("actor"),
            "verify": request.args.get("verify")}
    return redirect(url_for("audit_views.log", **{k: v for k, v in args.items() if v}), code=301)
