"""One PDF page's text as segments: body lines in reading order, covered text, white or invisible text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

from ..document import Location, Segment
from .pdf_geometry import (TINY_TEXT, Box, PageObjects, handle_key, is_white, overlap_share,
                           read_objects, same_colour)
from .pdf_fallback import MinerPages, lines_from_chars
from .pdf_lines import (CELL_GAP, PAGE_NUMBER, Chunk, Line, PageEnd, join_lines, open_head, open_tail,
                        right_edge)

COVERED_SHARE = 0.5      # a character counts as covered when a later box hides half of it or more
OCR_IMAGE_SHARE = 0.6    # a page whose largest image covers this much is a scan (its text an OCR layer)
LINE_BREAKS = "\r\n"
_LINE = re.compile(r"[^\r\n]+")
# control characters and pdfium's markers (U+FFFE soft hyphen) go; a tab becomes a space; the katakana
# middle dot fonts without 「·」 are made to print (云A・12345, 卡尔・马克思) reads as the Chinese one
_CLEAN_TABLE = {**{c: None for c in range(32)}, 9: " ", 0xFFFE: None, 0xFFFF: None, 0x30FB: "\u00b7"}


@dataclass
class PageText:
    """What a page yielded, for the document-level checks (scanned pages, empty documents)."""

    chars: int = 0
    images: bool = False
    ocr_layer: bool = False   # a scanned page whose text is an OCR layer under the picture
    segments: list[Segment] = field(default_factory=list)
    # the paragraphs that may cross a page break (PageEnd.index into `segments`): the last may go
    # on at the top of the next page, the first may go on from the previous page
    tail: PageEnd | None = None
    head: PageEnd | None = None
    table_only: bool = False   # every line of the page is a table row (or a page number)


def read_page(page, page_no: int, fallback: MinerPages | None = None) -> PageText:
    """Read page `page_no` (1-based) of an open pypdfium2 page handle. `fallback` reads the body text
    of a page where pdfium left text objects out for want of a font (pdf_fallback.py)."""
    raw = page.raw
    height = pdfium_c.FPDF_GetPageHeightF(raw)
    width = pdfium_c.FPDF_GetPageWidthF(raw)
    objects = read_objects(raw)
    result = PageText(images=bool(objects.images))
    textpage = page.get_textpage()
    try:
        n = pdfium_c.FPDFText_CountChars(textpage.raw)
        chars = fallback.chars(page_no) if objects.lost_text and fallback is not None else None
        if n <= 0 and not chars:
            return result
        ocr_page = objects.image_area(width, height) >= OCR_IMAGE_SHARE
        result.ocr_layer = ocr_page and any(t.invisible for t in objects.texts.values())
        if chars is not None:
            # pdfium's characters still tell what is concealed; the body is pdfminer's, less those
            _, hidden = _read_chars_checked(textpage.raw, max(n, 0), objects, ocr_page)
            lines = lines_from_chars(chars, [run.box for _, run in hidden], _CLEAN_TABLE)
        elif objects.covers_text_drawn_before() or objects.has_suspect_text(ocr_page):
            lines, hidden = _read_chars_checked(textpage.raw, n, objects, ocr_page)
        else:
            lines, hidden = _read_lines_fast(textpage, n), []
    finally:
        textpage.close()
    para = 0
    joined = [line for line in join_lines(lines, width) if line.text()]
    tail, head = open_tail(joined, right_edge(joined, width)), open_head(joined)
    result.tail, result.head = tail, head
    result.table_only = bool(joined) and all(len(line.chunks) > 1 or PAGE_NUMBER.fullmatch(line.text())
                                             for line in joined)
    for line in joined:
        text = line.text()
        result.chars += len(text)
        result.segments.append(Segment(text, Location("body", page=page_no, paragraph=para,
                                                      bbox=_bbox(line.box, height))))
        para += 1
    for kind, run in hidden:
        text = run.text()
        if not text:
            continue
        result.chars += len(text)
        part = "covered_text" if kind == "covered_text" else "hidden_text"
        group = {"covered_text": "covered:", "white_text": "white:"}.get(kind, "hidden:") + str(page_no)
        result.segments.append(Segment(text, Location(part, page=page_no, bbox=_bbox(run.box, height)),
                                       concealed=kind, group=group))
    return result


def _bbox(box: list[float], height: float) -> tuple[float, float, float, float] | None:
    if box[0] == float("inf"):
        return None
    return (box[0], height - box[3], box[2], height - box[1])


_rect = pdfium_c.FS_RECTF()


def _loose_box(tp, i: int) -> Box:
    if not pdfium_c.FPDFText_GetLooseCharBox(tp, i, _rect):
        return (0.0, 0.0, 0.0, 0.0)
    return (_rect.left, min(_rect.bottom, _rect.top), _rect.right, max(_rect.bottom, _rect.top))


def _read_lines_fast(textpage, n: int) -> list[Line]:
    """Nothing on the page hides text: one call for the text, two character boxes per piece of a line."""
    tp = textpage.raw
    text = textpage.get_text_range(0, n, errors="replace")
    if len(text) != n:  # pdfium left characters out or in; take the exact per-character route
        return _read_chars_checked(tp, n, None, False)[0]
    lines: list[Line] = []
    for m in _LINE.finditer(text):
        start = m.start()
        line_text = m.group()
        line = Line()
        begin = 0
        for cut in [*_cell_gaps(tp, line_text, start), len(line_text)]:
            if cut > begin:
                chunk = line.new_chunk()
                chunk.add(line_text[begin:cut].translate(_CLEAN_TABLE), _loose_box(tp, start + begin))
                chunk.add("", _loose_box(tp, start + cut - 1))
            begin = cut + 1
        lines.append(line)
    return lines


def _cell_gaps(tp, text: str, start: int) -> list[int]:
    """Positions of the spaces pdfium put into gaps wide enough to separate cells or columns."""
    cuts = []
    k = text.find(" ", 1)
    while 0 < k < len(text) - 1:
        if pdfium_c.FPDFText_IsGenerated(tp, start + k) == 1:
            left, right = _loose_box(tp, start + k - 1), _loose_box(tp, start + k + 1)
            h = left[3] - left[1]
            if h > 0 and right[0] - left[2] > CELL_GAP * h:
                cuts.append(k)
        k = text.find(" ", k + 1)
    return cuts


def _read_chars_checked(tp, n: int, objects: PageObjects | None, ocr_page: bool
                        ) -> tuple[list[Line], list[tuple[str, Chunk]]]:
    """Character by character: which characters a later box covers, which are white or invisible."""
    lines: list[Line] = []
    hidden: list[tuple[str, Chunk]] = []
    line, chunk = Line(), None
    last: Box | None = None             # the previous character on the line, visible or not
    gap_from: Box | None = None         # where the gap pdfium marked with a space began
    current_kind: str | None = None
    current: Chunk | None = None
    for i in range(n):
        ch = chr(pdfium_c.FPDFText_GetUnicode(tp, i) or 0xFFFE)
        if ch in LINE_BREAKS:
            if line.chunks:
                lines.append(line)
                line = Line()
            chunk, last, gap_from, current_kind, current = None, None, None, None, None
            continue
        if ch == " " and pdfium_c.FPDFText_IsGenerated(tp, i) == 1:
            gap_from = last              # pdfium saw a gap here: a cell boundary if it is wide
            continue
        box = _loose_box(tp, i)
        kind = _classify(tp, i, box, objects, ocr_page) if objects is not None else None
        ch = ch.translate(_CLEAN_TABLE)
        if box[2] > box[0]:
            h = box[3] - box[1]
            if gap_from is not None and h > 0 and box[0] - gap_from[2] > CELL_GAP * h:
                chunk = None             # a cell or column gap
            elif gap_from is not None and chunk is not None and kind is None:
                chunk.add(" ", gap_from)  # a narrow gap stays a space, as in the fast path
            gap_from = None
            last = box
        if kind is None:
            if chunk is None:
                chunk = line.new_chunk()
            chunk.add(ch, box)
            continue
        if kind != current_kind or current is None:
            current_kind, current = kind, Chunk()
            hidden.append((kind, current))
        current.add(ch, box)
    if line.chunks:
        lines.append(line)
    return lines, hidden


def _classify(tp, i: int, box: Box, objects: PageObjects, ocr_page: bool) -> str | None:
    """None for visible text, else the concealment kind of character `i`."""
    handle = pdfium_c.FPDFText_GetTextObject(tp, i)
    obj = objects.texts.get(handle_key(handle)) if handle else None
    if obj is None:  # generated characters (spaces pdfium inserts) follow their neighbours
        return None
    if obj.invisible:
        return None if ocr_page else "white_text"
    if objects.off_page((box[0] + box[2]) / 2, (box[1] + box[3]) / 2):
        return "hidden_text"
    if 0 < box[3] - box[1] < TINY_TEXT:
        return "hidden_text"
    for c_index, c_box in objects.covers:
        if c_index > obj.index and overlap_share(box, c_box) >= COVERED_SHARE:
            return "covered_text"
    paint = obj.paint
    if paint is None:
        return None
    back = objects.backdrop((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, obj.index)
    if back is None or not same_colour(paint, back):  # on a picture, or readable against its backdrop
        return None
    # white on the white page is white text; black on a black highlight is a failed redaction
    return "white_text" if is_white(back) else "covered_text"
