"""The docx parser: every story of a Word file, in reading order, with what a reader of the published file does not see."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE

from reviewer.document import Cell, ParseContext
from reviewer.errors import ParseTimeoutError
from reviewer.parsers.docx import parse
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.docx_builder import (DocxBuilder, add_runs, content_control, deleted, field, hidden, hyperlink,
                                         ins, rewrite_zip, smart_tag, styled, text_box, tiny, white)


def segments(builder: DocxBuilder, tmp_path: Path, name: str = "t.docx") -> list:
    return list(parse(builder.save(tmp_path / name), ParseContext()))


def brief(segs) -> list[tuple]:
    """(text, part, paragraph, concealed) of each segment: what a reviewer would be shown, in order."""
    return [(s.text, s.location.part, s.location.paragraph, s.concealed) for s in segs]


# ---------------------------------------------------------------- one paragraph, many kinds of run
@pytest.mark.parametrize("pieces, expected", [
    # plain text split over runs is one paragraph
    (["申请人", "：", "王五"], [("申请人：王五", "body", 0, None)]),
    # tabs, line breaks and non-breaking hyphens are text; field instructions are not
    (["甲", "<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/><w:t>丁</w:t></w:r>"],
     [("甲\t乙\n丙-丁", "body", 0, None)]),
    (["第", field("3", " PAGE "), "页"], [("第3页", "body", 0, None)]),
    # text inside hyperlinks, content controls and smart tags is body text
    ([hyperlink("链接文字"), content_control("李四"), smart_tag("昆明市")], [("链接文字李四昆明市", "body", 0, None)]),
    # an unaccepted insertion is reported once, as tracked change, and the paragraph keeps the rest
    (["申请人：", ins("王五", author="科员甲"), "，男"],
     [("申请人：，男", "body", 0, None), ("王五", "tracked_change", 0, "tracked_change")]),
    # deleted text is never body text
    (["身份证号", deleted("530102198703150011"), "已删除"],
     [("身份证号已删除", "body", 0, None), ("530102198703150011", "tracked_change", 0, "tracked_change")]),
    # hidden (vanish) and white or tiny text
    (["可见", hidden("隐藏内容")], [("可见", "body", 0, None), ("隐藏内容", "hidden_text", 0, "hidden_text")]),
    (["可见", white("白色文字"), tiny("一磅小字")],
     [("可见", "body", 0, None), ("白色文字一磅小字", "hidden_text", 0, "white_text")]),
    # white text on a dark background can be read: it is body text
    (["标题：", white("黑底白字", shading="000000")], [("标题：黑底白字", "body", 0, None)]),
    # a deleted run that is also hidden is reported as the deletion
    ([deleted("旧文字") .replace("<w:r>", "<w:r><w:rPr><w:vanish/></w:rPr>")],
     [("旧文字", "tracked_change", 0, "tracked_change")]),
])
def test_paragraph_runs(tmp_path, pieces, expected):
    assert brief(segments(DocxBuilder().paragraph(*pieces), tmp_path)) == expected


def test_tracked_changes_carry_author_and_one_group_per_revision(tmp_path):
    b = DocxBuilder().paragraph("联系人", ins("张三", author="科员甲", rev_id=7), deleted("李四", author="科员乙", rev_id=8),
                                deleted("王五", author="科员乙", rev_id=9))
    segs = [s for s in segments(b, tmp_path) if s.concealed]
    assert [(s.text, s.location.author, s.group) for s in segs] == [
        ("张三", "科员甲", "ins:7"), ("李四", "科员乙", "del:8"), ("王五", "科员乙", "del:9")]


def test_style_level_vanish_hides_text(tmp_path):
    b = DocxBuilder()
    style = b.doc.styles.add_style("HiddenNote", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    b.paragraph("正文", styled("样式隐藏的备注", "HiddenNote"))
    assert brief(segments(b, tmp_path)) == [("正文", "body", 0, None),
                                            ("样式隐藏的备注", "hidden_text", 0, "hidden_text")]


def test_text_box_is_read_once_beside_its_paragraph(tmp_path):
    b = DocxBuilder().paragraph("第一段").paragraph("锚点", text_box("文本框里的电话13812345678")).paragraph("第三段")
    b.paragraph(text_box("只有 Choice 的文本框", fallback=False))
    assert brief(segments(b, tmp_path)) == [
        ("第一段", "body", 0, None), ("锚点", "body", 1, None),
        ("文本框里的电话13812345678", "body", 1, None), ("第三段", "body", 2, None),
        ("只有 Choice 的文本框", "body", 3, None)]


def test_body_paragraph_numbers_count_empty_paragraphs_and_tables(tmp_path):
    b = DocxBuilder().paragraph("一").paragraph().paragraph("三")
    b.table([["表头"], ["值"]])
    b.paragraph("五")
    assert [(s.text, s.location.part, s.location.paragraph) for s in segments(b, tmp_path)] == [
        ("一", "body", 0), ("三", "body", 2), ("表头", "table", 3), ("值", "table", 3), ("五", "body", 4)]


# ---------------------------------------------------------------- tables
def test_table_rows_with_cells_headers_and_merged_cells_once(tmp_path):
    b = DocxBuilder().paragraph("名单如下：")
    b.table([["姓名", "身份证号", "电话"],
             ["张三", "530102198703150011", "13812345678"],
             ["李四（两列合并）", "", "0878-8123456"],
             ["王五", "", ""]],
            merges=[(2, 0, 2, 1), (1, 2, 3, 2)])   # a horizontal merge, and a vertical one down column 3
    rows = [s for s in segments(b, tmp_path) if s.location.part == "table"]
    assert [(s.text, s.location.paragraph) for s in rows] == [
        ("姓名\t身份证号\t电话", 1),
        ("张三\t530102198703150011\t13812345678", 1),
        ("李四（两列合并）", 1),                 # the vertically merged cell below 13812345678 is not read again
        ("王五\t", 1)]
    assert rows[1].cells == [Cell(0, "表1 第2行第1列", "姓名"), Cell(3, "表1 第2行第2列", "身份证号"),
                             Cell(22, "表1 第2行第3列", "电话")]
    assert rows[2].cells == [Cell(0, "表1 第3行第1列", "姓名")]
    assert rows[0].cells[0].header is None       # the heading row has no heading above it
    assert rows[1].cell_at(25).ref == "表1 第2行第3列"


def test_nested_table_rows_follow_their_row(tmp_path):
    b = DocxBuilder()
    t = b.table([["项目", "明细"], ["补助", ""], ["合计", "100"]])
    inner = t.cell(1, 1).add_table(2, 2)
    for (r, c), text in {(0, 0): "户主", (0, 1): "金额", (1, 0): "赵六", (1, 1): "50"}.items():
        inner.cell(r, c).text = text
    b.table([["第二张表"]])
    assert [(s.text, s.cells[0].ref, s.cells[-1].header) for s in segments(b, tmp_path)] == [
        ("项目\t明细", "表1 第1行第1列", None),
        ("补助\t", "表1 第2行第1列", "明细"),
        ("户主\t金额", "表1-1 第1行第1列", None),
        ("赵六\t50", "表1-1 第2行第1列", "金额"),
        ("合计\t100", "表1 第3行第1列", "明细"),
        ("第二张表", "表2 第1行第1列", None)]


def test_concealed_text_in_a_cell_names_the_cell(tmp_path):
    b = DocxBuilder()
    t = b.table([["姓名", "备注"], ["张三", ""]])
    add_runs(t.cell(1, 1).paragraphs[0], hidden("低保户"))
    segs = segments(b, tmp_path)
    assert [(s.text, s.location.part, s.location.cell) for s in segs] == [
        ("姓名\t备注", "table", None), ("张三\t", "table", None), ("低保户", "hidden_text", "表1 第2行第2列")]


# ---------------------------------------------------------------- headers, footers, notes, comments
def test_headers_and_footers_of_every_kind_each_part_once(tmp_path):
    b = DocxBuilder().header("秘密★1年").header("首页页眉", "first").header("偶数页页眉", "even")
    b.header("页脚", footer=True).header("首页页脚", "first", footer=True)
    b.paragraph("正文")
    b.section().header("第二节页眉", section=1).share_header(0, 1)   # section 2 also points at header 1
    assert brief(segments(b, tmp_path)) == [
        ("秘密★1年", "header", 0, None), ("首页页眉", "header", 1, None), ("偶数页页眉", "header", 2, None),
        ("第二节页眉", "header", 3, None),
        ("正文", "body", 0, None),
        ("页脚", "footer", 0, None), ("首页页脚", "footer", 1, None)]


def test_footnotes_comments_and_their_order_after_the_body(tmp_path):
    b = DocxBuilder().footnote("依据有关规定", "脚注：经办人赵六").comment("拟同意", "请核实王五的电话", "审核员乙")
    b.paragraph("结尾")
    segs = segments(b, tmp_path)
    assert brief(segs) == [
        ("依据有关规定", "body", 0, None), ("拟同意", "body", 1, None), ("结尾", "body", 2, None),
        ("脚注：经办人赵六", "footnote", 0, None),
        ("请核实王五的电话", "comment", 0, "comment")]
    assert (segs[-1].location.author, segs[-1].group) == ("审核员乙", "comment:0")


# ---------------------------------------------------------------- properties and embedded files
def test_metadata_fields_and_embedded_files(tmp_path):
    b = DocxBuilder().paragraph("正文")
    b.properties(author="张丽", last_modified_by="Administrator", title="关于某事的通知", subject="主题",
                 keywords="低保", comments="内部备注", category="公示")
    b.app_properties(Company="某县民政局", Manager="王局长")
    b.embed("Microsoft_Excel_Worksheet1.xlsx", b"PK fake workbook")
    segs = segments(b, tmp_path)
    assert [(s.text, s.location.field) for s in segs if s.location.part == "metadata"] == [
        ("张丽", "author"), ("Administrator", "last_modified_by"), ("某县民政局", "company"), ("王局长", "manager"),
        ("关于某事的通知", "title"), ("主题", "subject"), ("低保", "keywords"), ("内部备注", "comments"),
        ("公示", "category")]
    assert [(s.text, s.concealed) for s in segs if s.concealed] == [
        ("Microsoft_Excel_Worksheet1.xlsx", "embedded_file")]


def test_custom_properties_are_scanned_with_their_label(tmp_path):
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="起草人">'
              '<vt:lpwstr>王五</vt:lpwstr></property></Properties>').encode()
    path = rewrite_zip(DocxBuilder().paragraph("正文").save(tmp_path / "c.docx"), tmp_path / "custom.docx",
                       add={"docProps/custom.xml": custom})
    assert [(s.text, s.location.field) for s in parse(path, ParseContext()) if s.location.part == "metadata"] == [
        ("起草人：王五", "custom:起草人")]


# ---------------------------------------------------------------- through the scan pipeline
def test_scan_reports_hidden_content_and_metadata(tmp_path):
    b = DocxBuilder().header("内部资料").paragraph("申请人：", ins("王五", author="科员甲"), deleted("旧号码"))
    b.paragraph("说明", hidden("隐藏的联系人"), white("白字"))
    b.comment("拟同意", "核实身份证", "审核员乙").embed("oleObject1.bin", b"\x00" * 10)
    b.properties(author="张丽", title="通知")
    report = scan_file(b.save(tmp_path / "申请表.docx"), scanner=NullScanner())
    assert report.status == "ok" and report.format == "docx"
    hidden_found = [(f.detail, f.location.part, f.text, f.location.author) for f in report.findings
                    if f.type == "HIDDEN_CONTENT"]
    assert hidden_found == [
        ("tracked_change", "tracked_change", "王五", "科员甲"),
        ("tracked_change", "tracked_change", "旧号码", "审核员甲"),
        ("hidden_text", "hidden_text", "隐藏的联系人", None),
        ("white_text", "hidden_text", "白字", None),
        ("comment", "comment", "核实身份证", "审核员乙"),
        ("embedded_file", "body", "oleObject1.bin", None)]
    # only properties that name a person or an organisation are findings; the title is scanned text
    assert [(f.detail, f.text) for f in report.findings if f.type == "DOCUMENT_METADATA"] == [("author", "张丽")]
    assert report.verdict == "review"


def test_page_count_word_stored_is_reported(tmp_path):
    report = scan_file(DocxBuilder().paragraph("正文").app_properties(Pages="3").save(tmp_path / "p.docx"),
                       scanner=NullScanner())
    assert report.pages == 3 and report.chars == 2


def test_hidden_text_in_same_cell_of_body_and_header_tables_are_two_objects(tmp_path):
    b = DocxBuilder()
    add_runs(b.table([["备注"]]).cell(0, 0).paragraphs[0], hidden("正文表格隐藏"))
    header = b.doc.sections[0].header
    header.is_linked_to_previous = False
    add_runs(header.add_table(1, 1, b.doc.sections[0].page_width).cell(0, 0).paragraphs[0], hidden("页眉表格隐藏"))
    report = scan_file(b.save(tmp_path / "h.docx"), scanner=NullScanner())
    assert [(f.text, f.location.cell) for f in report.findings if f.type == "HIDDEN_CONTENT"] == [
        ("页眉表格隐藏", "表1 第1行第1列"), ("正文表格隐藏", "表1 第1行第1列")]


def test_deadline_is_checked_while_reading_the_body(tmp_path):
    b = DocxBuilder()
    for i in range(450):
        b.paragraph(f"第{i}段")
    ctx = ParseContext()
    ctx.deadline = time.monotonic() - 1       # already past
    with pytest.raises(ParseTimeoutError):
        list(parse(b.save(tmp_path / "long.docx"), ctx))


def test_wingdings_star_of_a_secrecy_marking_is_text(tmp_path):
    b = DocxBuilder().paragraph("秘密", '<w:r><w:sym w:font="Wingdings" w:char="F0AB"/></w:r>', "1年")
    assert brief(segments(b, tmp_path)) == [("秘密★1年", "body", 0, None)]


def test_strict_open_xml_is_refused_not_passed_as_empty(tmp_path):
    clean = DocxBuilder().paragraph("正文").save(tmp_path / "clean.docx")
    strict = ('<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r>'
              '<w:t>身份证号530102198703150011</w:t></w:r></w:p></w:body></w:document>').encode()
    path = rewrite_zip(clean, tmp_path / "严格.docx", replace={"word/document.xml": strict})
    report = scan_file(path, scanner=NullScanner())
    assert report.status == "error" and report.error["code"] == "unsupported_format"
    assert "“严格.docx”" in report.error["message"] and "另存为" in report.error["message"]
