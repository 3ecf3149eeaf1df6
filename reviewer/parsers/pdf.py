"""PDF parser: page text with pypdfium2, page by page, plus covered, white and invisible text, notes, attachments and properties."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..document import ParseContext, Segment
from ..errors import (CorruptFileError, EncryptedPdfError, LimitExceededError, NoTextLayerError,
                      ReviewerError)
from .pdf_extras import attachments, metadata, page_annotations
from .pdf_fallback import MinerPages
from .pdf_fonts import ensure_installed, reading_text
from .pdf_lines import PageEnd, continues, join_text
from . import ocr
from .pdf_page import read_page

EOF_MARKER_WINDOW = 4096  # a complete PDF ends with %%EOF within its last few bytes
# a paragraph joined over page breaks grows no longer than this (characters): memory stays bounded
# and joining stays linear however many pages a run of unpunctuated full lines (a table dump) fills
MAX_JOINED_CHARS = 10_000


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    _check_complete(path)
    ensure_installed()
    pdf = _open(path)
    try:
        yield from _read(pdf, path, ctx)
    except ReviewerError:
        raise
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"“{path.name}”内容已损坏，无法读取（{exc}）。"
                               "请用 PDF 软件打开检查，或从原始文档重新导出 PDF 后提交。") from exc
    finally:
        pdf.close()


def _check_complete(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - EOF_MARKER_WINDOW))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise CorruptFileError(
            f"“{path.name}”不完整（缺少 PDF 文件结尾，可能下载或复制中断）。"
            "请重新下载或从原始文档重新导出 PDF 后提交。")


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdfError(
                f"“{path.name}”设有打开密码，无法读取文字。请在 PDF 软件中输入密码打开后，"
                "在“文档属性 → 安全性”中取消密码保护（或“打印”为新的 PDF），再重新提交。") from exc
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedPdfError(
                f"“{path.name}”使用了不支持的加密方式，无法读取。请在 PDF 软件中取消安全设置"
                "（或“打印”为新的 PDF）后重新提交。") from exc
        raise CorruptFileError(
            f"“{path.name}”已损坏或不是有效的 PDF（{exc}），无法解析。"
            "请用 PDF 软件打开检查，或从原始文档重新导出 PDF 后提交。") from exc


def _init_forms(pdf: pdfium.PdfDocument):
    """The form handle of a PDF with fillable fields (set up before any page is loaded), else None."""
    if pdfium_c.FPDF_GetFormType(pdf.raw) == pdfium_c.FORMTYPE_NONE:
        return None
    pdf.init_forms()
    return pdf.formenv.raw if pdf.formenv is not None else None


def _read(pdf: pdfium.PdfDocument, path: Path, ctx: ParseContext) -> Iterator[Segment]:
    count = len(pdf)
    ctx.pages = count
    if count > ctx.limits.max_pages:
        raise LimitExceededError(
            f"“{path.name}”共 {count} 页，超过 {ctx.limits.max_pages} 页上限（REVIEWER_MAX_PAGES）。"
            "请拆分为较小的 PDF 后分别提交，或请管理员调高该上限。")
    form = _init_forms(pdf)
    fallback = MinerPages(path)   # opened only when a page has text pdfium cannot place (no system font)
    try:
        yield from _read_pages(pdf, path, ctx, form, fallback)
    finally:
        fallback.close()
    yield from attachments(pdf)
    yield from metadata(pdf, path)


def _read_pages(pdf: pdfium.PdfDocument, path: Path, ctx: ParseContext, form, fallback: MinerPages
                ) -> Iterator[Segment]:
    count = len(pdf)
    text_chars = 0
    scanned: list[int] = []
    ocr_layer: list[int] = []
    pending: Segment | None = None   # the last paragraph read, when it may go on on the next page
    pending_end: PageEnd | None = None
    over_table = False               # `pending` was kept over a page that holds a table only
    for index in range(count):
        ctx.check_deadline()
        with reading_text():   # fonts not embedded are laid out with a light stand-in (pdf_fonts.py)
            page = pdf[index]
            try:
                result = read_page(page, index + 1, fallback)
                notes = list(page_annotations(page, index + 1, form))
            finally:
                page.close()
        text_chars += result.chars
        if result.chars == 0 and result.images:
            scanned.append(index + 1)
        elif result.ocr_layer:
            ocr_layer.append(index + 1)
        head = result.head.index if (pending is not None and result.head is not None
                                     and continues(pending_end, result.head)
                                     and len(pending.text) + len(result.segments[result.head.index].text)
                                     <= MAX_JOINED_CHARS) else None
        if pending is not None and head is None:
            if result.table_only and not over_table:
                # a table set on a page of its own: the paragraph may go on after it (one page at most)
                over_table = True
                yield from result.segments
                yield from notes
                continue
            yield pending
            pending = None
        over_table = False
        tail = result.tail.index if result.tail is not None else None
        pending_end = result.tail
        for k, segment in enumerate(result.segments):
            if k == head:
                # a paragraph going on from the previous page: one segment, located where it starts
                segment = replace(pending, text=join_text(pending.text, segment.text))
                pending = None
            if k == tail:
                pending = segment
                continue
            yield segment
        yield from notes
    if pending is not None:
        yield pending
    if (text_chars == 0 or scanned) and ocr.enabled():   # scanned pages are read by OCR (parsers/ocr.py)
        if (yield from ocr.read_pdf(pdf, path, ctx, scanned if text_chars else range(1, count + 1))):
            text_chars, scanned = max(text_chars, 1), []
    if text_chars == 0:
        raise NoTextLayerError(
            f"“{path.name}”没有文字层（可能是扫描件或图片转成的 PDF），无法自动审查。"
            "请提供原始电子文档（.docx 等），或先进行文字识别（OCR）后重新提交，并人工逐页审查。")
    if scanned:
        ctx.notes.append(f"第{_pages(scanned)}页没有文字层（可能是扫描页），需人工审查")
    if ocr_layer:
        ctx.notes.append(f"第{_pages(ocr_layer)}页是扫描页，文字取自文件自带的文字识别（OCR）层，"
                         "可能有识别错误，需人工核对")


def _pages(numbers: list[int]) -> str:
    return "、".join(str(p) for p in numbers[:50]) + ("等" if len(numbers) > 50 else "")
