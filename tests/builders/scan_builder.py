"""Builds scanned documents for OCR tests: text drawn on small pages, rasterised into image-only PDFs and images."""
from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
SMALL_PAGE = (440, 170)     # points: a strip of a page keeps OCR in tests to a second or two


def text_pages(path: Path, pages: list[list[str]], size: tuple[float, float] = SMALL_PAGE,
               font_size: float = 14) -> Path:
    """A PDF with a text layer: each page's lines from the top-left corner."""
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    for lines in pages:
        y = size[1] - 30
        c.setFont(FONT, font_size)
        for line in lines:
            c.drawString(20, y, line)
            y -= font_size * 2
        c.showPage()
    c.save()
    return Path(path)


def rasterise(pdf_path: Path, out: Path, dpi: int = 200) -> Path:
    """What a scanner produces: every page replaced by a picture of it, no text layer left."""
    images = page_images(pdf_path, dpi)
    fixed = time.gmtime(1716197400)   # 2024-05-20 09:30 UTC: the same bytes on every build
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:],
                   creationDate=fixed, modDate=fixed)
    return Path(out)


def page_images(pdf_path: Path, dpi: int = 200) -> list:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    text = text_pages(path.with_suffix(".text.pdf"), pages)
    return rasterise(text, path)


def image(path: Path, lines: list[str], fmt: str | None = None) -> Path:
    """One page of text as an image file (.png/.jpg/.tif by suffix)."""
    pdf = text_pages(path.with_suffix(".src.pdf"), [lines])
    page_images(pdf)[0].save(path, fmt)
    return Path(path)


def huge_png(path: Path, width: int = 40000, height: int = 40000) -> Path:
    """A tiny PNG file that declares an enormous canvas (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    return Path(path)
