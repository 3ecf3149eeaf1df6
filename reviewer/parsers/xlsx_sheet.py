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
from .xlsx_cells import CellDecoder, PrecisionLoss, SheetRow
from .xlsx_merges import MergeMap
from .xlsx_workbook import MAIN_NAMESPACES, CellStyle, ns_of

MIN_VISIBLE_ROW_HEIGHT = 1.5   # points: a row lower than this shows nothing
MIN_VISIBLE_COL_WIDTH = 0.5    # characters: a column narrower than this shows nothing
PAGE_TEXT_TAGS = {"oddHeader": "header", "evenHeader": "header", "firstHeader": "header",
                  "oddFooter": "footer", "evenFooter": "footer", "firstFooter": "footer"}
# print header/footer codes: &L &C &R sections, &"font,style", &12 size, &K colour, &P page and other fields
_PAGE_CODES = re.compile(r'&"[^"]*"|&K[0-9A-Fa-f]{6}|&K\d{2}[+-]\d{3}|&\d+|&[LCR]|&[PNDTAFZGBIUESXYH]')


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
        decoder: CellDecoder | None = None
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
                    if decoder is None:   # the sheet's namespace (transitional or strict) is known now
                        decoder = CellDecoder("{%s}" % ns_of(elem), self.styles, self.strings, self.date1904,
                                              self.pkg.path.name, self.precision)
                    sheet_row = decoder.row(elem, number, self.merges)
                    sheet_row.hidden = _row_hidden(elem, zero_height)
                    elem.clear(keep_tail=False)
                    parent = elem.getparent()
                    if parent is not None:
                        while elem.getprevious() is not None:
                            del parent[0]
                    if sheet_row.texts:
                        yield sheet_row
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
