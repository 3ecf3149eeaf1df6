"""Scanned OFD pages (only images, no text objects): the page images found through the resources and read by OCR."""
from __future__ import annotations

import io
import posixpath
import warnings
from typing import Iterator

from lxml import etree

from ..document import ParseContext, Segment
from ..errors import LimitExceededError
from . import ocr
from .ooxml import Package


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def media_files(pkg: Package, doc_part: str, document: etree._Element) -> dict[str, str]:
    """Image resource ID → package part, from the document's PublicRes and DocumentRes."""
    out: dict[str, str] = {}
    folder = posixpath.dirname(doc_part)
    for ref in (el for el in document.iter() if _local(el) in ("PublicRes", "DocumentRes")):
        res_part = posixpath.normpath(posixpath.join(folder, (ref.text or "").strip().lstrip("/")))
        if not pkg.has(res_part):
            continue
        res = pkg.xml(res_part)
        base = posixpath.join(posixpath.dirname(res_part), res.get("BaseLoc", ""))
        for media in (el for el in res.iter() if _local(el) == "MultiMedia"):
            loc = next((c.text for c in media if _local(c) == "MediaFile"), None)
            if loc:
                candidates = [posixpath.normpath(posixpath.join(base, loc.strip())),
                              posixpath.normpath(posixpath.join(folder, loc.strip())), loc.strip().lstrip("/")]
                part = next((c for c in candidates if pkg.has(c)), None)
                if part:
                    out[media.get("ID", "")] = part
    return out


def page_images(content: etree._Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(resource ID, boundary x, y, w, h in mm) of every image drawn on a page."""
    out = []
    for img in (el for el in content.iter() if _local(el) == "ImageObject"):
        try:
            x, y, w, h = (float(v) for v in (img.get("Boundary") or "").split()[:4])
        except ValueError:
            continue
        out.append((img.get("ResourceID", ""), (x, y, w, h)))
    return out


def read_scanned(pkg: Package, ctx: ParseContext, pages: list[tuple[int, list]], media: dict[str, str]
                 ) -> Iterator[Segment]:
    """OCR the images of pages that have no text, boxes in the page's millimetres; a note with the confidence."""
    from PIL import Image
    tally = ocr.Tally()
    done = pages[:ctx.limits.max_ocr_pages]
    for number, images in done:
        lines = []
        for res_id, (x, y, w, h) in images:
            ctx.check_deadline()
            part = media.get(res_id)
            if part is None:
                continue
            with pkg.open(part) as fh:
                data = fh.read(ctx.limits.max_file_bytes + 1)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                    picture = Image.open(io.BytesIO(data))
                    ocr.check_pixels(picture.width, picture.height, f"{pkg.path.name}:{part}", ctx)
                    picture.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                raise LimitExceededError(f"“{pkg.path.name}”中的图片 {part} 像素数异常巨大，已拒绝处理（{exc}）。") from exc
            except (OSError, SyntaxError, ValueError):
                ctx.notes.append(f"第{number}页的图片 {part} 无法读取，需人工审查")
                continue
            sx, sy = w / max(picture.width, 1), h / max(picture.height, 1)
            for line in ocr.recognize(picture):
                b = line.box
                lines.append(ocr.OcrLine(line.text, (x + b[0] * sx, y + b[1] * sy, x + b[2] * sx, y + b[3] * sy),
                                         line.confidence))
        yield from ocr.segments(tally.add(lines), number)
    if tally.chars:
        ctx.notes.append(tally.note("扫描件（版式文件中的页面图片）"))
    if len(pages) > len(done):
        rest = "、".join(str(n) for n, _ in pages[len(done):][:50])
        ctx.notes.append(f"扫描页超过 OCR 上限 {ctx.limits.max_ocr_pages} 页（REVIEWER_MAX_OCR_PAGES），"
                         f"第{rest}页未识别，需人工逐页审查")
