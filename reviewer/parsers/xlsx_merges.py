"""Merged areas of a worksheet, found by a quick pre-scan: values under a merge (not its top-left cell) are not shown."""
from __future__ import annotations

import re
import zlib
import zipfile
from dataclasses import dataclass, field

from ..errors import CorruptFileError
from .ooxml import REPAIR_HINT, Package

_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3})(\d+):([A-Za-z]{1,3})(\d+)"')
CHUNK = 1 << 20
MAX_INDEXED_ROWS = 1_000_000   # merges spanning more rows than this are checked one by one


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


@dataclass
class MergeMap:
    """Which cells lie under a merged area without being its top-left cell."""

    by_row: dict[int, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    tall: list[tuple[int, int, int, int]] = field(default_factory=list)
    indexed: int = 0

    def __bool__(self) -> bool:
        return bool(self.by_row or self.tall)

    def add(self, r1: int, c1: int, r2: int, c2: int) -> None:
        r1, r2 = min(r1, r2), max(r1, r2)
        c1, c2 = min(c1, c2), max(c1, c2)
        if (r1, c1) == (r2, c2):
            return
        if r2 - r1 > MAX_INDEXED_ROWS or self.indexed > MAX_INDEXED_ROWS:
            self.tall.append((r1, c1, r2, c2))
            return
        self.indexed += r2 - r1 + 1
        for r in range(r1, r2 + 1):
            self.by_row.setdefault(r, []).append((r1, c1, r2, c2))

    def in_row(self, row: int) -> list[tuple[int, int, int, int]]:
        """The merged areas that reach into `row` (looked up once per row, not once per cell)."""
        areas = self.by_row.get(row, [])
        if self.tall:
            areas = areas + [a for a in self.tall if a[0] <= row <= a[2]]
        return areas


def read_merges(pkg: Package, part: str) -> MergeMap:
    """The <mergeCell ref> of a worksheet part, read from its raw bytes (they follow the rows)."""
    merges = MergeMap()
    carry = b""
    try:
        with pkg.open(part) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                data = carry + chunk
                cut = data.rfind(b"<")
                if cut < len(data) - 4096:   # a tag is never this long: keep only a short tail
                    cut = len(data)
                if b"mergeCell" in data:   # they follow the rows: most pieces are passed over at C speed
                    for m in _MERGE.finditer(data, 0, cut):
                        merges.add(int(m.group(2)), _col(m.group(1)), int(m.group(4)), _col(m.group(3)))
                carry = data[cut:]
            for m in _MERGE.finditer(carry):
                merges.add(int(m.group(2)), _col(m.group(1)), int(m.group(4)), _col(m.group(3)))
    except (zlib.error, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise CorruptFileError(f"“{pkg.path.name}”已损坏或不完整：内部部件 {part} 无法解压（{exc}）。"
                               f"{REPAIR_HINT}") from exc
    return merges
