"""Finding a value in text as written in a file: separators and full-width forms tolerated, spans mapped back."""
from __future__ import annotations

import re
import unicodedata

# what the scanner tolerates inside a value: spaces, dashes, middle dots, zero-width characters, line breaks
SEPARATORS = frozenset(" \t\r\n\f\v\u00a0\u2002\u2003\u2009\u3000\u200b\u200c\u200d\u2060\ufeff"
                       "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u00ad"
                       "\u00b7\u30fb\uff65\u2022\u2027\u22c5")   # middle dots: 云A·12345 as 云A・12345
MIN_NEEDLE = 2     # a one-character value would blank out every occurrence of that character
WRAP_NEEDLE = 6    # values this long (numbers, addresses) may wrap over lines; shorter ones (names) may not
LINE_BREAKS = re.compile(r"[\r\n\t\f\v]")
MARK = "■"


def _norm_char(ch: str) -> str:
    if ch in SEPARATORS or unicodedata.category(ch) in ("Cc", "Cf"):
        return ""
    return unicodedata.normalize("NFKC", ch).lower()


def normalise(text: str) -> str:
    """The value as compared: no spaces or dashes, half-width, lower case."""
    return "".join(_norm_char(ch) for ch in text)


def index_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = _norm_char(ch)
        out.append(n)
        where.extend([i] * len(n))
    return "".join(out), where


def find_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Spans (start, end) of `text` holding any of the normalised `needles`, merged and sorted."""
    needles = [n for n in needles if len(n) >= MIN_NEEDLE]
    if not needles or not text:
        return []
    flat, where = index_map(text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        at = flat.find(needle)
        while at >= 0:
            span = (where[at], where[at + len(needle) - 1] + 1)
            if len(needle) >= WRAP_NEEDLE or not LINE_BREAKS.search(text, span[0], span[1]):
                spans.append(span)      # 「…王」 at a line end and 「五、…」 below it is not 王五
            at = flat.find(needle, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def blank(text: str, spans: list[tuple[int, int]], mark: str = MARK) -> str:
    """`text` with every character inside `spans` replaced by `mark`."""
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] not in "\r\n":
                chars[i] = mark
    return "".join(chars)


def contains(text: str, needle: str) -> bool:
    """Whether `text` holds the normalised `needle`, a short one only within a line."""
    if len(needle) < MIN_NEEDLE:
        return False
    if len(needle) >= WRAP_NEEDLE:
        return needle in normalise(text)
    return any(needle in normalise(line) for line in LINE_BREAKS.split(text))


def mask_value(value: str) -> str:
    """A value as it may be shown in a record or on screen: 5301**********0011, 138****5678, 张*."""
    v = value.strip()
    n = len(v)
    if n == 0:
        return ""
    if "@" in v:
        local, _, domain = v.partition("@")
        return (local[:1] + "***@" + domain) if local else "***@" + domain
    if not v.isascii():
        return v[0] + "*" * min(n - 1, 10) if n > 1 else "*"
    if n >= 12:
        return v[:4] + "*" * (n - 8) + v[-4:]
    if n == 11:
        return v[:3] + "****" + v[-4:]
    if n >= 6:
        return v[:2] + "*" * (n - 4) + v[-2:]
    return v[0] + "*" * (n - 1)
