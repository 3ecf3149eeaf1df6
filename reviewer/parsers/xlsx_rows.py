"""xlsx rows to segments: column headings, and which cells a reader of the sheet does not see."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat

from ..document import Cell, Location, Segment
from .xlsx_cells import SheetRow, column_letter

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
            texts = row.texts
            labels = sum(1 for t in texts if is_label(t))
            if len(texts) >= HEADER_MIN_CELLS and labels >= HEADER_MIN_SHARE * len(texts):
                self.headers = {col: t.strip() for col, t in zip(row.cols, texts)}
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

    def segments(self, row: SheetRow, headers: dict[int, str] | None) -> list[Segment]:
        sheet, number = self.sheet, row.number
        if self.sheet_hidden:
            return [_segment(row, None, headers, Location("hidden_sheet", number, None, sheet),
                             "hidden_sheet", f"sheet:{sheet}")]
        if row.hidden:
            return [_segment(row, None, headers, Location("hidden_row", number, None, sheet),
                             "hidden_row", f"rows:{sheet}")]
        runs_of = self._runs
        if not runs_of and not row.concealed:   # the usual row: every cell shown, one segment
            return [_segment(row, None, headers, Location("sheet", number, None, sheet))]
        concealed = row.concealed or {}
        visible: list[int] = []
        runs: dict[str, list[int]] = {}
        hidden: list[int] = []
        for i, col in enumerate(row.cols):
            run = runs_of.get(col)
            if run is not None:
                runs.setdefault(run, []).append(i)
            elif i in concealed:
                hidden.append(i)
            else:
                visible.append(i)
        out = []
        if visible:
            out.append(_segment(row, visible, headers, Location("sheet", number, None, sheet)))
        for run, cells in runs.items():
            out.append(_segment(row, cells, headers,
                                Location("hidden_column", number, None, sheet, row.refs[cells[0]]),
                                "hidden_column", f"col:{sheet}!{run}"))
        for i in hidden:
            ref, kind = row.refs[i], concealed[i]
            letter = ref.rstrip("0123456789")
            part = "covered_text" if kind == "covered_text" else "hidden_text"
            out.append(_segment(row, [i], headers, Location(part, number, None, sheet, ref),
                                kind, f"{kind}:{sheet}!{letter}"))
        return out


def _segment(row: SheetRow, picked: list[int] | None, headers: dict[int, str] | None, location: Location,
             concealed: str | None = None, group: str | None = None) -> Segment:
    """The picked cells of a row (all when None) joined by tabs, each Cell at its offset with its heading."""
    if picked is None:
        texts, refs, cols = row.texts, row.refs, row.cols
    else:
        texts = [row.texts[i] for i in picked]
        refs = [row.refs[i] for i in picked]
        cols = [row.cols[i] for i in picked]
    starts = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    heads = map(headers.get, cols) if headers else repeat(None)
    return Segment("\t".join(texts), location, concealed, group, list(map(Cell, starts, refs, heads)))
