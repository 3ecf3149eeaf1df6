"""Smoke test of the bench harness (`make bench`) on a tiny corpus: every figure is in the summary; nothing is timed."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from stdnum import luhn

from detectors.identifiers.cn_resident_id import CnResidentIdRecognizer
from reviewer.bench import corpus
from reviewer.bench.textgen import TextGen
from reviewer.bench.values import Values

SCAN_FIELDS = {"jobs", "wall", "cpu", "startup", "docs", "mb", "mb_s", "docs_s", "peak_rss_mb",
               "worker_peak_rss_mb", "loadavg", "formats", "errors"}


def test_generated_identifiers_are_valid():
    v = Values(random.Random(7))
    for _ in range(50):
        assert CnResidentIdRecognizer.is_valid_18(v.resident_id())
        assert luhn.is_valid(v.bank_card())


def test_generation_is_deterministic_and_cached(tmp_path: Path):
    specs = corpus.plan(corpus.TINY)[:3]
    first = corpus.ensure(tmp_path, "t", specs, 1)
    manifest = corpus.corpus_dir(tmp_path, "t") / "manifest.json"
    stamp = manifest.stat().st_mtime_ns
    assert corpus.ensure(tmp_path, "t", specs, 1) == first
    assert manifest.stat().st_mtime_ns == stamp          # served from the cache
    a, b = TextGen(5), TextGen(5)
    assert a.document(5) == b.document(5)


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run([sys.executable, "-m", "reviewer.bench", "--tiny", "--out", str(out),
                           "--jobs", "1,2", "--scale", "1,2"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "corpus scan --jobs 1" in proc.stdout            # the table for people
    assert "like for like, our recognizers of the baseline's" in proc.stdout
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_summary_has_every_figure(summary: dict):
    assert {"nproc", "cpu", "loadavg_start", "loadavg_end"} <= set(summary["machine"])
    assert summary["corpus"]["by_format"].keys() == {"txt", "docx", "pdf", "xlsx"}
    base = summary["baseline"]
    assert {"ours_mb_s", "baseline_mb_s", "ratio", "per_type", "missed_count", "missed"} <= set(base)
    assert base["missed_count"] == len(base["missed"]) or base["missed_count"] > 50
    # like for like: our recognizers of the baseline's types only, in the same turns
    like = base["same_types"]
    assert {t for t, c in base["per_type"].items() if c["baseline"]} <= set(like["types"])
    assert {"CN_RESIDENT_ID", "CN_MOBILE_PHONE", "BANK_CARD"} <= set(like["types"])
    assert "PERSON" not in like["types"] and "ADDRESS" not in like["types"]
    assert like["ours_mb_s"] > 0 and like["missed_count"] == 0
    for jobs in ("1", "2"):
        assert SCAN_FIELDS <= set(summary["scan"][jobs])
    formats = summary["scan"]["1"]["formats"]
    assert {"docs_s", "mb_s"} <= set(formats["txt"])
    assert "pages_s" in formats["pdf"] and {"rows_s", "cells_s"} <= set(formats["xlsx"])
    assert summary["jobs_speedup"] > 0
    assert {"pdf", "xlsx"} == set(summary["big"]) and summary["big"]["pdf"]["peak_rss_mb"] > 0
    assert {"txt", "docx", "pdf", "xlsx"} <= set(summary["linearity"])
    assert "web" in summary
    assert len(summary["targets"]) == 9


def test_every_document_scanned_without_error(summary: dict):
    run = summary["scan"]["1"]
    assert run["errors"] == []
    assert run["docs"] == summary["corpus"]["docs"]
