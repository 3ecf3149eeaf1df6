"""The review record as a Word document: python-docx, A4, 宋体, tables with borders."""
from __future__ import annotations

import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import TITLE, ReviewRecord

FONT = "宋体"
SHADE = "EDEDED"


def _font(run, size: float | None = None, bold: bool = False) -> None:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None


def _write(cell, text: str, *, size: float = 10.5, center: bool = False, shade: bool = False) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    lines = (text or "").split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        _font(run, size)
        if i < len(lines) - 1:
            run.add_break()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if shade:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), SHADE)
        cell._tc.get_or_add_tcPr().append(shd)


def _heading(doc, text: str, size: float, center: bool = False, bold: bool = True) -> None:
    p = doc.add_paragraph()
    _font(p.add_run(text), size, bold)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(doc, rows: int, cols: int, widths_mm: list[float]):
    t = doc.add_table(rows=rows, cols=cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)
    return t


def _facts(doc, r: ReviewRecord) -> None:
    rows = [("文件标题", r.title, None, None), ("文件名", r.filename, "版本", f"第 {r.version_number} 版"),
            ("SHA-256", r.sha256, None, None), ("上传人", r.uploaded_by, "上传时间", r.uploaded_at),
            ("审查人", r.reviewed_by, "审查时间", r.reviewed_at), ("签发人", r.signed_by, "签发时间", r.signed_at),
            ("公开属性", r.disclosure, None, None), ("法律依据", r.basis or "—", None, None)]
    t = _table(doc, len(rows), 4, [25, 60, 25, 60])
    for i, (k1, v1, k2, v2) in enumerate(rows):
        cells = t.rows[i].cells
        _write(cells[0], k1, center=True, shade=True)
        if k2 is None:
            merged = cells[1].merge(cells[3])
            _write(merged, v1, size=8 if k1 == "SHA-256" else 10.5)
        else:
            _write(cells[1], v1)
            _write(cells[2], k2, center=True, shade=True)
            _write(cells[3], v2)


def _findings(doc, r: ReviewRecord) -> None:
    groups = r.groups()
    n_rows = 1 + sum(1 + len(items) for _, items in groups) + (0 if r.findings else 1)
    t = _table(doc, n_rows, 5, [12, 40, 45, 15, 58])
    for cell, head in zip(t.rows[0].cells, ("序号", "内容（已遮蔽）", "位置", "处理", "理由")):
        _write(cell, head, center=True, shade=True)
    i, n = 1, 0
    for type_label, items in groups:
        row = t.rows[i].cells
        _write(row[0].merge(row[4]), f"{type_label}（{len(items)} 项）", shade=True)
        i += 1
        for f in items:
            n += 1
            cells = t.rows[i].cells
            _write(cells[0], str(n), center=True)
            _write(cells[1], f.shown)
            _write(cells[2], f.location_label, size=9)
            _write(cells[3], f.resolution, center=True)
            _write(cells[4], f.reason or "—", size=9)
            i += 1
    if not r.findings:
        row = t.rows[1].cells
        _write(row[0].merge(row[4]), "未发现需要处理的内容。")


def _opinion(doc, r: ReviewRecord) -> None:
    t = _table(doc, 3, 2, [25, 145])
    rows = [("审查意见", r.comment or "—"),
            ("审查人签字", f"{r.reviewed_by}\n\n签字：____________    日期：{r.reviewed_at or '____年__月__日'}"),
            ("签发人签字", f"{r.signed_by}\n\n签字：____________    日期：{r.signed_at or '____年__月__日'}")]
    for row, (k, v) in zip(t.rows, rows):
        _write(row.cells[0], k, center=True, shade=True)
        _write(row.cells[1], v)


def render(record: ReviewRecord) -> bytes:
    doc = docx.Document()
    props = doc.core_properties
    props.author, props.last_modified_by, props.comments, props.title = "", "", "", TITLE
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(18)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if record.office:
        _heading(doc, record.office, 12, center=True, bold=False)
    _heading(doc, TITLE, 20, center=True)
    _facts(doc, record)
    _heading(doc, "审查发现及处理", 12)
    _font(doc.add_paragraph().add_run(record.summary()), 9)
    _findings(doc, record)
    _heading(doc, "审查意见与签字", 12)
    _opinion(doc, record)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(footer.add_run(TITLE), 8)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
