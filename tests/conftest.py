"""Shared pytest fixtures: where the project and its `reviewer` command are."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def reviewer_exe() -> str:
    """The installed `reviewer` console script (the one `make install` puts in .venv/bin)."""
    beside_python = Path(sys.executable).with_name("reviewer")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("reviewer")
    if not found:
        pytest.fail("the `reviewer` command is not installed: run `make install`")
    return found
