"""A small line markup for writing text PDFs with reportlab, including covered, white and annotated text.

Markup is docxkit's (# title, ## centred, > right, < flush left, | table |, body with indent), plus inline:
  {{cover:文字}}            drawn, then a black filled rectangle is drawn over it (covered_text)
  {{white:文字}}            drawn in white on the white page (white_text)
  {{note:锚文字|批注内容}}    drawn normally, with a PDF text annotation holding the note (annotation)
Chinese text uses reportlab's built-in CID font STSong-Light (not embedded; pdfplumber reads it back as Unicode).
STSong-Light has no glyph for U+00B7 (the · in 云A·12345): write U+30FB 「・」, which extracts as U+00B7.
"""
import re
from pathlib import Path

import os

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

os.environ["SOURCE_DATE_EPOCH"] = "1716197400"  # 2024-05-20 09:30 UTC: fixed dates in the PDF metadata
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
INLINE = re.compile(r"\{\{(cover|white|note):(.*?)\}\}")
NO_LINE_START = set("，。、；：？！）》」』”’%")
WORD = re.compile(r"[A-Za-z0-9*@._\-+#/:]+|.", re.S)


class PdfDoc:
    def __init__(self, path: Path, *, author: str = "", title: str = "", wide: bool = False,
                 body_size: float = 12, creator: str = ""):
        self.size = landscape(A4) if wide else A4
        self.c = canvas.Canvas(str(path), pagesize=self.size, invariant=1, pageCompression=0)
        self.c.setAuthor(author)
        self.c.setTitle(title)
        self.c.setSubject("")
        self.c.setCreator(creator)
        self.c.setProducer("")
        self.w, self.h = self.size
        self.left, self.right, self.top, self.bottom = 72, self.w - 72, self.h - 72, 64
        self.body = body_size
        self.page = 1
        self.y = self.top
        self._new_page_setup()

    # -- page handling -------------------------------------------------------
    def _new_page_setup(self):
        self.c.setFont(FONT, 9)
        self.c.setFillColorRGB(0, 0, 0)
        self.c.drawCentredString(self.w / 2, 36, f"— {self.page} —")

    def need(self, height: float):
        if self.y - height < self.bottom:
            self.c.showPage()
            self.page += 1
            self.y = self.top
            self._new_page_setup()

    # -- text ------------------------------------------------------------------
    @staticmethod
    def tokens(text: str):
        """Split marked-up text into (style, payload, piece) tokens; words of ASCII are not broken."""
        out, pos = [], 0
        for m in list(INLINE.finditer(text)) + [None]:
            chunk = text[pos:m.start() if m else len(text)]
            out += [("plain", None, w) for w in WORD.findall(chunk)]
            if m is None:
                break
            kind, body = m.groups()
            note = None
            if kind == "note":
                body, note = body.split("|", 1)
            out += [(kind, note, w) for w in WORD.findall(body)]
            pos = m.end()
        return out

    def paragraph(self, text: str, *, size: float | None = None, align: str = "left", indent: float = 0,
                  leading: float | None = None, x0: float | None = None, x1: float | None = None):
        size = size or self.body
        leading = leading or size * 1.7
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        toks = self.tokens(text)
        lines, line, width, avail = [], [], 0.0, x1 - x0 - indent
        for tok in toks:
            tw = pdfmetrics.stringWidth(tok[2], FONT, size)
            if line and width + tw > avail and tok[2] not in NO_LINE_START:
                lines.append((line, width))
                line, width, avail = [], 0.0, x1 - x0
            line.append(tok)
            width += tw
        if line:
            lines.append((line, width))
        for i, (line, width) in enumerate(lines):
            self.need(leading)
            self.y -= leading
            if align == "center":
                x = (x0 + x1 - width) / 2
            elif align == "right":
                x = x1 - width
            else:
                x = x0 + (indent if i == 0 else 0)
            self.draw_line(line, x, self.y, size)

    def draw_line(self, line, x, y, size):
        c = self.c
        groups = []
        for style, note, piece in line:
            if groups and groups[-1][0] == style and groups[-1][1] == note:
                groups[-1][2] += piece
            else:
                groups.append([style, note, piece])
        for style, note, piece in groups:
            w = pdfmetrics.stringWidth(piece, FONT, size)
            c.setFont(FONT, size)
            c.setFillColorRGB(1, 1, 1) if style == "white" else c.setFillColorRGB(0, 0, 0)
            c.drawString(x, y, piece)
            c.setFillColorRGB(0, 0, 0)
            if style == "cover":
                c.rect(x - 1, y - size * 0.25, w + 2, size * 1.15, stroke=0, fill=1)
            elif style == "note":
                c.textAnnotation(note, Rect=(x, y - 2, x + w, y + size), relative=0, addtopage=1)
            x += w

    # -- tables ------------------------------------------------------------------
    def table(self, rows, size: float = 9):
        ncol = max(len(r) for r in rows)
        rows = [r + [""] * (ncol - len(r)) for r in rows]
        avail = self.right - self.left
        while True:
            widths = [max(pdfmetrics.stringWidth(INLINE.sub(lambda m: m.group(2).split("|")[0], r[j]), FONT, size)
                          for r in rows) + 8 for j in range(ncol)]
            if sum(widths) <= avail or size <= 6:
                break
            size -= 0.5
        scale = avail / sum(widths)
        widths = [w * scale for w in widths]
        row_h = size * 2
        header = rows[0]
        for i, row in enumerate(rows):
            if self.y - row_h < self.bottom:
                self.need(row_h * 2)
                if i > 0:
                    self._row(header, widths, row_h, size)
            self._row(row, widths, row_h, size)
        self.y -= 6

    def _row(self, row, widths, row_h, size):
        c = self.c
        x = self.left
        top = self.y
        for cell, w in zip(row, widths):
            c.setStrokeColorRGB(0, 0, 0)
            c.setLineWidth(0.5)
            c.rect(x, top - row_h, w, row_h, stroke=1, fill=0)
            self.draw_line(self.tokens(cell), x + 4, top - row_h + size * 0.7, size)
            x += w
        self.y = top - row_h

    # -- markup ------------------------------------------------------------------
    def markup(self, text: str):
        rows = []
        for raw in text.strip("\n").splitlines() + [""]:
            line = raw.rstrip()
            if line.startswith("|"):
                rows.append([c.strip() for c in line.strip("|").split("|")])
                continue
            if rows:
                self.y -= 4
                self.table(rows)
                rows = []
            if not line.strip():
                continue
            if line.startswith("## "):
                self.paragraph(line[3:], align="center")
            elif line.startswith("# "):
                self.paragraph(line[2:], size=self.body + 6, align="center", leading=(self.body + 6) * 1.6)
            elif line.startswith(">> "):  # top-right marking (old layout)
                self.paragraph(line[3:], align="right", size=self.body + 2)
            elif line.startswith("> "):
                self.paragraph(line[2:], align="right")
            elif line.startswith("< "):
                self.paragraph(line[2:])
            else:
                self.paragraph(line.strip("\u3000 "), indent=self.body * 2)

    def save(self):
        self.c.save()


def make_pdf(path: Path, markup: str, **kw) -> None:
    doc = PdfDoc(path, **kw)
    doc.markup(markup)
    doc.save()
