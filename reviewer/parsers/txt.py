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
# Legacy Chinese encodings offices produce: mainland (GB18030 ⊃ GBK ⊃ GB2312) and Taiwan/Hong Kong (Big5).
LEGACY = ("gb18030", "big5", "cp950", "big5hkscs")
# charset-normalizer's names for encodings we accept from it (anything else is a guess we refuse)
ACCEPTED = {"utf_8", "gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs", "hz"}
SAMPLE = 20000        # characters looked at when judging a decoding
CONFIDENT = 0.9       # share of plausible characters a decoding needs
MARGIN = 0.15         # by how much the winner must beat the runner-up
RESAVE = "请用记事本或 WPS 打开该文件，另存为“UTF-8”编码后重新提交。"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding); raise CorruptFileError when no encoding is certain."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise CorruptFileError(
                    f"“{name}”开头标明了 {enc.upper()} 编码，但内容不符（文件可能已损坏）。{RESAVE}") from None
    if data.count(b"\x00") > len(data) // 8:
        return _choose(data, name, ("utf-16-le", "utf-16-be"), binary_hint=True)
    utf8 = _utf8(data)
    if utf8 is not None:
        if plausibility(utf8) >= CONFIDENT:
            return utf8, "utf-8"
        # a short GBK text can be valid UTF-8 by accident (GBK 「通知」 reads as UTF-8 「֪ͨ」)
        try:
            return _choose(data, name, LEGACY, fallback=False)
        except CorruptFileError:
            return utf8, "utf-8"
    return _choose(data, name, LEGACY)


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # a file cut in the middle of its last character: the rest is sound UTF-8
            return data[:exc.start].decode("utf-8")
    return None


def _choose(data: bytes, name: str, candidates: tuple[str, ...], binary_hint: bool = False,
            fallback: bool = True) -> tuple[str, str]:
    """The one candidate decoding that reads as plausible text, clearly better than the others."""
    scored: list[tuple[float, str, int]] = []   # (plausibility, encoding, hash of the text)
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        digest = hash(text)
        if all(digest != d for _, _, d in scored):  # Big5 and its supersets mostly read the same
            scored.append((plausibility(text), enc, digest))
        del text  # one decoded copy at a time: a large file is decoded again once chosen
    scored.sort(key=lambda t: -t[0])
    if scored and scored[0][0] >= CONFIDENT and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
        return data.decode(scored[0][1]), scored[0][1]
    if fallback and not binary_hint and not any(sc >= CONFIDENT for sc, _, _ in scored):
        # none of the expected encodings fits: accept charset-normalizer's pick only if it reads well
        best = from_bytes(data).best()
        if best is not None and best.encoding in ACCEPTED:
            text = str(best)
            if plausibility(text) >= CONFIDENT and not _contradicts(scored, best.encoding):
                return text, best.encoding
    if binary_hint or not any(s[0] > 0.5 for s in scored):
        raise CorruptFileError(
            f"“{name}”看起来不是文本文件（含有大量二进制数据或无法识别的字符）。"
            f"请确认文件类型；如果是文本，{RESAVE}")
    raise CorruptFileError(f"无法可靠识别“{name}”的文字编码（可能是 GBK 与 Big5 难以区分，或混用了多种编码）。{RESAVE}")


def _contradicts(scored: list[tuple[float, str, int]], enc: str) -> bool:
    """charset-normalizer's pick is one our own scoring found implausible."""
    for score, name, _ in scored:
        if codecs.lookup(name).name == codecs.lookup(enc).name:
            return score < CONFIDENT
    return False


def plausibility(text: str) -> float:
    """Share of characters a Chinese government text plausibly contains.

    Printable ASCII, whitespace, and the common characters of GB2312 (Simplified) or Big5 level 1
    (Traditional) and their punctuation count; control characters, private-use characters and the
    rare characters a wrong decoding produces do not.
    """
    sample = text[:SAMPLE]
    if not sample:
        return 1.0
    good = 0
    for ch in sample:
        if " " <= ch <= "~" or ch in "\r\n\t\f":
            good += 1
        elif ch > "~" and _common(ch):
            good += 1
    return good / len(sample)


_COMMON_CACHE: dict[str, bool] = {}


def _common(ch: str) -> bool:
    hit = _COMMON_CACHE.get(ch)
    if hit is None:
        hit = _COMMON_CACHE[ch] = _in_gb2312(ch) or _in_big5_common(ch) or ch in "\u3000\ufeff"
    return hit


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _in_big5_common(ch: str) -> bool:
    """Big5 symbols (A140–A3BF) and level-1 common characters (A440–C67E)."""
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    if len(b) != 2:
        return False
    code = b[0] << 8 | b[1]
    return 0xA140 <= code <= 0xA3BF or 0xA440 <= code <= 0xC67E


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    size = path.stat().st_size
    if size > ctx.limits.max_file_bytes:
        raise TooLargeError(f"“{path.name}”超过 {ctx.limits.max_file_mb:g} MB 上限（REVIEWER_MAX_FILE_MB）。请拆分后提交。")
    text, encoding = decode(path.read_bytes(), path.name)
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        ctx.notes.append(f"编码：{encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for i, line in enumerate(text.split("\n")):
        if i % 1000 == 0:
            ctx.check_deadline()
        if line.strip():
            yield Segment(line, Location("body", paragraph=i))
