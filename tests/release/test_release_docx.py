"""Release copies of .docx: values in awkward places blanked, concealed parts gone, the rest of the text intact."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from reviewer.pipeline import NullScanner, scan_file
from reviewer.release import RedactionTarget, ReleaseRefused, make_release_copy
from tests.builders.docx_builder import (DocxBuilder, add_runs, deleted, field, hidden, ins, rewrite_zip, run,
                                         text_box, white)
from tests.release.helpers import survivors, zip_members_text

ID = "530102198703150011"
TARGETS = [RedactionTarget(ID, "CN_RESIDENT_ID", {"part": "body"}),
           RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"part": "body"}),
           RedactionTarget("王小明", "PERSON", {"part": "body"}),
           RedactionTarget("11010519491231002X", "CN_RESIDENT_ID", {"part": "table"}),
           RedactionTarget("13900001111", "CN_MOBILE_PHONE", {"part": "header"}),
           RedactionTarget("wangxm@example.com", "EMAIL_ADDRESS", {"part": "footer"}),
           RedactionTarget("6222020200112233445", "BANK_CARD", {"part": "footnote"})]
# concealed content that is not itself a target: it must go with its part
CONCEALED = ["13700002222", "张审核", "13611112222", "幸福路8号", "13511113333", "王起草", "李修改",
             "某某县民政局", "赵主任", "OLE-SECRET-530102"]
KEPT = ["本通知自印发之日起施行。", "请审核以下内容。", "新增联系人赵六", "办公室值班电话", "第一条 为规范补贴发放"]


def build(tmp_path: Path) -> Path:
    b = DocxBuilder()
    b.paragraph("第一条 为规范补贴发放，制定本办法。")
    # an ID split over two runs, a phone written with dashes, a name
    b.paragraph("申请人王小明，身份证号码：", run("5301021987"), run("03150011"), "，联系电话 138-1234-5678。")
    b.table([["姓名", "身份证号"], ["李某", "11010519491231002X"]])
    b.header("办公室值班电话 139 0000 1111")
    b.header("联系邮箱 wangxm@example.com", footer=True)
    b.footnote("详见附注。", "申请人银行卡号 6222 0202 0011 2233 445。")
    b.paragraph("附：", text_box(f"备注：身份证 {ID}"))
    b.comment("请审核以下内容。", "此人手机 13700002222，请删除", author="张审核")
    b.paragraph(ins("新增联系人赵六"), deleted("旧号码 13611112222"))
    b.paragraph("正文继续。", hidden("内部备注：家住幸福路8号"), white("白色 13511113333"))
    b.paragraph("邮件链接：", field("点击发送", ' HYPERLINK "mailto:wangxm@example.com" '))
    b.paragraph("本通知自印发之日起施行。")
    b.properties(author="王起草", last_modified_by="李修改")
    b.app_properties(Company="某某县民政局", Manager="赵主任")
    b.embed("oleObject1.bin", b"OLE-SECRET-530102 " + ID.encode())
    return b.save(tmp_path / "申请表.docx")


@pytest.fixture
def released(tmp_path: Path):
    src = build(tmp_path)
    return src, make_release_copy(src, "docx", TARGETS, tmp_path / "发布稿.docx", scanner=NullScanner())


def test_no_value_and_no_concealed_part_in_any_zip_member(released):
    _, result = released
    members = zip_members_text(result.path)
    assert survivors(members, [t.text for t in TARGETS] + CONCEALED) == []
    assert not any(n.startswith(("word/comments", "word/embeddings/")) for n in members)
    assert "docProps/custom.xml" not in members


def test_surrounding_text_survives_and_values_are_marked(released):
    _, result = released
    doc = docx.Document(str(result.path))
    body = "\n".join(p.text for p in doc.paragraphs)
    for sentence in KEPT[:3] + KEPT[4:]:
        assert sentence in body
    assert "申请人■■■，身份证号码：■■■■■■■■■■■■■■■■■■，联系电话 ■■■■■■■■■■■■■。" in body
    assert doc.tables[0].cell(1, 1).text == "■" * 18
    assert doc.tables[0].cell(1, 0).text == "李某"
    header = doc.sections[0].header.paragraphs[0].text
    assert header.startswith("办公室值班电话 ") and "■" in header
    assert doc.sections[0].footer.paragraphs[0].text == "联系邮箱 " + "■" * 18


def test_properties_cleared_and_scan_finds_nothing_concealed(released):
    _, result = released
    props = docx.Document(str(result.path)).core_properties
    assert props.author == "" and props.last_modified_by == ""
    report = scan_file(result.path, scanner=NullScanner())
    assert report.status == "ok"
    assert [f.type for f in report.findings if f.type in ("HIDDEN_CONTENT", "DOCUMENT_METADATA")] == []


def test_removed_lines_mask_values_and_name_dropped_parts(released):
    _, result = released
    text = "\n".join(result.removed)
    assert "已删除 身份证号：5301**********0011" in text
    assert "138****5678" in text and "王**" in text
    assert "批注 1 条" in text and "修订" in text and "隐藏文字" in text and "嵌入文件" in text
    assert "13812345678" not in text and ID not in text


def test_source_scan_shows_what_the_copy_lost(released):
    src, result = released
    before = {f.detail for f in scan_file(src, scanner=NullScanner()).findings if f.type == "HIDDEN_CONTENT"}
    assert {"comment", "tracked_change", "hidden_text", "white_text", "embedded_file"} <= before


def test_value_in_an_svg_image_is_refused_and_no_copy_left(tmp_path: Path):
    """Text inside an image part is not Word text: the redactor leaves images alone, the check finds it."""
    src = build(tmp_path)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="10">身份证 {ID}</text></svg>'.encode()
    rewrite_zip(src, src, add={"word/media/image9.svg": svg})
    dest = tmp_path / "发布稿.docx"
    with pytest.raises(ReleaseRefused) as err:
        make_release_copy(src, "docx", TARGETS, dest, scanner=NullScanner())
    assert "5301**********0011" in err.value.message and "word/media/image9.svg" in err.value.message
    assert err.value.code == "release_refused"
    assert not dest.exists() and list(tmp_path.glob("*.unverified*")) == []


def test_copy_opens_in_python_docx_and_zip_is_sound(released):
    _, result = released
    with zipfile.ZipFile(result.path) as zf:
        assert zf.testzip() is None
        assert zf.namelist()[0] == "[Content_Types].xml"


def _deleted_row(b: DocxBuilder) -> None:
    t = b.table([["姓名", "电话"], ["甲", "13700002222"], ["乙", "公开电话"]])
    from docx.oxml import parse_xml
    from tests.builders.docx_builder import NS
    t.rows[1]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {NS} w:id="9" w:author="科员" w:date="2026-03-01T09:00:00Z"/>'))


def _style_hidden(b: DocxBuilder) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from tests.builders.docx_builder import styled
    b.doc.styles.add_style("HiddenNote", WD_STYLE_TYPE.CHARACTER).font.hidden = True
    b.paragraph("正文", styled("样式隐藏 13700002222", "HiddenNote"))


def _doc_var(b: DocxBuilder) -> None:
    from docx.oxml import parse_xml
    from tests.builders.docx_builder import NS
    b.doc.settings.element.append(parse_xml(f'<w:docVars {NS}><w:docVar w:name="经办人" w:val="13700002222"/></w:docVars>'))


def _mailto(b: DocxBuilder) -> None:
    rid = b.doc.part.relate_to("mailto:x13700002222@example.com", "http://schemas.openxmlformats.org/"
                               "officeDocument/2006/relationships/hyperlink", is_external=True)
    from tests.builders.docx_builder import NS
    from docx.oxml import parse_xml
    b._body_append(parse_xml(f'<w:p {NS}><w:hyperlink r:id="{rid}">{run("写信")}</w:hyperlink></w:p>'))


@pytest.mark.parametrize("add", [_deleted_row, _style_hidden, _doc_var, _mailto],
                         ids=["deleted table row", "hidden by a character style", "document variable", "mailto link"])
def test_more_places_a_phone_number_hides(tmp_path: Path, add):
    b = DocxBuilder().paragraph("本页其余内容照常公开。")
    add(b)
    src = b.save(tmp_path / "件.docx")
    target = RedactionTarget("13700002222", "CN_MOBILE_PHONE", {"part": "body"})
    result = make_release_copy(src, "docx", [target], tmp_path / "发布稿.docx", scanner=NullScanner())
    assert survivors(zip_members_text(result.path), ["13700002222"]) == []
    assert "本页其余内容照常公开。" in "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)


def test_hostile_part_is_refused_not_crashed(tmp_path: Path):
    src = DocxBuilder().paragraph("正文").save(tmp_path / "坏.docx")
    rewrite_zip(src, src, replace={"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'})
    with pytest.raises(ReleaseRefused, match="无法为“坏.docx”生成发布稿"):
        make_release_copy(src, "docx", TARGETS, tmp_path / "发布稿.docx", scanner=NullScanner())
    assert list(tmp_path.glob("*发布稿*")) == []
