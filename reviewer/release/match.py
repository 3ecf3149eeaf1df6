"""Finding a value in text as written in a file: separators and full-width forms tolerated, spans mapped back."""
from __future__ import annotations

import re
import unicodedata
from itertools import compress, count
from typing import Iterable

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


class _Table(dict):
    """Code point → its normalised form, filled on first use: `str.translate` then runs at C speed."""

    def __missing__(self, code: int) -> str:
        n = self[code] = _norm_char(chr(code))
        return n


class _Irregular(dict):
    """Code point → "" when it normalises to one character, else "!" (a separator, ㎡ → m2)."""

    def __missing__(self, code: int) -> str:
        n = self[code] = "" if len(_NORM[code]) == 1 else "!"
        return n


_NORM, _IRREGULAR = _Table(), _Irregular()


def normalise(text: str) -> str:
    """The value as compared: no spaces or dashes, half-width, lower case."""
    return text.translate(_NORM)


def index_map(text: str) -> tuple[str, "list[int] | range"]:
    """The normalised text and, for each of its characters, the index of the character it came from."""
    flat = text.translate(_NORM)
    if not text.translate(_IRREGULAR):
        return flat, range(len(text))        # every character stands for itself: the usual case
    where: list[int] = []
    for i, ch in enumerate(text):
        where.extend([i] * len(_NORM[ord(ch)]))
    return flat, where


class Needles:
    """The normalised values of one release, found together in one pass over a text.

    The values are indexed by their first two characters (MIN_NEEDLE); every pair of
    characters of the normalised text is looked up in the index, in C, and only where one hits
    are the values of those lengths compared. The cost grows with the length of the text and
    the number of occurrences, not with the number of values: a page is read once for all
    1,300 values of a document, a workbook once for its 400,000.
    """

    def __init__(self, needles: "Iterable[str]"):
        self.values = frozenset(n for n in needles if len(n) >= MIN_NEEDLE)
        heads: dict[str, set[int]] = {}                 # first two characters → lengths
        for n in self.values:
            heads.setdefault(n[:2], set()).add(len(n))
        self._heads = {h: tuple(sorted(lengths)) for h, lengths in heads.items()}

    def __bool__(self) -> bool:
        return bool(self.values)

    def in_flat(self, flat: str) -> list[tuple[int, str]]:
        """(start, value) of every occurrence of every value in normalised text, overlapping ones too."""
        heads, values, out = self._heads, self.values, []
        if not heads:
            return out
        pairs = map(str.__add__, flat, flat[1:])                  # MIN_NEEDLE == 2
        for i in compress(count(), map(heads.__contains__, pairs)):    # in C; Python sees the hits
            for length in heads[flat[i:i + 2]]:
                piece = flat[i:i + length]
                if len(piece) == length and piece in values:
                    out.append((i, piece))
        return out

    def occurrences(self, text: str) -> tuple[list[tuple[str, int, int]], set[str]]:
        """(value, start, end) in `text` as written, and every value seen at all.

        A value shorter than WRAP_NEEDLE that would run over a line break is seen but not an
        occurrence: 「…王」 at a line end and 「五、…」 below it is not 王五.
        """
        if not self or not text:
            return [], set()
        hits = self.in_flat(normalise(text))
        if not hits:
            return [], set()
        _flat, where = index_map(text)
        out, seen = [], set()
        for at, n in hits:
            seen.add(n)
            first, last = where[at], where[at + len(n) - 1]
            if len(n) < WRAP_NEEDLE and LINE_BREAKS.search(text, first, last + 1):
                continue
            out.append((n, first, last + 1))
        return out, seen


def _needles(needles: "Needles | Iterable[str]") -> Needles:
    return needles if isinstance(needles, Needles) else Needles(needles)


def merge(spans: "Iterable[tuple[int, int]]") -> list[tuple[int, int]]:
    """Spans sorted, overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def find_spans(text: str, needles: "Needles | Iterable[str]") -> list[tuple[int, int]]:
    """Spans (start, end) of `text` holding any of the normalised `needles`, merged and sorted."""
    occurrences, _seen = _needles(needles).occurrences(text)
    return merge((s, e) for _n, s, e in occurrences)


def find_counted(text: str, needles: "Needles | Iterable[str]") -> tuple[list[tuple[int, int]], dict[str, int]]:
    """The merged spans of all needles, and for each needle found the number of its own (merged) spans."""
    occurrences, _seen = _needles(needles).occurrences(text)
    if not occurrences:
        return [], {}
    by_needle: dict[str, list[tuple[int, int]]] = {}
    for n, s, e in occurrences:
        by_needle.setdefault(n, []).append((s, e))
    counts = {n: len(merge(spans)) for n, spans in by_needle.items()}
    return merge((s, e) for _n, s, e in occurrences), counts


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
