"""The parsed-document model: text segments with locations a person can find, and findings on them."""
from __future__ import annotations

import time
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .limits import Limits, DEFAULT_LIMITS
from .errors import ParseTimeoutError

# location.part values (SPEC "Report record")
PARTS = ("body", "table", "header", "footer", "footnote", "comment", "tracked_change",
         "hidden_text", "metadata", "sheet", "hidden_sheet", "hidden_row", "hidden_column",
         "covered_text", "annotation")

# HIDDEN_CONTENT detail values (SPEC "Finding types")
CONCEALED_KINDS = ("comment", "tracked_change", "hidden_text", "hidden_sheet", "hidden_row",
                   "hidden_column", "covered_text", "white_text", "annotation", "embedded_file")


@dataclass(slots=True)
class Location:
    """Where a piece of text sits, in terms a reader of the file would use."""

    part: str = "body"
    paragraph: int | None = None   # running paragraph index within the part (0-based)
    page: int | None = None        # 1-based page (PDF)
    sheet: str | None = None       # worksheet name (xlsx)
    cell: str | None = None        # "B7" in a sheet, "表1 第3行第2列" in a docx table
    author: str | None = None      # author of a comment or tracked change
    field: str | None = None       # metadata property name (author, company…)
    bbox: tuple[float, float, float, float] | None = None  # PDF: x0, top, x1, bottom in points
    confidence: float | None = None  # OCR: how sure the recognition of this text is (0–1)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"part": self.part, "paragraph": self.paragraph, "page": self.page,
                             "sheet": self.sheet, "cell": self.cell}
        if self.author is not None:
            d["author"] = self.author
        if self.field is not None:
            d["field"] = self.field
        if self.bbox is not None:
            d["bbox"] = [round(v, 1) for v in self.bbox]
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 3)
        return d

    def with_cell(self, cell: str | None) -> "Location":
        return Location(self.part, self.paragraph, self.page, self.sheet, cell,
                        self.author, self.field, self.bbox, self.confidence)


@dataclass(slots=True)
class Cell:
    """A table cell inside a row segment: where it starts in the segment's text, and its column heading."""

    start: int
    ref: str
    header: str | None = None


@dataclass(slots=True)
class Segment:
    """One run of text a parser read, in reading order.

    `concealed` names the HIDDEN_CONTENT kind when a reader of the published file does not
    see this text; segments sharing (`concealed`, `group`) are one concealed object and
    yield one HIDDEN_CONTENT finding (a hidden sheet is one object, not one per row).
    Row segments of tables carry `cells`, the cells' start offsets and column headings,
    joined in `text` by a tab.
    """

    text: str
    location: Location
    concealed: str | None = None
    group: str | None = None
    cells: list[Cell] | None = None
    # (cells, their start offsets), listed on the first cell_at: the engine and the pipeline both ask per finding
    _cell_starts: tuple[list[Cell], list[int]] | None = field(default=None, repr=False, compare=False)

    def cell_at(self, offset: int) -> Cell | None:
        """The cell `offset` falls in: the last one starting at or before it (cells are in order)."""
        cells = self.cells
        if not cells:
            return None
        i = bisect_right(self.cell_starts(), offset)
        return cells[i - 1] if i else None

    def cell_starts(self) -> list[int]:
        """The cells' start offsets, in order (cell_at's index: bisect_right(starts, offset) - 1)."""
        cells = self.cells or []
        listed = self._cell_starts
        if listed is None or listed[0] is not cells or len(listed[1]) != len(cells):   # cells replaced or added
            listed = self._cell_starts = (cells, [c.start for c in cells])
        return listed[1]


@dataclass(slots=True)
class Detection:
    """What a detector reports on one segment: a span of its text and how sure it is."""

    type: str
    start: int
    end: int
    score: float
    severity: str | None = None   # None: the type's default severity
    masked: bool = False
    detail: str | None = None
    explanation: str | None = None


@dataclass
class ParseContext:
    """What a parser needs besides the file (limits, a deadline) and what it reports beside segments."""

    limits: Limits = DEFAULT_LIMITS
    deadline: float | None = None
    pages: int | None = None
    notes: list[str] = field(default_factory=list)
    rows: int = 0
    cells: int = 0

    def start_clock(self) -> None:
        self.deadline = time.monotonic() + self.limits.max_seconds

    def check_deadline(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ParseTimeoutError(
                f"处理时间超过 {self.limits.max_seconds:g} 秒上限（REVIEWER_MAX_SECONDS）。"
                "请拆分文件后分别提交，或请管理员调高该上限。")


@dataclass(slots=True)
class Finding:
    """One thing a reviewer must look at (SPEC "Report record")."""

    type: str
    category: str
    severity: str
    text: str
    score: float
    location: Location
    start: int
    end: int
    context: str = ""
    masked: bool = False
    detail: str | None = None
    explanation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "category": self.category, "severity": self.severity,
                "text": self.text, "score": round(self.score, 3),
                "location": self.location.to_dict(), "start": self.start, "end": self.end,
                "context": self.context, "masked": self.masked, "detail": self.detail,
                "explanation": self.explanation}
