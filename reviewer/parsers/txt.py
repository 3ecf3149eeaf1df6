"""Plain-text parser: UTF-8/UTF-16 with BOM, GB18030/GBK and Big5 detected, never silently mis-decoded."""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Iterator

from charset_normalizer import from_bytes

from ..document import Location, ParseContext, Segment
from ..errors import CorruptFileError, TooLargeError

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Encodings Chinese offices produce, tried strictly before asking charset-normalizer.
STRICT_ORDER = ("utf-8", "gb18030")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding); raise CorruptFileError if no encoding decodes it cleanly."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 8:
        # UTF-16 without BOM, or binary data
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise CorruptFileError(f"“{name}”不是文本文件（含有大量二进制数据）。请确认文件类型后重新提交。")
    for enc in STRICT_ORDER:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8" or _looks_like_text(text):
            if enc == "gb18030":
                # Big5 text also decodes as GB18030, into nonsense; let the detector choose.
                best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
                if best is not None and best.encoding == "big5":
                    return str(best), "big5"
            return text, enc
    best = from_bytes(data).best()
    if best is None:
        raise CorruptFileError(
            f"无法识别“{name}”的文字编码。请用记事本或 WPS 另存为 UTF-8 编码后重新提交。")
    return str(best), best.encoding


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / min(len(text), 20000) < 0.01


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    size = path.stat().st_size
    if size > ctx.limits.max_file_bytes:
        raise TooLargeError(f"“{path.name}”超过 {ctx.limits.max_file_mb:g} MB 上限。请拆分后提交。")
    text, encoding = decode(path.read_bytes(), path.name)
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        ctx.notes.append(f"编码：{encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for i, line in enumerate(text.split("\n")):
        if i % 1000 == 0:
            ctx.check_deadline()
        if line.strip():
            yield Segment(line, Location("body", paragraph=i))
