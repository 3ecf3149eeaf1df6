"""Overlap resolution across all recognizers: one span is never reported as two types."""
from __future__ import annotations

from presidio_analyzer import RecognizerResult

from .base import MASKED

# Types whose value is one token of digits and letters: inside one another, the longer wins.
IDENTIFIERS = {"CN_RESIDENT_ID", "CN_MOBILE_PHONE", "CN_LANDLINE_PHONE", "BANK_CARD", "EMAIL_ADDRESS",
               "CN_PASSPORT", "CN_LICENSE_PLATE", "ORG_CREDIT_CODE"}

# On an identical span, the higher number wins when context does not decide (YAML `priority:`).
PRIORITY = {"EMAIL_ADDRESS": 100, "CN_RESIDENT_ID": 95, "ORG_CREDIT_CODE": 90, "BANK_CARD": 85,
            "CN_PASSPORT": 80, "CN_MOBILE_PHONE": 75, "CN_LANDLINE_PHONE": 70, "CN_LICENSE_PLATE": 60}

# Context words that decide between the types an 18/19-digit number can pass for.
DECIDING_CONTEXT = {
    "CN_RESIDENT_ID": ("身份证", "公民身份", "证件号", "身份号码", "居民身份"),
    "BANK_CARD": ("卡号", "账号", "帐号", "银行", "开户", "账户", "帐户", "社保卡", "存折"),
    "ORG_CREDIT_CODE": ("信用代码", "统一社会", "机构代码", "纳税人识别号", "营业执照"),
}


def _nearest_context(text: str, start: int, end: int, window: int) -> str | None:
    """The type whose deciding context word is nearest to the span (before it within `window`, after within half)."""
    best, best_dist = None, None
    left = text[max(0, start - window):start]
    right = text[end:end + window // 2]
    for etype, words in DECIDING_CONTEXT.items():
        for w in words:
            i = left.rfind(w)
            if i >= 0:
                d = len(left) - i - len(w)
                if best_dist is None or d < best_dist:
                    best, best_dist = etype, d
            j = right.find(w)
            if j >= 0 and (best_dist is None or j < best_dist):
                best, best_dist = etype, j
    return best


def _rank(r: RecognizerResult, priority: dict[str, int]) -> tuple:
    masked = bool((r.recognition_metadata or {}).get(MASKED))
    return (not masked, r.score, priority.get(r.entity_type, 10), r.end - r.start)


def choose_identical(group: list[RecognizerResult], text: str, window: int,
                     priority: dict[str, int]) -> RecognizerResult:
    """One result for one span: the type the nearest deciding context names, else score, then priority."""
    types = {r.entity_type for r in group}
    if len(types) > 1 and len(types & DECIDING_CONTEXT.keys()) > 1:
        r0 = group[0]
        decided = _nearest_context(text, r0.start, r0.end, window)
        if decided in types:
            return max((r for r in group if r.entity_type == decided), key=lambda r: r.score)
    return max(group, key=lambda r: _rank(r, priority))


def resolve(results: list[RecognizerResult], text: str, window: int = 20,
            priority: dict[str, int] | None = None) -> list[RecognizerResult]:
    """Drop duplicates and conflicts.

    - identical span: one result (choose_identical);
    - same type, overlapping: the higher-ranked (unmasked, score, length) one;
    - two identifiers overlapping: the higher score, then the longer one (a phone-shaped run
      inside a valid ID number is part of it);
    - an identifier inside or across a non-identifier (an address, a name): both stay.
    """
    if len(results) < 2:
        return results
    prio = {**PRIORITY, **(priority or {})}
    by_span: dict[tuple[int, int], list[RecognizerResult]] = {}
    for r in results:
        by_span.setdefault((r.start, r.end), []).append(r)
    singles = []
    for group in by_span.values():
        ident = [r for r in group if r.entity_type in IDENTIFIERS]
        other = [r for r in group if r.entity_type not in IDENTIFIERS]
        if ident:
            singles.append(choose_identical(ident, text, window, prio))
        seen: dict[str, RecognizerResult] = {}
        for r in other:
            if r.entity_type not in seen or _rank(r, prio) > _rank(seen[r.entity_type], prio):
                seen[r.entity_type] = r
        singles.extend(seen.values())
    singles.sort(key=lambda r: (-r.score, -(r.end - r.start)))
    kept: list[RecognizerResult] = []
    for r in singles:
        if any(_conflict(r, k) for k in kept):
            continue
        kept.append(r)
    kept.sort(key=lambda r: (r.start, r.end))
    return kept


def _conflict(new: RecognizerResult, kept: RecognizerResult) -> bool:
    if new.end <= kept.start or kept.end <= new.start:
        return False
    if new.entity_type == kept.entity_type:
        return True
    return new.entity_type in IDENTIFIERS and kept.entity_type in IDENTIFIERS
