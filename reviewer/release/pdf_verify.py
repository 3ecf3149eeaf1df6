"""Reading a PDF release copy back with pdfplumber, pypdf and pypdfium2: its text, its objects, what it still hides."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pdfplumber
import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject, TextStringObject, ByteStringObject

MAX_OBJECTS = 200_000


def pdf_texts(path: Path) -> Iterator[tuple[str, str]]:
    """Text of every page by three libraries, the properties, and every string and stream in the file."""
    with pdfplumber.open(str(path)) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            yield f"第 {i} 页（pdfplumber）", page.extract_text() or ""
            yield f"第 {i} 页（pdfplumber 字符）", "".join(c["text"] for c in page.chars)
    reader = PdfReader(str(path))
    for i, page in enumerate(reader.pages, 1):
        yield f"第 {i} 页（pypdf）", page.extract_text() or ""
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            tp = doc[i].get_textpage()
            yield f"第 {i + 1} 页（pdfium）", tp.get_text_range()
            tp.close()
    finally:
        doc.close()
    yield "文档属性", "\n".join(f"{k}={v}" for k, v in (reader.metadata or {}).items())
    yield from _objects(reader)


def _objects(reader: PdfReader) -> Iterator[tuple[str, str]]:
    """Every string and decoded stream reachable from the trailer."""
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    count = 0
    while stack and count < MAX_OBJECTS:
        obj = stack.pop()
        count += 1
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image":
            stack.extend(v for k, v in obj.items() if k in ("/SMask", "/Mask", "/Metadata"))
            continue       # pixels, not text; an image's own metadata is still read
        if isinstance(obj, StreamObject):
            try:
                data = obj.get_data()
            except Exception:           # an undecodable image filter: its raw bytes then
                data = obj._data or b""
            yield "文件对象（数据流）", data.decode("latin-1")
            yield "文件对象（数据流）", data.decode("utf-8", "ignore")
        if isinstance(obj, DictionaryObject):
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
        elif isinstance(obj, (TextStringObject, ByteStringObject)):
            yield "文件对象（字符串）", str(obj) if isinstance(obj, TextStringObject) else obj.decode("latin-1")


def leftovers(path: Path) -> list[str]:
    """Notes, attachments, scripts, XMP, form fields and properties still in the copy."""
    problems: list[str] = []
    reader = PdfReader(str(path))
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    for key, what in (("/EmbeddedFiles", "附件（嵌入文件）"), ("/JavaScript", "脚本")):
        if key in names:
            problems.append(what)
    for key, what in (("/OpenAction", "自动动作"), ("/AA", "自动动作"), ("/Metadata", "XMP 元数据"),
                      ("/AcroForm", "表单域")):
        if key in root:
            problems.append(what)
    for i, page in enumerate(reader.pages, 1):
        if page.get("/Annots"):
            problems.append(f"第 {i} 页的注释")
    info = {k: v for k, v in (reader.metadata or {}).items() if str(v).strip()}
    if info:
        problems.append("文档属性（" + "、".join(k.lstrip("/") for k in info) + "）")
    return problems
