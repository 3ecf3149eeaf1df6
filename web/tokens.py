"""A user's own API tokens: create (shown once) and revoke; an administrator can manage anyone's (?user=NAME)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from reviewer import accounts
from reviewer.db.models import ApiToken, User

from .db import client_ip, session

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


def _target() -> User:
    name = request.values.get("user", "").strip()
    if not name or name == current_user.name:
        return current_user
    user = accounts.find_user(session(), name)
    if user is None:
        abort(404)
    return user


@bp.get("")
@login_required
def index():
    target = _target()
    tokens = accounts.tokens_of(session(), current_user, target)
    return render_template("audit/tokens.html", target=target, tokens=tokens, raw=None)


@bp.post("")
@login_required
def create():
    db = session()
    target = _target()
    accounts.tokens_of(db, current_user, target)  # the same role check as listing
    raw = accounts.create_token(db, current_user, target, ip=client_ip())
    db.commit()
    tokens = accounts.tokens_of(db, current_user, target)
    return render_template("audit/tokens.html", target=target, tokens=tokens, raw=raw), 201


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    db = session()
    token = db.get(ApiToken, token_id)
    if token is None or (token.user_id != current_user.id and not current_user.has_role("admin")):
        abort(404)
    accounts.revoke_token(db, current_user, token, ip=client_ip())
    db.commit()
    flash(f"令牌 {token.prefix}… 已撤销，使用它的程序将无法再访问。", "info")
    owner = token.user.name
    return redirect(url_for("tokens.index", user=None if owner == current_user.name else owner), code=303)
