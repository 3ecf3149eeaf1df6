"""Statistics and the period export over a known history (tests/stats_history.py): every figure, exact numbers.

The history in 2026 (Beijing time), by document:
  D1 Jan 部分公开/15-privacy 2.0 d · D2 Jan block 不予公开/14-state-secret 1.0 d · D3 Feb 主动公开 3.0 d ·
  D4 Feb (2 versions; 不予公开 returned) 部分公开/16-process signed Mar 20.0 d · D5 Mar block 不予公开/16-enforcement 3.0 d ·
  D6 Mar 审查中 (李娜) · D7 Mar 待审查 · D8 Mar 待签发 (赵敏) · D9 uploaded 2025, 依申请公开/15-trade-secret signed Jan 11.7 d ·
  D10 Feb scan failed · D11 signed 2025-12-31 23:00 (not 2026) · D12 Mar 退回修改 (赵敏).
"""
from __future__ import annotations

import csv
import io
import os

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from reviewer import stats, stats_figures
from reviewer.db import create_schema, make_engine, make_session_factory
from reviewer.migrations import upgrade
from reviewer.stats import Period, Scope
from reviewer.stats_export import report_csv, report_rows, report_xlsx
from reviewer.workflow_errors import WorkflowError
from tests.stats_history import at, build, user

MONTHS_2026 = [f"2026年{m}月" for m in range(1, 13)]
Z9 = [0] * 9
N9 = [None] * 9


def _engine(tmp_path_factory):
    """SQLite; or, with REVIEWER_TEST_POSTGRES_URL, a PostgreSQL database emptied and migrated."""
    url = os.environ.get("REVIEWER_TEST_POSTGRES_URL")
    if not url:
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('stats') / 'stats.sqlite3'}")
        create_schema(engine)
        return engine
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(url)
    return engine


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    engine = _engine(tmp_path_factory)
    s = make_session_factory(engine)()
    people = (user(s, "zhang", "drafter", "张伟"), user(s, "li", "reviewer", "李娜"),
              user(s, "zhao", "reviewer", "赵敏"), user(s, "wang", "approver", "王芳"))
    user(s, "admin", "admin")
    build(s, *people)
    yield s
    s.close()
    engine.dispose()


def users(db):
    from reviewer.db.models import User
    return {u.name: u for u in db.query(User)}


def figures(db, scope=Scope(), period=Period("year", 2026)):
    return {f.key: f for f in stats_figures.period_figures(stats.load(db, scope, period))}


def values(fig):
    return {s.name: s.values for s in fig.series + fig.extra}


# ------------------------------------------------------------------ periods
@pytest.mark.parametrize("kind, year, n, label, months", [
    ("year", 2026, None, "2026年", 12),
    ("quarter", "2026", "2", "2026年第2季度", 3),
    ("month", 2025, 12, "2025年12月", 1),
])
def test_period_parse(kind, year, n, label, months):
    p = Period.parse(kind, year, n)
    assert (p.label, len(p.months)) == (label, months)


@pytest.mark.parametrize("kind, label", [(None, "2026年"), ("quarter", "2026年第1季度"), ("month", "2026年3月")])
def test_period_defaults_to_now_in_beijing(kind, label):
    assert Period.parse(kind, None, None, today=at("2026-03-31 15:00")).label == label   # 23:00 in Beijing


def test_period_default_crosses_into_april_at_beijing_midnight():
    assert Period.parse("quarter", None, None, today=at("2026-03-31 16:00")).label == "2026年第2季度"


def test_period_bounds_are_beijing_midnight():
    p = Period("quarter", 2026, 1)
    assert (p.start.isoformat(), p.end.isoformat()) == ("2025-12-31T16:00:00+00:00", "2026-03-31T16:00:00+00:00")


@pytest.mark.parametrize("kind, year, n", [("week", 2026, 1), ("quarter", 2026, 5), ("month", "x", 1), ("year", 1999, None)])
def test_period_refuses_nonsense(kind, year, n):
    with pytest.raises(WorkflowError) as e:
        Period.parse(kind, year, n)
    assert e.value.status == 400


# ------------------------------------------------------------------ the figures, whole office, 2026
def test_reviewed_per_month(db):
    fig = figures(db)["reviewed"]
    assert fig.categories == MONTHS_2026
    assert values(fig) == {"送审文件": [2, 3, 5] + Z9, "审查办结": [3, 1, 2] + Z9}
    assert fig.summary == "本期送审 10 份，办结 6 份。"


def test_findings_by_type_per_month(db):
    fig = figures(db)["findings"]
    assert fig.stacked and fig.unit == "条"
    assert values(fig) == {"姓名": [0, 3, 2] + Z9, "身份证号": [2, 0, 1] + Z9, "手机号": [1, 0, 2] + Z9,
                           "密级标志": [1, 0, 0] + Z9, "内部/工作秘密标志": [0, 0, 1] + Z9, "过程稿标志": [0, 1, 0] + Z9}
    assert [s.name for s in fig.series][:3] == ["姓名", "身份证号", "手机号"]   # most frequent first
    assert fig.summary == "本期共发现 14 条。"


def test_blocked_share(db):
    fig = figures(db)["blocked"]
    assert values(fig) == {"阻断比例（%）": [50.0, 0.0, 20.0] + N9, "扫描完成稿件": [2, 3, 5] + Z9,
                           "阻断稿件": [1, 0, 1] + Z9}
    assert fig.summary == "本期 10 份稿件中 2 份被阻断（20.0%）。"


def test_decisions_by_disclosure_count_only_the_signed_decision(db):
    fig = figures(db)["disclosure"]
    # D4's returned 不予公开 is not counted; its signed 部分公开 is
    assert dict(zip(fig.categories, fig.series[0].values)) == {"主动公开": 1, "依申请公开": 1, "不予公开": 2, "部分公开": 2}


def test_decisions_by_basis(db):
    fig = figures(db)["basis"]
    got = {(cat, s.name): s.values[i] for s in fig.series for i, cat in enumerate(fig.categories) if s.values[i]}
    assert got == {("第十五条 个人隐私", "部分公开"): 1, ("第十四条 国家秘密", "不予公开"): 1,
                   ("第十六条 过程性信息", "部分公开"): 1, ("第十六条 行政执法案卷", "不予公开"): 1,
                   ("第十五条 商业秘密", "依申请公开"): 1}
    assert len(fig.categories) == 8


def test_time_from_upload_to_signoff(db):
    fig = figures(db)["duration"]
    # Jan: 48 h, 24 h, 281 h · Feb: 72 h · Mar: 480 h and 72 h (median 276 h)
    assert values(fig) == {"中位数（天）": [2.0, 3.0, 11.5] + N9, "最长（天）": [11.7, 3.0, 20.0] + N9,
                           "办结文件": [3, 1, 2] + Z9}
    assert fig.summary == "本期 6 份文件从首次上传到签发的中位时长 3.0 天；最慢的是“征地补偿方案（征求意见稿）”，20.0 天。"
    slow = stats_figures.slowest(stats.load(db, Scope(), Period("year", 2026)), 3)
    assert [(c.title, round(c.hours)) for c in slow] == [("征地补偿方案（征求意见稿）", 480), ("供应商资质", 281), ("政务公开培训通知", 72)]


def test_open_work_per_reviewer(db):
    fig = stats_figures.open_work(stats.open_work(db, Scope()))
    assert fig.categories == ["李娜", "赵敏"]
    assert values(fig) == {"审查中": [1, 0], "退回修改": [0, 1], "待签发": [0, 1]}
    assert fig.summary == "另有 1 份待审查文件尚无人处理。"


def test_headline(db):
    h = stats.load(db, Scope(), Period("year", 2026))
    assert stats_figures.headline(h) == [("送审文件", "10 份"), ("审查办结", "6 份"), ("阻断比例", "20.0%"),
                                         ("上传到签发中位时长", "3.0 天")]


# ------------------------------------------------------------------ periods, units, reviewers
def test_month_boundaries_follow_beijing_time(db):
    jan = figures(db, period=Period("month", 2026, 1))
    assert values(jan["reviewed"]) == {"送审文件": [2], "审查办结": [3]}   # D9 signed 01:00 on 1 January
    dec = figures(db, period=Period("month", 2025, 12))
    assert values(dec["reviewed"]) == {"送审文件": [2], "审查办结": [1]}   # D11 signed 23:00 on 31 December
    feb = figures(db, period=Period("month", 2026, 2))
    assert values(feb["reviewed"])["送审文件"] == [3]                      # D3 uploaded 01:00 on 1 February


def test_quarter(db):
    q1 = figures(db, period=Period("quarter", 2026, 1))
    assert q1["reviewed"].categories == ["2026年1月", "2026年2月", "2026年3月"]
    assert values(q1["reviewed"]) == {"送审文件": [2, 3, 5], "审查办结": [3, 1, 2]}
    q2 = figures(db, period=Period("quarter", 2026, 2))
    assert q2["reviewed"].empty and q2["disclosure"].empty


def test_unit_filter(db):
    figs = figures(db, Scope(unit="办公室"))
    assert values(figs["reviewed"]) == {"送审文件": [1, 1, 2] + Z9, "审查办结": [1, 0, 2] + Z9}
    assert figs["disclosure"].series[0].values == [0, 0, 2, 1]
    assert values(stats_figures.open_work(stats.open_work(db, Scope(unit="办公室")))) == {"审查中": [], "退回修改": [], "待签发": []}
    assert stats.units(db) == ["办公室", "民政科"]


def test_reviewer_filter_counts_only_their_work(db):
    li = users(db)["li"]
    figs = figures(db, Scope(reviewer_id=li.id))
    assert values(figs["reviewed"]) == {"送审文件": [1, 2, 1] + Z9, "审查办结": [2, 1, 1] + Z9}
    assert dict(zip(figs["disclosure"].categories, figs["disclosure"].series[0].values)) == \
        {"主动公开": 1, "依申请公开": 1, "不予公开": 0, "部分公开": 2}
    assert values(figs["findings"]) == {"姓名": [0, 3, 0] + Z9, "身份证号": [2, 0, 0] + Z9, "手机号": [1, 0, 2] + Z9,
                                        "过程稿标志": [0, 1, 0] + Z9}
    assert values(figs["blocked"])["阻断稿件"] == Z9 + [0, 0, 0]
    work = stats_figures.open_work(stats.open_work(db, Scope(reviewer_id=li.id)))
    assert (work.categories, values(work)["审查中"]) == (["李娜"], [1])


# ------------------------------------------------------------------ who may see what
def test_scope_for_roles(db):
    u = users(db)
    assert stats.scope_for(u["admin"], unit="办公室", reviewer_id=7) == Scope("办公室", 7)
    assert stats.scope_for(u["wang"], reviewer_id=u["li"].id) == Scope(None, u["li"].id)
    assert stats.scope_for(u["zhao"], reviewer_id=u["li"].id) == Scope(None, u["zhao"].id)   # own work only
    with pytest.raises(WorkflowError) as e:
        stats.scope_for(u["zhang"])
    assert e.value.status == 403


# ------------------------------------------------------------------ the export
def test_report_rows(db):
    results, bases = report_rows(stats.load(db, Scope(), Period("year", 2026)))
    assert [r[2] for r in results[1:]] == [10, 6, 1, 1, 2, 2, 1, 0, 0, 0, 0, 0, 1]
    assert results[6][0] == "（四）不予公开" and results[7][0].strip() == "1.属于国家秘密"
    assert bases[1] == ["　　依法确定为国家秘密的政府信息", "第十四条", 0, 1, 1]
    assert bases[9] == ["　　过程性信息（讨论记录、过程稿、磋商信函、请示报告等）", "第十六条第二款", 1, 0, 1]
    assert {r[0]: r[2:] for r in bases if "计" in r[0]} == {"第十四条小计": [0, 1, 1], "第十五条小计": [1, 0, 1],
                                                          "第十六条小计": [1, 1, 2], "总计": [2, 2, 4]}


def test_xlsx_export_reads_back(db):
    data = report_xlsx(stats.load(db, Scope(), Period("year", 2026)), "全部", "全部")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["年度报告表", "按月统计", "发现类型", "办结明细"]
    ws = wb["年度报告表"]
    assert ws["A1"].value == "政府信息公开保密审查情况统计（2026年）"
    cells = {str(r[0]).strip(): list(r[1:]) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert cells["送审文件"][1] == 10 and cells["审查办结（已签发）"][1] == 6
    assert cells["（三）部分公开（区分处理的，只计这一情形，不计其他情形）"][1] == 2
    assert cells["（四）不予公开"][1] == 2
    assert cells["1.属于国家秘密"] == ["第十四条", 1, None, None]
    assert cells["7.属于行政执法案卷"] == ["第十六条第二款", 1, None, None]
    assert cells["4.保护第三方合法权益"] == ["第十五条", 0, None, None]
    assert cells["第十四条小计"] == [None, 0, 1, 1] and cells["总计"] == [None, 2, 2, 4]
    monthly = list(wb["按月统计"].iter_rows(values_only=True))
    assert monthly[0][0] == "月份" and len(monthly) == 13
    assert list(monthly[3]) == ["2026年3月", 5, 2, 5, 1, 20.0, 6, 11.5, 20.0]
    details = list(wb["办结明细"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3], r[9]) for r in details] == [
        ("供应商资质", "依申请公开", 11.7), ("低保公示", "部分公开", 2.0), ("安全保卫工作通知", "不予公开", 1.0),
        ("政务公开培训通知", "主动公开", 3.0), ("征地补偿方案（征求意见稿）", "部分公开", 20.0), ("行政执法案卷", "不予公开", 3.0)]
    kinds = list(wb["发现类型"].iter_rows(values_only=True))
    assert kinds[0][:3] == ("月份", "姓名", "身份证号") and kinds[2][:3] == ("2026年2月", 3, 0)


def test_csv_export_parses(db):
    data = report_csv(stats.load(db, Scope(unit="办公室"), Period("quarter", 2026, 1)), "办公室", "全部")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["政府信息公开保密审查情况统计（2026年第1季度）"]
    assert "科室：办公室" in rows[1][0]
    table = {r[0].strip(): r[1:] for r in rows if r and r[0]}
    assert table["送审文件"] == ["", "4"] and table["审查办结（已签发）"] == ["", "3"]
    assert table["（四）不予公开"] == ["", "2"] and table["6.属于四类过程性信息"] == ["第十六条第二款", "0"]
    assert table["第十六条小计"] == ["", "1", "1", "2"] and table["总计"] == ["", "1", "2", "3"]


# ------------------------------------------------------------------ the command line
def _cli(db, tmp_path, *args):
    from click.testing import CliRunner

    from reviewer.cli import cli
    env = {"REVIEWER_DATABASE_URL": db.get_bind().url.render_as_string(hide_password=False),
           "REVIEWER_INSTANCE_DIR": str(tmp_path), "REVIEWER_SECRET_KEY": "cli-test"}
    return CliRunner().invoke(cli, ["stats", *args], env=env)


def test_cli_export_xlsx(db, tmp_path):
    out = tmp_path / "q1.xlsx"
    result = _cli(db, tmp_path, "export", "--period", "quarter", "--year", "2026", "--number", "1",
                  "--unit", "办公室", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "2026年第1季度" in result.output and "办结 3 份" in result.output
    ws = load_workbook(out)["年度报告表"]
    assert ws["A1"].value == "政府信息公开保密审查情况统计（2026年第1季度）" and "科室：办公室" in ws["A2"].value
    cells = {str(r[0]).strip(): r[2] for r in ws.iter_rows(min_row=5, max_row=18, values_only=True) if r[0]}
    assert (cells["送审文件"], cells["（四）不予公开"], cells["1.属于国家秘密"]) == (4, 2, 1)


def test_cli_show_and_usage_errors(db, tmp_path):
    result = _cli(db, tmp_path, "show", "--period", "month", "--year", "2026", "--number", "3", "--reviewer", "zhao")
    assert result.exit_code == 0, result.output
    assert "2026年3月　科室：全部　审查员：赵敏" in result.output
    assert "\n## 办结文件的公开属性（份）\n" in result.output and "\n不予公开\t1\n" in result.output
    assert "\n赵敏\t0\t1\t1\n" in result.output
    assert _cli(db, tmp_path, "show", "--reviewer", "nobody").exit_code == 2
    assert _cli(db, tmp_path, "show", "--period", "month", "--number", "13").exit_code == 2


def test_exports_never_write_formulas():
    from reviewer.stats import Closed, History
    from reviewer.stats_export import closed_rows, figure_csv
    from reviewer.stats_figures import Figure, Series
    from tests.stats_history import at
    h = History(Period("year", 2026), Scope(unit="=1+1"))
    h.closed = [Closed(1, "=HYPERLINK(\"http://x\",\"点我\")", "-2+3", "主动公开", None, "李娜", "王芳",
                       at("2026-01-01 00:00"), at("2026-01-02 00:00"))]
    ws = load_workbook(io.BytesIO(report_xlsx(h, "=1+1", "全部")))["办结明细"]
    assert ws["B2"].value == "=HYPERLINK(\"http://x\",\"点我\")" and ws["B2"].data_type == "s"
    assert closed_rows(h)[1][1].startswith("=")       # the rows keep the text; only the writers defuse it
    rows = list(csv.reader(io.StringIO(report_csv(h, "=1+1").decode("utf-8-sig"))))
    assert "科室：=1+1" in rows[1][0]                  # mid-text is harmless
    fig = Figure("t", "测试", "", "审查员", ["=cmd|' /C calc'!A0", "@SUM(1)"], [Series("n", [1, 2])])
    got = list(csv.reader(io.StringIO(figure_csv(fig).decode("utf-8-sig"))))
    assert [r[0] for r in got[1:]] == ["'=cmd|' /C calc'!A0", "'@SUM(1)"]
