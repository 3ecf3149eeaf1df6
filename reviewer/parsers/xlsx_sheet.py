"""One worksheet streamed row by row from its XML, with the hidden-row and hidden-column flags Excel keeps there."""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree

from .ooxml import PARSER_OPTIONS, Package, REPAIR_HINT
from ..errors import CorruptFileError, UnsafeXmlError
from .xlsx_merges import MergeMap
from .xlsx_values import render_date, render_iso_date, render_number
from .xlsx_workbook import MAIN_NAMESPACES, PLAIN, CellStyle

MIN_VISIBLE_ROW_HEIGHT = 1.5   # points: a row lower than this shows nothing
MIN_VISIBLE_COL_WIDTH = 0.5    # characters: a column narrower than this shows nothing
PAGE_TEXT_TAGS = {"oddHeader": "header", "evenHeader": "header", "firstHeader": "header",
                  "oddFooter": "footer", "evenFooter": "footer", "firstFooter": "footer"}
# print header/footer codes: &L &C &R sections, &"font,style", &12 size, &K colour, &P page and other fields
_PAGE_CODES = re.compile(r'&"[^"]*"|&K[0-9A-Fa-f]{6}|&K\d{2}[+-]\d{3}|&\d+|&[LCR]|&[PNDTAFZGBIUESXYH]')


@dataclass(slots=True)
class SheetCell:
    """A non-empty cell: column number (1-based), reference, text as stored, and how its format conceals it."""

    col: int
    ref: str
    text: str
    concealed: str | None = None   # hidden_text (;;; format), white_text (white font), covered_text (under a merge)


@dataclass(slots=True)
class SheetRow:
    number: int
    hidden: bool
    cells: list[SheetCell]


@dataclass(slots=True)
class PrecisionLoss:
    """Numbers of 16+ digits (ID, bank card) stored as floating point: Excel kept 15 significant digits."""

    count: int = 0
    first_ref: str | None = None
    first_text: str | None = None


@dataclass
class SheetReader:
    """Streams one worksheet part; hidden columns are known once the <cols> before <sheetData> are read."""

    pkg: Package
    part: str
    styles: list[CellStyle]
    strings: list[str]
    date1904: bool = False
    hidden_cols: set[int] = field(default_factory=set)
    precision: PrecisionLoss = field(default_factory=PrecisionLoss)
    # text around the cells, known after rows(): (part, text, cell) for print headers/footers
    # ("header"/"footer") and drop-down lists of data validation ("sheet", the list, first cell)
    page_texts: list[tuple[str, str, str | None]] = field(default_factory=list)
    merges: MergeMap | None = None
    _col_cache: dict[str, int] = field(default_factory=dict)

    def rows(self) -> Iterator[SheetRow]:
        """Every row holding at least one non-empty cell, in file order."""
        tags = {}
        for ns in MAIN_NAMESPACES:
            tags.update({f"{{{ns}}}row": "row", f"{{{ns}}}col": "col",
                         f"{{{ns}}}sheetFormatPr": "format"})
            tags.update({f"{{{ns}}}{name}": name for name in PAGE_TEXT_TAGS})
            tags[f"{{{ns}}}dataValidation"] = "validation"
        zero_height = False
        last_row = 0
        checked = False
        with self.pkg.open(self.part) as fh:
            parser = etree.iterparse(fh, events=("end",), tag=list(tags), **PARSER_OPTIONS)
            for _event, elem in _guard(parser, self.pkg.path.name, self.part):
                if not checked:  # entities are never expanded (resolve_entities=False); a DTD is refused
                    checked = True
                    info = elem.getroottree().docinfo
                    if info.doctype or info.internalDTD is not None:
                        raise UnsafeXmlError(f"“{self.pkg.path.name}”的内部部件 {self.part} 声明了 DTD/实体"
                                             f"（可能是“实体扩展炸弹”），已拒绝处理。{REPAIR_HINT}")
                kind = tags[elem.tag]
                if kind == "row":
                    number = _int(elem.get("r"), last_row + 1)
                    last_row = number
                    cells = self._cells(elem, number)
                    hidden = _row_hidden(elem, zero_height)
                    elem.clear(keep_tail=False)
                    parent = elem.getparent()
                    if parent is not None:
                        while elem.getprevious() is not None:
                            del parent[0]
                    if cells:
                        yield SheetRow(number, hidden, cells)
                elif kind == "col":
                    if _col_hidden(elem):
                        lo, hi = _int(elem.get("min"), 1), _int(elem.get("max"), 0)
                        self.hidden_cols.update(range(max(lo, 1), min(max(hi, lo), 16384) + 1))
                elif kind == "format":
                    zero_height = elem.get("zeroHeight", "0").lower() in ("1", "true")
                elif kind == "validation":
                    choices = validation_list(elem)
                    if choices:
                        first = (elem.get("sqref") or "").split(" ")[0].split(":")[0] or None
                        self.page_texts.append(("sheet", choices, first))
                else:
                    text = page_text(elem.text or "")
                    if text:
                        self.page_texts.append((PAGE_TEXT_TAGS[kind], text, None))

    def _cells(self, row: etree._Element, number: int) -> list[SheetCell]:
        out: list[SheetCell] = []
        col = 0
        styles, strings, merges = self.styles, self.strings, self.merges
        n_styles = len(styles)
        for c in row:
            tag = c.tag
            if not tag.endswith("}c"):
                continue
            ref = c.get("r")
            if ref:
                col = self._col_of(ref)
            else:
                col += 1
                ref = f"{column_letter(col)}{number}"
            kind = c.get("t", "n")
            s = c.get("s")
            style = styles[int(s)] if s and s.isdigit() and int(s) < n_styles else PLAIN
            raw = None
            for child in c:
                ctag = child.tag
                if ctag.endswith("}v"):
                    raw = child.text
                elif ctag.endswith("}is"):
                    raw = _inline_text(child)
            if raw is None or raw == "":
                continue
            concealed = None
            if kind == "s":
                try:
                    text = strings[int(raw)]
                except (ValueError, IndexError):
                    raise CorruptFileError(
                        f"“{self.pkg.path.name}”的单元格 {ref} 引用了不存在的共享字符串（{raw}），"
                        f"文件不完整。{REPAIR_HINT}") from None
                if style.fmt.hides_text:
                    concealed = "hidden_text"
            elif kind in ("n", ""):
                fmt = style.fmt
                if fmt.is_date:
                    text = render_date(raw, fmt, self.date1904) or render_number(raw).text
                else:
                    number_text = render_number(raw)
                    text = number_text.text
                    if number_text.lost_precision and len(text.lstrip("-")) >= 16:
                        self._lost(ref, text)
                if fmt.hides_numbers:
                    concealed = "hidden_text"
            elif kind == "b":
                text = "TRUE" if raw.strip() in ("1", "true") else "FALSE"
            elif kind == "d":
                text = render_iso_date(raw)
                if style.fmt.hides_numbers:
                    concealed = "hidden_text"
            else:  # str (formula result), inlineStr, e (error such as #N/A)
                text = raw
                if kind != "e" and style.fmt.hides_text:
                    concealed = "hidden_text"
            if not text.strip():
                continue
            if merges and merges.covers(number, col):
                concealed = "covered_text"
            elif concealed is None and style.white:
                concealed = "white_text"
            out.append(SheetCell(col, ref, text, concealed))
        return out

    def _col_of(self, ref: str) -> int:
        letters = ref.rstrip("0123456789")
        col = self._col_cache.get(letters)
        if col is None:
            col = 0
            for ch in letters.upper():
                col = col * 26 + (ord(ch) - 64)
            self._col_cache[letters] = col
        return col

    def _lost(self, ref: str, text: str) -> None:
        p = self.precision
        p.count += 1
        if p.first_ref is None:
            p.first_ref, p.first_text = ref, text


def _guard(parser, file_name: str, part: str):
    """Library errors of the worksheet stream as CorruptFileError/UnsafeXmlError naming the file and part."""
    try:
        yield from parser
    except etree.XMLSyntaxError as exc:
        text = str(exc)
        if "depth" in text.lower() or "entity" in text.lower() or "amplification" in text.lower():
            raise UnsafeXmlError(f"“{file_name}”的内部部件 {part} 嵌套过深或含有实体引用，"
                                 f"已拒绝处理。{REPAIR_HINT}") from exc
        raise CorruptFileError(f"“{file_name}”已损坏或不完整：内部部件 {part} 无法读取（{exc}）。"
                               f"{REPAIR_HINT}") from exc
    except (zlib.error, zipfile.BadZipFile, EOFError, OSError) as exc:  # damaged or truncated member
        raise CorruptFileError(f"“{file_name}”已损坏或不完整：内部部件 {part} 无法解压（{exc}）。"
                               f"{REPAIR_HINT}") from exc


def _inline_text(is_elem: etree._Element) -> str:
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


def _row_hidden(row: etree._Element, zero_height: bool) -> bool:
    if row.get("hidden", "0").lower() in ("1", "true"):
        return True
    ht = row.get("ht")
    if ht is not None:
        try:
            if float(ht) < MIN_VISIBLE_ROW_HEIGHT:
                return True
        except ValueError:
            pass
        if zero_height and row.get("customHeight", "0").lower() in ("1", "true"):
            return False
    return zero_height


def _col_hidden(col: etree._Element) -> bool:
    if col.get("hidden", "0").lower() in ("1", "true"):
        return True
    width = col.get("width")
    if width is not None and col.get("customWidth", "1").lower() in ("1", "true"):
        try:
            return float(width) < MIN_VISIBLE_COL_WIDTH
        except ValueError:
            return False
    return False


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def column_letter(col: int) -> str:
    """1 → A, 28 → AB."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def page_text(code: str) -> str:
    """The words of a print header/footer: "&L&\"宋体,常规\"内部资料&R第&P页" → "内部资料 第页"."""
    text = code.replace("&&", "\x00")
    text = re.sub(r"&[LCR]", " ", text)
    text = _PAGE_CODES.sub("", text).replace("\x00", "&")
    return " ".join(text.split())


def validation_list(elem: etree._Element) -> str | None:
    """The choices of a drop-down list typed into the rule ("张三,李四"), not a range reference."""
    if elem.get("type") != "list":
        return None
    for child in elem:
        if child.tag.endswith("}formula1"):
            formula = (child.text or "").strip()
            if formula.startswith('"') and formula.endswith('"') and len(formula) > 2:
                return "\t".join(c.strip() for c in formula[1:-1].split(",") if c.strip())
    return None
