"""docs/security.md stays honest: every test it names exists."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
REFS = sorted(set(re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", DOC)))


def _names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


@pytest.mark.parametrize("path,name", REFS, ids=[f"{p}::{n}" for p, n in REFS])
def test_named_test_exists(path, name):
    assert (REPO / path).is_file(), path
    if name:
        assert name in _names(REPO / path), f"{path}::{name}"


def test_every_chained_name_exists():
    """`file::a`, `::b`, `::c`: the short forms after a full reference name tests of the same file."""
    checked = 0
    for line in DOC.splitlines():
        current = None
        for m in re.finditer(r"`(tests/[\w/]+\.py)?::(\w+)`", line):
            current = m.group(1) or current
            assert current, line
            assert m.group(2) in _names(REPO / current), f"{current}::{m.group(2)}"
            checked += 1
    assert checked > 30
