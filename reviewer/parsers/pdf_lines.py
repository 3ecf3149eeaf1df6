"""Lines of a PDF page put back together: wrapped paragraphs joined, table cells that wrap rejoined to their row."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points (y up)
INF = float("inf")

CELL_GAP = 0.5           # a gap wider than this many line heights separates cells or columns
WRAP_EDGE_SHARE = 0.6    # the right edge of wrapping text lies in the right two fifths of the page
SAME_X = 0.5             # line heights within which two pieces of text start at "the same" x
NEXT_LINE = 1.0          # at most this many line heights of space between a line and its continuation
SAME_ROW = 0.3           # line heights within which two lines share a row
SHORT_WRAP = 4.0         # line heights short of the edge a wrapped line may end (a word or number that
                         # did not fit, or punctuation kept off the next line's start, moved down whole)
SENTENCE_END = "。！？；：!?;:…"
# a page number or footer line: 「- 3 -」「— 3 —」「第3页 共9页」「3/9」
PAGE_NUMBER = re.compile(r"[\s\-—–－·•第页共/／\d]*")
# a line that starts something new: 「二、」「（三）」「3.」「第五条」; not 「63.com」, the rest of an
# e-mail address the page break cut (「wang9611@1」 | 「63.com」): a number's dot is followed by a
# lowercase letter only in names like that
HEADING = re.compile(r"(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?![a-z])\D"
                     r"|第[一二三四五六七八九十百千\d]+[章节条款部分])")


@dataclass(slots=True)
class Chunk:
    """A run of text without a cell gap: a line of a paragraph, or (part of) one table cell."""

    parts: list[str] = field(default_factory=list)
    box: list[float] = field(default_factory=lambda: [INF, INF, -INF, -INF])
    tail: list[float] | None = None   # box of the last physical line, once continuation lines join
    head: list[float] | None = None   # box of the first physical line, once continuation lines join

    def add(self, text: str, b: Box) -> None:
        self.parts.append(text)
        if b[2] > b[0]:
            self.box[0] = min(self.box[0], b[0]); self.box[1] = min(self.box[1], b[1])
            self.box[2] = max(self.box[2], b[2]); self.box[3] = max(self.box[3], b[3])

    @property
    def last(self) -> list[float]:
        return self.tail or self.box

    @property
    def first(self) -> list[float]:
        return self.head or self.box

    @property
    def placed(self) -> bool:
        return self.box[0] != INF

    def extend(self, other: "Chunk") -> None:
        sep = " " if _english_wrap(self.parts, other.parts) else ""
        if self.head is None:
            self.head = list(self.box)
        self.parts.extend([sep, *other.parts])
        self.tail = list(other.last)
        self._union(other.box)

    def _union(self, b: list[float]) -> None:
        if b[0] != INF:
            self.box = [min(self.box[0], b[0]), min(self.box[1], b[1]),
                        max(self.box[2], b[2]), max(self.box[3], b[3])]

    def text(self) -> str:
        return "".join(self.parts).strip()


@dataclass
class Line:
    """One line as pdfium gives it, split into chunks at cell gaps; after joining, a paragraph or a table row."""

    chunks: list[Chunk] = field(default_factory=list)
    row_top: float | None = None   # top of the first physical line (rows are matched on it)

    def new_chunk(self) -> Chunk:
        self.chunks.append(Chunk())
        return self.chunks[-1]

    @property
    def box(self) -> list[float]:
        placed = [c.box for c in self.chunks if c.placed]
        if not placed:
            return [INF, INF, -INF, -INF]
        return [min(b[0] for b in placed), min(b[1] for b in placed),
                max(b[2] for b in placed), max(b[3] for b in placed)]

    def text(self) -> str:
        return " ".join(t for t in (c.text() for c in self.chunks) if t)


def join_lines(lines: list[Line], page_width: float) -> list[Line]:
    """Put wrapped text back together, in pdfium's order (which is the page's drawing order).

    - A paragraph line that reaches the right edge of the page's text continues into the next
      line when that starts no further right, right below, at the same size (「身份证号：5301021987」
      +「03150011」). Only lines without cell gaps take part; the edge must lie in the right two
      fifths of the page, so short lines never count.
    - In a table row (a line with cell gaps), a line below whose pieces each start where one of
      the row's cells starts, and which has nothing in the row's first column, holds the wrapped
      ends of those cells (「5323281970022」+「4320X」).
    - A line at the height of the row, to the right of it, is more cells of the same row.
    """
    for line in lines:
        placed = [c for c in line.chunks if c.placed]
        line.chunks = placed
        if placed:
            line.row_top = max(c.box[3] for c in placed)
    lines = [line for line in lines if line.chunks]
    wrap_edge = right_edge(lines, page_width)
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and (_same_row(prev, line) or _cell_continuation(prev, line)
                                 or _paragraph_continuation(prev, line, wrap_edge)):
            continue
        out.append(line)
    return out


def right_edge(lines: list[Line], page_width: float) -> float | None:
    """The right edge of the page's wrapping text: its widest line, when in the right two fifths."""
    right = max((line.box[2] for line in lines), default=-INF)
    return right if right >= WRAP_EDGE_SHARE * page_width else None


@dataclass(frozen=True, slots=True)
class PageEnd:
    """Where a paragraph may cross a page break: `index` into the page's joined lines, `x` the left
    of its last physical line (at the page's end) or of its first (at its top), `h` that line's height."""

    index: int
    x: float
    h: float


def open_tail(lines: list[Line], edge: float | None) -> PageEnd | None:
    """The page's last paragraph, when it may go on at the top of the next page: one piece of text
    (not a table row) whose last line reaches the right edge and does not end a sentence. Page
    numbers below it do not count."""
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text()
        if not text or PAGE_NUMBER.fullmatch(text):
            continue
        if edge is None or len(lines[i].chunks) != 1:
            return None
        chunk = lines[i].chunks[0]
        tail = chunk.last
        h = _height(tail)
        if h <= 0 or tail[2] < edge - h or _edge_char(chunk.parts, -1) in SENTENCE_END:
            return None
        return PageEnd(i, tail[0], h)
    return None


def open_head(lines: list[Line]) -> PageEnd | None:
    """The page's first paragraph, when it may continue the previous page's last: one piece of text,
    not indented past the page's left margin, not starting with a heading number. Page numbers and
    running heads of digits above it do not count."""
    left = min((line.chunks[0].box[0] for line in lines if len(line.chunks) == 1), default=INF)
    for i, line in enumerate(lines):
        text = line.text()
        if not text or PAGE_NUMBER.fullmatch(text):
            continue
        if len(line.chunks) != 1 or HEADING.match(text):
            return None
        box = line.chunks[0].first
        h = _height(box)
        if h <= 0 or box[0] > left + SAME_X * h:
            return None
        return PageEnd(i, box[0], h)
    return None


def continues(tail: PageEnd, head: PageEnd) -> bool:
    """The head of a page goes on with the tail of the page before: it starts no further right than the
    tail's last line, at the same size."""
    return head.x <= tail.x + SAME_X * tail.h and abs(head.h - tail.h) <= 0.25 * tail.h


def join_text(before: str, after: str) -> str:
    return before + (" " if _english_wrap([before], [after]) else "") + after


def _height(b: list[float] | Box) -> float:
    return b[3] - b[1]


def _paragraph_continuation(prev: Line, line: Line, edge: float | None) -> bool:
    if edge is None or len(prev.chunks) != 1 or len(line.chunks) != 1:
        return False
    p, c = prev.chunks[0], line.chunks[0]
    tail, h = p.last, _height(p.last)
    if h <= 0:
        return False
    if not (c.box[0] <= tail[0] + SAME_X * h
            and -SAME_ROW * h <= tail[1] - c.box[3] <= NEXT_LINE * h
            and abs(_height(c.box) - h) <= 0.25 * h):
        return False
    if tail[2] < edge - h:
        # ended short of the edge: a wrap only if what came next could not fit; never at a sentence's
        # end, and never between two numbers (a number broken by a wrap fills its line)
        last, first = _edge_char(p.parts, -1), _edge_char(c.parts, 0)
        if (tail[2] < edge - SHORT_WRAP * h or last in SENTENCE_END
                or (last.isascii() and last.isalnum() and first.isascii() and first.isalnum())):
            return False
    p.extend(c)
    return True


def _cell_continuation(prev: Line, line: Line) -> bool:
    if len(prev.chunks) < 2 or len(line.chunks) >= len(prev.chunks):
        return False
    h = _height(prev.chunks[0].box)
    if h <= 0:
        return False
    targets: list[Chunk] = []
    for c in line.chunks:
        match = next((p for p in prev.chunks
                      if abs(c.box[0] - p.box[0]) <= SAME_X * h
                      and -SAME_ROW * h <= p.last[1] - c.box[3] <= NEXT_LINE * h), None)
        if match is None or match is prev.chunks[0] or match in targets:
            return False
        targets.append(match)
    for c, p in zip(line.chunks, targets):
        p.extend(c)
    return True


def _same_row(prev: Line, line: Line) -> bool:
    if len(prev.chunks) < 2 and len(line.chunks) < 2:
        h = _height(prev.chunks[0].box)
        # two single pieces side by side at one height: a row of two cells
        if h <= 0 or line.chunks[0].box[0] - prev.chunks[0].box[2] < CELL_GAP * h:
            return False
    h = _height(prev.chunks[-1].box)
    if h <= 0 or prev.row_top is None or line.row_top is None:
        return False
    if abs(prev.row_top - line.row_top) > SAME_ROW * h or line.chunks[0].box[0] < prev.box[2]:
        return False
    prev.chunks.extend(line.chunks)
    return True


def _edge_char(parts: list[str], index: int) -> str:
    """The first (index 0) or last (index -1) visible character of the parts, or ""."""
    for part in (parts if index == 0 else reversed(parts)):
        part = part.strip()
        if part:
            return part[index]
    return ""


WORD_END = ",.;:!?)\"'"
LOOK_BACK = 64   # characters looked at for the space that shows running English text


def _english_wrap(before: list[str], after: list[str]) -> bool:
    """A wrap between two words of running English text (then joined with a space). Anything else joins
    without one: Chinese, and identifiers cut by the wrap (li3040@qq.co|m, 91530102MA6K|XXXX1, a URL),
    whose last piece holds a digit, @ or an inner dot, or which follow Chinese with no space before them."""
    first, last = _edge_char(after, 0), _edge_char(before, -1)
    if not (first.isascii() and first.isalpha() and last.isascii() and (last.isalpha() or last in WORD_END)):
        return False
    word: list[str] = []
    spaced = False
    for part in reversed(before):
        for ch in reversed(part):
            if ch.isspace():
                spaced = bool(word)
                break
            word.append(ch)
            if len(word) > LOOK_BACK:
                return False
        if spaced or (part and part[0].isspace() and word):
            spaced = True
            break
    word_text = "".join(reversed(word)).rstrip(WORD_END).lstrip("(\"'")
    word_text = word_text.replace("'", "").replace("-", "")   # people's, well-known
    return spaced and word_text.isascii() and word_text.isalpha()
