"""The printable 保密审查单: read back from the PDF (pdfplumber) and the .docx (python-docx) with the right fields."""
from __future__ import annotations

import hashlib
import io

import docx
import pdfplumber
import pytest
from docx.shared import Mm
from pypdf import PdfReader

from reviewer.review_record import RecordFinding, ReviewRecord, location_label, render_docx, render_pdf

SHA = hashlib.sha256(b"low-income list v2").hexdigest()
BASIS = "《中华人民共和国政府信息公开条例》第十五条（个人隐私）、第三十七条"


def record(findings: list[RecordFinding] | None = None) -> ReviewRecord:
    return ReviewRecord(
        title="关于2026年第一季度城乡低保的公示", filename="低保公示.xlsx", version_number=2, sha256=SHA,
        uploaded_by="李起草", uploaded_at="2026-03-01 09:00", reviewed_by="王审查", reviewed_at="2026-03-02 10:00",
        signed_by="赵签发", signed_at="2026-03-03 11:00", disclosure="部分公开", basis=BASIS,
        comment="删除身份证号和手机号后公开。", office="某县民政局",
        findings=findings if findings is not None else [
            RecordFinding("身份证号", "530102198703150011", "工作表“公示名单”D3", "删除", "个人隐私"),
            RecordFinding("手机号", "13812345678", "第 2 页 正文第 3 段", "删除", "个人隐私"),
            RecordFinding("姓名", "张三", "工作表“公示名单”B3", "保留", "公示对象姓名依规公开"),
            RecordFinding("身份证号", "11010519491231002X", "工作表“公示名单”D4", "删除", "个人隐私")])


EXPECTED = ["政府信息公开保密审查单", "某县民政局", "关于2026年第一季度城乡低保的公示", "低保公示.xlsx", "第 2 版", SHA,
            "李起草", "2026-03-01 09:00", "王审查", "赵签发", "2026-03-03 11:00", "部分公开", "第十五条（个人隐私）",
            "删除身份证号和手机号后公开。", "5301**********0011", "138****5678", "张*", "1101**********002X",
            "身份证号（2 项）", "手机号（1 项）", "公示对象姓名依规公开"]
UNMASKED = ["530102198703150011", "13812345678", "张三", "11010519491231002X"]


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def docx_text(data: bytes) -> str:
    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize("render, read", [(render_pdf, pdf_text), (render_docx, docx_text)], ids=["pdf", "docx"])
def test_record_shows_the_fields_and_masks_values(render, read):
    text = read(render(record()))
    flat = text.replace("\n", "")
    missing = [e for e in EXPECTED if e not in text and e not in flat]
    assert missing == []
    assert [v for v in UNMASKED if v in text] == []
    assert BASIS in flat


def test_pdf_is_a4_without_author():
    data = render_pdf(record())
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert not (reader.metadata or {}).get("/Author")


def test_docx_is_a4_with_bordered_tables():
    doc = docx.Document(io.BytesIO(render_docx(record())))
    section = doc.sections[0]      # stored in twips: A4 is 11906 × 16838
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert all(t.style.name == "Table Grid" for t in doc.tables)
    assert doc.core_properties.author == ""


def test_findings_grouped_by_type_in_first_appearance_order():
    assert [(label, len(items)) for label, items in record().groups()] == [("身份证号", 2), ("手机号", 1), ("姓名", 1)]


def test_many_findings_run_over_pages_with_every_one_listed():
    many = [RecordFinding("手机号", f"1381234{i:04d}", f"第 {i} 段", "删除", "个人隐私") for i in range(120)]
    data = render_pdf(record(many))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
        assert "内容（已遮蔽）" in (pdf.pages[1].extract_text() or "")      # the heading row repeats
    text = pdf_text(data)
    assert "138****0119" in text and "共 120 项发现：删除 120 项，保留 0 项。" in text


@pytest.mark.parametrize("render, read", [(render_pdf, pdf_text), (render_docx, docx_text)], ids=["pdf", "docx"])
def test_record_without_findings_says_so(render, read):
    r = record([])
    r.disclosure, r.basis = "主动公开", ""
    assert "未发现需要处理的内容。" in read(render(r))


@pytest.mark.parametrize("location, expected", [
    ({"part": "body", "paragraph": 2}, "正文第 3 段"),
    ({"part": "body", "paragraph": 0, "page": 2}, "第 2 页 正文第 1 段"),
    ({"part": "table", "paragraph": 5, "cell": "表1 第3行第2列"}, "表格 表1 第3行第2列"),
    ({"part": "sheet", "sheet": "公示名单", "cell": "D3"}, "工作表“公示名单”D3"),
    ({"part": "hidden_sheet", "sheet": "原始数据", "cell": "B2"}, "隐藏工作表“原始数据”B2"),
    ({"part": "hidden_column", "sheet": "名单", "cell": "D4"}, "工作表“名单”D4 隐藏列"),
    ({"part": "metadata", "field": "author"}, "文档属性（作者）"),
    ({"part": "comment", "paragraph": 0, "author": "张审核"}, "批注第 1 段（作者 张**）"),
])
def test_location_label(location: dict, expected: str):
    assert location_label(location) == expected


def test_record_finding_from_a_report_finding():
    f = {"type": "CN_MOBILE_PHONE", "text": "13812345678", "location": {"part": "header", "paragraph": 0}}
    rf = RecordFinding.from_finding(f, "redact", "个人隐私")
    assert (rf.type_label, rf.location_label, rf.resolution, rf.shown) == ("手机号", "页眉第 1 段", "删除", "138****5678")
