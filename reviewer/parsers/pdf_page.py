"""One PDF page's text as segments: body lines in reading order, covered text, white or invisible text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

import pypdfium2.raw as pdfium_c

from ..document import Location, Segment
from .pdf_geometry import (TINY_TEXT, Box, PageObjects, is_white, handle_key, overlap_share, read_objects,
                           same_colour)

COVERED_SHARE = 0.5      # a character counts as covered when a later box hides half of it or more
OCR_IMAGE_SHARE = 0.6    # a page whose largest image covers this much is a scan (its text an OCR layer)
WRAP_EDGE_SHARE = 0.6    # the right edge of wrapping text lies in the right two fifths of the page
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
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class _Run:
    text: list[str]
    box: list[float]   # left, bottom, right, top (y up)
    gap: bool = False  # pdfium put a space in a gap (columns, table cells): not a line of running text
    tail: list[float] | None = None  # box of the last physical line, once wrapped lines are joined

    def add(self, ch: str, b: Box) -> None:
        self.text.append(ch)
        if b[2] > b[0]:
            self.box[0] = min(self.box[0], b[0]); self.box[1] = min(self.box[1], b[1])
            self.box[2] = max(self.box[2], b[2]); self.box[3] = max(self.box[3], b[3])


def _new_run() -> _Run:
    return _Run([], [float("inf"), float("inf"), float("-inf"), float("-inf")])


def read_page(page, page_no: int) -> PageText:
    """Read page `page_no` (1-based) of an open pypdfium2 page handle."""
    raw = page.raw
    height = pdfium_c.FPDF_GetPageHeightF(raw)
    width = pdfium_c.FPDF_GetPageWidthF(raw)
    objects = read_objects(raw)
    result = PageText(images=bool(objects.images))
    textpage = page.get_textpage()
    try:
        n = pdfium_c.FPDFText_CountChars(textpage.raw)
        if n <= 0:
            return result
        ocr_page = objects.image_area(width, height) >= OCR_IMAGE_SHARE
        if objects.covers_text_drawn_before() or objects.has_suspect_text(ocr_page):
            lines, hidden = _read_chars_checked(textpage.raw, n, objects, ocr_page)
        else:
            lines, hidden = _read_lines_fast(textpage, n), []
    finally:
        textpage.close()
    para = 0
    for run in join_wrapped(lines, width):
        text = "".join(run.text).strip()
        if not text:
            continue
        result.chars += len(text)
        result.segments.append(Segment(text, Location("body", page=page_no, paragraph=para,
                                                      bbox=_bbox(run.box, height))))
        para += 1
    for kind, run in hidden:
        text = "".join(run.text).strip()
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


def _clean(ch: str) -> str:
    return ch.translate(_CLEAN_TABLE)


def _read_lines_fast(textpage, n: int) -> list[_Run]:
    """Nothing on the page hides text: one call for the text, two character boxes per line."""
    tp = textpage.raw
    text = textpage.get_text_range(0, n, errors="replace")
    if len(text) != n:  # pdfium left characters out or in; take the exact per-character route
        return _plain_char_lines(tp, n)
    lines: list[_Run] = []
    for m in _LINE.finditer(text):
        start, end = m.span()
        run = _new_run()
        run.text = [m.group().translate(_CLEAN_TABLE)]
        run.gap = _has_generated_space(tp, m.group(), start)
        run.add("", _loose_box(tp, start))
        run.add("", _loose_box(tp, end - 1))
        lines.append(run)
    return lines


def _has_generated_space(tp, text: str, start: int) -> bool:
    k = text.find(" ")
    while k >= 0:
        if pdfium_c.FPDFText_IsGenerated(tp, start + k) == 1:
            return True
        k = text.find(" ", k + 1)
    return False


def _plain_char_lines(tp, n: int) -> list[_Run]:
    lines, _ = _read_chars_checked(tp, n, None, False)
    return lines


def _read_chars_checked(tp, n: int, objects: PageObjects | None, ocr_page: bool
                        ) -> tuple[list[_Run], list[tuple[str, _Run]]]:
    """Character by character: which characters a later box covers, which are white or invisible."""
    lines: list[_Run] = []
    hidden: list[tuple[str, _Run]] = []
    line = _new_run()
    current_kind: str | None = None
    current: _Run | None = None
    for i in range(n):
        ch = chr(pdfium_c.FPDFText_GetUnicode(tp, i) or 0xFFFE)
        if ch in LINE_BREAKS:
            if line.text:
                lines.append(line)
                line = _new_run()
            current_kind, current = None, None
            continue
        if ch == " " and pdfium_c.FPDFText_IsGenerated(tp, i) == 1:
            line.gap = True
        box = _loose_box(tp, i)
        kind = _classify(tp, i, box, objects, ocr_page) if objects is not None else None
        ch = _clean(ch)
        if kind is None:
            line.add(ch, box)
            continue
        if kind != current_kind or current is None:
            current_kind, current = kind, _new_run()
            hidden.append((kind, current))
        current.add(ch, box)
    if line.text:
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


def join_wrapped(lines: list[_Run], page_width: float) -> list[_Run]:
    """Join the lines of a paragraph that wraps at the right edge, so that a number or a name broken
    by the wrap is one piece of text again (「身份证号：5301021987」+「03150011」).

    A line continues into the next when it reaches the right edge of the page's text (within one
    character; an edge in the right two fifths of the page, so short lines never count), the next starts no further right, sits right below it at the same size, and neither
    is a row of separate cells (pdfium put a space in a gap).
    """
    finite = [run.box[2] for run in lines if run.box[0] != float("inf")]
    if len(finite) < 2:
        return lines
    right = max(finite)
    if right < WRAP_EDGE_SHARE * page_width:
        return lines
    out: list[_Run] = []
    for run in lines:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, run, right):
            sep = " " if _ascii_letter(prev.text, -1) and _ascii_letter(run.text, 0) else ""
            prev.text.extend([sep, *run.text])
            prev.tail = list(run.box)
            for i in range(4):
                prev.box[i] = (min if i < 2 else max)(prev.box[i], run.box[i])
            prev.gap = prev.gap or run.gap
            continue
        out.append(run)
    return out


def _continues(prev: _Run, run: _Run, right: float) -> bool:
    tail = prev.tail or prev.box
    h = tail[3] - tail[1]
    if h <= 0 or run.box[0] == float("inf") or prev.gap or run.gap:
        return False
    run_h = run.box[3] - run.box[1]
    return (tail[2] >= right - h
            and run.box[0] <= tail[0] + 0.5 * h
            and -0.3 * h <= tail[1] - run.box[3] <= 1.0 * h
            and abs(run_h - h) <= 0.25 * h)


def _ascii_letter(parts: list[str], index: int) -> bool:
    """Whether the first (index 0) or last (index -1) visible character of the parts is a Latin letter."""
    for part in (parts if index == 0 else reversed(parts)):
        part = part.strip()
        if part:
            return part[index].isascii() and part[index].isalpha()
    return False
