"""Text normalisation before matching: half-width, no zero-width characters, Simplified; offsets map back."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")

# CJK punctuation written everywhere in Chinese text stays as written (mapping it would cost a
# translation of nearly every paragraph): recognizers accept both forms of these.
KEPT = "，：；！？（）"
# Full-width punctuation that is not in the FF01–FF5E block but is written where ASCII is meant.
_EXTRA = {
    "\u3000": " ",   # ideographic space
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\ufe63": "-", "\u30fc": "-",
    "\u2217": "*", "\u2731": "*", "\u273d": "*", "\u00d7": "*",   # asterisk look-alikes used for masking
    "\u30fb": "·", "\u2022": "·", "\u2027": "·",    # 云A・12345 → 云A·12345: one middle dot
}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One str.translate table: full-width ASCII → ASCII, look-alikes, Traditional → Simplified (char by char)."""
    table: dict[int, str] = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in KEPT}
    table.update({ord(k): v for k, v in _EXTRA.items()})
    try:
        import opencc
    except ImportError:  # pragma: no cover - OpenCC is a pinned requirement
        return table
    chars = "".join(chr(i) for i in range(0x4E00, 0xA000))
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) == len(chars):
        for a, b in zip(chars, converted):
            if a != b and len(b) == 1:
                table[ord(a)] = b
    return table


@dataclass(slots=True)
class Normalised:
    """The normalised text and, when characters were removed, where each of its characters came from."""

    text: str
    origin: list[int] | None = None   # origin[i] = index in the original of text[i]; None: identity

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end]."""
        if self.origin is None or start >= end:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1

    def to_normalised(self, offset: int) -> int:
        """The normalised offset of an original offset (for cell starts)."""
        if self.origin is None:
            return offset
        import bisect
        return bisect.bisect_left(self.origin, offset)


@lru_cache(maxsize=1)
def _needs() -> re.Pattern:
    """Characters that make a translation necessary (the ideographic space alone is a cheap replace)."""
    keys = "".join(re.escape(chr(k)) for k in sorted(_table()) if k != 0x3000)
    return re.compile(f"[{keys}{ZERO_WIDTH}]")


def needs_class() -> str:
    """The inside of a character class of every character normalisation translates (zero-width too); the
    ideographic space, a plain replace, is not in it."""
    return _needs().pattern[1:-1]


_NEEDS_SEARCH = None


def normalise(text: str) -> Normalised:
    """Normalise `text`; the result has the same length unless zero-width characters were removed.

    Most paragraphs need nothing: one character-class search decides, and only those that do pay
    for str.translate (full-width ASCII → ASCII, Traditional → Simplified, look-alike dashes,
    dots and asterisks unified).
    """
    global _NEEDS_SEARCH
    if _NEEDS_SEARCH is None:
        _NEEDS_SEARCH = _needs().search
    if _NEEDS_SEARCH(text) is None:
        return Normalised(text.replace("\u3000", " ") if "\u3000" in text else text)
    out = text.translate(_table())
    if _ZERO_WIDTH_RE.search(out) is None:
        return Normalised(out)
    origin = [i for i, ch in enumerate(out) if ch not in ZERO_WIDTH]
    return Normalised(_ZERO_WIDTH_RE.sub("", out), origin)


def normalise_value(value: str) -> str:
    """A value compared as a whole (allow list, keywords): normalised, no zero-width characters, upper case."""
    return _ZERO_WIDTH_RE.sub("", str(value).translate(_table())).strip().upper()


def t2s(text: str) -> str:
    """Traditional → Simplified, char by char (context words in YAML may be written either way)."""
    return text.translate(_table())
