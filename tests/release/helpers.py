"""Helpers for release-copy tests: every byte of a copy, searched for values after normalisation."""
from __future__ import annotations

import zipfile
from pathlib import Path

from reviewer.release.match import normalise


def zip_members_text(path: Path) -> dict[str, str]:
    """Every zip member's raw bytes read as UTF-8, by member name."""
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8", "ignore") for n in zf.namelist()}


def survivors(haystacks: dict[str, str], values: list[str]) -> list[tuple[str, str]]:
    """(value, where) for every value still present (normalised, and as written)."""
    found = []
    for where, text in haystacks.items():
        flat = normalise(text)
        for v in values:
            if v in text or normalise(v) in flat:
                found.append((v, where))
    return found
