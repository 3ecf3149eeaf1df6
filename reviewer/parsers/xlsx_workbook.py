"""xlsx workbook-level parts read once: sheet list and states, defined names, styles and shared strings."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .ooxml import Package
from .xlsx_values import GENERAL, NumberFormat, classify

WORKBOOK = "xl/workbook.xml"
MAIN_NAMESPACES = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                   "http://purl.oclc.org/ooxml/spreadsheetml/main")  # transitional, strict


def ns_of(elem: etree._Element) -> str:
    tag = elem.tag
    return tag[1:tag.index("}")] if isinstance(tag, str) and tag.startswith("{") else ""


def rel_id(elem: etree._Element) -> str | None:
    """The r:id attribute, whichever relationships namespace (transitional or strict) it uses."""
    for name, value in elem.attrib.items():
        if name.endswith("}id"):
            return value
    return None


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """One <sheet> of workbook.xml: its tab name, visibility, kind and part."""

    name: str
    state: str          # visible, hidden, veryHidden
    kind: str           # worksheet, chartsheet, dialogsheet, xlMacrosheet…
    part: str | None    # package part name, None when the relationship is missing

    @property
    def hidden(self) -> bool:
        return self.state in ("hidden", "veryHidden")


@dataclass(frozen=True, slots=True)
class DefinedName:
    name: str
    value: str
    hidden: bool


@dataclass(slots=True)
class Workbook:
    sheets: list[SheetInfo] = field(default_factory=list)
    defined_names: list[DefinedName] = field(default_factory=list)
    date1904: bool = False
    styles_part: str | None = None
    strings_part: str | None = None


def read_workbook(pkg: Package) -> Workbook:
    """Sheets in tab order with their visibility and part, defined names, the date system."""
    root = pkg.xml(WORKBOOK)
    ns = "{%s}" % ns_of(root)
    rels = {r.id: r for r in pkg.relationships(WORKBOOK)}
    wb = Workbook()
    pr = root.find(ns + "workbookPr")
    if pr is not None:
        wb.date1904 = pr.get("date1904", "0").lower() in ("1", "true")
    for sheet in root.iterfind(f"{ns}sheets/{ns}sheet"):
        rel = rels.get(rel_id(sheet) or "")
        kind = rel.type if rel else "worksheet"
        part = rel.target if rel and not rel.external else None
        wb.sheets.append(SheetInfo(sheet.get("name", "?"), sheet.get("state", "visible"), kind, part))
    for dn in root.iterfind(f"{ns}definedNames/{ns}definedName"):
        wb.defined_names.append(DefinedName(dn.get("name", ""), (dn.text or "").strip(),
                                            dn.get("hidden", "0").lower() in ("1", "true")))
    for rel in rels.values():
        if rel.type == "styles" and not rel.external:
            wb.styles_part = rel.target
        elif rel.type == "sharedStrings" and not rel.external:
            wb.strings_part = rel.target
    return wb


# ---------------------------------------------------------------- styles
@dataclass(frozen=True, slots=True)
class CellStyle:
    """What a cellXfs entry does to a value: its number format and whether its text is invisible.

    `white` is true for white text on no fill, text the colour of its solid fill, or a
    number format coloured [White]; such cells are reported as white_text.
    """

    fmt: NumberFormat = GENERAL
    white: bool = False


PLAIN = CellStyle()
WHITE_INDEXED = {"1", "9"}


def _rgb(color: etree._Element | None) -> str | None:
    """An explicit RGB colour as RRGGBB, None for theme/indexed/automatic colours."""
    rgb = color.get("rgb") if color is not None else None
    return rgb.upper()[-6:] if rgb else None


def _is_white(color: etree._Element | None) -> bool:
    if color is None:
        return False
    rgb = color.get("rgb")
    if rgb:
        return rgb.upper()[-6:] == "FFFFFF"
    if color.get("indexed") in WHITE_INDEXED:
        return True
    if color.get("theme") == "0":  # lt1, "Background 1": white in every stock theme
        return float(color.get("tint", "0") or 0) > -0.15
    return False


def read_styles(pkg: Package, part: str | None) -> list[CellStyle]:
    """One CellStyle per cellXfs index (the s= of a cell)."""
    if not part or not pkg.has(part):
        return []
    root = pkg.xml(part)
    ns = "{%s}" % ns_of(root)
    codes = {int(f.get("numFmtId", "-1")): f.get("formatCode", "")
             for f in root.iterfind(f"{ns}numFmts/{ns}numFmt")}
    font_colors = [font.find(ns + "color") for font in root.iterfind(f"{ns}fonts/{ns}font")]
    fonts_white = [_is_white(c) for c in font_colors]
    fonts_rgb = [_rgb(c) for c in font_colors]
    fills_opaque, fills_rgb = [], []
    for fill in root.iterfind(f"{ns}fills/{ns}fill"):
        pattern = fill.find(ns + "patternFill")
        solid = pattern is not None and pattern.get("patternType", "none") == "solid"
        fg = pattern.find(ns + "fgColor") if solid else None
        fills_opaque.append(solid and not _is_white(fg))
        fills_rgb.append(_rgb(fg) if solid else None)
    cache: dict[int, NumberFormat] = {}
    styles = []
    for xf in root.iterfind(f"{ns}cellXfs/{ns}xf"):
        fmt_id = _int(xf.get("numFmtId"))
        if fmt_id not in cache:
            cache[fmt_id] = classify(fmt_id, codes.get(fmt_id))
        font, fill = _int(xf.get("fontId")), _int(xf.get("fillId"))
        font_ok, fill_ok = 0 <= font < len(fonts_white), 0 <= fill < len(fills_opaque)
        # invisible: white text on no fill, or text the colour of its own solid fill (red on red)
        white = bool(font_ok and fonts_white[font] and not (fill_ok and fills_opaque[fill])) \
            or bool(font_ok and fill_ok and fonts_rgb[font] and fonts_rgb[font] == fills_rgb[fill])
        styles.append(CellStyle(cache[fmt_id], white or cache[fmt_id].white))
    return styles


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


# ---------------------------------------------------------------- shared strings
def read_shared_strings(pkg: Package, part: str | None) -> list[str]:
    """The shared string table, streamed; rich text runs joined, phonetic (rPh) runs left out."""
    if not part or not pkg.has(part):
        return []
    strings: list[str] = []
    ns = None
    for _event, elem in pkg.iter_xml(part, events=("end",)):
        if ns is None:
            ns = "{%s}" % ns_of(elem)
            si_tag, t_tag, r_tag = ns + "si", ns + "t", ns + "r"
        if elem.tag != si_tag:
            continue
        t = elem.find(t_tag)
        if t is not None:
            strings.append(t.text or "")
        else:
            strings.append("".join(r.findtext(t_tag) or "" for r in elem.iterfind(r_tag)))
        elem.clear()
        parent = elem.getparent()
        if parent is not None:
            while elem.getprevious() is not None:
                del parent[0]
    return strings
