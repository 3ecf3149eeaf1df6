"""xlsx cell values: number formats (date, hidden, literal-only) and numbers rendered as stored, not as Excel shows them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

# Built-in number formats (ECMA-376 18.8.30) that are dates or times.
BUILTIN_DATE_IDS = frozenset(range(14, 23)) | frozenset(range(45, 48)) | frozenset(range(27, 37)) \
    | frozenset(range(50, 59))
BUILTIN_TIME_ONLY_IDS = frozenset((18, 19, 20, 21, 45, 46, 47))

_QUOTED = re.compile(r'"[^"]*"')
_ESCAPED = re.compile(r"\\.")
_PADDING = re.compile(r"[_*].")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_DATE_CODES = re.compile(r"[yYmMdDhHsSeEgGbB]")
_PLACEHOLDERS = re.compile(r"[0#?@]|general", re.IGNORECASE)
_INT_TEXT = re.compile(r"[+-]?\d+")
_WHITE = re.compile(r"\[(white|白色)\]", re.IGNORECASE)

EXCEL_EPOCH = datetime(1899, 12, 30)
EXCEL_EPOCH_1904 = datetime(1904, 1, 1)


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """What a cell's number format does to its value, decided once per style."""

    is_date: bool = False
    time_only: bool = False
    hides_numbers: bool = False   # every numeric section shows nothing or only literal text
    hides_text: bool = False      # the text section (4th) shows nothing or only literal text
    white: bool = False           # every numeric section is coloured [White]


GENERAL = NumberFormat()


def split_sections(code: str) -> list[str]:
    """The ;-separated sections of a format code, ignoring ; inside quotes or after a backslash."""
    sections, current, quoted, escaped = [], [], False, False
    for ch in code:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == '"':
            current.append(ch)
            quoted = not quoted
        elif ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
    sections.append("".join(current))
    return sections


def _strip_literals(section: str) -> str:
    """A section without its literal text, padding, colours and conditions: what is left shows the value."""
    section = _QUOTED.sub("", section)
    section = _ESCAPED.sub("", section)
    section = _PADDING.sub("", section)
    return _BRACKETS.sub("", section)


def _shows_value(section: str) -> bool:
    core = _strip_literals(section)
    return bool(_PLACEHOLDERS.search(core) or _DATE_CODES.search(core))


def classify(fmt_id: int, code: str | None) -> NumberFormat:
    """How a number format treats values: a date, or a concealing format such as ;;; or "***"."""
    if code is None:
        if fmt_id in BUILTIN_DATE_IDS:
            return NumberFormat(is_date=True, time_only=fmt_id in BUILTIN_TIME_ONLY_IDS)
        return GENERAL
    sections = split_sections(code)
    numeric = sections[:3]
    hides_numbers = not any(_shows_value(s) for s in numeric)
    # Text shows as typed unless a 4th section exists (or the only section has no @ but is literal-only).
    if len(sections) >= 4:
        hides_text = not _shows_value(sections[3])
    else:
        hides_text = False
    white = all(_WHITE.search(_QUOTED.sub("", s)) for s in numeric)
    first = _strip_literals(sections[0])
    is_date = (not hides_numbers and not re.search(r"[0#?]", first)
               and bool(re.search(r"[yYdDhHsS]|[mM]", first)) and "general" not in first.lower())
    time_only = is_date and not re.search(r"[yYdD]", first)
    return NumberFormat(is_date=is_date, time_only=time_only, hides_numbers=hides_numbers,
                        hides_text=hides_text, white=white)


@dataclass(slots=True)
class Number:
    """A numeric cell rendered for scanning: the text, and whether Excel kept fewer digits than it shows."""

    text: str
    lost_precision: bool = False


def render_number(raw: str) -> Number:
    """The stored number as plain digits: integers without exponent, at most 15 significant digits like Excel.

    An integer written literally in the file ("532328198703150011") is kept whole: those
    digits are in the file whatever Excel shows. A float such as 5.3232819870315002E+17
    (an ID number typed into a number cell) is what Excel kept of it: 15 significant
    digits, "532328198703150000"; lost_precision tells the caller the tail is gone.
    """
    raw = raw.strip()
    if _INT_TEXT.fullmatch(raw):
        return Number(_strip_zeros(raw))
    try:
        value = float(raw)
    except ValueError:  # not a number after all: report the text the file holds
        return Number(raw)
    if value != value or value in (float("inf"), float("-inf")):
        return Number(raw)
    if value.is_integer():
        if abs(value) < 1e15:
            return Number(str(int(value)))
        digits = int(Decimal(f"{value:.15g}"))
        return Number(str(digits), lost_precision=True)
    text = f"{value:.15g}"
    if "e" in text:
        text = format(Decimal(text), "f")
    return Number(text)


def _strip_zeros(raw: str) -> str:
    sign = "-" if raw.startswith("-") else ""
    digits = raw.lstrip("+-").lstrip("0") or "0"
    return sign + digits


def render_date(raw: str, fmt: NumberFormat, date1904: bool) -> str | None:
    """A serial date as YYYY-MM-DD (with the time when it has one); None when out of range."""
    try:
        serial = float(raw)
    except ValueError:
        return None
    if not (-1 < serial < 2958466):  # Excel's last date is 9999-12-31
        return None
    if not date1904 and serial < 60:
        serial += 1  # Excel's fictitious 1900-02-29
    moment = (EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH) + timedelta(days=serial)
    moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
    if fmt.time_only:
        return moment.strftime("%H:%M:%S")
    if serial % 1:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return moment.strftime("%Y-%m-%d")


def render_iso_date(raw: str) -> str:
    """A t="d" cell (ISO 8601 text) as YYYY-MM-DD, keeping a time that is not midnight."""
    raw = raw.strip()
    if raw.endswith("T00:00:00") or raw.endswith("T00:00:00Z"):
        return raw[:10]
    return raw.replace("T", " ").rstrip("Z")
