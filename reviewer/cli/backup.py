"""`reviewer backup OUT.tar.gz` and `reviewer restore IN.tar.gz [--force]`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import config


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def backup(out: Path) -> None:
    """Write a consistent snapshot of the database and the stored files, with a manifest of SHA-256s."""
    from ..backup import BackupError, backup as run_backup
    settings = config.load()
    if out.exists():
        raise click.UsageError(f"{out} 已存在。请换一个文件名，或先移走旧备份。")
    try:
        manifest = run_backup(settings, out)
    except BackupError as exc:
        click.echo(f"备份失败：{exc.message}", err=True)
        sys.exit(1)
    _audit(settings, out, manifest)
    head = manifest["audit_head"]
    click.echo(f"已备份到 {out}：数据库 1 份、文件 {len(manifest['files'])} 个"
               + (f"、审计日志至第 {head['seq']} 条（{head['hash'][:16]}…）" if head else "") + "。")
    for missing in manifest["missing_files"]:
        click.echo(f"注意：版本文件 {missing} 不在存储目录中，未能备份（可运行 reviewer check 查看）。", err=True)
    click.echo("备份含未公开草稿和个人信息：请存放在受控介质上。", err=True)


def _audit(settings: dict, out: Path, manifest: dict) -> None:
    """Taking a copy of every draft is itself recorded in the audit log."""
    import getpass
    from .. import audit
    from ..db import make_engine, make_session_factory
    engine = make_engine(settings["DATABASE_URL"])
    try:
        with make_session_factory(engine)() as session:
            audit.record(session, "backup", f"os:{getpass.getuser()}",
                         details={"file": out.name, "files": len(manifest["files"]), "audit_head": manifest["audit_head"]})
            session.commit()
    finally:
        engine.dispose()


@click.command()
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="replace the data of an instance that is not empty")
def restore(archive: Path, force: bool) -> None:
    """Restore a backup into an empty instance; checks every file hash and the audit chain afterwards."""
    from ..backup import BackupError, restore as run_restore
    try:
        result = run_restore(config.load(), archive, force=force)
    except BackupError as exc:
        click.echo(f"恢复失败：{exc.message}", err=True)
        sys.exit(1)
    click.echo(f"已恢复：文件 {result.files} 个（SHA-256 全部一致），审计日志 {result.audit_entries} 条。")
    if not result.audit_ok:
        click.echo(f"审计日志链在第 {result.broken_seq} 条不完整或不符：请运行 reviewer audit verify 核对。", err=True)
        sys.exit(1)
    click.echo("审计日志链完整。请运行 reviewer check 确认数据库与文件一致。")
