"""Images (.png/.jpg/.tif, a scanned page or a photographed document): text by OCR, the EXIF author as metadata."""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterator

from ..document import Location, ParseContext, Segment
from ..errors import CorruptFileError, LimitExceededError, NoTextLayerError
from . import ocr

EXIF_PEOPLE = {0x013B: "author", 0x8298: "copyright", 0x9C9D: "author"}   # Artist, Copyright, XPAuthor


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    from PIL import Image
    if not ocr.enabled():
        raise NoTextLayerError(
            f"“{path.name}”是图片，本机未启用文字识别（OCR），无法自动审查。请提供原始电子文档，"
            "或请管理员安装 OCR 组件（rapidocr-onnxruntime）并开启 REVIEWER_OCR，同时人工审查该图片。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            ocr.check_pixels(image.width, image.height, path.name, ctx)
            frames = getattr(image, "n_frames", 1)
            tally = ocr.Tally()
            for frame in range(min(frames, ctx.limits.max_ocr_pages)):
                ctx.check_deadline()
                image.seek(frame)
                image.load()
                page = frame + 1 if frames > 1 else None
                yield from ocr.segments(tally.add(ocr.recognize(image)), page)
            yield from _exif(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LimitExceededError(
            f"“{path.name}”的像素数异常巨大（{exc}），疑似“解压炸弹”图片，已拒绝处理。请降低分辨率重新扫描后提交。") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:   # Pillow's ways of saying "damaged"
        raise CorruptFileError(
            f"“{path.name}”图片已损坏或不完整，无法读取（{exc}）。请重新扫描或重新导出图片后提交。") from exc
    ctx.pages = frames
    ctx.notes.append(tally.note("图片"))
    if frames > ctx.limits.max_ocr_pages:
        ctx.notes.append(f"图片共 {frames} 页，超过 OCR 上限 {ctx.limits.max_ocr_pages} 页（REVIEWER_MAX_OCR_PAGES），"
                         "其余页未识别，需人工审查")


def _exif(image) -> Iterator[Segment]:
    try:
        exif = image.getexif()
    except Exception:
        return
    for tag, field in EXIF_PEOPLE.items():
        value = exif.get(tag)
        if isinstance(value, bytes):
            value = value.decode("utf-16-le" if tag == 0x9C9D else "utf-8", "replace").rstrip("\x00")
        if isinstance(value, str) and value.strip():
            yield Segment(value.strip(), Location("metadata", field=field))
