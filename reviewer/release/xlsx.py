"""Release copy of a .xlsx: values blanked in every cell, then hidden sheets deleted, hidden rows/columns emptied and shown, comments, constant names, properties dropped."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter

from ..limits import DEFAULT_LIMITS
from ..parsers.ooxml import check_zip
from ..parsers.xlsx_values import classify
from . import RedactionTarget, Redaction, ReleaseRefused
from .match import Needles, blank, find_counted, find_spans, mask_value, normalise

HEADER_FOOTERS = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
CONSTANT = re.compile(r'^=?\s*("|\{[^}]*")')      # a text constant or an array holding text; numbers stay
LEFTOVER_PARTS = (("xl/comments", "批注"), ("xl/threadedComments", "批注"), ("xl/embeddings/", "嵌入文件"),
                  ("customXml/", "自定义 XML 数据"), ("docProps/custom.xml", "自定义文档属性"),
                  ("xl/pivotCache", "数据透视表缓存"), ("xl/externalLinks/", "外部链接缓存"))


# parts openpyxl does not write back: gone from every copy, said in its result
NOT_WRITTEN = (("xl/pivotCache/", "数据透视表缓存（保存着源数据行）"), ("xl/threadedComments/", "新版批注（讨论串）"),
               ("xl/embeddings/", "嵌入文件"), ("customXml/", "自定义 XML 数据"), ("xl/vbaProject", "宏代码"))


def redact(source: Path, targets: list[RedactionTarget], dest: Path) -> Redaction:
    check_zip(source, DEFAULT_LIMITS)
    needles = Needles(normalise(t.text) for t in targets)
    done = Redaction()
    with zipfile.ZipFile(source) as zf:
        names = zf.namelist()
    for prefix, what in NOT_WRITTEN:
        if any(n.startswith(prefix) for n in names):
            done.dropped.append(f"已删除{what}")
    wb = openpyxl.load_workbook(source)
    counts: dict[str, int] = {}
    for ws in wb.worksheets:
        title = _blank_text(ws.title, needles, counts)
        if title != ws.title:
            ws.title = title            # a sheet named after a person
        for row in ws.iter_rows():
            for cell in row:
                _blank_cell(cell, needles, counts)
        for attr in HEADER_FOOTERS:
            hf = getattr(ws, attr, None)
            for side in ("left", "center", "right") if hf is not None else ():
                part = getattr(hf, side)
                if part is not None and part.text:
                    part.text = _blank_text(part.text, needles, counts)
    _drop_hidden_sheets(wb, done, source.name)
    for ws in wb.worksheets:
        _empty_hidden_rows_and_columns(ws, done)
        _clear_invisible_cells(ws, done)
        _drop_comments(ws, done)
        ws._pivots = []
    _drop_names(wb, needles, done)
    _clear_properties(wb, done)
    if getattr(wb, "_external_links", None):
        done.dropped.append(f"已删除外部链接缓存 {len(wb._external_links)} 个")
        wb._external_links = []
    wb.save(dest)
    for t in targets:
        n = counts.get(normalise(t.text), 0)
        if n and t.text not in done.values:
            done.count(t.text, n)
    return done


def _blank_text(text: str, needles: Needles, counts: dict[str, int]) -> str:
    spans, found = find_counted(text, needles)
    if not spans:
        return text
    for n, k in found.items():
        counts[n] = counts.get(n, 0) + k
    return blank(text, spans)


def _blank_cell(cell, needles: Needles, counts: dict[str, int]) -> None:
    value = cell.value
    if isinstance(value, str):
        new = _blank_text(value, needles, counts)
        if new != value:
            cell.value = new
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(int(value)) if isinstance(value, int) or value.is_integer() else repr(value)
        new = _blank_text(text, needles, counts)
        if new != text:
            cell.value = new        # a number holding an ID becomes text of ■
    if getattr(cell, "hyperlink", None) is not None and cell.hyperlink.target:
        cell.hyperlink.target = _blank_text(cell.hyperlink.target, needles, counts)


def _drop_hidden_sheets(wb, done: Redaction, file_name: str) -> None:
    hidden = [ws for ws in wb.worksheets + list(wb.chartsheets) if ws.sheet_state in ("hidden", "veryHidden")]
    if hidden and len(hidden) == len(wb.worksheets) + len(wb.chartsheets):
        raise ReleaseRefused(f"“{file_name}”的工作表全部是隐藏的，删除后没有可发布的内容。"
                             "请在 Excel 中取消隐藏需要公开的工作表后重新提交。")
    for ws in hidden:
        filled = sum(1 for row in ws.iter_rows() for c in row if c.value not in (None, "")) \
            if hasattr(ws, "iter_rows") else 0
        wb.remove(ws)
        done.dropped.append(f"已删除隐藏工作表“{ws.title}”（{filled} 个非空单元格）")
    if wb.active is None or wb.active.sheet_state != "visible":
        wb.active = next(i for i, ws in enumerate(wb.worksheets) if ws.sheet_state == "visible")
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is wb.active


def _empty_hidden_rows_and_columns(ws, done: Redaction) -> None:
    rows = sorted(r for r, dim in ws.row_dimensions.items() if dim.hidden or dim.ht == 0)
    cols: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden or (dim.customWidth and dim.width == 0):
            cols.update(range(dim.min or 1, (dim.max or dim.min or 1) + 1))
    cleared = 0
    for r in rows:
        for cell in ws[r]:
            if isinstance(cell, MergedCell):
                continue          # covered by a merge: holds no value
            if cell.value not in (None, ""):
                cleared += 1
            cell.value = None
        ws.row_dimensions[r].hidden = False
        if ws.row_dimensions[r].ht == 0:
            ws.row_dimensions[r].ht = None
    for c in sorted(cols):
        for (cell,) in ws.iter_rows(min_col=c, max_col=c):
            if isinstance(cell, MergedCell):
                continue
            if cell.value not in (None, ""):
                cleared += 1
            cell.value = None
    for dim in ws.column_dimensions.values():
        if dim.hidden or (dim.customWidth and dim.width == 0):
            dim.hidden = False
            if dim.width == 0:
                dim.width = 9
    if rows:
        done.dropped.append(f"工作表“{ws.title}”：已清空并取消隐藏隐藏行 {len(rows)} 行")
    if cols:
        letters = "、".join(get_column_letter(c) for c in sorted(cols)[:10])
        done.dropped.append(f"工作表“{ws.title}”：已清空并取消隐藏隐藏列 {letters}")
    if cleared:
        done.dropped.append(f"工作表“{ws.title}”：隐藏行列中 {cleared} 个单元格的内容已删除")


def _clear_invisible_cells(ws, done: Redaction) -> None:
    """Values a concealing number format (;;;) or white font on a clear background keeps from view."""
    n = 0
    for row in ws.iter_rows():
        for cell in row:
            v = cell.value
            if v in (None, "") or not cell.has_style or isinstance(cell, MergedCell):
                continue
            fmt = classify(-1, cell.number_format)
            hides = fmt.hides_text if isinstance(v, str) else fmt.hides_numbers
            if hides or _white(cell):
                cell.value = None
                n += 1
    if n:
        done.dropped.append(f"工作表“{ws.title}”：已删除不可见（白色字体或隐藏格式）单元格 {n} 个")


def _white(cell) -> bool:
    colour = cell.font.color if cell.font is not None else None
    if colour is None:
        return False
    white = False
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        white = colour.rgb.upper()[-6:] == "FFFFFF"
    elif colour.type == "indexed":
        white = colour.indexed in (1, 9)
    elif colour.type == "theme":
        white = colour.theme == 0 and (colour.tint or 0) > -0.15
    if not white:
        return False
    fill = cell.fill
    if fill is not None and fill.fill_type not in (None, "none"):
        fg = fill.fgColor
        opaque_white = fg is not None and fg.type == "rgb" and isinstance(fg.rgb, str) and fg.rgb.upper()[-6:] == "FFFFFF"
        return opaque_white
    return True


def _drop_comments(ws, done: Redaction) -> None:
    authors = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.comment is not None:
                authors.append(cell.comment.author or "")
                cell.comment = None
    if authors:
        who = "、".join(sorted({mask_value(a) for a in authors if a}))
        done.dropped.append(f"工作表“{ws.title}”：已删除批注 {len(authors)} 条" + (f"（作者：{who}）" if who else ""))


def _drop_names(wb, needles: Needles, done: Redaction) -> None:
    sheets = {ws.title for ws in wb.worksheets}
    scopes = [(None, wb.defined_names)] + [(ws.title, ws.defined_names) for ws in wb.worksheets]
    for scope, names in scopes:
        for key in list(names.keys()):
            dn = names[key]
            value = dn.value or dn.attr_text or ""
            refs = re.findall(r"'((?:[^']|'')+)'!|([^\s'!=,(){}\"+\-*/&]+)!", value)
            gone_sheet = any((a or b).replace("''", "'") not in sheets for a, b in refs)
            if dn.hidden or CONSTANT.match(value) or find_spans(value, needles) or gone_sheet:
                del names[key]
                why = "指向已删除的工作表" if gone_sheet else "含数据"
                done.dropped.append(f"已删除定义名称“{dn.name}”（{why}）")


def _clear_properties(wb, done: Redaction) -> None:
    p = wb.properties
    for attr, what in (("creator", "作者"), ("lastModifiedBy", "最后修改者"), ("description", "备注")):
        value = getattr(p, attr, None)
        if value:
            done.dropped.append(f"已清除文档属性“{what}”：{mask_value(value)}")
        setattr(p, attr, None)
    props = getattr(wb, "custom_doc_props", None)
    if props is not None and len(props):
        done.dropped.append(f"已删除自定义文档属性 {len(props)} 个")
        for name in list(props.names):
            del props[name]


def leftovers(path: Path, wb=None) -> list[str]:
    """Concealed parts still in a .xlsx, found by reading it with openpyxl (`wb`, when already loaded) and listing its parts."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            for prefix, what in LEFTOVER_PARTS:
                if name.startswith(prefix):
                    problems.append(f"{what}（{name}）")
        problems.extend(_property_leftovers(zf))
    wb = wb if wb is not None else openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            problems.append(f"隐藏工作表“{ws.title}”")
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None:
                    problems.append(f"批注（{ws.title}!{cell.coordinate}）")
        if any(d.hidden for d in ws.row_dimensions.values()):
            problems.append(f"隐藏行（{ws.title}）")
        if any(d.hidden for d in ws.column_dimensions.values()):
            problems.append(f"隐藏列（{ws.title}）")
    return problems


def _property_leftovers(zf: zipfile.ZipFile) -> list[str]:
    """openpyxl fills in "openpyxl" for a missing creator when reading: look at core.xml itself."""
    from .docx import CLEARED_PROPERTIES, _xml
    problems = []
    for part in ("docProps/core.xml", "docProps/app.xml"):
        if part in zf.namelist():
            root = _xml(zf.read(part), "", part)
            for tag, what in CLEARED_PROPERTIES:
                el = next(root.iter(tag), None)
                if el is not None and "".join(el.itertext()).strip():
                    problems.append(f"文档属性“{what}”")
    return problems
