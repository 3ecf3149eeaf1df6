"""The period export: a table laid out like the 政府信息公开工作年度报告's, as .xlsx (with monthly sheets) and .csv."""
from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .stats import History, local
from .stats_figures import Figure, days, period_figures
from .workflow_rules import BASES, BASIS_LABELS

# The annual report's items under （三）不予公开 (国办公开办函〔2021〕30号 format), and the bases counted in each.
REPORT_ITEMS = (
    ("1.属于国家秘密", "第十四条", ("14-state-secret",)),
    ("2.其他法律行政法规禁止公开", "第十四条", ("14-law-forbids",)),
    ("3.危及“三安全一稳定”", "第十四条", ("14-security",)),
    ("4.保护第三方合法权益", "第十五条", ("15-trade-secret", "15-privacy")),
    ("5.属于三类内部事务信息", "第十六条第一款", ("16-internal",)),
    ("6.属于四类过程性信息", "第十六条第二款", ("16-process",)),
    ("7.属于行政执法案卷", "第十六条第二款", ("16-enforcement",)),
)
ARTICLES = ("第十四条", "第十五条", "第十六条")
Row = list[str | int | float | None]


def scope_line(h: History, unit_label: str, reviewer_label: str) -> str:
    return (f"统计周期：{h.period.label}（按签发日期，北京时间）　科室：{unit_label}　审查员：{reviewer_label}")


def report_rows(h: History) -> tuple[list[Row], list[Row]]:
    """The two tables of the report sheet: 办理结果 (like the annual report's) and 法律依据 by 条例 article."""
    by_disclosure = Counter(c.disclosure for c in h.closed)
    by_basis = Counter((c.basis, c.disclosure) for c in h.closed if c.basis)
    sent = len({s.document_id for s in h.submitted})
    results: list[Row] = [
        ["项目", "条例依据", "数量（份）"],
        ["送审文件", "", sent],
        ["审查办结（已签发）", "", len(h.closed)],
        ["（一）主动公开", "", by_disclosure["主动公开"]],
        ["（二）依申请公开", "", by_disclosure["依申请公开"]],
        ["（三）部分公开（区分处理的，只计这一情形，不计其他情形）", "第三十七条", by_disclosure["部分公开"]],
        ["（四）不予公开", "", by_disclosure["不予公开"]],
    ]
    for item, article, keys in REPORT_ITEMS:
        results.append(["　　" + item, article, sum(by_basis[(k, "不予公开")] for k in keys)])
    bases: list[Row] = [["法律依据", "条例条款", "部分公开", "不予公开", "合计"]]
    grand = [0, 0]
    for article in ARTICLES:
        sub = [0, 0]
        for value, art, _ in BASES:
            if not art.startswith(article):
                continue
            part, refuse = by_basis[(value, "部分公开")], by_basis[(value, "不予公开")]
            bases.append(["　　" + BASIS_LABELS[value].split("：", 1)[1], art, part, refuse, part + refuse])
            sub = [sub[0] + part, sub[1] + refuse]
        bases.append([f"{article}小计", "", sub[0], sub[1], sum(sub)])
        grand = [grand[0] + sub[0], grand[1] + sub[1]]
    bases.append(["总计", "", grand[0], grand[1], sum(grand)])
    return results, bases


def monthly_rows(h: History) -> list[Row]:
    """One row per month: every period figure's table, side by side."""
    figs = {f.key: f for f in period_figures(h)}
    header: Row = ["月份", "送审文件", "审查办结", "扫描完成稿件", "阻断稿件", "阻断比例（%）", "发现（条）",
                   "时长中位数（天）", "最长（天）"]
    rows: list[Row] = [header]
    col = {f.key: {s.name: s.values for s in f.series + f.extra} for f in figs.values()}
    for i, month in enumerate(figs["reviewed"].categories):
        rows.append([month, col["reviewed"]["送审文件"][i], col["reviewed"]["审查办结"][i],
                     col["blocked"]["扫描完成稿件"][i], col["blocked"]["阻断稿件"][i], col["blocked"]["阻断比例（%）"][i],
                     sum(s.values[i] for s in figs["findings"].series),
                     col["duration"]["中位数（天）"][i], col["duration"]["最长（天）"][i]])
    return rows


def closed_rows(h: History) -> list[Row]:
    rows: list[Row] = [["文件编号", "标题", "科室", "公开属性", "法律依据", "审查员", "签发人", "首次上传", "签发时间", "用时（天）"]]
    for c in h.closed:
        rows.append([c.document_id, c.title, c.unit or "", c.disclosure, BASIS_LABELS.get(c.basis or "", ""),
                     c.reviewer, c.approver, local(c.first_upload).strftime("%Y-%m-%d %H:%M"),
                     local(c.signed_at).strftime("%Y-%m-%d %H:%M"), days(c.hours)])
    return rows


def figure_csv(fig: Figure) -> bytes:
    """One chart's table as CSV (UTF-8 with BOM, so Excel shows the Chinese)."""
    return _csv([fig.header] + fig.rows)


def report_csv(h: History, unit_label: str = "全部", reviewer_label: str = "全部") -> bytes:
    results, bases = report_rows(h)
    title = [f"政府信息公开保密审查情况统计（{h.period.label}）"]
    return _csv([title, [scope_line(h, unit_label, reviewer_label)], []] + results + [[]] + bases)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(v: str | int | float | None) -> str | int | float:
    """A value a spreadsheet will not run: text that looks like a formula (a title, a unit) gets a leading '."""
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def _csv(rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_inert(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD = PatternFill("solid", fgColor="EEF1F4")


def _table(ws, rows: list[Row], first_row: int, widths: list[int] | None = None) -> int:
    """Write a bordered table with a shaded header; returns the next free row."""
    for r, row in enumerate(rows):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(row=first_row + r, column=c, value=v)
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"   # text, never a formula (titles and units are typed by users)
            cell.border = BOX
            cell.alignment = Alignment(vertical="center", wrap_text=isinstance(v, str) and len(v) > 34)
            if r == 0:
                cell.font, cell.fill = Font(bold=True), HEAD
            elif isinstance(row[0], str) and (row[0].endswith("小计") or row[0] in ("总计", "审查办结（已签发）")):
                cell.font = Font(bold=True)
    for i, w in enumerate(widths or [], start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(ws.column_dimensions[get_column_letter(i)].width or 0, w)
    return first_row + len(rows) + 1


def report_xlsx(h: History, unit_label: str = "全部", reviewer_label: str = "全部",
                now: datetime | None = None) -> bytes:
    """The workbook: 年度报告表 (copy into the annual report), 按月统计, 发现类型, 办结明细."""
    wb = Workbook()
    ws = wb.active
    ws.title = "年度报告表"
    ws["A1"] = f"政府信息公开保密审查情况统计（{h.period.label}）"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = scope_line(h, unit_label, reviewer_label)
    stamp = local(now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M")
    ws["A3"] = f"生成时间：{stamp}（北京时间）。“数量”计本期签发的文件；同一文件本期多次签发只计最后一次。"
    results, bases = report_rows(h)
    nxt = _table(ws, results, 5, [66, 16, 12])
    ws.cell(row=nxt, column=1, value="部分公开、不予公开决定的法律依据（按条例条款）").font = Font(bold=True)
    _table(ws, bases, nxt + 1, [66, 16, 12, 10, 10])
    for sheet_row in (2, 3):
        ws.merge_cells(start_row=sheet_row, start_column=1, end_row=sheet_row, end_column=5)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    monthly = wb.create_sheet("按月统计")
    _table(monthly, monthly_rows(h), 1, [12, 10, 10, 13, 10, 13, 10, 16, 10])
    figs = period_figures(h)
    findings = next(f for f in figs if f.key == "findings")
    _table(wb.create_sheet("发现类型"), [findings.header] + findings.rows, 1, [12] + [14] * len(findings.series))
    _table(wb.create_sheet("办结明细"), closed_rows(h), 1, [10, 36, 14, 12, 40, 10, 10, 17, 17, 10])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
