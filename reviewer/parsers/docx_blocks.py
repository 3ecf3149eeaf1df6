"""Block content of one Word story (body, header, footnote…): paragraphs, tables row by row, text boxes, concealed text."""
from __future__ import annotations

from typing import Iterator

from lxml import etree

from ..document import Cell, Location, Segment
from .docx_format import W, Styles
from .docx_text import ALTERNATE, ParagraphText, choose, read_paragraph

P, TBL, TR, TC = W + "p", W + "tbl", W + "tr", W + "tc"
SDT, SDT_CONTENT, CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
TC_PR, TR_PR = W + "tcPr", W + "trPr"
WRAPPERS = (SDT, SDT_CONTENT, CUSTOM_XML)   # content controls and custom XML hold blocks, rows or cells
# where concealed text is reported (SPEC location.part)
CONCEALED_PART = {"tracked_change": "tracked_change", "hidden_text": "hidden_text", "white_text": "hidden_text"}


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(0, int(el.get(W + "val", default)))
    except ValueError:
        return default


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from _children(child, tag)


def _shading(props: etree._Element | None) -> str | None:
    shd = props.find(W + "shd") if props is not None else None
    fill = shd.get(W + "fill") if shd is not None else None
    return fill if fill not in (None, "auto") else None


class StoryReader:
    """Turns the blocks of one story into segments; `index` counts its top-level paragraphs and tables."""

    def __init__(self, part: str, styles: Styles):
        self.part = part
        self.styles = styles
        self.index = -1
        self.tables = 0
        self.row_part = "table" if part == "body" else part   # a table in a header stays "header"

    def read(self, container: etree._Element) -> Iterator[Segment]:
        for child in container:
            yield from self.block(child)

    def block(self, el: etree._Element, anchor: int | None = None) -> Iterator[Segment]:
        """One block; `anchor` is the index of the paragraph a text box hangs on (None: a new block)."""
        tag = el.tag
        if tag == P or tag == TBL:
            if anchor is None:
                self.index += 1
            at = self.index if anchor is None else anchor
            if tag == P:
                yield from self.paragraph(el, at)
            else:
                self.tables += 1
                yield from self.table(el, f"表{self.tables}", at)
        elif tag in WRAPPERS:
            for child in el:
                yield from self.block(child, anchor)
        elif tag == ALTERNATE:
            branch = choose(el)
            if branch is not None:
                for child in branch:
                    yield from self.block(child, anchor)

    def paragraph(self, p: etree._Element, at: int) -> Iterator[Segment]:
        para = read_paragraph(p, self.styles, f"{self.part}:{at}")
        if para.text.strip():
            yield Segment(para.text, Location(self.part, paragraph=at))
        yield from self.extras(para, at, None)

    def extras(self, para: ParagraphText, at: int, cell: str | None) -> Iterator[Segment]:
        """A paragraph's concealed stretches, then the text boxes anchored in it."""
        for piece in para.concealed:
            if piece.text.strip():
                loc = Location(CONCEALED_PART[piece.kind], paragraph=at, cell=cell, author=piece.author)
                yield Segment(piece.text, loc, concealed=piece.kind, group=piece.group)
        for box in para.boxes:
            for child in box:
                yield from self.block(child, anchor=at)

    def table(self, tbl: etree._Element, label: str, at: int) -> Iterator[Segment]:
        """One segment per row (cells joined by tabs, merged cells once), then what the row hides or nests."""
        headers: dict[int, str] = {}
        nested = [0]     # tables inside this table's cells: 表1-1, 表1-2…
        for row_no, tr in enumerate(_children(tbl, TR), start=1):
            col = _int_val(tr.find(f"{TR_PR}/{W}gridBefore"), 0)
            texts: list[str] = []
            cells: list[Cell] = []
            later: list[Iterator[Segment]] = []
            start = 0
            for tc in _children(tr, TC):
                props = tc.find(TC_PR)
                span = max(1, _int_val(props.find(W + "gridSpan") if props is not None else None, 1))
                merge = props.find(W + "vMerge") if props is not None else None
                if merge is not None and merge.get(W + "val") != "restart":
                    col += span      # continuation of a vertically merged cell: read once, above
                    continue
                ref = f"{label} 第{row_no}行第{col + 1}列"
                text = self.cell_text(tc, ref, label, at, _shading(props), later, nested)
                if row_no == 1:
                    for c in range(col, col + span):
                        headers[c] = text
                    header = None
                else:
                    header = headers.get(col) or None
                if texts:
                    start += 1
                cells.append(Cell(start, ref, header))
                texts.append(text)
                start += len(text)
                col += span
            row_text = "\t".join(texts)
            if row_text.strip():
                yield Segment(row_text, Location(self.row_part, paragraph=at), cells=cells)
            for extra in later:
                yield from extra

    def cell_text(self, tc: etree._Element, ref: str, label: str, at: int, background: str | None,
                  later: list[Iterator[Segment]], nested: list[int]) -> str:
        """A cell's visible text (paragraphs joined by newlines); nested tables and concealed text go to `later`."""
        lines: list[str] = []

        def visit(el: etree._Element) -> None:
            for child in el:
                if child.tag == P:
                    para = read_paragraph(child, self.styles, f"{self.part}:{ref}", background)
                    lines.append(para.text)
                    if para.concealed or para.boxes:
                        later.append(self.extras(para, at, ref))
                elif child.tag == TBL:
                    nested[0] += 1
                    later.append(self.table(child, f"{label}-{nested[0]}", at))
                elif child.tag in WRAPPERS:
                    visit(child)
                elif child.tag == ALTERNATE:
                    branch = choose(child)
                    if branch is not None:
                        visit(branch)

        visit(tc)
        return "\n".join(lines).strip("\n")
