"""xlsx parser: every sheet (hidden ones too), hidden rows and columns, concealing formats, comments, names, properties."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..document import Location, ParseContext, Segment
from ..errors import CorruptFileError, LimitExceededError, ReviewerError
from .ooxml import REPAIR_HINT, Package
from .xlsx_extras import (comment_segments, defined_name_segments, drawing_segments, embedded_files,
                          embedded_segment,
                          property_segments, read_persons, sheet_embeddings)
from .xlsx_merges import read_merges
from .xlsx_pivot import pivot_segments
from .xlsx_rows import HeaderFinder, RowSplitter
from .xlsx_sheet import SheetReader
from .xlsx_workbook import SheetInfo, read_shared_strings, read_styles, read_workbook

DEADLINE_EVERY_ROWS = 256
SKIPPED_KINDS = {"chartsheet": "图表工作表", "dialogsheet": "对话框工作表",
                 "xlMacrosheet": "宏工作表", "xlIntlMacrosheet": "宏工作表"}


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    """Segments of a workbook in sheet order (each with its comments and shapes), then pivot caches,
    defined names, embedded files and properties."""
    try:
        yield from _parse(path, ctx)
    except ReviewerError:
        raise
    except (KeyError, IndexError, ValueError, EOFError, OSError, zipfile.BadZipFile,
            NotImplementedError, zlib.error, etree.LxmlError) as exc:
        raise CorruptFileError(
            f"“{path.name}”已损坏或不完整，无法解析（{type(exc).__name__}: {exc}）。{REPAIR_HINT}") from exc


def _parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    with Package(path, ctx.limits) as pkg:
        wb = read_workbook(pkg)
        styles = read_styles(pkg, wb.styles_part)
        strings = read_shared_strings(pkg, wb.strings_part)
        persons = read_persons(pkg)
        linked: set[str] = set()
        for sheet in wb.sheets:
            if sheet.kind != "worksheet":
                kind = SKIPPED_KINDS.get(sheet.kind, sheet.kind)
                ctx.notes.append(f"{kind}“{sheet.name}”已跳过（不含单元格文字），请人工查看其中的标题和标签。")
                continue
            if sheet.part is None or not pkg.has(sheet.part):
                raise CorruptFileError(f"“{path.name}”缺少工作表“{sheet.name}”的内容部件，文件不完整。{REPAIR_HINT}")
            yield from _sheet_segments(pkg, path, sheet, styles, strings, wb.date1904, ctx)
            yield from comment_segments(pkg, sheet.part, sheet.name, persons)
            yield from drawing_segments(pkg, sheet.part, sheet.name, sheet.hidden)
            for part in sheet_embeddings(pkg, sheet.part):
                if pkg.has(part) and part not in linked:
                    linked.add(part)
                    yield embedded_segment(part, sheet.name, sheet.hidden)
        yield from pivot_segments(pkg, _cell_counter(path, ctx))
        yield from defined_name_segments(wb.defined_names)
        for part in embedded_files(pkg):
            if part not in linked:
                yield embedded_segment(part, None, False)
        images = [n for n in pkg.names() if n.startswith("xl/media/")]
        if images:
            ctx.notes.append(f"工作簿含 {len(images)} 个图片，图片中的文字未自动审查，请人工查看。")
        yield from property_segments(pkg)


def _too_many_cells(path: Path, max_cells: int) -> None:
    raise LimitExceededError(
        f"“{path.name}”的非空单元格超过 {max_cells} 个上限（REVIEWER_MAX_CELLS），已停止处理。"
        "请把工作簿拆分为较小的文件后分别提交，或请管理员调高该上限。")


def _cell_counter(path: Path, ctx: ParseContext):
    """Counts cells read outside the sheets (pivot caches) against the same limit and deadline."""
    def count(n: int) -> None:
        ctx.cells += n
        ctx.rows += 1
        if ctx.cells > ctx.limits.max_cells:
            _too_many_cells(path, ctx.limits.max_cells)
        if ctx.rows % DEADLINE_EVERY_ROWS == 0:
            ctx.check_deadline()
    return count


def _sheet_segments(pkg: Package, path: Path, sheet: SheetInfo, styles, strings, date1904: bool,
                    ctx: ParseContext) -> Iterator[Segment]:
    reader = SheetReader(pkg, sheet.part, styles, strings, date1904)
    if not sheet.hidden:  # in a hidden sheet everything is concealed already
        reader.merges = read_merges(pkg, sheet.part)
    headers = HeaderFinder()
    splitter: RowSplitter | None = None
    max_cells = ctx.limits.max_cells
    for row in reader.rows():
        if splitter is None:  # <cols> precede <sheetData>: hidden columns are known by the first row
            splitter = RowSplitter(sheet.name, sheet.hidden, reader.hidden_cols)
        ctx.rows += 1
        ctx.cells += len(row.texts)
        if ctx.cells > max_cells:
            _too_many_cells(path, max_cells)
        if ctx.rows % DEADLINE_EVERY_ROWS == 0:
            ctx.check_deadline()
        yield from splitter.segments(row, headers.feed(row))
    # print headers/footers (where 内部资料 or a 密级 is often put) and drop-down lists
    for part, text, cell in reader.page_texts:
        if sheet.hidden:
            yield Segment(text, Location("hidden_sheet", sheet=sheet.name, cell=cell), "hidden_sheet",
                          f"sheet:{sheet.name}")
        else:
            yield Segment(text, Location(part, sheet=sheet.name, cell=cell))
    lost = reader.precision
    if lost.count:
        ctx.notes.append(
            f"工作表“{sheet.name}”有 {lost.count} 个 16 位以上的数字以数值形式保存（首个在 {lost.first_ref}），"
            f"Excel 只保留 15 位有效数字，末尾几位已丢失，按 {lost.first_text} 这样的形式审查；"
            "这些多半是身份证号或银行卡号（前 15 位仍可识别地区和出生日期），"
            "请把该列设为文本格式后从原始数据重新录入，发布前人工核对。")
