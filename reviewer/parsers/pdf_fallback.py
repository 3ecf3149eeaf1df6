"""Text pdfium loses when it cannot load a font's glyphs, read again with pdfminer.

pdfium works out a text object's bounds from its glyphs' boxes. A font that is not embedded in the
PDF (reportlab's STSong-Light, many 公文 made with old tools) is drawn with a font of the system;
on a server without a CJK font (a fresh Debian) no font has the Chinese glyphs, so every glyph box
is empty. A text object of one character then has bounds of width zero, and pdfium's text page
skips such objects entirely (CPDF_TextPage::ProcessTextObject): a lone 「秘」 or 「男」 table cell
disappears, and a PDF drawn one character at a time keeps only its digits (pdfium's built-in Latin
fonts have those). Longer objects survive, their bounds spanning the characters' origins.

pdfminer maps character codes to Unicode from the PDF alone (ToUnicode, the Adobe CMaps it ships),
with no font files, so pages with such objects take their body text from it. Since pdf_fonts answers
non-embedded CJK-charset fonts with a stand-in while text is read, this is reached only for other
non-embedded fonts that the server has no glyphs for.
"""
from __future__ import annotations

from pathlib import Path

from .pdf_lines import CELL_GAP, Chunk, Line

SAME_LINE = 0.5   # line heights within which two characters share a baseline
SPACE_GAP = 0.25  # line heights of gap read as a space between two Latin characters


class MinerPages:
    """pdfminer's view of one PDF, opened on first use and walked forward page by page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh = None
        self._pages = None
        self._next = 1
        self._failed = False

    def chars(self, page_no: int) -> list[tuple[str, tuple[float, float, float, float]]] | None:
        """(character, box) in drawing order for page `page_no` (1-based), None when pdfminer cannot read it."""
        if self._failed:
            return None
        try:
            from pdfminer.layout import LTChar, LTContainer
            if self._pages is None or page_no < self._next:
                self._open()
            page = None
            while self._next <= page_no:
                page = next(self._pages)
                self._next += 1
            self._interpreter.process_page(page)
            layout = self._device.get_result()
        except Exception:  # noqa: BLE001 - a fallback: pdfium's text stands when pdfminer fails
            self._failed = True
            self.close()
            return None
        out = []

        def walk(items) -> None:
            for item in items:
                if isinstance(item, LTChar):
                    out.append((item.get_text(), (item.x0, item.y0, item.x1, item.y1)))
                elif isinstance(item, LTContainer):
                    walk(item)
        walk(layout)
        return out

    def _open(self) -> None:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
        self.close()
        self._fh = open(self.path, "rb")
        document = PDFDocument(PDFParser(self._fh))
        resources = PDFResourceManager(caching=True)
        self._device = PDFPageAggregator(resources, laparams=None)
        self._interpreter = PDFPageInterpreter(resources, self._device)
        self._pages = iter(PDFPage.create_pages(document))
        self._next = 1

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._pages = None


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def lines_from_chars(chars, skip: list[list[float]], clean: dict) -> list[Line]:
    """Characters in drawing order as lines, split into chunks at cell gaps, as pdfium's would be;
    characters whose centre lies in a box of `skip` (text pdfium found concealed) are left out."""
    lines: list[Line] = []
    line: Line | None = None
    chunk: Chunk | None = None
    prev = None
    prev_ch = ""
    for ch, box in chars:
        ch = ch.translate(clean)
        if not ch.strip() or box[2] <= box[0]:
            continue
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if any(s[0] <= cx <= s[2] and s[1] <= cy <= s[3] for s in skip):
            continue
        h = box[3] - box[1]
        if (line is None or prev is None or abs(box[1] - prev[1]) > SAME_LINE * h
                or box[0] < prev[2] - SAME_LINE * h):
            line = Line()
            lines.append(line)
            chunk = line.new_chunk()
        else:
            gap = box[0] - prev[2]
            if gap > CELL_GAP * h:
                chunk = line.new_chunk()
            elif gap > SPACE_GAP * h and _latin(prev_ch) and _latin(ch):
                chunk.add(" ", prev)
        chunk.add(ch, box)
        prev, prev_ch = box, ch
    return lines
