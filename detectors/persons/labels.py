"""Where labels stand before names: the label gate and matches, contact labels, the word that ends before a name."""
from __future__ import annotations

import re

from .prefilter import LABEL_BIGRAMS, LABEL_PENULTS, LABEL_TO_NAME, SURNAME_STARTS
from .roles import CONTACT_LABELS, LABEL_ENDS, LABEL_KIND, LABEL_RE

_SN = SURNAME_STARTS
# a label's last two characters (as two character classes), then a surname after an optional colon;
# found from the last character with the one before it tested in C (the penultimate characters are
# common, the last ones rarer); _label_matches keeps the hits non-overlapping, as finditer of the
# two-character form did
LABEL_GATE = re.compile(f"[{LABEL_ENDS}](?<=[{LABEL_PENULTS}].)(?={LABEL_TO_NAME}[{_SN}])")
# the lengths of the labels that end with each bigram, longest first
_LABEL_LENGTHS: dict[str, tuple[int, ...]] = {
    b: tuple(sorted({len(w) for w in LABEL_KIND if w.endswith(b)}, reverse=True)) for b in LABEL_BIGRAMS}


def _label_matches(text: str):
    """LABEL_RE matches, found from the cheap gate (label's last character, then a surname):
    the label is looked up backwards in a set instead of trying every label at every position."""
    last = -1
    contacts = ()
    if "联系人" in text or "联络人" in text:   # 联系人：县财政局 孙丽 — an organisation stands between label and name
        contacts = _contact_matches(text)
        yield from contacts
        contacts = {m.start() for m in contacts}
    gate_end = 0
    for g in LABEL_GATE.finditer(text):
        if g.start() - 1 < gate_end:
            continue   # overlaps the previous hit's two characters
        p = g.end()
        gate_end = p
        lengths = _LABEL_LENGTHS.get(text[p - 2:p])
        if lengths is None:
            continue
        for k in lengths:
            if k <= p and text[p - k:p] in LABEL_KIND:
                if p - k > last:
                    m = LABEL_RE.match(text, p - k)
                    if m:
                        last = m.end() - 1
                        if m.start() not in contacts:   # yielded above: the same match, the same names
                            yield m
                break


def _contact_matches(text: str) -> list:
    """The 联系人/联络人 matches among LABEL_RE.finditer(text), scanning only from a clause mark no label
    match can cover (before the first occurrence) to the last occurrence: the matches in between are
    the same as a scan from the start finds."""
    first = min(i for i in (text.find("联系人"), text.find("联络人")) if i >= 0)
    last = max(text.rfind("联系人"), text.rfind("联络人"))
    out = []
    for m in LABEL_RE.finditer(text, _scan_start(text, first)):
        if m.start() > last:
            break
        if m.group("label") in CONTACT_LABELS:
            out.append(m)
    return out


def _scan_start(text: str, before: int) -> int:
    """A position before `before` where a scan of LABEL_RE from the start also tries a match: right after
    a clause mark (，。；) that no match covers — a mark is no label, colon or space, so only a
    parenthesis (at most 13 characters long, after a label) could hold it."""
    y = before
    while True:
        y = max(text.rfind("，", 0, y), text.rfind("。", 0, y), text.rfind("；", 0, y))
        if y < 0:
            return 0
        window = text[max(0, y - 13):y]
        if "（" not in window and "(" not in window:
            return y + 1


# what ends right before a name in running text: a label, or a particle, a verb, a role's last character
_ROLE_END = frozenset("的为是由和与及、请经据有将把被对向给让叫员者户民工人生士")
_LABEL_SIZES = tuple(sorted({len(w) for w in LABEL_KIND}))


def _role_before(text: str, start: int) -> bool:
    """The word before text[start] ends there (a label, a particle…): set look-ups of the suffixes of
    the eight characters before (a "$" also matches before a final newline, as re's "$" does)."""
    window = text[max(0, start - 8):start]
    if window.endswith("\n") and _ends_with_role(window[:-1]):
        return True
    return _ends_with_role(window)


def _ends_with_role(window: str) -> bool:
    if window[-1:] in _ROLE_END and window:
        return True
    return any(window[-k:] in LABEL_KIND for k in _LABEL_SIZES if k <= len(window))
