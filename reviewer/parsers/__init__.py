"""Parser registry: which parser reads which format, decided by extension and checked against the content."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable, Iterator

from ..document import ParseContext, Segment
from ..errors import (CorruptFileError, EncryptedFileError, LegacyFormatError, UnsupportedFormatError,
                      WrongExtensionError)

ParseFn = Callable[[Path, ParseContext], Iterator[Segment]]

LEGACY_EXTENSIONS = {".doc", ".xls", ".wps", ".et", ".ppt", ".dps"}
# legacy extensions LibreOffice converts (parsers/legacy.py): all of them; .dps is WPS 演示's binary .ppt
CONVERTIBLE = {".doc": "doc", ".wps": "doc", ".xls": "xls", ".et": "xls", ".ppt": "ppt", ".dps": "ppt"}
MODERN = {"doc": "docx", "xls": "xlsx", "ppt": "pptx"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FORMAT_NAMES = {"txt": "纯文本", "docx": "Word 文档", "pdf": "PDF", "xlsx": "Excel 工作簿",
                "ole": "旧版 Office/WPS 或加密的 Office 文件", "zip": "ZIP 压缩包",
                "broken_zip": "损坏或不完整的 ZIP/Office 文件", "ofd": "OFD 版式文件",
                "pptx": "PowerPoint 演示文稿", "image": "图片", "rtf": "RTF 文档", "html": "网页"}


def _parsers() -> dict[str, ParseFn]:
    # imported lazily so that `reviewer --help` does not load every library
    from . import docx, html, image, legacy, ofd, pdf, pptx, txt, xlsx
    return {"txt": txt.parse, "docx": docx.parse, "pdf": pdf.parse, "xlsx": xlsx.parse,
            "doc": legacy.parse, "xls": legacy.parse, "ppt": legacy.parse, "ofd": ofd.parse, "pptx": pptx.parse,
            "html": html.parse, "image": image.parse}


EXTENSIONS = {".txt": "txt", ".text": "txt", ".csv": "txt", ".md": "txt",
              ".docx": "docx", ".docm": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xlsm": "xlsx",
              **CONVERTIBLE, ".ofd": "ofd", ".pptx": "pptx", ".pptm": "pptx", ".html": "html", ".htm": "html",
              ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff(path: Path) -> str:
    """The format the bytes say: pdf, docx, xlsx, pptx, ofd, zip, ole, image, rtf or txt."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:8] == OLE_MAGIC:
        return "ole"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    if head[:5] == b"{\\rtf":
        return "rtf"
    if head[:4] == b"PK\x03\x04" or head[:4] == b"PK\x05\x06":
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            return "broken_zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        if "OFD.xml" in names:
            return "ofd"
        return "zip"
    return "txt"


def _ole_is_encrypted_ooxml(path: Path) -> bool:
    # An encrypted .docx/.xlsx is an OLE compound file holding EncryptionInfo/EncryptedPackage.
    with open(path, "rb") as fh:
        data = fh.read(1 << 20)
    return "EncryptedPackage".encode("utf-16-le") in data


def detect_format(path: Path) -> str:
    """Decide the parser for a file, raising a DocumentError that tells the user what to do."""
    ext = path.suffix.lower()
    actual = sniff(path)
    if actual == "ole":
        if _ole_is_encrypted_ooxml(path):
            raise EncryptedFileError(
                f"“{path.name}”设有打开密码（加密的 Office 文件），无法审查。"
                "请在 Word/Excel/WPS 中取消“文档加密”后另存，再重新提交。")
        if ext in CONVERTIBLE:
            return CONVERTIBLE[ext]
        raise LegacyFormatError(
            f"“{path.name}”是旧版 Office/WPS 格式（.doc/.xls/.ppt/.wps/.et/.dps），暂不能直接审查。"
            "请用 WPS 或 Office 另存为 .docx/.xlsx/.pptx 后重新提交。")
    if actual == "rtf" and CONVERTIBLE.get(ext) == "doc":
        return "doc"     # Word and WPS save RTF under .doc; LibreOffice reads it
    if ext in CONVERTIBLE and actual == MODERN[CONVERTIBLE[ext]]:
        return actual    # WPS often saves a modern file under the old extension
    if ext in LEGACY_EXTENSIONS:
        raise LegacyFormatError(
            f"“{path.name}”的扩展名 {ext} 属于旧版 Office/WPS 格式。请另存为 .docx/.xlsx/.pptx 后重新提交。")
    expected = EXTENSIONS.get(ext)
    if actual == "broken_zip" and expected in ("docx", "xlsx", "pptx", "ofd"):
        raise CorruptFileError(
            f"“{path.name}”已损坏或不完整（ZIP 结构无法读取，可能下载或复制时被截断）。"
            "请从原始软件重新保存或重新导出后提交。")
    if expected is None:
        if actual in ("pdf", "docx", "xlsx", "pptx", "ofd", "image"):
            raise WrongExtensionError(
                f"“{path.name}”的扩展名 {ext or '（无）'} 无法识别，但内容是{FORMAT_NAMES[actual]}。"
                f"请把扩展名改为 .{'png/.jpg' if actual == 'image' else actual} 后重新提交。")
        raise UnsupportedFormatError(
            f"不支持“{path.name}”的格式（{ext or '无扩展名'}）。"
            "请另存为 .docx、.pdf、.xlsx 或 .txt 后重新提交。")
    if expected in ("txt", "html"):
        if actual in ("pdf", "docx", "xlsx", "pptx", "ofd", "image", "zip", "broken_zip"):
            raise WrongExtensionError(
                f"“{path.name}”扩展名为 {ext}，内容却是{FORMAT_NAMES[actual]}。"
                "请按实际格式更正扩展名后重新提交。")
        return expected
    if actual != expected:
        what = FORMAT_NAMES.get(actual, "其他格式")
        if actual == "txt":
            what = "纯文本或未知数据，不是有效的" + FORMAT_NAMES[expected]
        raise WrongExtensionError(
            f"“{path.name}”扩展名为 {ext}，内容却是{what}。"
            "文件可能已损坏或被改了扩展名；请从原始软件重新导出后提交。")
    return expected


def parser_for(fmt: str) -> ParseFn:
    try:
        return _parsers()[fmt]
    except KeyError:
        raise UnsupportedFormatError() from None
