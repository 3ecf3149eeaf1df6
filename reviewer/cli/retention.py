"""`reviewer retention run` and `reviewer storage new-key|rotate-key`: what is kept at rest, and how."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import config


def _factory(settings: dict):
    from ..db import make_engine, make_session_factory
    engine = make_engine(settings["DATABASE_URL"])
    return engine, make_session_factory(engine)


@click.group()
def retention() -> None:
    """保存期限：签发（发布或不予公开）满 N 天后删除原文件。"""


@retention.command("run")
@click.option("--days", type=float, default=None, help="override REVIEWER_RETENTION_DAYS")
@click.option("--dry-run", is_flag=True, help="list what would be deleted, delete nothing")
def retention_run(days: float | None, dry_run: bool) -> None:
    """Delete originals of documents signed off more than N days ago (each deletion is an audit entry)."""
    from ..retention import ENV, days_from_env, run
    try:
        days = days if days is not None else days_from_env()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if days is None:
        click.echo(f"未设置保存期限（{ENV}），不删除任何文件。")
        return
    settings = config.load()
    engine, factory = _factory(settings)
    try:
        with factory() as session:
            removed = run(session, Path(settings["STORAGE_DIR"]), days, dry_run=dry_run)
    finally:
        engine.dispose()
    verb = "将删除" if dry_run else "已删除"
    for r in removed:
        click.echo(f"{verb}：文件 {r.document_id} 第 {r.version} 版（{r.sha256[:12]}…，{r.signed_at:%Y-%m-%d} 签发）")
    click.echo(f"{verb} {len(removed)} 个原文件（保存期限 {days:g} 天）。")


@click.group()
def storage() -> None:
    """存储加密：生成密钥、更换密钥。"""


@storage.command("new-key")
def new_key() -> None:
    """Print a fresh key for REVIEWER_STORAGE_KEY."""
    from ..crypto import new_key as make
    click.echo(make())


@storage.command("rotate-key")
def rotate_key() -> None:
    """Re-encrypt every stored file: from REVIEWER_STORAGE_KEY_OLD (unset: plaintext) to REVIEWER_STORAGE_KEY
    (unset: decrypt). Stop the server first; safe to run again after an interruption."""
    from .. import audit
    from ..check import stored_files
    from ..crypto import ENV, OLD_ENV, StorageKeyError, key_from_env, rotate_file
    try:
        old, new = key_from_env(OLD_ENV), key_from_env(ENV)
    except StorageKeyError as exc:
        raise click.UsageError(exc.message) from None
    if old is None and new is None:
        raise click.UsageError(f"请设置 {ENV}（新密钥），更换密钥时再设置 {OLD_ENV}（旧密钥）。")
    settings = config.load()
    changed, failed = 0, []
    for path in stored_files(Path(settings["STORAGE_DIR"])).values():
        try:
            changed += rotate_file(path, old, new)
        except StorageKeyError as exc:
            failed.append(exc.message)
    engine, factory = _factory(settings)
    try:
        with factory() as session:
            audit.record(session, "storage_rotate_key", "system",
                         details={"changed": changed, "failed": len(failed), "encrypted": new is not None})
            session.commit()
    finally:
        engine.dispose()
    for message in failed:
        click.echo(message, err=True)
    click.echo(f"已重新加密 {changed} 个文件" + (f"，{len(failed)} 个失败" if failed else "") + "。")
    if failed:
        sys.exit(1)
