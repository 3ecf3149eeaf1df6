"""Release copy of a PDF: pages holding a value or concealed text become images with the values blacked out; the rest keep their text; notes, attachments, scripts and properties go."""
from __future__ import annotations

import ctypes
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import ImageChops, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

from ..findings import CONCEALED_LABELS
from . import RedactionTarget, Redaction
from .pdf_ocr_box import narrow
from .match import MIN_NEEDLE, Needles, normalise

DPI = 200                 # legible 五号 Chinese; an A4 page is about 1654 × 2339 pixels
PAD = 1.0                 # points added around each character box before blacking it out
# page-level entries that carry content a reader does not see, or run things
PAGE_KEYS_DROPPED = ("/Annots", "/AA", "/Metadata", "/PieceInfo", "/Thumb", "/B")
# what the parser may report on a page that only an image of the page removes
PAGE_CONCEALED = {"covered_text", "white_text", "hidden_text"}
REASONS = {**CONCEALED_LABELS, "hidden_layer": "隐藏图层",
           "block": "图像中的内容（按 OCR 定位涂黑，定位不到时涂黑整行）"}
INFO_LABELS = {"/Author": "作者", "/Creator": "创建软件", "/Producer": "生成软件", "/Title": "标题",
               "/Subject": "主题", "/Keywords": "关键词"}


@dataclass
class PagePlan:
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)   # PDF points: l, b, r, t
    reasons: set[str] = field(default_factory=set)
    blocks: list[tuple[tuple[float, float, float, float], str]] = field(default_factory=list)  # box, value by OCR


def redact(source: Path, targets: list[RedactionTarget], dest: Path) -> Redaction:
    needles = Needles(normalise(t.text) for t in targets)
    done = Redaction()
    flat = dest.with_name(dest.name + ".forms.pdf")
    try:
        if _flatten_forms(source, flat):
            done.dropped.append("表单域的填写内容已固化为页面内容（随后按页面处理）")
            source = flat
        return _redact(source, targets, needles, dest, done)
    finally:
        flat.unlink(missing_ok=True)


def _flatten_forms(source: Path, out: Path) -> bool:
    """Write a copy with filled form fields (and other printing annotations) drawn into the page content.

    A field's value lives in a widget annotation, which the copy drops with the other
    annotations: flattened first, it is page text like any other, found, blacked out or kept.
    """
    reader = PdfReader(str(source))
    form = reader.trailer["/Root"].get("/AcroForm")
    if form is None or not form.get_object().get("/Fields"):
        return False
    pdf = pdfium.PdfDocument(str(source))
    try:
        pdf.init_forms()
        for index in range(len(pdf)):
            page = pdf[index]
            page.flatten(pdfium_c.FLAT_PRINT)
            page.close()
        pdf.save(str(out))
    finally:
        pdf.close()
    return True


def _redact(source: Path, targets: list[RedactionTarget], needles: Needles, dest: Path,
            done: Redaction) -> Redaction:
    plans = _plan(source, targets, needles, done)
    reader = PdfReader(str(source))
    for page_no in _pages_with_hidden_layers(reader):
        plans.setdefault(page_no, PagePlan()).reasons.add("hidden_layer")
    writer = PdfWriter()
    pdf = pdfium.PdfDocument(str(source))
    annots = 0
    try:
        for index, page in enumerate(reader.pages):
            annots += len(page.get("/Annots") or [])
            plan = plans.get(index + 1)
            if plan is not None:
                _image_page(writer, pdf[index], plan.boxes, plan.blocks)
                continue
            for key in PAGE_KEYS_DROPPED:
                if key in page:
                    del page[NameObject(key)]
            writer.add_page(page)
    finally:
        pdf.close()
    writer.metadata = None
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    with open(dest, "wb") as fh:
        writer.write(fh)
    _report(done, plans, annots, reader)
    return done


def _plan(source: Path, targets: list[RedactionTarget], needles: Needles, done: Redaction) -> dict[int, PagePlan]:
    """Pages where a value occurs, with the boxes of its characters (a value wrapped over lines included),
    and pages holding concealed text.

    Each page is loaded once; its text is read once and searched once for all values together (`Needles`).
    A value the text layer does not hold on the page its finding names (read by OCR from a
    scanned page, or joined by the parser in a way pdfium's text does not show) is covered by
    the box of its finding's text, a whole line or block: more than the value, never less.
    """
    plans: dict[int, PagePlan] = {}
    by_page: dict[int, list[RedactionTarget]] = {}      # targets whose finding names a page and a box
    for t in targets:
        bbox, page_no = (t.location or {}).get("bbox"), (t.location or {}).get("page")
        if bbox and len(bbox) == 4 and page_no is not None:
            by_page.setdefault(page_no, []).append(t)
    occurrences: Counter = Counter()                   # value → occurrences on all pages
    pdf = pdfium.PdfDocument(str(source))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            tp = page.get_textpage()
            try:
                n = tp.count_chars()
                chars = "".join(chr(pdfium_c.FPDFText_GetUnicode(tp, i)) for i in range(n))
                found, seen = needles.occurrences(chars)
                for needle, first, end in found:
                    plan = plans.setdefault(index + 1, PagePlan())
                    plan.reasons.add("value")
                    occurrences[needle] += 1
                    boxes = [tp.get_charbox(k, loose=True) for k in range(first, end)]
                    plan.boxes.extend(_line_boxes(boxes))
                height = page.get_size()[1]
                placed: set[tuple] = set()
                for t in by_page.get(index + 1, ()):
                    needle = normalise(t.text)
                    if len(needle) < MIN_NEEDLE or needle in seen:
                        continue
                    x0, top, x1, bottom = (float(v) for v in t.location["bbox"])
                    block = ((x0, height - bottom, x1, height - top), needle)
                    if block in placed:
                        continue                      # the same finding twice: one box
                    placed.add(block)
                    plan = plans.setdefault(index + 1, PagePlan())
                    plan.reasons.add("block")
                    plan.blocks.append(block)
                    done.count(t.text)
            finally:
                tp.close()
            try:
                concealed = _concealed(page, index + 1)
            finally:
                page.close()
            if concealed:
                plans.setdefault(index + 1, PagePlan()).reasons.update(concealed)
    finally:
        pdf.close()
    counted: set[str] = set()
    for t in targets:               # each value as the findings wrote it, counted once
        k = occurrences.get(normalise(t.text), 0)
        if k and t.text not in counted:
            counted.add(t.text)
            done.count(t.text, k)
    return plans


def _line_boxes(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Character boxes of one value merged into one box per line, so no sliver between digits shows."""
    out: list[list[float]] = []
    for left, bottom, right, top in boxes:
        if right <= left and top <= bottom:
            continue              # a generated line break has no box
        if out and min(top, out[-1][3]) - max(bottom, out[-1][1]) > 0.5 * (top - bottom):
            last = out[-1]
            out[-1] = [min(last[0], left), min(last[1], bottom), max(last[2], right), max(last[3], top)]
        else:
            out.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in out]


def _concealed(page: pdfium.PdfPage, page_no: int) -> set[str]:
    """Covered, white or invisible text the parser finds on the page: only an image of the page drops it.

    The parser's page reader is used directly, page by page: the whole parse would also OCR
    scanned pages, which hold no concealed text layer.
    """
    from ..parsers.pdf_page import read_page
    return {seg.concealed for seg in read_page(page, page_no).segments if seg.concealed in PAGE_CONCEALED}


def _pages_with_hidden_layers(reader: PdfReader) -> list[int]:
    """Pages drawing content in an optional-content layer that is off by default (a hidden layer)."""
    try:
        off = reader.trailer["/Root"]["/OCProperties"]["/D"]["/OFF"]
    except KeyError:
        return []
    hidden = {(o.idnum, o.generation) for o in off if hasattr(o, "idnum")}
    if not hidden:
        return []

    def uses_hidden(resources, depth: int = 0) -> bool:
        if resources is None or depth > 8:
            return False
        resources = resources.get_object()
        refs = list((resources.get("/Properties") or {}).values())
        for xobj in (resources.get("/XObject") or {}).values():
            x = xobj.get_object()
            if "/OC" in x:
                refs.append(x.raw_get("/OC"))
            if uses_hidden(x.get("/Resources"), depth + 1):
                return True
        for ref in refs:
            obj = ref.get_object() if hasattr(ref, "get_object") else ref
            members = obj.get("/OCGs") if hasattr(obj, "get") else None     # a membership dict
            for r in ([ref] + (list(members) if isinstance(members, list) else [members] if members else [])):
                if hasattr(r, "idnum") and (r.idnum, r.generation) in hidden:
                    return True
        return False

    return [i + 1 for i, page in enumerate(reader.pages) if uses_hidden(page.get("/Resources"))]


def _image_page(writer: PdfWriter, page: pdfium.PdfPage, boxes: list[tuple[float, float, float, float]],
                blocks: list[tuple[tuple[float, float, float, float], str]] = ()) -> None:
    """Add to `writer` a new page showing `page` as the reader sees it, values blacked out, without any text.

    The new page holds one Flate-compressed image and a content stream that only draws it:
    nothing of the original page (fonts, text, resources) is copied.
    """
    width, height = page.get_size()
    bitmap = page.render(scale=DPI / 72, may_draw_forms=True)
    image = bitmap.to_pil().convert("RGB")
    page_w, page_h = image.size
    draw = ImageDraw.Draw(image)
    for left, bottom, right, top in boxes:
        corners = [_to_device(page, page_w, page_h, x, y) for x, y in
                   ((left - PAD, bottom - PAD), (right + PAD, top + PAD))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        draw.rectangle([min(xs), min(ys), max(xs), max(ys)], fill=(0, 0, 0))
    for (left, bottom, right, top), needle in blocks:      # values only OCR read: their text region
        corners = [_to_device(page, page_w, page_h, x, y) for x, y in ((left, bottom), (right, top))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        for box in narrow(image, (min(xs), min(ys), max(xs), max(ys)), needle):
            draw.rectangle(list(box), fill=(0, 0, 0))
    grey = image.convert("L")
    if max(hi for _lo, hi in ImageChops.difference(image, grey.convert("RGB")).getextrema()) < 12:
        image = grey                   # a black-and-white page: a third of the size
    image_obj = StreamObject()
    image_obj._data = zlib.compress(image.tobytes(), 1)
    image_obj.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                      NameObject("/Width"): NumberObject(image.width), NameObject("/Height"): NumberObject(image.height),
                      NameObject("/ColorSpace"): NameObject("/DeviceGray" if image.mode == "L" else "/DeviceRGB"),
                      NameObject("/BitsPerComponent"): NumberObject(8), NameObject("/Filter"): NameObject("/FlateDecode")})
    content = DecodedStreamObject()
    content.set_data(f"q {width:.4f} 0 0 {height:.4f} 0 0 cm /Im0 Do Q".encode())
    new = writer.add_blank_page(width, height)
    new[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image_obj)})})
    new[NameObject("/Contents")] = writer._add_object(content)
    page.close()


def _to_device(page: pdfium.PdfPage, w: int, h: int, x: float, y: float) -> tuple[int, int]:
    dx, dy = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, w, h, 0, ctypes.c_double(x), ctypes.c_double(y), dx, dy)
    return dx.value, dy.value


def _report(done: Redaction, plans: dict[int, PagePlan], annots: int, reader: PdfReader) -> None:
    for page_no, plan in sorted(plans.items()):
        why = "、".join(REASONS.get(r, r) for r in sorted(plan.reasons) if r != "value")
        done.dropped.append(f"第 {page_no} 页已转为图像（不含文字层）" + (f"，去除了{why}" if why else ""))
    if annots:
        done.dropped.append(f"已删除注释 {annots} 个")
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/EmbeddedFiles" in names:
        done.dropped.append("已删除附件（嵌入文件）")
    if "/JavaScript" in names or "/OpenAction" in root or "/AA" in root:
        done.dropped.append("已删除脚本和自动动作")
    if "/Metadata" in root:
        done.dropped.append("已删除 XMP 元数据")
    if "/AcroForm" in root:
        done.dropped.append("已删除表单域")
    if "/Outlines" in root:
        done.dropped.append("已删除书签")
    info = reader.metadata or {}
    shown = [INFO_LABELS[k] for k, v in info.items() if k in INFO_LABELS and str(v).strip()]
    if shown:
        done.dropped.append("已清除文档属性：" + "、".join(shown))
