"""xlsx rows to segments: column headings, and which cells a reader of the sheet does not see."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..document import Cell, Location, Segment
from .xlsx_sheet import SheetCell, SheetRow, column_letter

HEADER_SEARCH_ROWS = 10     # the heading row is looked for among the first non-empty rows
HEADER_MIN_CELLS = 2
HEADER_MIN_SHARE = 0.75     # share of a heading row's cells that must be labels
LABEL_MAX_CHARS = 40
_DIGIT = re.compile(r"\d")


def is_label(text: str) -> bool:
    """Short text that is not mostly digits: 姓名, 身份证号码, 住址 (not 1, 5323**********0011, 2024-01-05)."""
    text = text.strip()
    if not text or len(text) > LABEL_MAX_CHARS:
        return False
    return len(_DIGIT.findall(text)) * 10 < len(text) * 3


@dataclass
class HeaderFinder:
    """Finds the heading row (序号/姓名/身份证号码…) among a sheet's first rows as they stream by."""

    seen: int = 0
    headers: dict[int, str] | None = None

    def feed(self, row: SheetRow) -> dict[int, str] | None:
        """The headings for this row's cells (None before and on the heading row itself)."""
        if self.headers is not None:
            return self.headers
        self.seen += 1
        if self.seen <= HEADER_SEARCH_ROWS:
            labels = sum(1 for c in row.cells if is_label(c.text))
            if len(row.cells) >= HEADER_MIN_CELLS and labels >= HEADER_MIN_SHARE * len(row.cells):
                self.headers = {c.col: c.text.strip() for c in row.cells}
        return None


@dataclass
class RowSplitter:
    """Turns rows of one sheet into segments: visible cells, hidden-column runs, concealing formats."""

    sheet: str
    sheet_hidden: bool
    hidden_cols: set[int]
    _runs: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # adjacent hidden columns are one concealed object: B, or B:D
        cols = sorted(self.hidden_cols)
        i = 0
        while i < len(cols):
            j = i
            while j + 1 < len(cols) and cols[j + 1] == cols[j] + 1:
                j += 1
            start, end = column_letter(cols[i]), column_letter(cols[j])
            label = start if i == j else f"{start}:{end}"
            for k in range(i, j + 1):
                self._runs[cols[k]] = label
            i = j + 1

    def segments(self, row: SheetRow, headers: dict[int, str] | None) -> Iterator[Segment]:
        sheet, number = self.sheet, row.number
        if self.sheet_hidden:
            yield _segment(row.cells, headers, Location("hidden_sheet", sheet=sheet, paragraph=number),
                           "hidden_sheet", f"sheet:{sheet}")
            return
        if row.hidden:
            yield _segment(row.cells, headers, Location("hidden_row", sheet=sheet, paragraph=number),
                           "hidden_row", f"rows:{sheet}")
            return
        visible: list[SheetCell] = []
        runs: dict[str, list[SheetCell]] = {}
        concealed: list[SheetCell] = []
        for c in row.cells:
            run = self._runs.get(c.col) if self._runs else None
            if run is not None:
                runs.setdefault(run, []).append(c)
            elif c.concealed:
                concealed.append(c)
            else:
                visible.append(c)
        if visible:
            yield _segment(visible, headers, Location("sheet", sheet=sheet, paragraph=number))
        for run, cells in runs.items():
            yield _segment(cells, headers,
                           Location("hidden_column", sheet=sheet, paragraph=number, cell=cells[0].ref),
                           "hidden_column", f"col:{sheet}!{run}")
        for c in concealed:
            letter = c.ref.rstrip("0123456789")
            part = "covered_text" if c.concealed == "covered_text" else "hidden_text"
            yield _segment([c], headers, Location(part, sheet=sheet, paragraph=number, cell=c.ref),
                           c.concealed, f"{c.concealed}:{sheet}!{letter}")


def _segment(cells: list[SheetCell], headers: dict[int, str] | None, location: Location,
             concealed: str | None = None, group: str | None = None) -> Segment:
    parts: list[str] = []
    out: list[Cell] = []
    pos = 0
    for c in cells:
        out.append(Cell(pos, c.ref, headers.get(c.col) if headers else None))
        parts.append(c.text)
        pos += len(c.text) + 1
    return Segment("\t".join(parts), location, concealed, group, out)
