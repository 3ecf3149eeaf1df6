"""`reviewer user add` and `reviewer token create`: accounts and API tokens from the command line."""
from __future__ import annotations

import sys

import click

from .. import config


def _session():
    from ..db import make_engine, make_session_factory
    return make_session_factory(make_engine(config.load()["DATABASE_URL"]))()


@click.group()
def user() -> None:
    """用户账户。"""


@user.command("add")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice(["drafter", "reviewer", "approver", "admin"]),
              help="drafter 起草人 / reviewer 保密审查员 / approver 签发人 / admin 管理员 (repeatable)")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@click.option("--display-name", default=None, help="the person's name as shown in the app")
def add(name: str, roles: tuple[str, ...], password_stdin: bool, display_name: str | None) -> None:
    """Create an account; without --password-stdin a one-time password is generated and printed."""
    from ..accounts import create_user
    from ..workflow_errors import WorkflowError
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    with _session() as session:
        try:
            created, generated = create_user(session, None, name, roles, password, display_name=display_name)
        except WorkflowError as exc:
            raise click.ClickException(exc.message) from None
        session.commit()
    click.echo(f"已创建用户 {created.name}（{'、'.join(sorted(roles))}）")
    if generated:
        click.echo(f"一次性密码：{generated}")
        click.echo("（只显示这一次；首次登录时须修改）")


@click.group()
def token() -> None:
    """API 令牌。"""


@token.command("create")
@click.argument("name")
def create(name: str) -> None:
    """Create an API token for user NAME and print it once (only its hash is stored)."""
    from ..accounts import create_token, find_user
    with _session() as session:
        target = find_user(session, name)
        if target is None or target.disabled:
            raise click.ClickException(f"用户“{name}”不存在或已停用。请先用 reviewer user add 创建。")
        raw = create_token(session, None, target)
        session.commit()
    click.echo(raw)
    click.echo("（令牌只显示这一次，请妥善保存；使用方式：Authorization: Bearer <令牌>）", err=True)


@token.command("list")
@click.argument("name")
def list_tokens(name: str) -> None:
    """List user NAME's tokens: prefix, created, last used, revoked."""
    from ..accounts import find_user
    from ..db.models import ApiToken
    with _session() as session:
        target = find_user(session, name)
        if target is None:
            raise click.ClickException(f"用户“{name}”不存在。")
        for t in session.query(ApiToken).filter_by(user_id=target.id).order_by(ApiToken.id):
            state = "已撤销" if t.revoked else "有效"
            click.echo(f"{t.prefix}…\t{t.created_at:%Y-%m-%d %H:%M}\t{t.last_used_at or '从未使用'}\t{state}")


@token.command("revoke")
@click.argument("prefix")
def revoke(prefix: str) -> None:
    """Revoke the token starting with PREFIX (the first 12 characters shown by `token list`, or the whole token)."""
    from ..accounts import _token_digest, revoke_token
    from ..db.models import ApiToken
    from ..workflow_errors import WorkflowError
    with _session() as session:
        found = session.query(ApiToken).filter((ApiToken.token_hash == _token_digest(prefix))
                                               | (ApiToken.prefix == prefix[:12].rstrip("…"))).all()
        if len(found) != 1:
            raise click.ClickException(f"找不到唯一的令牌“{prefix[:12]}…”。请用 reviewer token list NAME 查看前缀。")
        try:
            revoke_token(session, None, found[0])
        except WorkflowError as exc:
            raise click.ClickException(exc.message) from None
        session.commit()
        click.echo(f"已撤销 {found[0].user.name} 的令牌 {found[0].prefix}…")
