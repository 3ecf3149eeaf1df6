"""`reviewer db upgrade|current`: create or migrate the database named by REVIEWER_DATABASE_URL."""
from __future__ import annotations

import click

from .. import config


@click.group()
def db() -> None:
    """数据库：创建或升级表结构。"""


@db.command()
def upgrade() -> None:
    """Create the tables, or bring them up to date (safe to run again)."""
    from ..migrations import upgrade as run_upgrade
    url = config.load()["DATABASE_URL"]
    run_upgrade(url)
    click.echo(f"数据库已是最新结构：{_safe(url)}")


@db.command()
def current() -> None:
    """Show the schema revision the database is at."""
    from ..migrations import current as rev
    click.echo(rev(config.load()["DATABASE_URL"]) or "（尚未初始化：请运行 reviewer db upgrade）")


def _safe(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)
