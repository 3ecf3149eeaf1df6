"""The stand-in for CJK fonts not embedded: used only while the parser reads, and the parser reads the same with it."""
from __future__ import annotations

import contextlib
import ctypes
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from reviewer.document import ParseContext
from reviewer.parsers import pdf, pdf_fonts
from tests.builders.pdf_builder import PdfBuilder

LONG = ("经核实，申请人李某某，身份证号码530102198703150011，联系电话13812345678，住址云南省昆明市"
        "五华区某某路12号，其家庭人均收入低于当地最低生活保障标准，符合条件，予以公示。")


def _family(path: Path) -> str:
    """The family of the font pdfium lays the first text object of page 1 out with."""
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[0]
        font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFPage_GetObject(page.raw, 0))
        buf = ctypes.create_string_buffer(256)
        pdfium_c.FPDFFont_GetFamilyName(font, buf, len(buf))
        page.close()
        return buf.value.decode()
    finally:
        doc.close()


def _sample(tmp_path: Path) -> Path:
    b = PdfBuilder(tmp_path / "a.pdf")
    b.paragraph(LONG * 2)
    b.row([(72, "序号"), (120, "姓名"), (200, "身份证号码"), (360, "联系电话")])
    b.row([(72, "1"), (120, "张三"), (200, "53010219870315001X"), (360, "13812345678")])
    box = b.line("涂黑的号码：530102198703150011（已处理）")
    b.rect(box[0] + 72, box[1], 120, box[3] - box[1])
    b.line("内部资料请勿外传", rgb=(1, 1, 1))
    b.new_page()
    b.line("第二页 Report 2024, page 2.")
    return b.save()


def test_stand_in_only_while_reading_text(tmp_path):
    pdf_fonts.ensure_installed()
    path = _sample(tmp_path)
    with pdf_fonts.reading_text():
        assert _family(path) == pdf_fonts.STAND_IN_NAME.decode()
    assert _family(path) != pdf_fonts.STAND_IN_NAME.decode()   # the system's font (or pdfium's own)


def test_stand_in_is_per_thread(tmp_path):
    pdf_fonts.ensure_installed()
    path = _sample(tmp_path)
    seen = []
    with pdf_fonts.reading_text():
        worker = threading.Thread(target=lambda: seen.append(_family(path)))
        worker.start()
        worker.join()
    assert seen and seen[0] != pdf_fonts.STAND_IN_NAME.decode()


def _segments(path: Path, stand_in: bool, monkeypatch) -> list:
    monkeypatch.setattr(pdf, "reading_text", pdf_fonts.reading_text if stand_in else contextlib.nullcontext)
    return list(pdf.parse(path, ParseContext()))


def test_parser_reads_the_same_with_the_stand_in(tmp_path, monkeypatch):
    path = _sample(tmp_path)
    system = _segments(path, False, monkeypatch)
    stand_in = _segments(path, True, monkeypatch)
    assert [(s.text, s.location.part, s.location.page, s.concealed) for s in stand_in] == \
        [(s.text, s.location.part, s.location.page, s.concealed) for s in system]
    assert [s.concealed for s in stand_in if s.concealed] == ["covered_text", "white_text"]
    for a, b in zip(system, stand_in):
        assert (a.location.bbox is None) == (b.location.bbox is None)
        if a.location.bbox:
            assert b.location.bbox == pytest.approx(a.location.bbox, abs=2.5)


def test_stand_in_font_keeps_characters_and_advances(tmp_path):
    """Every character comes through, and a character's loose box still spans its advance."""
    pdf_fonts.ensure_installed()
    path = _sample(tmp_path)
    boxes = {}
    for on in (False, True):
        with pdf_fonts.reading_text() if on else contextlib.nullcontext():
            doc = pdfium.PdfDocument(str(path))
            page = doc[0]
            tp = page.get_textpage()
            text = tp.get_text_range()
            lefts = [tp.get_charbox(i, loose=True)[0] for i in range(len(text))]
            boxes[on] = (text, lefts)
            tp.close()
            page.close()
            doc.close()
    assert boxes[True][0] == boxes[False][0]
    assert boxes[True][1] == pytest.approx(boxes[False][1], abs=0.01)


def test_stand_in_glyph_boxes_lie_inside_the_advances_they_stand_for():
    for box in pdf_fonts.GLYPHS:
        assert 0 <= box[0] < box[2] <= pdf_fonts.UNITS_PER_EM
        assert box[1] < 0 < box[3] <= 750   # no higher than the ascent CJK fonts declare
    assert pdf_fonts.HALF[2] < 460 and pdf_fonts.THIN[2] < 240   # a digit's advance; an 「i」's
