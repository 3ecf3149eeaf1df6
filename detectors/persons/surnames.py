"""The surname lexicon (detectors/data/surnames.txt): single and compound Chinese surnames."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "surnames.txt"
COMMON_RANK = 100   # the first 100 single surnames of the file count as common


@dataclass(frozen=True)
class Surnames:
    single: frozenset[str]
    compound: frozenset[str]
    common: frozenset[str]

    def at(self, text: str, i: int) -> str | None:
        """The surname starting at text[i] (compound first), or None."""
        two = text[i:i + 2]
        if two in self.compound:
            return two
        one = text[i:i + 1]
        return one if one in self.single else None


@lru_cache(maxsize=1)
def surnames() -> Surnames:
    single: list[str] = []
    compound: list[str] = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        (compound if len(line) > 1 else single).append(line)
    return Surnames(frozenset(single), frozenset(compound), frozenset(single[:COMMON_RANK]))
