"""OFD (GB/T 33190 电子公文): page text in reading order, template pages, annotations, attachments and DocInfo."""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..document import Location, ParseContext, Segment
from ..errors import CorruptFileError, LimitExceededError, NoTextLayerError
from . import ocr
from .ofd_images import media_files, page_images, read_scanned
from .ooxml import Package

ROOT = "OFD.xml"
# DocInfo children: the field name reviewers see (author is a finding, the rest is read for markings)
DOCINFO_FIELDS = {"Title": "title", "Author": "author", "Subject": "subject", "Abstract": "description",
                  "Keywords": "keywords", "Creator": "application", "CreatorVersion": "application_version"}
LINE_TOLERANCE = 0.5   # baselines closer than this share of the font size are one line


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _first(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el.iter() if _local(c) == name), None)


def _resolve(pkg: Package, base: str, ref: str) -> str | None:
    """A BaseLoc/FileLoc as a package part name: absolute, relative to `base`'s folder, or to the package root."""
    ref = (ref or "").strip().replace("\\", "/")
    if not ref:
        return None
    candidates = [ref.lstrip("/")] if ref.startswith("/") else [
        posixpath.normpath(posixpath.join(posixpath.dirname(base), ref)), posixpath.normpath(ref)]
    return next((c for c in candidates if not c.startswith("..") and pkg.has(c)), None)


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    with Package(path, ctx.limits) as pkg:
        if not pkg.has(ROOT):
            raise CorruptFileError(f"“{path.name}”不是完整的 OFD 文件（缺少 OFD.xml）。请从原始软件重新导出 OFD 后提交。")
        ofd = pkg.xml(ROOT)
        body = _first(ofd, "DocBody")
        root_ref = _first(body, "DocRoot") if body is not None else None
        doc_part = _resolve(pkg, ROOT, root_ref.text if root_ref is not None else "")
        if doc_part is None:
            raise CorruptFileError(f"“{path.name}”的 OFD 主文档（DocRoot）缺失，文件不完整。请从原始软件重新导出 OFD 后提交。")
        document = pkg.xml(doc_part)
        yield from _pages(pkg, doc_part, document, ctx)
        yield from _annotations(pkg, doc_part, document, ctx)
        yield from _attachments(pkg, doc_part, document)
        info = _first(body, "DocInfo")
        if info is not None:
            yield from _docinfo(info)
        if any(n.lower().endswith(("signatures.xml", "signature.xml")) for n in pkg.names()):
            ctx.notes.append("本文件含电子签章（印章），签章图像中的文字未读取，请人工核对")


def _pages(pkg: Package, doc_part: str, document: etree._Element, ctx: ParseContext) -> Iterator[Segment]:
    pages_el = _first(document, "Pages")
    pages = _children(pages_el, "Page") if pages_el is not None else []
    ctx.pages = len(pages)
    if len(pages) > ctx.limits.max_pages:
        raise LimitExceededError(f"“{pkg.path.name}”共 {len(pages)} 页，超过 {ctx.limits.max_pages} 页上限"
                                 "（REVIEWER_MAX_PAGES）。请拆分后分别提交。")
    templates = {t.get("ID"): t.get("BaseLoc", "") for t in document.iter() if _local(t) == "TemplatePage"}
    read_templates: set[str] = set()
    scanned: list[tuple[int, list]] = []     # pages with images and no text: (page, images)
    had_text = False
    for number, page in enumerate(pages, start=1):
        ctx.check_deadline()
        part = _resolve(pkg, doc_part, page.get("BaseLoc", ""))
        if part is None:
            raise CorruptFileError(f"“{pkg.path.name}”第 {number} 页的内容（{page.get('BaseLoc')}）缺失，文件不完整。"
                                   "请从原始软件重新导出 OFD 后提交。")
        content = pkg.xml(part)
        for tpl in _children(content, "Template"):     # 红头、页眉 drawn by a template page: read once
            tid = tpl.get("TemplateID")
            tpl_part = _resolve(pkg, doc_part, templates.get(tid, ""))
            if tpl_part and tpl_part not in read_templates:
                read_templates.add(tpl_part)
                yield from _lines(pkg.xml(tpl_part), number, "header")
        body = list(_lines(content, number, "body"))
        had_text = had_text or bool(body)
        images = page_images(content) if not body else []
        if images:
            scanned.append((number, images))
        yield from body
    if scanned:
        yield from _scanned(pkg, doc_part, document, ctx, scanned, had_text)


def _scanned(pkg: Package, doc_part: str, document: etree._Element, ctx: ParseContext,
             scanned: list[tuple[int, list]], had_text: bool) -> Iterator[Segment]:
    """Pages that are only pictures (a scanned 电子公文): OCR when available, else say so."""
    found = list(read_scanned(pkg, ctx, scanned, media_files(pkg, doc_part, document))) if ocr.enabled() else []
    yield from found
    if found:
        return
    if not had_text:
        raise NoTextLayerError(
            f"“{pkg.path.name}”的页面只有图片、没有文字（扫描件制成的 OFD），无法自动审查。"
            "请提供原始电子文档，或请管理员开启文字识别（OCR），并人工逐页审查。")
    pages = "、".join(str(n) for n, _ in scanned[:50])
    ctx.notes.append(f"第{pages}页只有图片没有文字（可能是扫描页），需人工审查")


def _lines(content: etree._Element, page: int, part: str) -> Iterator[Segment]:
    """Text objects of one page grouped into lines by baseline, each line read left to right."""
    visible: list[tuple[float, float, float, str, tuple]] = []
    hidden: list[str] = []
    for obj in content.iter():
        if _local(obj) != "TextObject":
            continue
        text, x, y, size, box = _text_object(obj)
        if not text.strip():
            continue
        if obj.get("Visible", "true").lower() == "false":
            hidden.append(text)
        else:
            visible.append((y, x, size, text, box))
    visible.sort(key=lambda t: (t[0], t[1]))
    rows: list[list[tuple]] = []
    for item in visible:
        if rows and abs(item[0] - rows[-1][0][0]) <= LINE_TOLERANCE * max(item[2], 1.0):
            rows[-1].append(item)
        else:
            rows.append([item])
    lines: list[tuple[str, list[float], float, bool]] = []
    for row in rows:
        row.sort(key=lambda t: t[1])
        text, last_end, gap = "", None, False
        for _y, x, size, chunk, box in row:
            if last_end is not None and x - last_end > size:
                text, gap = text + " ", True
            text += chunk
            last_end = box[2]
        bbox = [min(r[4][0] for r in row), min(r[4][1] for r in row),
                max(r[4][2] for r in row), max(r[4][3] for r in row)]
        lines.append((text, bbox, max(r[2] for r in row), gap))
    for i, (text, bbox, _size, _gap) in enumerate(join_wrapped(lines)):
        yield Segment(text, Location(part, paragraph=i, page=page, bbox=tuple(bbox)))
    for j, text in enumerate(hidden):
        yield Segment(text, Location("hidden_text", paragraph=j, page=page), concealed="hidden_text",
                      group=f"ofd-hidden-{page}")


def join_wrapped(lines: list[tuple[str, list[float], float, bool]]) -> list[tuple[str, list[float], float, bool]]:
    """Join the lines of a paragraph that wraps at the right edge, so that a number, a name or an address
    broken by the wrap is one piece of text again (as the PDF parser does)."""
    if len(lines) < 2:
        return lines
    right = max(line[1][2] for line in lines)
    out: list[tuple[str, list[float], float, bool]] = []
    tail: list[float] | None = None
    for text, box, size, gap in lines:
        if out and tail is not None and not gap and not out[-1][3]:
            prev_text, prev_box, prev_size, _ = out[-1]
            h = tail[3] - tail[1]
            if (tail[2] >= right - size and box[0] <= tail[0] + 0.5 * size and abs(size - prev_size) <= 0.25 * size
                    and -0.3 * h <= box[1] - tail[3] <= 1.0 * h):
                merged = [min(prev_box[0], box[0]), min(prev_box[1], box[1]), max(prev_box[2], box[2]),
                          max(prev_box[3], box[3])]
                out[-1] = (prev_text + text, merged, prev_size, False)
                tail = box
                continue
        out.append((text, box, size, gap))
        tail = box
    return out


def _numbers(raw: str | None, count: int) -> list[float]:
    try:
        values = [float(v) for v in (raw or "").split()]
    except ValueError:
        values = []
    return (values + [0.0] * count)[:count]


def _text_object(obj: etree._Element) -> tuple[str, float, float, float, tuple]:
    bx, by, bw, bh = _numbers(obj.get("Boundary"), 4)
    size = _numbers(obj.get("Size"), 1)[0] or bh or 1.0
    codes = [c for c in obj if _local(c) == "TextCode"]
    text = "".join(c.text or "" for c in codes)
    x0 = bx + (_numbers(codes[0].get("X"), 1)[0] if codes else 0.0)
    y0 = by + (_numbers(codes[0].get("Y"), 1)[0] if codes else 0.0)
    return text, x0, y0, size, (bx, by, bx + bw, by + bh)


def _annotations(pkg: Package, doc_part: str, document: etree._Element, ctx: ParseContext) -> Iterator[Segment]:
    ref = _first(document, "Annotations")
    index_part = _resolve(pkg, doc_part, ref.text if ref is not None else "")
    if index_part is None:
        return
    page_numbers = {p.get("ID"): n for n, p in enumerate(
        (p for p in document.iter() if _local(p) == "Page" and p.get("BaseLoc")), start=1)}
    for entry in pkg.xml(index_part).iter():
        if _local(entry) != "Page":
            continue
        ctx.check_deadline()
        loc = _first(entry, "FileLoc")
        part = _resolve(pkg, index_part, loc.text if loc is not None else "")
        if part is None:
            continue
        page = page_numbers.get(entry.get("PageID"))
        for annot in pkg.xml(part).iter():
            if _local(annot) != "Annot":
                continue
            remark = _first(annot, "Remark")
            texts = [remark.text] if remark is not None and remark.text else []
            texts += ["".join(c.text or "" for c in t.iter() if _local(c) == "TextCode")
                      for t in annot.iter() if _local(t) == "TextObject"]
            text = " ".join(t.strip() for t in texts if t and t.strip())
            if text:
                yield Segment(text, Location("annotation", page=page, author=annot.get("Creator")),
                              concealed="annotation", group=f"ofd-annot-{part}-{annot.get('ID')}")


def _attachments(pkg: Package, doc_part: str, document: etree._Element) -> Iterator[Segment]:
    ref = _first(document, "Attachments")
    part = _resolve(pkg, doc_part, ref.text if ref is not None else "")
    if part is None:
        return
    for att in pkg.xml(part).iter():
        if _local(att) == "Attachment":
            name = att.get("Name") or att.get("ID") or "附件"
            yield Segment(f"附件：{name}", Location("metadata", field="attachment"), concealed="embedded_file",
                          group=f"ofd-attach-{att.get('ID')}")


def _docinfo(info: etree._Element) -> Iterator[Segment]:
    for child in info:
        name = _local(child)
        if name in DOCINFO_FIELDS and child.text and child.text.strip():
            yield Segment(child.text.strip(), Location("metadata", field=DOCINFO_FIELDS[name]))
        elif name == "CustomDatas":
            for data in child:
                if data.text and data.text.strip():
                    field = "custom:" + (data.get("Name") or "")
                    yield Segment(data.text.strip(), Location("metadata", field=field))
