"""The xlsx cell decoder and merge pre-scan on raw sheet XML: style indexes, namespaces, inline runs, merges read in pieces."""
from __future__ import annotations

from lxml import etree

from reviewer.document import ParseContext
from reviewer.parsers import xlsx_merges
from reviewer.parsers.xlsx import parse
from reviewer.parsers.xlsx_cells import CellDecoder, PrecisionLoss, StyleRules
from reviewer.parsers.xlsx_values import NumberFormat
from reviewer.parsers.xlsx_workbook import PLAIN, CellStyle
from tests.builders import xlsx_builder as xb

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
HIDDEN = CellStyle(NumberFormat(hides_numbers=True, hides_text=True))
WHITE = CellStyle(white=True)


def decode(cells_xml: str, styles=(), strings=(), ns: str = MAIN, number: int = 2):
    row = etree.fromstring(f'<row xmlns="{ns}" r="{number}">{cells_xml}</row>')
    decoder = CellDecoder("{%s}" % ns, list(styles), list(strings), False, "t.xlsx", PrecisionLoss())
    r = decoder.row(row, number, None)
    return list(zip(r.cols, r.refs, r.texts)), r.concealed


def test_style_index_as_written_or_as_int_reads_it_and_out_of_range_is_plain():
    rules = StyleRules([PLAIN, HIDDEN])
    assert rules["1"].number_concealed == "hidden_text"
    assert rules["01"].number_concealed == "hidden_text"   # int("01") == 1, as before
    assert rules["7"] is rules[None] and rules["x"] is rules[None] and rules[""] is rules[None]


def test_concealment_per_kind_of_value():
    cells, concealed = decode('<c r="A2" s="1"><v>5</v></c><c r="B2" s="1" t="s"><v>0</v></c>'
                              '<c r="C2" s="1" t="b"><v>1</v></c><c r="D2" s="1" t="e"><v>#N/A</v></c>'
                              '<c r="E2" s="2" t="b"><v>0</v></c>', styles=[PLAIN, HIDDEN, WHITE], strings=["张三"])
    assert [t for _, _, t in cells] == ["5", "张三", "TRUE", "#N/A", "FALSE"]
    assert concealed == {0: "hidden_text", 1: "hidden_text", 4: "white_text"}


def test_numbers_rendered_as_stored():
    cells, _ = decode('<c r="A2"><v>0</v></c><c r="B2"><v>007</v></c><c r="C2"><v>-12</v></c>'
                      '<c r="D2"><v>402.5</v></c><c r="E2"><v>532328198703150011</v></c><c r="F2"><v> </v></c>')
    assert [t for _, _, t in cells] == ["0", "7", "-12", "402.5", "532328198703150011"]


def test_inline_text_plain_and_in_runs_without_phonetic_runs():
    cells, _ = decode('<c r="A2" t="inlineStr"><is><t>李四</t></is></c>'
                      '<c r="B2" t="inlineStr"><is><r><t>王</t></r><r><t>五</t></r><rPh><t>ワン</t></rPh></is></c>'
                      '<c r="C2" t="inlineStr"><is/></c>')
    assert cells == [(1, "A2", "李四"), (2, "B2", "王五")]


def test_cells_without_a_reference_follow_the_one_before_and_strict_namespace_reads_the_same():
    xml = '<c r="C2" t="inlineStr"><is><t>甲</t></is></c><c t="inlineStr"><is><t>乙</t></is></c><c r="AB2"><v>3</v></c>'
    expected = [(3, "C2", "甲"), (4, "D2", "乙"), (28, "AB2", "3")]
    assert decode(xml)[0] == expected
    assert decode(xml, ns=STRICT)[0] == expected


def test_cell_in_another_namespace_is_still_read_by_its_local_name():
    other = "urn:example:other"
    cells, _ = decode(f'<x:c xmlns:x="{other}" r="A2" t="str"><x:v>丙</x:v></x:c>')
    assert cells == [(1, "A2", "丙")]


def test_merges_found_whatever_the_size_of_the_pieces_read(tmp_path, monkeypatch):
    def build(wb):
        for i in range(60):
            wb.active.append([f"第{i}行", "内容", i])
    path = xb.sheet_xml_edit(xb.workbook(tmp_path / "m.xlsx", build), "</sheetData>",
                             '</sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/>'
                             '<mergeCell ref="B5:B9"/></mergeCells>')

    def covered():
        return [(s.location.cell, s.text) for s in parse(path, ParseContext()) if s.concealed == "covered_text"]
    whole = covered()
    assert whole == [("B1", "内容"), ("C1", "0"), ("B6", "内容"), ("B7", "内容"), ("B8", "内容"), ("B9", "内容")]
    for chunk in (64, 97, 4096):   # a <mergeCell> cut between two reads is still found
        monkeypatch.setattr(xlsx_merges, "CHUNK", chunk)
        assert covered() == whole
