"""Release copies of .xlsx: IDs in hidden columns, rows and sheets, comments, names and properties gone; the list intact."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from reviewer.pipeline import NullScanner, scan_file
from reviewer.release import RedactionTarget, ReleaseRefused, make_release_copy
from tests.builders.xlsx_builder import (PEOPLE, add_text_box, add_threaded_comment, dibao_workbook, edit_zip,
                                          masked)
from tests.release.helpers import survivors, zip_members_text

IDS = [full for _, full, _, _ in PEOPLE]
TARGETS = [RedactionTarget(i, "CN_RESIDENT_ID", {"part": "hidden_column", "sheet": "公示名单"}) for i in IDS] + [
    RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"part": "hidden_sheet", "sheet": "备份"}),
    RedactionTarget("13598765432", "CN_MOBILE_PHONE", {"part": "sheet", "sheet": "公示名单", "cell": "H3"}),
    RedactionTarget("13698765432", "CN_MOBILE_PHONE", {"part": "sheet", "sheet": "公示名单", "cell": "H4"})]
CONCEALED = ["该户 2025 年已退出", "王科员", "李明", "某县民政局", "赵局长", "原始数据", "联系家属核实",
             "周审核", "白字备注13700001111", "格式隐藏13600002222", "文本框里的电话13500003333"]


def build(tmp_path: Path) -> Path:
    path = dibao_workbook(tmp_path / "低保公示.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["公示名单"]
    ws["H3"] = "联系电话 135-9876-5432"
    ws["H4"] = 13698765432                  # a phone number typed into a number cell
    ws["H5"] = "白字备注13700001111"
    ws["H5"].font = Font(color="FFFFFF")
    ws["H6"] = "格式隐藏13600002222"
    ws["H6"].number_format = '0;0;0;""'
    ws["A8"] = "公示期：2026年4月1日至4月7日。如有异议，请向镇民政办反映。"
    ws.oddFooter.center.text = "经办人电话 13812345678"
    from openpyxl.workbook.defined_name import DefinedName
    wb.defined_names["标准"] = DefinedName("标准", attr_text="560")       # a number: formulas use it, it stays
    wb.save(path)
    add_threaded_comment(path, "B4", "联系家属核实", "周审核")
    add_text_box(path, "文本框里的电话13500003333", hidden=True)
    return path


@pytest.fixture
def released(tmp_path: Path):
    src = build(tmp_path)
    return src, make_release_copy(src, "xlsx", TARGETS, tmp_path / "发布稿.xlsx", scanner=NullScanner())


def test_no_value_and_no_concealed_part_in_any_zip_member(released):
    _, result = released
    members = zip_members_text(result.path)
    assert survivors(members, [t.text for t in TARGETS] + CONCEALED) == []
    assert not any(n.startswith(("xl/comments", "xl/threadedComments", "xl/persons")) for n in members)


def test_hidden_sheets_deleted_rows_and_columns_emptied(released):
    _, result = released
    wb = openpyxl.load_workbook(result.path)
    assert wb.sheetnames == ["公示名单"]
    ws = wb["公示名单"]
    assert [ws.cell(r, 4).value for r in range(3, 7)] == [None] * 4           # the full-ID column D
    assert [ws.cell(6, c).value for c in range(1, 7)] == [None] * 6            # hidden row 6
    assert not ws.column_dimensions["D"].hidden and not ws.row_dimensions[6].hidden
    assert sorted(wb.defined_names.keys()) == ["区域", "标准"]
    core = zip_members_text(result.path)["docProps/core.xml"]
    assert "creator" not in core and "lastModifiedBy" not in core and "description" not in core


def test_visible_list_survives(released):
    _, result = released
    ws = openpyxl.load_workbook(result.path)["公示名单"]
    assert ws["A1"].value == "某镇 2026 年第一季度城乡低保公示名单"
    assert [ws.cell(3, c).value for c in (2, 3, 5, 6)] == ["张三", masked(IDS[0]), "某县某镇某村一组 12 号", 560]
    assert ws["C5"].value == masked(IDS[2]) and ws["B5"].value == "王五"
    assert ws["A8"].value == "公示期：2026年4月1日至4月7日。如有异议，请向镇民政办反映。"
    assert ws["H3"].value == "联系电话 " + "■" * 13
    assert ws["H4"].value == "■" * 11
    assert ws.oddFooter.center.text == "经办人电话 " + "■" * 11


def test_copy_scans_without_concealed_findings(released):
    src, result = released
    before = {f.detail for f in scan_file(src, scanner=NullScanner()).findings if f.type == "HIDDEN_CONTENT"}
    assert {"hidden_sheet", "hidden_row", "hidden_column", "comment", "white_text", "hidden_text"} <= before
    report = scan_file(result.path, scanner=NullScanner())
    assert report.status == "ok"
    assert [(f.type, f.detail) for f in report.findings
            if f.type in ("HIDDEN_CONTENT", "DOCUMENT_METADATA")] == []


def test_removed_lines(released):
    _, result = released
    text = "\n".join(result.removed)
    assert f"已删除 身份证号：{masked(IDS[0])}（2 处）" in text
    assert "隐藏工作表“原始数据”" in text and "隐藏工作表“备份”" in text
    assert "隐藏列 D" in text and "批注" in text and "定义名称“联系人”" in text
    assert IDS[0] not in text


def test_workbook_of_only_hidden_sheets_is_refused(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    other = wb.create_sheet("b")
    other["A1"] = "13812345678"
    other.sheet_state = "hidden"
    wb.save(tmp_path / "h.xlsx")      # openpyxl will not save this: Excel can, by editing the XML
    edit_zip(tmp_path / "h.xlsx", {"xl/workbook.xml": lambda x: x.replace('state="visible"', 'state="hidden"')})
    with pytest.raises(ReleaseRefused, match="全部是隐藏的"):
        make_release_copy(tmp_path / "h.xlsx", "xlsx", [], tmp_path / "o.xlsx", scanner=NullScanner())
    assert not (tmp_path / "o.xlsx").exists()


def test_pivot_cache_of_a_deleted_source_sheet_is_dropped(tmp_path: Path):
    """A pivot cache keeps the source rows after the source sheet was deleted: the copy has no cache."""
    from tests.builders.xlsx_builder import add_pivot_cache, workbook
    path = workbook(tmp_path / "汇总.xlsx", lambda wb: wb.active.append(["汇总", 1040]))
    add_pivot_cache(path, "原始名单", ["姓名", "身份证号码", "金额"], [["张三", IDS[0], 560], ["李四", IDS[1], 480]])
    result = make_release_copy(path, "xlsx", [], tmp_path / "发布稿.xlsx", scanner=NullScanner())
    members = zip_members_text(result.path)
    assert survivors(members, IDS[:2] + ["原始名单"]) == []
    assert not any("pivot" in n.lower() for n in members)
    assert openpyxl.load_workbook(result.path).active["A1"].value == "汇总"
    assert "已删除数据透视表缓存（保存着源数据行）" in result.removed


def test_value_under_a_merged_title_is_gone(tmp_path: Path):
    """Text in a cell a merge covers is stored but never shown: the copy keeps only the merge's first cell."""
    from tests.builders.xlsx_builder import dibao_sheet, sheet_xml_edit, workbook

    def build(wb):
        dibao_sheet(wb.active)
        wb.active["C1"] = "经办人 李明 13812345678"
    path = sheet_xml_edit(workbook(tmp_path / "m.xlsx", build), "</sheetData>",
                          '</sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>')
    result = make_release_copy(path, "xlsx", [], tmp_path / "发布稿.xlsx", scanner=NullScanner())
    assert survivors(zip_members_text(result.path), ["13812345678", "李明"]) == []
    ws = openpyxl.load_workbook(result.path).active
    assert ws["A1"].value == "某镇 2026 年第一季度城乡低保公示名单" and "A1:F1" in ws.merged_cells
