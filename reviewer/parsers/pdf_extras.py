"""What a PDF carries beside its page text: annotations, attached files and document properties."""
from __future__ import annotations

import ctypes
import mmap
from pathlib import Path
from typing import Iterator

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..document import Location, Segment

# Info dictionary keys and the metadata field names reports use. /Creator in a PDF is the
# program that made the original (e.g. "Microsoft Word"), which XMP calls CreatorTool: it is
# reported as "creator_tool" so that it is not taken for a person, as docx's creator is.
INFO_FIELDS = {"Author": "author", "Creator": "creator_tool", "Producer": "producer",
               "Title": "title", "Subject": "subject", "Keywords": "keywords"}
# values PDF libraries write when nobody filled the field in
PLACEHOLDERS = {"", "anonymous", "(anonymous)", "unspecified", "(unspecified)", "unknown", "untitled"}
# annotation kinds whose /Contents is what the page shows or a copy of another's (no note of their own)
SKIP_ANNOTS = {pdfium_c.FPDF_ANNOT_POPUP, pdfium_c.FPDF_ANNOT_LINK}
# form fields whose value is text someone typed or chose (check boxes and buttons are not)
TEXT_FIELDS = {pdfium_c.FPDF_FORMFIELD_TEXTFIELD, pdfium_c.FPDF_FORMFIELD_COMBOBOX,
               pdfium_c.FPDF_FORMFIELD_LISTBOX}


def _utf16(fn, *args) -> str:
    """Call a pdfium getter that fills a UTF-16LE buffer (size query first)."""
    size = fn(*args, None, 0)
    if size <= 2:
        return ""
    buf = ctypes.create_string_buffer(size)
    fn(*args, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), size)
    return buf.raw[: size - 2].decode("utf-16-le", errors="replace")


def _annot_string(annot, key: str) -> str:
    return _utf16(pdfium_c.FPDFAnnot_GetStringValue, annot, key.encode("ascii"))


def _annot_bbox(annot, height: float) -> tuple[float, float, float, float] | None:
    r = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFAnnot_GetRect(annot, r):
        return None
    top, bottom = max(r.top, r.bottom), min(r.top, r.bottom)
    return (min(r.left, r.right), height - top, max(r.left, r.right), height - bottom)


def page_annotations(page: pdfium.PdfPage, page_no: int, form=None) -> Iterator[Segment]:
    """Notes (text, free text, markup) with their author, files attached to the page, and the values
    typed into form fields (visible, but not part of the page's text; `form` is the form handle)."""
    raw = page.raw
    height = pdfium_c.FPDF_GetPageHeightF(raw)
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(raw, i)
        if not annot:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
            if subtype in SKIP_ANNOTS:
                continue
            bbox = _annot_bbox(annot, height)
            if subtype == pdfium_c.FPDF_ANNOT_WIDGET:
                field = _form_field(form, annot, bbox, page_no)
                if field is not None:
                    yield field
                continue
            author = _annot_string(annot, "T").strip() or None
            if subtype == pdfium_c.FPDF_ANNOT_FILEATTACHMENT:
                name = _attachment_name(pdfium_c.FPDFAnnot_GetFileAttachment(annot))
                name = name or _annot_string(annot, "Contents").strip() or "（未命名附件）"
                yield Segment(name, Location("annotation", page=page_no, author=author, bbox=bbox),
                              concealed="embedded_file", group=f"annot:{page_no}:{i}")
                continue
            contents = _annot_string(annot, "Contents").strip()
            if contents:
                yield Segment(contents, Location("annotation", page=page_no, author=author, bbox=bbox),
                              concealed="annotation", group=f"annot:{page_no}:{i}")
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)


def _form_field(form, annot, bbox, page_no: int) -> Segment | None:
    """A filled-in text field as 「label：value」, the label being its tooltip or name."""
    if form is None or pdfium_c.FPDFAnnot_GetFormFieldType(form, annot) not in TEXT_FIELDS:
        return None
    value = _utf16(pdfium_c.FPDFAnnot_GetFormFieldValue, form, annot).strip()
    if not value:
        return None
    label = (_utf16(pdfium_c.FPDFAnnot_GetFormFieldAlternateName, form, annot).strip()
             or _utf16(pdfium_c.FPDFAnnot_GetFormFieldName, form, annot).strip())
    return Segment(f"{label}：{value}" if label else value,
                   Location("body", page=page_no, cell=label or None, bbox=bbox))


def _attachment_name(att) -> str:
    if not att:
        return ""
    return _repair_text_string(_utf16(pdfium_c.FPDFAttachment_GetName, att)).strip()


def _repair_text_string(s: str) -> str:
    """pdfium hands back a name-tree key as raw bytes; keys written as UTF-16 with a BOM need decoding."""
    if s[:2] in ("\xfe\xff", "\xff\xfe") and all(ord(c) < 256 for c in s):
        raw = s.encode("latin-1")
        return raw[2:].decode("utf-16-be" if raw[:2] == b"\xfe\xff" else "utf-16-le", errors="replace")
    return s


def attachments(pdf: pdfium.PdfDocument) -> Iterator[Segment]:
    """Files in the document's /EmbeddedFiles name tree: each is one concealed object named by its file name."""
    for i in range(pdfium_c.FPDFDoc_GetAttachmentCount(pdf.raw)):
        name = _attachment_name(pdfium_c.FPDFDoc_GetAttachment(pdf.raw, i)) or f"（未命名附件 {i + 1}）"
        yield Segment(name, Location("annotation", field="embedded_file"),
                      concealed="embedded_file", group=f"embedded:{i}")


def _info_value(pdf: pdfium.PdfDocument, key: str) -> str:
    """One Info dictionary value; a damaged one (a lone UTF-16 surrogate) is read with replacement characters
    instead of failing the whole document (pypdfium2's get_metadata_value decodes strictly)."""
    enc_key = (key + "\x00").encode("utf-8")
    n_bytes = pdfium_c.FPDF_GetMetaText(pdf.raw, enc_key, None, 0)
    if n_bytes <= 2:
        return ""
    buffer = ctypes.create_string_buffer(n_bytes)
    pdfium_c.FPDF_GetMetaText(pdf.raw, enc_key, buffer, n_bytes)
    return buffer.raw[:n_bytes - 2].decode("utf-16-le", errors="replace")


def metadata(pdf: pdfium.PdfDocument, path: Path | None = None) -> Iterator[Segment]:
    """One segment per filled-in document property: the Info dictionary, then what only the XMP
    packet still says (an author removed from the properties dialog often survives there)."""
    seen: set[tuple[str, str]] = set()
    pairs = [(field, _info_value(pdf, key)) for key, field in INFO_FIELDS.items()]
    if path is not None:
        pairs += xmp_fields(path)
    for field, raw in pairs:
        value = " ".join(raw.split())
        if value.lower() in PLACEHOLDERS or (field, value) in seen:
            continue
        seen.add((field, value))
        yield Segment(value, Location("metadata", field=field))


# XMP properties (namespace, local name) and the field names of the Info dictionary they mirror
XMP_FIELDS = {("http://purl.org/dc/elements/1.1/", "creator"): "author",
              ("http://purl.org/dc/elements/1.1/", "title"): "title",
              ("http://purl.org/dc/elements/1.1/", "description"): "subject",
              ("http://ns.adobe.com/pdf/1.3/", "Keywords"): "keywords",
              ("http://ns.adobe.com/pdf/1.3/", "Producer"): "producer",
              ("http://ns.adobe.com/xap/1.0/", "CreatorTool"): "creator_tool"}
MAX_XMP_BYTES = 1 << 20


def xmp_fields(path: Path) -> list[tuple[str, str]]:
    """(field, value) pairs of the last uncompressed XMP packet in the file (compressed ones are not read)."""
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            end = data.rfind(b"</x:xmpmeta>")
            start = data.rfind(b"<x:xmpmeta", max(0, end - MAX_XMP_BYTES), end) if end > 0 else -1
            if start < 0:
                return []
            packet = data[start:end + len(b"</x:xmpmeta>")]
        root = DefusedET.fromstring(packet)
    except (OSError, ValueError, DefusedET.ParseError, DefusedXmlException):
        return []
    out = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag.startswith("{"):
            continue
        ns, _, local = tag[1:].partition("}")
        field = XMP_FIELDS.get((ns, local))
        if field is None:
            continue
        values = [t.strip() for t in element.itertext() if t.strip()]
        if values:
            out.append((field, "、".join(dict.fromkeys(values))))
    # a property may also be written as an attribute of rdf:Description
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.startswith("{"):
                ns, _, local = key[1:].partition("}")
                field = XMP_FIELDS.get((ns, local))
                if field and value.strip():
                    out.append((field, value.strip()))
    return out
