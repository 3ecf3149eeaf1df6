"""Narrowing the black box of a value read by OCR from a page image: the text region holding it, not the whole line."""
from __future__ import annotations

import logging

from .match import index_map

log = logging.getLogger(__name__)
PAD = 8            # pixels around the finding's box when cropping it for OCR
MARGIN_CHARS = 2   # full-width characters added either side of the estimate: OCR boxes are loose


def _engine():
    """The parser's RapidOCR engine, or None when OCR is off or not installed."""
    from ..parsers import ocr
    if not ocr.enabled():
        return None
    return getattr(ocr, "_engine", lambda: None)()


def _width(ch: str) -> int:
    return 2 if ord(ch) >= 0x2E80 else 1       # CJK and full-width forms are twice a digit's width


def narrow(image, rect: tuple[int, int, int, int], needle: str) -> list[tuple[float, float, float, float]]:
    """Pixel boxes covering `needle` inside `rect` of `image`; `[rect]` when OCR cannot place it."""
    engine = _engine()
    if engine is None:
        return [rect]
    x0, y0, x1, y1 = rect
    cx, cy = max(0, x0 - PAD), max(0, y0 - PAD)
    crop = image.crop((cx, cy, min(image.width, x1 + PAD), min(image.height, y1 + PAD)))
    try:
        import numpy
        result, _elapsed = engine(numpy.asarray(crop.convert("RGB")))
    except Exception:       # OCR trouble must never shrink a box: the whole line goes then
        log.warning("OCR of a finding's box failed; covering the whole box", exc_info=True)
        return [rect]
    out = []
    for points, text, _score in result or []:
        flat, where = index_map(text)
        at = flat.find(needle)
        if at < 0:
            continue
        xs, ys = [p[0] + cx for p in points], [p[1] + cy for p in points]
        bx0, bx1 = min(xs), max(xs)
        widths = [_width(c) for c in text]
        total = sum(widths) or 1
        start, end = where[at], where[at + len(needle) - 1] + 1
        left = max(0.0, (sum(widths[:start]) - 2 * MARGIN_CHARS) / total)
        right = min(1.0, (sum(widths[:end]) + 2 * MARGIN_CHARS) / total)
        out.append((bx0 + (bx1 - bx0) * left, min(ys) - 2, bx0 + (bx1 - bx0) * right, max(ys) + 2))
    return out or [rect]
