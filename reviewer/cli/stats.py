"""`reviewer stats show|export`: the dashboard's figures and the annual-report export from the command line."""
from __future__ import annotations

from pathlib import Path

import click

from .. import config

PERIOD_OPTIONS = (
    click.option("--period", "kind", type=click.Choice(["year", "quarter", "month"]), default="year", show_default=True,
                 help="年度、季度或月度（北京时间）"),
    click.option("--year", default=None, help="year, e.g. 2026 (default: this year)"),
    click.option("--number", default=None, help="quarter 1–4 or month 1–12 (default: the current one)"),
    click.option("--unit", default=None, help="only documents of this office unit (科室)"),
    click.option("--reviewer", "reviewer_name", default=None, help="only the work of this reviewer (user name)"),
)


def _options(fn):
    for option in reversed(PERIOD_OPTIONS):
        fn = option(fn)
    return fn


def _session():
    from ..db import make_engine, make_session_factory
    return make_session_factory(make_engine(config.load()["DATABASE_URL"]))()


def _history(session, kind, year, number, unit, reviewer_name):
    """The operator's view: the whole office, narrowed by the options."""
    from ..accounts import find_user
    from ..stats import Period, Scope, load
    from ..workflow_errors import WorkflowError
    try:
        period = Period.parse(kind, year, number)
    except WorkflowError as exc:
        raise click.UsageError(exc.message) from None
    reviewer = None
    if reviewer_name:
        reviewer = find_user(session, reviewer_name)
        if reviewer is None:
            raise click.UsageError(f"没有用户“{reviewer_name}”。请用 `reviewer user list` 或管理页面核对用户名。")
    scope = Scope((unit or "").strip() or None, reviewer.id if reviewer else None)
    return load(session, scope, period), (reviewer.label if reviewer else "全部")


@click.group()
def stats() -> None:
    """审查统计：查看各项图表数据、导出年度报告表。"""


@stats.command()
@_options
def show(kind, year, number, unit, reviewer_name) -> None:
    """Print every figure of the dashboard as a tab-separated table, with its summary line."""
    from ..stats import open_work
    from ..stats_figures import fmt, headline, open_work as open_figure, period_figures
    with _session() as session:
        history, reviewer_label = _history(session, kind, year, number, unit, reviewer_name)
        figures = period_figures(history) + [open_figure(open_work(session, history.scope))]
    click.echo(f"{history.period.label}　科室：{history.scope.unit or '全部'}　审查员：{reviewer_label}")
    click.echo("　".join(f"{name} {value}" for name, value in headline(history)))
    for fig in figures:
        click.echo(f"\n## {fig.title}（{fig.unit}）")
        if fig.summary:
            click.echo(fig.summary)
        for row in [fig.header] + fig.rows:
            click.echo("\t".join(fmt(v) if not isinstance(v, str) else v for v in row))


@stats.command()
@_options
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="the file to write")
def export(kind, year, number, unit, reviewer_name, fmt, output: Path) -> None:
    """Write the period's 年度报告表 (and monthly sheets, in xlsx) for the annual report."""
    from ..stats_export import report_csv, report_xlsx
    with _session() as session:
        history, reviewer_label = _history(session, kind, year, number, unit, reviewer_name)
    unit_label = history.scope.unit or "全部"
    data = (report_xlsx if fmt == "xlsx" else report_csv)(history, unit_label, reviewer_label)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise click.UsageError(f"无法写入 {output}：{exc.strerror}。请换一个可写的位置。") from None
    click.echo(f"已导出 {history.period.label} 的统计：{output}（办结 {len(history.closed)} 份）。")
