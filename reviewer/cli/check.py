"""`reviewer check [--repair]`: after a crash or a restore, find and fix rows, files, scans and release copies that disagree."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import config

PROBLEMS_EXIT = 1


@click.command()
@click.option("--repair", is_flag=True, help="fix what can be fixed (stuck scans and release builds, orphan files, empty documents)")
@click.option("--orphan-age-minutes", default=60.0, show_default=True, type=float,
              help="leave stored files younger than this alone (an upload may still be writing them)")
@click.option("--scan-stale-seconds", default=None, type=float,
              help="a scan or a release copy's build whose heartbeat is older than this is stuck "
                   "(default REVIEWER_SCAN_STALE_SECONDS or 120)")
def check(repair: bool, orphan_age_minutes: float, scan_stale_seconds: float | None) -> None:
    """Check the database, stored files and audit chain; exit 1 while a problem remains."""
    from ..check import check as run_check
    from ..db import make_engine, make_session_factory
    settings = config.load()
    engine = make_engine(settings["DATABASE_URL"])
    try:
        with make_session_factory(engine)() as session:
            report = run_check(session, Path(settings["STORAGE_DIR"]), repair=repair,
                               orphan_age_seconds=orphan_age_minutes * 60, stale_seconds=scan_stale_seconds)
    finally:
        engine.dispose()
    for p in report.problems:
        mark = "已修复" if p.repaired else ("可修复：加 --repair" if p.repairable else "需人工处理")
        click.echo(f"[{mark}] {p.what}")
    remaining = report.remaining
    click.echo(f"检查了 {report.versions} 个版本、{report.files} 个存储文件、{report.audit_entries} 条审计记录："
               f"发现 {len(report.problems)} 个问题，{len(report.problems) - len(remaining)} 个已修复，"
               f"{len(remaining)} 个待处理。")
    if remaining:
        sys.exit(PROBLEMS_EXIT)
