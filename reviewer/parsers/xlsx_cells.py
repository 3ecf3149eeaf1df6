"""The cells of one worksheet row decoded from their XML elements: values rendered, concealing formats looked up per style."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..errors import CorruptFileError
from .ooxml import REPAIR_HINT
from .xlsx_merges import MergeMap
from .xlsx_values import NumberFormat, render_date, render_iso_date, render_number
from .xlsx_workbook import PLAIN, CellStyle


@dataclass(slots=True)
class SheetRow:
    """A row's non-empty cells as parallel lists, one entry per cell in file order (no object per cell).

    `concealed` maps a cell's index to how its format conceals it: hidden_text (;;; format),
    white_text (white font), covered_text (under a merged area); None when nothing is.
    """

    number: int
    hidden: bool
    cols: list[int]       # column numbers, 1-based
    refs: list[str]       # "B7"
    texts: list[str]      # the text as stored
    concealed: dict[int, str] | None = None


@dataclass(slots=True)
class PrecisionLoss:
    """Numbers of 16+ digits (ID, bank card) stored as floating point: Excel kept 15 significant digits."""

    count: int = 0
    first_ref: str | None = None
    first_text: str | None = None


@dataclass(frozen=True, slots=True)
class StyleRule:
    """What one cellXfs index does to a cell, worked out once per style rather than once per cell."""

    fmt: NumberFormat
    is_date: bool
    number_concealed: str | None    # numbers and t="d" dates: hidden by the format, else white
    text_concealed: str | None      # shared, inline and formula strings: hidden by the 4th section, else white
    other_concealed: str | None     # booleans and errors: a number format never hides them, white text does


def _rule(style: CellStyle) -> StyleRule:
    white = "white_text" if style.white else None
    fmt = style.fmt
    return StyleRule(fmt, fmt.is_date, "hidden_text" if fmt.hides_numbers else white,
                     "hidden_text" if fmt.hides_text else white, white)


class StyleRules(dict):
    """The s= attribute as written → its StyleRule; a missing, odd or out-of-range index is the plain style."""

    def __init__(self, styles: list[CellStyle]):
        super().__init__((str(i), _rule(s)) for i, s in enumerate(styles))
        self._styles = styles
        self[None] = _rule(PLAIN)

    def __missing__(self, s: str) -> StyleRule:   # "007" or " 3": as int() reads it, remembered
        index = int(s) if s.isdigit() else -1
        rule = _rule(self._styles[index]) if 0 <= index < len(self._styles) else self[None]
        self[s] = rule
        return rule


def column_number(letters: str) -> int:
    """A → 1, AB → 28."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + (ord(ch) - 64)
    return col


class CellDecoder:
    """Turns the <c> elements of one row into a SheetRow.

    Tags are compared with the sheet's own namespace first (one string comparison per element);
    only an element in another namespace pays for the suffix test the format allows.
    """

    def __init__(self, ns: str, styles: list[CellStyle], strings: list[str], date1904: bool,
                 file_name: str, precision: PrecisionLoss):
        self.c_tag, self.v_tag, self.is_tag, self.t_tag = ns + "c", ns + "v", ns + "is", ns + "t"
        self.rules = StyleRules(styles)
        self.strings = strings
        self.date1904 = date1904
        self.file_name = file_name
        self.precision = precision
        self._cols: dict[str, int] = {}

    def row(self, row: etree._Element, number: int, merges: MergeMap | None) -> SheetRow:
        """The non-empty cells of a row in file order (a cell without r= follows the one before it)."""
        cols: list[int] = []
        refs: list[str] = []
        texts: list[str] = []
        hidden: dict[int, str] = {}
        col = 0
        c_tag, v_tag, is_tag, t_tag = self.c_tag, self.v_tag, self.is_tag, self.t_tag
        rules, strings, col_of = self.rules, self.strings, self._cols
        covering = merges.in_row(number) if merges else None
        for c in row:
            tag = c.tag
            if tag != c_tag and not tag.endswith("}c"):
                continue
            ref = c.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                col = col_of.get(letters) or col_of.setdefault(letters, column_number(letters))
            else:
                col += 1
                ref = f"{column_letter(col)}{number}"
            if not len(c):   # a styled empty cell
                continue
            # the value is the last <v> (after any <f> formula) or inline rich text <is>: nearly always
            # the last child, looked at directly; anything else is searched for among the children
            last = c[-1]
            ltag = last.tag
            if ltag == v_tag:
                raw = last.text
            elif ltag == is_tag:   # <is><t>…</t></is> needs no runs joined
                raw = (last[0].text or "") if len(last) == 1 and last[0].tag == t_tag else inline_text(last)
            else:
                raw = value_of(c)
            if not raw:
                continue
            kind = c.get("t")
            rule = rules[c.get("s")]
            if kind is None or kind == "n" or kind == "":
                if rule.is_date:
                    text = render_date(raw, rule.fmt, self.date1904) or render_number(raw).text
                elif raw.isdigit() and raw.isascii() and (raw[0] != "0" or len(raw) == 1):
                    text = raw   # a plain integer, the usual number cell: already as render_number gives it
                else:
                    text = self._number(raw, ref)
                concealed = rule.number_concealed
            elif kind == "s":
                try:
                    text = strings[int(raw)]
                except (ValueError, IndexError):
                    raise CorruptFileError(
                        f"“{self.file_name}”的单元格 {ref} 引用了不存在的共享字符串（{raw}），"
                        f"文件不完整。{REPAIR_HINT}") from None
                concealed = rule.text_concealed
            elif kind == "b":
                text = "TRUE" if raw.strip() in ("1", "true") else "FALSE"
                concealed = rule.other_concealed
            elif kind == "d":
                text = render_iso_date(raw)
                concealed = rule.number_concealed
            elif kind == "e":   # an error such as #N/A: no text section applies
                text = raw
                concealed = rule.other_concealed
            else:               # str (formula result), inlineStr
                text = raw
                concealed = rule.text_concealed
            if not text or text.isspace():
                continue
            if covering and _covered(covering, number, col):
                concealed = "covered_text"
            if concealed:
                hidden[len(texts)] = concealed
            cols.append(col)
            refs.append(ref)
            texts.append(text)
        return SheetRow(number, False, cols, refs, texts, hidden or None)

    def _number(self, raw: str, ref: str) -> str:
        number = render_number(raw)
        text = number.text
        if number.lost_precision and len(text.lstrip("-")) >= 16:
            p = self.precision
            p.count += 1
            if p.first_ref is None:
                p.first_ref, p.first_text = ref, text
        return text


def value_of(c: etree._Element) -> str | None:
    """The raw value of a cell: the text of its last <v> or <is> child, in whichever namespace."""
    raw = None
    for child in c:
        tag = child.tag
        if tag.endswith("}v"):
            raw = child.text
        elif tag.endswith("}is"):
            raw = inline_text(child)
    return raw


def _covered(areas: list[tuple[int, int, int, int]], row: int, col: int) -> bool:
    for r1, c1, r2, c2 in areas:
        if c1 <= col <= c2 and (row, col) != (r1, c1):
            return True
    return False


def inline_text(is_elem: etree._Element) -> str:
    """The text of <is> (or a rich <si>): plain <t> and the <t> of each run <r>, phonetic runs left out."""
    parts = []
    for child in is_elem:
        tag = child.tag
        if tag.endswith("}t"):
            parts.append(child.text or "")
        elif tag.endswith("}r"):
            for t in child:
                if t.tag.endswith("}t"):
                    parts.append(t.text or "")
    return "".join(parts)


def column_letter(col: int) -> str:
    """1 → A, 28 → AB."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
