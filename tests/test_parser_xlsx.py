"""The xlsx parser on workbooks built with openpyxl: every sheet, hidden rows/columns, concealing formats, hostile files."""
from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName

from reviewer.document import ParseContext
from reviewer.errors import ParseTimeoutError
from reviewer.limits import Limits
from reviewer.parsers.xlsx import parse
from reviewer.parsers.xlsx_values import classify
from reviewer.pipeline import NullScanner, scan_file
from tests.builders import xlsx_builder as xb

REVIEWER = Path(sys.executable).parent / "reviewer"


def segments(path: Path, limits: Limits | None = None) -> tuple[list, ParseContext]:
    ctx = ParseContext(limits=limits) if limits else ParseContext()
    return list(parse(path, ctx)), ctx


def in_sheets(segs: list) -> list:
    """Segments of sheet content (properties such as openpyxl's creator left out)."""
    return [s for s in segs if s.location.sheet is not None]


def scan(path: Path, **kw):
    return scan_file(path, scanner=NullScanner(), **kw)


def hidden_findings(report) -> list:
    return [f for f in report.findings if f.type == "HIDDEN_CONTENT"]


# ---------------------------------------------------------------- sheets
def test_every_sheet_in_workbook_order_with_hidden_and_very_hidden(tmp_path):
    def build(wb):
        wb.active.title = "一"
        for name, state in (("二", "hidden"), ("三", "veryHidden"), ("四", "visible")):
            ws = wb.create_sheet(name)
            ws.sheet_state = state
        for ws in wb.worksheets:
            ws.append(["内容", ws.title])
    segs = in_sheets(segments(xb.workbook(tmp_path / "s.xlsx", build))[0])
    assert [(s.location.sheet, s.location.part, s.concealed, s.group) for s in segs] == [
        ("一", "sheet", None, None),
        ("二", "hidden_sheet", "hidden_sheet", "sheet:二"),
        ("三", "hidden_sheet", "hidden_sheet", "sheet:三"),
        ("四", "sheet", None, None)]


def test_hidden_sheets_are_one_finding_each_through_the_pipeline(tmp_path):
    report = scan(xb.dibao_workbook(tmp_path / "d.xlsx"))
    sheets = [(f.location.sheet, f.location.part) for f in hidden_findings(report) if f.detail == "hidden_sheet"]
    assert sheets == [("原始数据", "hidden_sheet"), ("备份", "hidden_sheet")]


def test_chartsheet_is_skipped_with_a_note(tmp_path):
    def build(wb):
        wb.active.append([1, 2])
        chart = BarChart()
        chart.add_data(Reference(wb.active, min_col=1, max_col=2, min_row=1))
        wb.create_chartsheet("统计图").add_chart(chart)
    segs, ctx = segments(xb.workbook(tmp_path / "c.xlsx", build))
    assert [s.text for s in in_sheets(segs)] == ["1\t2"]
    assert any("统计图" in n and "已跳过" in n for n in ctx.notes)


# ---------------------------------------------------------------- rows, columns, headers
def test_dibao_hidden_column_holds_the_full_id_next_to_the_masked_one(tmp_path):
    segs, _ = segments(xb.dibao_workbook(tmp_path / "d.xlsx"))
    full_id = xb.PEOPLE[0][1]
    visible = next(s for s in segs if s.location.part == "sheet" and s.location.paragraph == 3)
    assert visible.text == f"1\t张三\t{xb.masked(full_id)}\t某县某镇某村一组 12 号\t560"
    assert full_id not in visible.text
    hidden = next(s for s in segs if s.location.part == "hidden_column" and s.location.paragraph == 3)
    assert (hidden.text, hidden.location.sheet, hidden.location.cell) == (full_id, "公示名单", "D3")
    assert (hidden.concealed, hidden.group) == ("hidden_column", "col:公示名单!D")
    assert [(c.ref, c.header) for c in hidden.cells] == [("D3", "身份证号码")]


def test_header_row_found_below_a_title_gives_each_cell_its_heading(tmp_path):
    segs, _ = segments(xb.dibao_workbook(tmp_path / "d.xlsx"))
    title, heading, first = segs[0], segs[1], segs[3]
    assert title.cells[0].header is None and heading.cells[0].header is None
    assert [(c.ref, c.header) for c in first.cells] == [
        ("A3", "序号"), ("B3", "姓名"), ("C3", "身份证号"), ("E3", "家庭住址"), ("F3", "月保障金（元）")]
    assert first.cell_at(first.text.index("张三")).header == "姓名"


def test_hidden_rows_are_one_finding_per_sheet_showing_the_first(tmp_path):
    def build(wb):
        xb.dibao_sheet(wb.active)
        wb.active.row_dimensions[4].hidden = True
        wb.active.row_dimensions[6].hidden = True
    path = xb.workbook(tmp_path / "r.xlsx", build)
    segs, _ = segments(path)
    rows = [(s.location.paragraph, s.group) for s in segs if s.location.part == "hidden_row"]
    assert rows == [(4, "rows:Sheet"), (6, "rows:Sheet")]
    found = [f for f in hidden_findings(scan(path)) if f.detail == "hidden_row"]
    assert len(found) == 1
    assert found[0].location.part == "hidden_row" and found[0].location.paragraph == 4
    assert found[0].text.startswith("2\t李四\t")


def test_column_range_hidden_together_is_one_object(tmp_path):
    def build(wb):
        xb.dibao_sheet(wb.active, title=None)
        wb.active.column_dimensions.group("B", "D", hidden=True)
    path = xb.workbook(tmp_path / "range.xlsx", build)
    segs, _ = segments(path)
    runs = [s for s in segs if s.location.part == "hidden_column"]
    assert {s.group for s in runs} == {"col:Sheet!B:D"}
    assert runs[1].text == f"张三\t{xb.masked(xb.PEOPLE[0][1])}\t{xb.PEOPLE[0][1]}"
    assert [c.ref for c in runs[1].cells] == ["B2", "C2", "D2"]
    found = [f for f in hidden_findings(scan(path)) if f.detail == "hidden_column"]
    assert [(f.location.sheet, f.location.cell) for f in found] == [("Sheet", "B1")]


# columns and rows hidden by other means than hidden="1"
@pytest.mark.parametrize("pattern, replacement, part, where", [
    # a zero-width column shows nothing
    (r'<col [^>]*hidden="1"[^>]*/>', '<col min="4" max="4" width="0" customWidth="1"/>', "hidden_column", "D3"),
    # zeroHeight: every row without its own height is hidden
    (r"<sheetFormatPr ", '<sheetFormatPr zeroHeight="1" ', "hidden_row", None),
    # a row 0 points high
    (r'<row r="3"', '<row r="3" ht="0" customHeight="1"', "hidden_row", None),
])
def test_other_ways_of_hiding(tmp_path, pattern, replacement, part, where):
    def build(wb):
        xb.dibao_sheet(wb.active)
        wb.active.column_dimensions["D"].hidden = True
    path = xb.sheet_xml_edit(xb.workbook(tmp_path / "h.xlsx", build), pattern, replacement)
    segs, _ = segments(path)
    row3 = [s for s in segs if s.location.paragraph == 3]
    assert any(s.location.part == part for s in row3)
    if where:
        assert next(s for s in row3 if s.location.part == part).location.cell == where


def test_value_under_a_merged_title_is_covered_text(tmp_path):
    def build(wb):
        xb.dibao_sheet(wb.active)
        wb.active["C1"] = "经办人 李明 13812345678"
    path = xb.sheet_xml_edit(xb.workbook(tmp_path / "m.xlsx", build), "</sheetData>",
                             '</sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>')
    segs, _ = segments(path)
    row1 = [(s.location.part, s.text, s.location.cell, s.concealed) for s in segs if s.location.paragraph == 1]
    assert row1 == [("sheet", "某镇 2026 年第一季度城乡低保公示名单", None, None),
                    ("covered_text", "经办人 李明 13812345678", "C1", "covered_text")]
    found = [f for f in hidden_findings(scan(path)) if f.detail == "covered_text"]
    assert [(f.location.part, f.location.cell) for f in found] == [("covered_text", "C1")]


def test_hidden_column_inside_a_hidden_sheet_is_just_the_hidden_sheet(tmp_path):
    def build(wb):
        xb.dibao_sheet(wb.active, title=None)
        wb.active.column_dimensions["D"].hidden = True
        wb.active.sheet_state = "hidden"
        wb.create_sheet("封面").append(["公示"])
    segs, _ = segments(xb.workbook(tmp_path / "hs.xlsx", build))
    assert {s.location.part for s in segs if s.location.sheet == "Sheet"} == {"hidden_sheet"}


# ---------------------------------------------------------------- values
def _white(cell):
    cell.font = Font(color="FFFFFFFF")


def _red_on_red(cell):
    cell.font = Font(color="FFFF0000")
    cell.fill = PatternFill("solid", fgColor="FFFF0000")


def _white_on_navy(cell):
    cell.font = Font(color="FFFFFFFF")
    cell.fill = PatternFill("solid", fgColor="FF000080")


# cell value → text the detectors see, the part it lands in, and how it is concealed
@pytest.mark.parametrize("value, number_format, style, text, part, concealed", [
    # an ID number typed into a number cell keeps Excel's 15 digits, without exponent
    (532328198703150011, "General", None, "532328198703150000", "sheet", None),
    (12345.0, "General", None, "12345", "sheet", None),
    (0.1 + 0.2, "General", None, "0.3", "sheet", None),
    (-1.5e-7, "General", None, "-0.00000015", "sheet", None),
    (True, "General", None, "TRUE", "sheet", None),
    (datetime.date(2026, 3, 5), "yyyy-mm-dd", None, "2026-03-05", "sheet", None),
    (datetime.date(2026, 3, 5), "yyyy\"年\"m\"月\"d\"日\"", None, "2026-03-05", "sheet", None),
    (datetime.datetime(2026, 3, 5, 8, 30), "yyyy/m/d h:mm", None, "2026-03-05 08:30:00", "sheet", None),
    (560, "0.00", None, "560", "sheet", None),
    (0.25, "0%", None, "0.25", "sheet", None),
    # a format that shows nothing, or only literal text, conceals the value
    (13812345678, ";;;", None, "13812345678", "hidden_text", "hidden_text"),
    ("张三", ";;;", None, "张三", "hidden_text", "hidden_text"),
    (13812345678, '"已脱敏"', None, "13812345678", "hidden_text", "hidden_text"),
    (13812345678, '"***";"***";"***"', None, "13812345678", "hidden_text", "hidden_text"),
    # text the reader cannot see against its background
    ("李四 13812345678", "General", _white, "李四 13812345678", "hidden_text", "white_text"),
    ("李四 13812345678", "General", _red_on_red, "李四 13812345678", "hidden_text", "white_text"),
    (13812345678, "[White]0", None, "13812345678", "hidden_text", "white_text"),
    ("李四", "General", _white_on_navy, "李四", "sheet", None),
])
def test_values_as_stored(tmp_path, value, number_format, style, text, part, concealed):
    def build(wb):
        wb.active.append(["姓名", "电话"])
        cell = wb.active.cell(2, 2, value)
        cell.number_format = number_format
        if style:
            style(cell)
    segs, _ = segments(xb.workbook(tmp_path / "v.xlsx", build))
    seg = next(s for s in segs if s.location.paragraph == 2)
    assert (seg.text, seg.location.part, seg.concealed) == (text, part, concealed)
    if concealed:
        assert (seg.group, seg.location.cell) == (f"{concealed}:Sheet!B", "B2")


# number format code → (is a date, hides numbers, hides text)
@pytest.mark.parametrize("code, expected", [
    # ordinary formats show the value
    ("General", (False, False, False)),
    ("0.00", (False, False, False)),
    ("#,##0.00_);[Red](#,##0.00)", (False, False, False)),
    ('0"元"', (False, False, False)),
    ("@", (False, False, False)),
    ("0%", (False, False, False)),
    # dates, with literal text, locale and colour brackets
    ("yyyy-mm-dd", (True, False, False)),
    ('yyyy"年"m"月"d"日"', (True, False, False)),
    ("[$-F800]dddd, mmmm dd, yyyy", (True, False, False)),
    ("h:mm:ss", (True, False, False)),
    # concealing: nothing, or literal text only, in every numeric section
    (";;;", (False, True, True)),
    (";;", (False, True, False)),
    ('"***"', (False, True, False)),
    ('"已脱敏";"已脱敏";"已脱敏";"已脱敏"', (False, True, True)),
    ("\\*\\*\\*", (False, True, False)),
    ("[Red];[Blue];", (False, True, False)),
    # one section hides, the others show: not concealing as a whole
    ("0;;0", (False, False, False)),
    ("0;-0;;@", (False, False, False)),
])
def test_number_format_classification(code, expected):
    fmt = classify(164, code)
    assert (fmt.is_date, fmt.hides_numbers, fmt.hides_text) == expected


def test_precision_loss_of_an_id_number_is_noted(tmp_path):
    path = xb.workbook(tmp_path / "n.xlsx", lambda wb: wb.active.append(["身份证号", 532328198703150011]))
    report = scan(path)
    assert report.status == "ok"
    assert any("B1" in n and "15 位有效数字" in n and "532328198703150000" in n for n in report.notes)


def test_integer_written_literally_keeps_every_digit(tmp_path):
    path = xb.workbook(tmp_path / "lit.xlsx", lambda wb: wb.active.append(["身份证号", 1]))
    xb.sheet_xml_edit(path, r'<c r="B1" t="n"><v>1</v>', '<c r="B1" t="n"><v>532328198703150019</v>')
    segs, ctx = segments(path)
    assert segs[0].text == "身份证号\t532328198703150019" and not ctx.notes


def test_shared_strings_as_excel_writes_them(tmp_path):
    path = xb.shared_strings(xb.dibao_workbook(tmp_path / "sst.xlsx"))
    segs, _ = segments(path)
    hidden = next(s for s in segs if s.location.part == "hidden_column" and s.location.paragraph == 3)
    assert hidden.text == xb.PEOPLE[0][1]


# ---------------------------------------------------------------- comments, names, properties, embeddings
def test_comment_with_author_is_a_concealed_finding(tmp_path):
    path = xb.dibao_workbook(tmp_path / "d.xlsx")
    segs, _ = segments(path)
    comment = next(s for s in segs if s.location.part == "comment")
    assert comment.text == "该户 2025 年已退出，待核实"
    assert (comment.location.sheet, comment.location.cell, comment.location.author) == ("公示名单", "B3", "王科员")
    found = [f for f in hidden_findings(scan(path)) if f.detail == "comment"]
    assert [(f.location.part, f.location.cell, f.location.author) for f in found] == [("comment", "B3", "王科员")]
    assert "王科员" in found[0].explanation


def test_threaded_comment_replaces_its_legacy_fallback(tmp_path):
    def build(wb):
        wb.active.append(["姓名", "电话"])
        wb.active["B1"].comment = Comment("[Threaded comment] 您的 Excel 版本不支持……", "tc=1")
    path = xb.add_threaded_comment(xb.workbook(tmp_path / "t.xlsx", build), "B1", "电话已核实", "审核员乙")
    comments = [s for s in segments(path)[0] if s.location.part == "comment"]
    assert [(s.text, s.location.cell, s.location.author) for s in comments] == [("电话已核实", "B1", "审核员乙")]


def test_print_header_and_footer_text_with_codes_removed(tmp_path):
    def build(wb):
        wb.active.append(["姓名", "电话"])
        wb.active.oddHeader.center.text = "内部资料 注意保存"
        wb.active.oddFooter.right.text = "第 &P 页"
    segs, _ = segments(xb.workbook(tmp_path / "hf.xlsx", build))
    assert [(s.location.part, s.location.sheet, s.text) for s in segs if s.location.part in ("header", "footer")] \
        == [("header", "Sheet", "内部资料 注意保存"), ("footer", "Sheet", "第 页")]


def test_drop_down_list_choices_are_read(tmp_path):
    from openpyxl.worksheet.datavalidation import DataValidation

    def build(wb):
        wb.active.append(["经办人", "金额"])
        rule = DataValidation(type="list", formula1='"张三,李四"')
        wb.active.add_data_validation(rule)
        rule.add("A2:A50")
    segs, _ = segments(xb.workbook(tmp_path / "dv.xlsx", build))
    assert [(s.location.part, s.location.cell, s.text) for s in segs if "张三" in s.text] == [
        ("sheet", "A2", "张三\t李四")]


# a text box over the sheet is read; one marked hidden is concealed text
@pytest.mark.parametrize("hidden, part, concealed", [(False, "sheet", None), (True, "hidden_text", "hidden_text")])
def test_text_box_over_the_sheet(tmp_path, hidden, part, concealed):
    path = xb.workbook(tmp_path / "tb.xlsx", lambda wb: wb.active.append(["名单见下"]))
    xb.add_text_box(path, "联系人：张三 13812345678", hidden=hidden)
    box = next(s for s in segments(path)[0] if "张三" in s.text)
    assert (box.location.part, box.location.sheet, box.concealed) == (part, "Sheet", concealed)


# a pivot cache keeps the source rows even after the source sheet is deleted
@pytest.mark.parametrize("save_records, expected", [
    (True, [(1, f"张三\t{xb.PEOPLE[0][1]}\t560"), (2, f"李四\t{xb.PEOPLE[1][1]}\t480")]),
    (False, [(None, "张三\t李四")]),
])
def test_pivot_cache_keeps_deleted_source_rows(tmp_path, save_records, expected):
    path = xb.workbook(tmp_path / "p.xlsx", lambda wb: wb.active.append(["汇总", 1040]))
    records = [["张三", xb.PEOPLE[0][1], 560], ["李四", xb.PEOPLE[1][1], 480]]
    xb.add_pivot_cache(path, "原始名单", ["姓名", "身份证号码", "金额"], records, save_records)
    cached = [s for s in segments(path)[0] if s.group == "pivot:xl/pivotCache/pivotCacheDefinition1.xml"]
    assert [(s.location.paragraph, s.text) for s in cached] == expected
    assert {(s.location.part, s.location.sheet, s.concealed) for s in cached} == {
        ("hidden_text", "原始名单", "hidden_text")}
    assert cached[0].cells[0].header == "姓名"
    found = [f for f in hidden_findings(scan(path)) if f.location.sheet == "原始名单"]
    assert len(found) == 1 and found[0].text.startswith("张三")


def test_defined_names_with_constants_but_not_references(tmp_path):
    def build(wb):
        wb.active.append(["x"])
        wb.defined_names["联系人"] = DefinedName("联系人", attr_text='"张三 13812345678"')
        wb.defined_names["补助标准"] = DefinedName("补助标准", attr_text="560")
        wb.defined_names["区域"] = DefinedName("区域", attr_text="Sheet!$A$1:$B$2")
    segs, _ = segments(xb.workbook(tmp_path / "n.xlsx", build))
    names = sorted(s.text for s in segs if s.location.field == "defined_name")
    assert names == ["联系人：张三 13812345678", "补助标准：560"]


def test_properties_and_identifying_ones_become_metadata_findings(tmp_path):
    path = xb.dibao_workbook(tmp_path / "d.xlsx")
    segs, _ = segments(path)
    props = {s.location.field: s.text for s in segs if s.location.part == "metadata"
             and s.location.field != "defined_name"}
    assert props == {"author": "李明", "last_modified_by": "王科员", "title": "低保公示", "subject": "低保",
                     "keywords": "低保;公示", "comments": "内部核对用", "category": "民政",
                     "company": "某县民政局", "manager": "赵局长"}
    meta = {f.detail: f.text for f in scan(path).findings if f.type == "DOCUMENT_METADATA"}
    assert meta == {"author": "李明", "last_modified_by": "王科员", "company": "某县民政局", "manager": "赵局长"}


def test_embedded_file_is_concealed_content(tmp_path):
    path = xb.workbook(tmp_path / "e.xlsx", lambda wb: wb.active.append(["见附件"]))
    xb.edit_zip(path, add={"xl/embeddings/Microsoft_Word_Document1.docx": b"PK\x03\x04 not opened"})
    found = [f for f in hidden_findings(scan(path)) if f.detail == "embedded_file"]
    assert [f.text for f in found] == ["Microsoft_Word_Document1.docx"]


def test_whole_dibao_workbook_through_the_pipeline(tmp_path):
    report = scan(xb.dibao_workbook(tmp_path / "d.xlsx"))
    assert report.status == "ok" and report.verdict == "review"
    got = [(f.detail, f.location.part, f.location.sheet, f.location.cell) for f in hidden_findings(report)]
    assert got == [("hidden_column", "hidden_column", "公示名单", "D2"),
                   ("hidden_row", "hidden_row", "公示名单", None),
                   ("comment", "comment", "公示名单", "B3"),
                   ("hidden_sheet", "hidden_sheet", "原始数据", None),
                   ("hidden_sheet", "hidden_sheet", "备份", None)]


def test_parser_checks_the_deadline_while_streaming_rows(tmp_path):
    def build(wb):
        for i in range(600):
            wb.active.append([i, "张三"])
    ctx = ParseContext(limits=Limits(max_seconds=0))
    ctx.start_clock()
    with pytest.raises(ParseTimeoutError, match="REVIEWER_MAX_SECONDS"):
        for _ in parse(xb.workbook(tmp_path / "slow.xlsx", build), ctx):
            pass
    assert 0 < ctx.rows < 600


# ---------------------------------------------------------------- hostile files
def _good(tmp_path: Path) -> Path:
    return xb.dibao_workbook(tmp_path / "好文件.xlsx")


# name, how to build it from a clean workbook, limits, expected error code, words the message must hold
HOSTILE = [
    ("空文件.xlsx", lambda p, good: p.write_bytes(b""), None, "empty_file", "空文件"),
    ("加密.xlsx", lambda p, good: xb.encrypted_xlsx(p), None, "encrypted", "密码"),
    # an Excel 97-2003 file renamed .xlsx (real .xls files are converted by parsers/legacy.py)
    ("旧版改名.xlsx", lambda p, good: xb.legacy_xls(p), None, "legacy_format", ".xlsx"),
    # a member whose compressed bytes were damaged: the zip directory is intact
    ("损坏.xlsx", lambda p, good: _damage_member(good, p), None, "corrupt_file", "损坏"),
    # a cut-off download loses the zip directory: the registry reports it before the parser runs
    ("截断.xlsx", lambda p, good: xb.truncated(good, p), None, "corrupt_file", "损坏"),
    ("单元格过多.xlsx", lambda p, good: p.write_bytes(good.read_bytes()), Limits(max_cells=10),
     "limit_exceeded", "REVIEWER_MAX_CELLS"),
    ("压缩炸弹.xlsx", lambda p, good: xb.zip_bomb(p), Limits(max_unpacked_mb=1), "zip_bomb", "REVIEWER_MAX_UNPACKED_MB"),
    ("实体.xlsx", lambda p, good: xb.sheet_xml_edit(p.write_bytes(good.read_bytes()) and p, r"^<worksheet",
                                                  '<!DOCTYPE w [<!ENTITY a "b">]><worksheet'), None,
     "unsafe_xml", "DTD"),
    ("缺共享字符串.xlsx", lambda p, good: xb.sheet_xml_edit(xb.shared_strings(p.write_bytes(good.read_bytes())
                                                                         and p), r"<v>0</v>", "<v>999</v>"),
     None, "corrupt_file", "共享字符串"),
]


def _damage_member(good: Path, dst: Path) -> Path:
    import zipfile
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0x5A
    dst.write_bytes(bytes(data))
    return dst


@pytest.mark.parametrize("name, build, limits, code, words", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_file_is_an_error_record_naming_the_file(tmp_path, name, build, limits, code, words):
    good = _good(tmp_path)
    path = tmp_path / name
    build(path, good)
    report = scan(path, limits=limits)
    assert report.status == "error" and report.findings == []
    assert report.error["code"] == code
    assert name in report.error["message"] and words in report.error["message"]


def test_damaged_xml_parts_give_a_named_error_never_an_unexpected_one(tmp_path):
    """Seeded mutations of the workbook's XML parts: each scan is ok or a known error naming the file."""
    import random
    import zipfile
    with zipfile.ZipFile(_good(tmp_path)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    names = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    rnd = random.Random(20260301)
    unexpected = []
    for i in range(40):
        name = rnd.choice(names)
        xml = bytearray(parts[name])
        for _ in range(rnd.randint(1, 4)):
            xml[rnd.randrange(len(xml))] = rnd.choice(b'<>"/=&x0 9-\xff')
        path = tmp_path / f"变异{i}.xlsx"
        with zipfile.ZipFile(path, "w") as zf:
            for n, data in parts.items():
                zf.writestr(n, bytes(xml) if n == name else data)
        report = scan(path)
        if report.status == "error" and (report.error["code"] == "parse_failed"
                                          or path.name not in report.error["message"]):
            unexpected.append((name, report.error))
    assert unexpected == []


def test_batch_with_hostile_files_still_reports_the_good_one(tmp_path):
    good = _good(tmp_path)
    bad = []
    for name, build, limits, _code, _words in HOSTILE:
        if limits is None:
            build(tmp_path / name, good)
            bad.append(tmp_path / name)
    files = [bad[0], good, *bad[1:]]
    proc = subprocess.run([str(REVIEWER), "scan", "--format", "jsonl", *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["path"] for r in records] == [str(f) for f in files]
    assert records[1]["status"] == "ok" and records[1]["verdict"] == "review"
    assert {f["detail"] for f in records[1]["findings"] if f["type"] == "HIDDEN_CONTENT"} == {
        "hidden_column", "hidden_row", "comment", "hidden_sheet"}
    assert all(r["status"] == "error" for i, r in enumerate(records) if i != 1)
    assert proc.returncode == 30
