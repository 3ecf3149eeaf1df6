"""The 统计 dashboard over HTTP: who may see it, the charts and tables, per-chart CSV and the period export."""
from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from reviewer.accounts import find_user
from tests.stats_history import build
from tests.web.webfakes import PASSWORD

Y2026 = {"period": "year", "year": "2026"}


@pytest.fixture(scope="module")
def history_app(shared_app):
    """The known history of tests/stats_history.py with the web fixtures' users: reviewer ≙ 李娜, reviewer2 ≙ 赵敏."""
    with shared_app.extensions["reviewer.sessions"]() as s:
        build(s, *(find_user(s, n) for n in ("drafter", "reviewer", "reviewer2", "approver")))
    return shared_app


def client_for(app, name: str | None):
    c = app.test_client()
    if name:
        assert c.post("/login", data={"username": name, "password": PASSWORD}).status_code == 302
    return c


def user_id(app, name: str) -> int:
    with app.extensions["reviewer.sessions"]() as s:
        return find_user(s, name).id


def csv_rows(resp) -> list[list[str]]:
    assert resp.status_code == 200, resp.data[:300]
    assert resp.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))


def chart(html: str, key: str) -> str:
    m = re.search(rf'<svg class="chart" id="chart-{key}".*?</svg>', html, re.S)
    assert m, f"no chart {key}"
    return m.group(0)


# ------------------------------------------------------------------ who may see it
@pytest.mark.parametrize("path", ["/dashboard", "/dashboard/reviewed.csv", "/dashboard/export?format=xlsx"])
def test_drafter_is_refused(history_app, path):
    resp = client_for(history_app, "drafter").get(path)
    assert resp.status_code == 403
    if path == "/dashboard":
        assert "统计页面供保密审查员、签发人和管理员使用" in resp.data.decode()


def test_anonymous_is_sent_to_login(history_app):
    resp = client_for(history_app, None).get("/dashboard")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


@pytest.mark.parametrize("name, link", [("admin", True), ("approver", True), ("reviewer", True), ("drafter", False)])
def test_navigation_link(history_app, name, link):
    html = client_for(history_app, name).get("/").data.decode()
    assert ('href="/dashboard">统计</a>' in html) is link


def test_admin_sees_the_whole_office(history_app):
    html = client_for(history_app, "admin").get("/dashboard", query_string=Y2026).data.decode()
    for key in ("reviewed", "findings", "blocked", "disclosure", "basis", "duration", "open"):
        svg = chart(html, key)
        assert f'<title id="chart-{key}-title">' in svg and 'role="img"' in svg and "Noto Sans CJK SC" in svg
        assert f'href="/dashboard/{key}.csv?period=year&amp;year=2026"' in html
    # bars drawn for every non-zero value: 送审 Jan–Mar and 办结 Jan–Mar
    assert chart(html, "reviewed").count('<rect class="bar"') == 6
    assert chart(html, "disclosure").count('<rect class="bar"') == 4
    assert chart(html, "basis").count('<rect class="bar"') == 5
    # the numbers as a table beside each chart
    assert '<th scope="row">2026年3月</th><td class="num">5</td><td class="num">2</td>' in html
    assert '<th scope="row">2026年1月</th><td class="num">50.0</td><td class="num">2</td><td class="num">1</td>' in html
    assert '<th scope="row">部分公开</th><td class="num">2</td>' in html
    assert '<th scope="row">reviewer2</th><td class="num">0</td><td class="num">1</td><td class="num">1</td>' in html
    for tile in ("送审文件</span><strong class=\"tile-value\">10 份", "审查办结</span><strong class=\"tile-value\">6 份",
                 "阻断比例</span><strong class=\"tile-value\">20.0%", "中位时长</span><strong class=\"tile-value\">3.0 天"):
        assert tile in html
    # the slowest documents, signed at Beijing time (D4: 2026-03-02 00:00 UTC)
    assert re.search(r"征地补偿方案（征求意见稿）</a>.*?2026年3月2日 08:00</td><td class=\"num\">20.0</td>", html, re.S)
    assert '<select id="reviewer"' in html


def test_no_inline_script_or_style(history_app):
    resp = client_for(history_app, "admin").get("/dashboard", query_string=Y2026)
    html = resp.data.decode()
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html and "<style" not in html


def test_admin_filters_by_unit_and_reviewer(history_app):
    c = client_for(history_app, "admin")
    rows = csv_rows(c.get("/dashboard/reviewed.csv", query_string={**Y2026, "unit": "办公室"}))
    assert rows[1:4] == [["2026年1月", "1", "1"], ["2026年2月", "1", "0"], ["2026年3月", "2", "2"]]
    rid = user_id(history_app, "reviewer2")
    rows = csv_rows(c.get("/dashboard/disclosure.csv", query_string={**Y2026, "reviewer": rid}))
    assert rows == [["公开属性", "文件数"], ["主动公开", "0"], ["依申请公开", "0"], ["不予公开", "2"], ["部分公开", "0"]]
    html = c.get("/dashboard", query_string={**Y2026, "reviewer": rid}).data.decode()
    assert "审查员：reviewer2" in html


def test_reviewer_sees_only_their_own_work(history_app):
    c = client_for(history_app, "reviewer")
    other = user_id(history_app, "reviewer2")
    # asking for a colleague's figures still answers with one's own
    rows = csv_rows(c.get("/dashboard/reviewed.csv", query_string={**Y2026, "reviewer": other}))
    assert rows[1:4] == [["2026年1月", "1", "2"], ["2026年2月", "2", "1"], ["2026年3月", "1", "1"]]
    assert csv_rows(c.get("/dashboard/open.csv")) == [["审查员", "审查中", "退回修改", "待签发"], ["reviewer", "1", "0", "0"]]
    html = c.get("/dashboard", query_string=Y2026).data.decode()
    assert "您看到的是本人审查的文件" in html and '<select id="reviewer"' not in html
    assert "审查员：reviewer" in html and "reviewer2" not in html


def test_approver_sees_the_whole_office(history_app):
    rows = csv_rows(client_for(history_app, "approver").get("/dashboard/open.csv"))
    assert rows == [["审查员", "审查中", "退回修改", "待签发"], ["reviewer", "1", "0", "0"], ["reviewer2", "0", "1", "1"]]


# ------------------------------------------------------------------ per-chart CSV
def test_chart_csv_matches_the_figures(history_app):
    c = client_for(history_app, "admin")
    q1 = {"period": "quarter", "year": "2026", "quarter": "1"}
    assert csv_rows(c.get("/dashboard/duration.csv", query_string=q1)) == [
        ["月份", "中位数（天）", "最长（天）", "办结文件"], ["2026年1月", "2.0", "11.7", "3"], ["2026年2月", "3.0", "3.0", "1"],
        ["2026年3月", "11.5", "20.0", "2"]]
    assert csv_rows(c.get("/dashboard/blocked.csv", query_string=q1))[1:] == [
        ["2026年1月", "50.0", "2", "1"], ["2026年2月", "0.0", "3", "0"], ["2026年3月", "20.0", "5", "1"]]
    rows = csv_rows(c.get("/dashboard/findings.csv", query_string=q1))
    assert rows[0] == ["月份", "姓名", "身份证号", "手机号", "密级标志", "内部/工作秘密标志", "过程稿标志"]
    assert rows[3] == ["2026年3月", "2", "1", "2", "0", "1", "0"]
    basis = {r[0]: r[1:] for r in csv_rows(c.get("/dashboard/basis.csv", query_string=q1))}
    assert basis["法律依据"] == ["依申请公开", "部分公开", "不予公开"]
    assert basis["第十六条 过程性信息"] == ["0", "1", "0"] and basis["第十五条 商业秘密"] == ["1", "0", "0"]
    resp = c.get("/dashboard/duration.csv", query_string=q1)
    assert "filename*=UTF-8''" in resp.headers["Content-Disposition"] and "2026Q1.csv" in resp.headers["Content-Disposition"]


def test_unknown_chart_and_bad_period(history_app):
    c = client_for(history_app, "admin")
    assert c.get("/dashboard/nothing.csv").status_code == 404
    resp = c.get("/dashboard", query_string={"period": "quarter", "year": "2026", "quarter": "9"})
    assert resp.status_code == 400 and "统计周期超出范围" in resp.data.decode()


# ------------------------------------------------------------------ the period export
def test_export_xlsx(history_app):
    resp = client_for(history_app, "admin").get("/dashboard/export", query_string={**Y2026, "format": "xlsx"})
    assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
    assert "2026.xlsx" in resp.headers["Content-Disposition"]
    with history_app.extensions["reviewer.sessions"]() as s:
        from reviewer.db.models import AuditEntry
        entry = s.query(AuditEntry).order_by(AuditEntry.seq.desc()).first()
        assert (entry.actor, entry.action) == ("admin", "stats_export")
        assert entry.details == {"period": "2026年", "unit": None, "reviewer": "全部", "format": "xlsx", "documents": 6}
    ws = load_workbook(io.BytesIO(resp.data))["年度报告表"]
    cells = {str(r[0]).strip(): r[2] for r in ws.iter_rows(min_row=5, max_row=18, values_only=True) if r[0]}
    assert cells == {"项目": "数量（份）", "送审文件": 10, "审查办结（已签发）": 6, "（一）主动公开": 1, "（二）依申请公开": 1,
                     "（三）部分公开（区分处理的，只计这一情形，不计其他情形）": 2, "（四）不予公开": 2,
                     "1.属于国家秘密": 1, "2.其他法律行政法规禁止公开": 0, "3.危及“三安全一稳定”": 0,
                     "4.保护第三方合法权益": 0, "5.属于三类内部事务信息": 0, "6.属于四类过程性信息": 0, "7.属于行政执法案卷": 1}


def test_export_csv_for_a_month_and_a_reviewer(history_app):
    c = client_for(history_app, "reviewer")   # a reviewer's export is of their own work
    rows = csv_rows(c.get("/dashboard/export", query_string={"period": "month", "year": "2026", "month": "1",
                                                             "format": "csv"}))
    assert rows[0] == ["政府信息公开保密审查情况统计（2026年1月）"] and "审查员：reviewer" in rows[1][0]
    table = {r[0].strip(): r[1:] for r in rows if r and r[0]}
    assert table["审查办结（已签发）"] == ["", "2"] and table["（二）依申请公开"] == ["", "1"]
    assert table["（三）部分公开（区分处理的，只计这一情形，不计其他情形）"] == ["第三十七条", "1"]
    assert table["第十五条小计"] == ["", "1", "0", "1"]


# ------------------------------------------------------------------ the charts themselves
def test_an_empty_period_says_so(history_app):
    html = client_for(history_app, "admin").get("/dashboard", query_string={"period": "year", "year": "2030"}).data.decode()
    assert html.count("本期暂无数据") == 6      # the six period charts; 当前待办 is a snapshot
    assert chart(html, "open").count('<rect class="bar"') == 3
    html = client_for(history_app, "admin").get("/dashboard", query_string={"unit": "办公室"}).data.decode()
    assert "当前没有审查员名下的待办" in chart(html, "open")


@pytest.mark.parametrize("top, expected", [(3, (3, 1)), (7, (8, 2)), (2.5, (2.5, 0.5)), (11.7, (15, 5)),
                                           (50.0, (50, 10)), (480, (500, 100))])
def test_axis_maximum_and_step(top, expected):
    from web.charts import nice_max
    assert nice_max(top) == pytest.approx(expected)


def test_bar_heights_are_proportional():
    from reviewer.stats_figures import Figure, Series
    from web.charts import render
    svg = str(render(Figure("t", "测试", "说明", "月份", ["2026年1月", "2026年2月"], [Series("甲", [4, 1])])))
    heights = [float(h) for h in re.findall(r'<rect class="bar"[^>]*height="([\d.]+)"', svg)]
    assert heights == [200.0, 50.0]
    assert ">1月</text>" in svg and ">2026年1月</text>" not in svg   # one year: months without it on the axis
    assert "<title>2026年1月 · 甲：4 份</title>" in svg
