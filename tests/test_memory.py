"""Memory of `reviewer scan` on workbooks full of personal data (issue 7: flat as files grow).

Findings are spooled to a temporary file as they are found (reviewer/report_spool.py) and the record
is written from it, so the jsonl/json record must be the very same JSON as the in-memory one, with
--jobs 1 and 2, and a scan's peak RSS must not follow the number of findings. Nothing is timed.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.bench.textgen import TextGen
from reviewer.bench.writers import write_xlsx
from reviewer.cli import cli
from reviewer.pipeline import NullScanner, scan_file
from reviewer.report_spool import FindingSpool, write_record

REPO = Path(__file__).resolve().parent.parent
ROWS = 800             # a 低保 list: every row has a name, ID, phone, address and bank card
BIG_ROWS = 16_000      # about 80,000 findings per workbook for the RSS bound
# measured on 12,000 rows: the old code (findings held, converted to dicts, pickled to the parent, dumped
# as one string) peaked at 399 MB in the parent and 223 MB in a worker with --jobs 2; spooled, 140 and
# 98 MB, the start-up size, whatever the number of findings
RSS_BOUND_MB = 320


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("books")
    out = {}
    for name, rows, seed in (("a", ROWS, 11), ("b", ROWS // 3, 12)):
        out[name] = d / f"{name}.xlsx"
        write_xlsx(out[name], TextGen(seed), rows)
    return out


def _same_but_timing(records: list[dict]) -> list[dict]:
    for rec in records:
        rec["stats"]["seconds"] = 0
    return records


def _in_memory(path: Path) -> dict:
    return _same_but_timing([scan_file(path, display_path=str(path)).to_dict()])[0]


@pytest.fixture(scope="module")
def expected(books) -> dict[str, dict]:
    """The records as scan_file builds them in memory (Finding objects, to_dict)."""
    return {name: _in_memory(path) for name, path in books.items()}


def _cli(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["scan", *args], env=env, catch_exceptions=False)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_record_is_the_in_memory_record(books, expected, jobs, tmp_path):
    assert len(expected["a"]["findings"]) > 4 * ROWS
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    result = _cli("--format", "jsonl", "--jobs", jobs, str(books["a"]), str(books["b"]),
                  env={"TMPDIR": str(tmp)})
    assert result.exit_code == 10, result.output[-2000:]
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    got = _same_but_timing([json.loads(line) for line in lines])
    assert got == [expected["a"], expected["b"]]
    assert list(got[0]) == list(expected["a"])    # same keys, same order
    assert list(tmp.iterdir()) == []               # spool files and their folder are gone


def test_json_format_is_the_in_memory_list(books, expected):
    result = _cli("--format", "json", "--jobs", "2", str(books["b"]), str(books["a"]))
    assert _same_but_timing(json.loads(result.stdout)) == [expected["b"], expected["a"]]


def test_spooled_text_is_byte_identical(books, expected, tmp_path):
    """Not only equal JSON: the same text json.dumps gives for the in-memory record, compact and indented."""
    report = scan_file(books["b"], spool_dir=str(tmp_path))
    record = report.record()
    assert isinstance(record["findings"], FindingSpool) and len(record["findings"]) > 0
    plain = dict(record, findings=list(record["findings"]))
    for indent in (None, 2):
        buf = io.StringIO()
        write_record(record, buf, indent=indent)
        assert buf.getvalue() == json.dumps(plain, ensure_ascii=False, indent=indent)
    assert record["verdict"] == expected["b"]["verdict"] == "review"
    record["findings"].discard()
    assert list(tmp_path.iterdir()) == []


def test_failed_document_discards_its_spool(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook" * 10)
    spool = tmp_path / "spool"
    spool.mkdir()
    report = scan_file(bad, scanner=NullScanner(), spool_dir=str(spool))
    assert report.status == "error" and report.to_dict()["findings"] == []
    assert list(spool.iterdir()) == []


def test_table_and_csv_still_list_findings(books, expected):
    table = _cli("--format", "table", "--jobs", "2", str(books["a"]), str(books["b"]),
                 env={"REVIEWER_NO_PROGRESS": "1"})
    assert "…另有" in table.stdout and "共 2 个文件" in table.stdout
    rows = _cli("--format", "csv", str(books["b"])).stdout.splitlines()
    assert len(rows) - 1 == len(expected["b"]["findings"])


MEASURE = """
import atexit, resource, sys
def own_peak_mb():
    # VmHWM belongs to this process's own memory map; ru_maxrss would carry over the high-water mark of
    # the pytest process this one was forked from (Linux keeps it across exec).
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
def report():
    s = own_peak_mb()
    c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    sys.stderr.write(f"\\nPEAK {s} {c}\\n")
atexit.register(report)
from reviewer.cli import main
sys.argv = ["reviewer", "scan"] + sys.argv[1:]
main()
"""


@pytest.fixture(scope="module")
def big_books(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("big")
    paths = [d / "big1.xlsx", d / "big2.xlsx"]
    for i, p in enumerate(paths):
        write_xlsx(p, TextGen(100 + i), BIG_ROWS)
    return paths


def test_peak_rss_of_jobs_2_does_not_follow_the_findings(big_books, tmp_path):
    """Two workbooks of ~80,000 findings each, --jobs 2, jsonl to a file: parent and worker stay small."""
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, REVIEWER_NO_PROGRESS="1", PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", MEASURE, "--format", "jsonl", "--jobs", "2", "-o", str(out),
                           *map(str, big_books)], capture_output=True, text=True, env=env, timeout=1200)
    assert proc.returncode == 10, proc.stderr[-3000:]
    parent_mb, worker_mb = map(int, proc.stderr.rsplit("PEAK", 1)[1].split())
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [len(r["findings"]) > 4 * BIG_ROWS for r in records] == [True, True]
    assert parent_mb < RSS_BOUND_MB, f"parent peaked at {parent_mb} MB"
    assert worker_mb < RSS_BOUND_MB, f"a worker peaked at {worker_mb} MB"
