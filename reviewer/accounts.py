"""Accounts: users with roles, argon2 password hashes, the password policy, login throttling and API tokens."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from . import audit
from .db.models import ApiToken, LoginFailure, User
from .workflow_errors import WorkflowError, require_role
from .workflow_text import BEIJING

ROLES = {"drafter": "起草人", "reviewer": "保密审查员", "approver": "签发人", "admin": "管理员"}
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
# verified against when the account does not exist, so the answer takes as long either way
_DUMMY_HASH = _HASHER.hash("not a password at all")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(name: str, password: str) -> str | None:
    """Why a password is refused, in words a person can act on; None when it is acceptable."""
    if len(password) < MIN_PASSWORD:
        return f"密码至少需要 {MIN_PASSWORD} 个字符。"
    if password.strip().lower() == name.strip().lower() or name.lower() in password.lower():
        return "密码不能与用户名相同，也不能包含用户名。"
    if len(set(password)) < 4:
        return "密码过于简单（重复字符太多），请换一个。"
    return None


def one_time_password() -> str:
    return secrets.token_urlsafe(12)


def _check_roles(roles) -> set[str]:
    roles = set(roles)
    unknown = roles - set(ROLES)
    if not roles or unknown:
        raise WorkflowError("bad_role", 400, "请至少选择一个有效角色：" + "、".join(f"{k}（{v}）" for k, v in ROLES.items()))
    return roles


def create_user(session: Session, actor: User | None, name: str, roles, password: str | None = None, *,
                display_name: str | None = None, ip: str | None = None) -> tuple[User, str | None]:
    """Create an account; without a password, one is generated and returned once (to be changed at first login)."""
    if actor is not None:
        require_role(actor, "admin")
    name = (name or "").strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise WorkflowError("bad_name", 400, "用户名不能为空、不能含空格，且不超过 64 个字符。")
    if session.execute(select(User).where(func.lower(User.name) == name.lower())).scalar_one_or_none():
        raise WorkflowError("user_exists", 409, f"用户名“{name}”已存在，请换一个。")
    roles = _check_roles(roles)
    generated = None
    if password is None:
        password = generated = one_time_password()
    elif problem := password_problem(name, password):
        raise WorkflowError("weak_password", 400, problem)
    user = User(name=name, display_name=display_name or None, password_hash=hash_password(password),
                must_change_password=generated is not None)
    user.roles = roles
    session.add(user)
    session.flush()
    audit.record(session, "user_create", actor.name if actor else "system", ip=ip,
                 details={"user": name, "roles": sorted(roles)})
    return user, generated


def update_user(session: Session, actor: User, user: User, *, roles=None, disabled: bool | None = None,
                ip: str | None = None) -> None:
    require_role(actor, "admin")
    changes: dict = {"user": user.name}
    if roles is not None:
        roles = _check_roles(roles)
        if user.id == actor.id and "admin" not in roles:
            raise WorkflowError("self_demote", 409, "不能取消自己的管理员角色，请由另一位管理员操作。")
        user.roles = roles
        changes["roles"] = sorted(roles)
    if disabled is not None:
        if user.id == actor.id and disabled:
            raise WorkflowError("self_disable", 409, "不能停用自己的账户，请由另一位管理员操作。")
        user.disabled = disabled
        changes["disabled"] = disabled
    audit.record(session, "user_update", actor, ip=ip, details=changes)


def reset_password(session: Session, actor: User, user: User, *, ip: str | None = None) -> str:
    """Give the account a new one-time password (returned once); the user must change it at next login."""
    require_role(actor, "admin")
    password = one_time_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    audit.record(session, "password_reset", actor, ip=ip, details={"user": user.name})
    return password


def change_password(session: Session, user: User, old: str, new: str, *, ip: str | None = None) -> None:
    if not check_password(user.password_hash, old):
        raise WorkflowError("wrong_password", 400, "当前密码不正确。")
    if problem := password_problem(user.name, new):
        raise WorkflowError("weak_password", 400, problem)
    if new == old:
        raise WorkflowError("same_password", 400, "新密码不能与当前密码相同。")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    audit.record(session, "password_change", user, ip=ip)


def _when(dt: datetime) -> str:
    """HH:MM in Beijing time, rounded up: a lock ending at 14:29:40 is announced as 14:30, not 14:29."""
    local = dt.astimezone(BEIJING)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return f"{local.hour:02d}:{local.minute:02d}"


def throttled_until(session: Session, name: str, ip: str | None, *, max_user: int, max_ip: int,
                    minutes: float) -> datetime | None:
    """When the account or address may try again, if it is locked now."""
    since = datetime.now(timezone.utc) - timedelta(minutes=minutes)
    checks = [(LoginFailure.user_name == name.lower(), max_user)]
    if ip:
        checks.append((LoginFailure.ip == ip, max_ip))
    until = None
    for cond, limit in checks:
        times = session.execute(select(LoginFailure.at).where(cond, LoginFailure.at > since)
                                .order_by(LoginFailure.at.desc()).limit(limit)).scalars().all()
        if len(times) >= limit:
            last = times[0] if times[0].tzinfo else times[0].replace(tzinfo=timezone.utc)
            candidate = last + timedelta(minutes=minutes)
            until = max(until, candidate) if until else candidate
    return until


def authenticate(session: Session, name: str, password: str, ip: str | None, *, max_user: int = 5,
                 max_ip: int = 20, minutes: float = 15) -> User:
    """The user for these credentials, or a WorkflowError saying what went wrong (and when to retry)."""
    name = (name or "").strip()
    until = throttled_until(session, name, ip, max_user=max_user, max_ip=max_ip, minutes=minutes)
    if until:
        audit.record(session, "login_failed", name or None, ip=ip, details={"reason": "throttled"})
        raise WorkflowError("throttled", 429, f"登录失败次数过多，已暂时锁定。请在 {_when(until)} 之后再试，"
                                               "或请管理员重置密码。")
    user = session.execute(select(User).where(func.lower(User.name) == name.lower())).scalar_one_or_none()
    ok = check_password(user.password_hash if user else _DUMMY_HASH, password)
    if not user or not ok or user.disabled:
        session.add(LoginFailure(user_name=name.lower(), ip=ip))
        reason = "disabled" if (user and ok) else "bad_credentials"
        audit.record(session, "login_failed", name or None, ip=ip, details={"reason": reason})
        if reason == "disabled":
            raise WorkflowError("disabled", 403, "该账户已停用。如有疑问请联系管理员。")
        raise WorkflowError("bad_credentials", 401, "用户名或密码不正确。")
    # a successful login clears the account's own count (the address keeps its count until the window passes)
    session.execute(delete(LoginFailure).where(LoginFailure.user_name == name.lower(), LoginFailure.ip == ip))
    audit.record(session, "login", user, ip=ip)
    return user


def _token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_token(session: Session, actor: User | None, user: User, *, ip: str | None = None) -> str:
    """A new API token for the user, returned once; only its SHA-256 is stored."""
    if actor is not None and actor.id != user.id:
        require_role(actor, "admin")
    raw = "rvw_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_digest(raw), prefix=raw[:12]))
    audit.record(session, "token_create", actor.name if actor else "system", ip=ip,
                 details={"user": user.name, "prefix": raw[:12]})
    return raw


def tokens_of(session: Session, actor: User, user: User | None = None) -> list[ApiToken]:
    """The tokens of `user` (default: the actor's own; another user's for an admin only), newest first."""
    target = user or actor
    if target.id != actor.id:
        require_role(actor, "admin")
    return list(session.execute(select(ApiToken).where(ApiToken.user_id == target.id)
                                .order_by(ApiToken.id.desc())).scalars())


def revoke_token(session: Session, actor: User | None, token: ApiToken, *, ip: str | None = None) -> None:
    """Revoke a token: by its owner, an admin, or (actor None) the command line; recorded in the audit log."""
    if actor is not None and actor.id != token.user_id:
        require_role(actor, "admin")
    if token.revoked:
        raise WorkflowError("already_revoked", 409, f"令牌 {token.prefix}… 已经撤销。")
    token.revoked = True
    audit.record(session, "token_revoke", actor.name if actor else "system", ip=ip,
                 details={"user": token.user.name, "prefix": token.prefix})


def user_for_token(session: Session, raw: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    if not raw:
        return None
    token = session.execute(select(ApiToken).where(ApiToken.token_hash == _token_digest(raw))).scalar_one_or_none()
    if token is None or token.revoked or token.user.disabled:
        return None
    token.last_used_at = datetime.now(timezone.utc)
    return token.user


def find_user(session: Session, name: str) -> User | None:
    return session.execute(select(User).where(func.lower(User.name) == name.strip().lower())).scalar_one_or_none()
