"""OCR of scanned pages and images with RapidOCR (PP-OCR models shipped in its wheel, offline), as located segments."""
from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generator, Iterable, Iterator

from ..document import Location, ParseContext, Segment
from ..errors import LimitExceededError

log = logging.getLogger(__name__)

RENDER_DPI = 200          # scanned PDF pages are rendered at this resolution before OCR
LOW_CONFIDENCE = 0.8      # below this a line is flagged for a person to check
ROW_OVERLAP = 0.5         # boxes whose vertical extents overlap this much are one line of text
MAX_BOXES = 400           # text boxes recognised per page: a full A4 page has under 100; noise must not take minutes


@dataclass(slots=True)
class OcrLine:
    """One recognised line: text, box in pixels (x0, top, x1, bottom) and confidence 0–1."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float


def enabled() -> bool:
    """OCR is on unless REVIEWER_OCR=0, and the engine is installed and loads."""
    if os.environ.get("REVIEWER_OCR", "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    return _engine() is not None


@functools.lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
        return RapidOCR(det_max_candidates=MAX_BOXES)
    except Exception as exc:   # not installed, or a native library (onnxruntime, libGL for OpenCV) missing
        log.warning("OCR unavailable: %s", exc)
        return None


def recognize(image) -> list[OcrLine]:
    """Lines of text in a PIL image, in reading order (top to bottom, left to right)."""
    import numpy
    engine = _engine()
    if engine is None:
        return []
    result, _elapsed = engine(numpy.asarray(image.convert("RGB")))
    lines = []
    for points, text, score in result or []:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if text.strip():
            lines.append(OcrLine(text.strip(), (min(xs), min(ys), max(xs), max(ys)), float(score)))
    return merge_rows(lines)


def merge_rows(lines: list[OcrLine]) -> list[OcrLine]:
    """Join boxes that sit on one line of the page (a label and its value) into one line, left to right."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda l: (l.box[1] + l.box[3]) / 2):
        top, bottom = line.box[1], line.box[3]
        if rows:
            last = rows[-1]
            r_top, r_bottom = min(l.box[1] for l in last), max(l.box[3] for l in last)
            overlap = min(bottom, r_bottom) - max(top, r_top)
            if overlap >= ROW_OVERLAP * min(bottom - top, r_bottom - r_top):
                last.append(line)
                continue
        rows.append([line])
    out = []
    for row in rows:
        row.sort(key=lambda l: l.box[0])
        chars = sum(len(l.text) for l in row)
        out.append(OcrLine(" ".join(l.text for l in row),
                           (min(l.box[0] for l in row), min(l.box[1] for l in row),
                            max(l.box[2] for l in row), max(l.box[3] for l in row)),
                           sum(l.confidence * len(l.text) for l in row) / max(chars, 1)))
    return out


def segments(lines: Iterable[OcrLine], page: int | None, scale: float = 1.0) -> Iterator[Segment]:
    """Body segments of one page; the box divided by `scale` (pixels per point for a rendered PDF page)."""
    for i, line in enumerate(lines):
        box = tuple(round(v / scale, 1) for v in line.box)
        yield Segment(line.text, Location("body", paragraph=i, page=page, bbox=box,  # type: ignore[arg-type]
                                          confidence=round(line.confidence, 3)))


class Tally:
    """Confidence over all recognised characters of a document, for the note to the reviewer."""

    def __init__(self) -> None:
        self.chars = 0
        self.weighted = 0.0
        self.low = 0

    def add(self, lines: list[OcrLine]) -> list[OcrLine]:
        for line in lines:
            self.chars += len(line.text)
            self.weighted += line.confidence * len(line.text)
            self.low += line.confidence < LOW_CONFIDENCE
        return lines

    def note(self, what: str) -> str:
        mean = self.weighted / self.chars if self.chars else 0.0
        low = f"，其中 {self.low} 行置信度低于 {LOW_CONFIDENCE:.0%}" if self.low else ""
        return f"本文件为{what}，文字经 OCR 识别，置信度 {mean:.1%}{low}，请人工复核"


def check_pixels(width: int, height: int, name: str, ctx: ParseContext) -> None:
    if width * height > ctx.limits.max_image_pixels:
        raise LimitExceededError(
            f"“{name}”的图像为 {width}×{height} 像素，超过 {ctx.limits.max_image_pixels} 像素上限"
            "（REVIEWER_MAX_IMAGE_PIXELS），可能是“解压炸弹”图片。请降低分辨率重新扫描后提交。")


def read_pdf(pdf, path: Path, ctx: ParseContext, pages: Iterable[int]) -> Generator[Segment, None, int]:
    """OCR the given 1-based pages of an opened pypdfium2 document, rendered at RENDER_DPI.

    Returns the number of characters recognised; when none, no note is added and the caller
    keeps treating the pages as unreadable.
    """
    pages = list(pages)
    done, tally = pages[:ctx.limits.max_ocr_pages], Tally()
    scale = RENDER_DPI / 72
    for number in done:
        ctx.check_deadline()
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            page_scale = scale
            if width * height * scale * scale > ctx.limits.max_image_pixels:   # huge page: render smaller
                page_scale = (ctx.limits.max_image_pixels / max(width * height, 1)) ** 0.5
            image = page.render(scale=page_scale).to_pil()
        finally:
            page.close()
        lines = tally.add(recognize(image))
        yield from segments(lines, number, page_scale)
    if not tally.chars:
        return 0
    what = "扫描件" if len(pages) == len(pdf) else "部分扫描页（第" + _page_list(pages) + "页）"
    ctx.notes.append(tally.note(what))
    if len(pages) > len(done):
        ctx.notes.append(f"扫描页超过 OCR 上限 {ctx.limits.max_ocr_pages} 页（REVIEWER_MAX_OCR_PAGES），"
                         f"第{_page_list(pages[len(done):])}页未识别，需人工逐页审查")
    return tally.chars


def _page_list(pages: list[int]) -> str:
    return "、".join(str(p) for p in pages[:50]) + ("等" if len(pages) > 50 else "")
