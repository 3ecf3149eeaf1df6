"""Hostile variants of corpus files (byte flips, truncation, zip member and XML mutation) give only our own errors.

`make test` runs a short deterministic run (150 cases per format); `make fuzz` (FUZZ_EXAMPLES=…) a long random one. Every input that
ever failed is kept in tests/fuzz/regressions/ and replayed by test_regression.
"""
from __future__ import annotations

import os
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from .harness import REGRESSIONS, Worker, known_codes, mutate, save_regression, seeds

LONG = os.environ.get("FUZZ_EXAMPLES")
EXAMPLES = int(LONG) if LONG else 150
SEEDS = seeds()


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.stop()


LAST_FAILURE: dict = {}


def _check(worker: Worker, fmt: str, data: bytes) -> None:
    outcome = worker.run(f"hostile.{fmt}", data)
    if not outcome.acceptable:
        LAST_FAILURE[fmt] = (data, outcome)   # hypothesis shrinks: only the last (smallest) one is kept
        pytest.fail(f"{fmt}: {outcome.status} {outcome.code}\n{outcome.detail}")


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_mutated_files_give_known_errors(worker, fmt):
    @settings(max_examples=EXAMPLES, derandomize=not LONG, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), which=st.integers(0, len(SEEDS[fmt]) - 1))
    def run(seed: int, which: int) -> None:
        tried.append((seed, which))
        _check(worker, fmt, mutate(fmt, SEEDS[fmt][which], random.Random(seed)))
    tried: list[tuple[int, int]] = []
    try:
        run()
    finally:
        if fmt in LAST_FAILURE:
            save_regression(fmt, *LAST_FAILURE.pop(fmt))
    assert len(set(tried)) >= EXAMPLES * 0.9, f"only {len(set(tried))} distinct cases ran"


# Hand-made hostile files every run checks, beside the random ones: (name, bytes, expected code or None for ok).
def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


HANDMADE = [
    ("empty.docx", b"", "empty_file"),
    ("nul.txt", b"\x00" * 10_000, "corrupt_file"),
    ("pdf_header_only.pdf", b"%PDF-1.7\n", "corrupt_file"),
    ("zip_no_document.docx", _zip({"[Content_Types].xml": b"<Types/>"}), "wrong_extension"),
    ("bomb.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a>" + b" " * 50_000_000 + b"</a>"}),
     "zip_bomb"),
    ("billion_laughs.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml":
                                  b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                                  b"<w:document>&b;</w:document>"}), "unsafe_xml"),
    ("deep.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<a>" * 100_000 + b"</a>" * 100_000}),
     "unsafe_xml"),
]


@pytest.mark.parametrize("name,data,expected", HANDMADE, ids=[h[0] for h in HANDMADE])
def test_handmade_hostile_files(worker, name, data, expected):
    outcome = worker.run(name, data)
    assert outcome.acceptable, outcome.detail
    assert outcome.code == expected, outcome.detail


REGRESSION_FILES = sorted(p for p in REGRESSIONS.glob("*")
                          if re.fullmatch(r"[0-9a-f]{16}\.(docx|xlsx|pdf|txt)", p.name))


@pytest.mark.parametrize("path", REGRESSION_FILES, ids=[p.name for p in REGRESSION_FILES])
def test_regression(worker, path):
    """Every input that once crashed, hung or gave an untranslated error now gives one of our codes."""
    outcome = worker.run(path.name, path.read_bytes())
    assert outcome.acceptable, f"{outcome.status} {outcome.code}\n{outcome.detail}"
    assert outcome.code is None or outcome.code in known_codes()
