"""`reviewer audit verify|export`: check the audit chain and export the log for an inspector."""
from __future__ import annotations

import sys

import click

from .. import config


def _session():
    """A session on REVIEWER_DATABASE_URL, refusing with advice when the audit table is not there yet."""
    from sqlalchemy import inspect

    from ..db import make_engine, make_session_factory
    engine = make_engine(config.load()["DATABASE_URL"])
    if not inspect(engine).has_table("audit_log"):
        raise click.ClickException("数据库中没有审计日志表：请确认 REVIEWER_DATABASE_URL 指向审查系统的数据库，"
                                   "新数据库请先运行 reviewer db upgrade。")
    return make_session_factory(engine)()


BROKEN_EXIT = 1


@click.group()
def audit() -> None:
    """审计日志：校验哈希链、导出。"""


@audit.command()
@click.option("--anchor", "anchors", multiple=True, metavar="SEQ:HASH",
              help="an entry's hash noted down earlier (printed by a past verify); checks the log was not cut short")
def verify(anchors: tuple[str, ...]) -> None:
    """Walk the hash chain; exit 1 naming the first broken entry (seq, time, action, what is wrong)."""
    from ..audit_check import check, check_anchor
    with _session() as session:
        report = check(session)
        problems = []
        for anchor in anchors:
            seq, _, digest = anchor.partition(":")
            if not seq.isdigit() or len(digest) != 64:
                raise click.UsageError(f"--anchor 应写成 序号:哈希（64 位十六进制），收到“{anchor}”。")
            if (why := check_anchor(session, int(seq), digest)) is not None:
                problems.append(why)
    if report.broken is not None:
        click.echo(f"审计日志链断开：{report.broken.describe()}", err=True)
        click.echo(f"（此前 {report.entries} 条完好；请从备份核对第 {report.broken.seq} 条及其前后记录。）", err=True)
        sys.exit(BROKEN_EXIT)
    for why in problems:
        click.echo(f"审计日志与记下的锚点不符：{why}", err=True)
    if problems:
        sys.exit(BROKEN_EXIT)
    if report.head_seq is None:
        click.echo("审计日志为空。")
        return
    click.echo(f"审计日志链完整：共 {report.entries} 条。")
    click.echo(f"最后一条：{report.head_seq}:{report.head_hash}")
    click.echo("（可记下最后一条的序号和哈希，日后用 --anchor 核对日志未被截短。）")


@audit.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), required=True, help="csv or jsonl")
@click.option("--document", "document_id", type=int, default=None, help="only entries of this document id")
@click.option("--since", default=None, help="from this time (2026-11-27 or 2026-11-27T08:00:00+08:00; no offset = UTC)")
@click.option("--until", default=None, help="up to this time (a date alone includes the whole day)")
@click.option("--user", "actor", default=None, help="only entries by this user name")
@click.option("--action", default=None, help="only this action (upload, decide, signoff, release, login_failed…)")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="write here instead of standard output")
def export(fmt: str, document_id: int | None, since: str | None, until: str | None, actor: str | None,
           action: str | None, output: str | None) -> None:
    """Export audit entries (all fields and hashes, in chain order) as CSV or JSON lines."""
    from ..audit_export import WRITERS, AuditFilter, BadFilter, iter_entries
    try:
        flt = AuditFilter.parse(document_id=document_id, actor=actor, action=action, since=since, until=until)
    except BadFilter as exc:
        raise click.UsageError(str(exc)) from None
    with _session() as session:
        if output:
            try:
                out = open(output, "w", encoding="utf-8", newline="")
            except OSError as exc:
                raise click.UsageError(f"无法写入 {output}：{exc.strerror}") from None
            with out:
                n = WRITERS[fmt](iter_entries(session, flt), out)
        else:
            n = WRITERS[fmt](iter_entries(session, flt), sys.stdout)
    click.echo(f"已导出 {n} 条审计记录。", err=True)
