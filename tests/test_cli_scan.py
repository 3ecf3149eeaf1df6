"""`reviewer scan`: report records in input order, every format, --output, --recursive, --jobs, exit codes, safe HTML."""
from __future__ import annotations

import csv
import importlib
import io
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.cli.scan import exit_code_for, start_order, work_estimate
from reviewer.errors import ExitCode
from tests.builders.pdf_builder import add_note, text_pdf

scan_module = importlib.import_module("reviewer.cli.scan")   # the package attribute `scan` is the command

# Text no detector should report: the "all clear" document of these tests.
NEUTRAL = "关于召开2024年第一季度工作例会的通知\n会议定于下午三点在三楼会议室召开。\n"
RECORD_KEYS = {"path", "sha256", "format", "status", "error", "verdict", "findings", "stats"}


def scan(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["scan", *args], env=env, catch_exceptions=False)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def annotated_pdf(path: Path, note: str = "请删去申请人信息后再公开", author: str = "王科长") -> Path:
    """A PDF whose sticky note makes it 'review' without any detector."""
    return add_note(text_pdf(path, [["关于公开招聘的公告"]]), 1, note, author=author)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """in/ with a clear .txt, an annotated PDF and a subfolder holding one more .txt."""
    root = tmp_path / "in"
    (root / "子目录").mkdir(parents=True)
    (root / "a_通知.txt").write_text(NEUTRAL, encoding="utf-8")
    annotated_pdf(root / "b_公告.pdf")
    (root / "子目录" / "c_深层.txt").write_text(NEUTRAL, encoding="utf-8")
    (root / "说明.json").write_text("{}", encoding="utf-8")  # not a document: skipped when walking
    return root


# --- records -----------------------------------------------------------------------------------

def test_jsonl_one_record_per_document_in_input_order(batch):
    names = [batch / "b_公告.pdf", batch / "子目录" / "c_深层.txt", batch / "a_通知.txt"]
    result = scan(*map(str, names), "--format", "jsonl")
    records = jsonl(result)
    assert [r["path"] for r in records] == [str(p) for p in names]
    assert all(RECORD_KEYS <= set(r) for r in records)
    assert [(r["format"], r["status"], r["error"]) for r in records] == [
        ("pdf", "ok", None), ("txt", "ok", None), ("txt", "ok", None)]
    pdf = records[0]
    assert pdf["verdict"] == "review" and pdf["stats"]["pages"] == 1
    note = next(f for f in pdf["findings"] if f["type"] == "HIDDEN_CONTENT")
    assert (note["detail"], note["location"]["part"], note["location"]["page"]) == ("annotation", "annotation", 1)
    assert len(records[1]["sha256"]) == 64 and records[1]["sha256"] == records[2]["sha256"]


@pytest.mark.parametrize("recursive, expected", [
    # a folder's own documents, sorted; subfolders only with --recursive
    (False, ["a_通知.txt", "b_公告.pdf"]),
    (True, ["a_通知.txt", "b_公告.pdf", "子目录/c_深层.txt"]),
])
def test_folders_and_recursive(batch, recursive, expected):
    result = scan(str(batch), "--format", "jsonl", *(["--recursive"] if recursive else []))
    assert [str(Path(r["path"]).relative_to(batch)) for r in jsonl(result)] == expected
    if not recursive:  # the user is told what was left out and how to include it
        assert "子目录" in result.stderr and "--recursive" in result.stderr
    else:
        assert "--recursive" not in result.stderr


def test_jobs_2_gives_the_same_records_in_the_same_order(batch):
    one = jsonl(scan(str(batch), "-r", "--format", "jsonl", "--jobs", "1"))
    two = jsonl(scan(str(batch), "-r", "--format", "jsonl", "--jobs", "2"))
    for rec in one + two:
        rec["stats"].pop("seconds")
    assert one == two and len(one) == 3


def test_largest_documents_start_first_wherever_they_are_in_the_batch():
    work = [10, 12, 900, 11, 10, 400, 9]
    first, started = start_order(work, jobs=1)
    assert first == [2, 5] and started == {2, 5}   # only those above the average, largest first
    assert start_order([5, 5, 5, 5], jobs=2) == ([], set())   # a batch of equals keeps its order
    big = list(range(100)) + [10_000] * 20
    assert len(start_order(big, jobs=2)[0]) == 2 * scan_module.HEAD_START_PER_JOB


def test_packed_formats_count_for_more_work_per_byte(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 1000)
    (tmp_path / "a.xlsx").write_bytes(b"x" * 1000)
    assert work_estimate(str(tmp_path / "a.xlsx")) == scan_module.PACKED_WORK_PER_BYTE * 1000
    assert work_estimate(str(tmp_path / "a.txt")) == 1000
    assert work_estimate(str(tmp_path / "missing.pdf")) == 0


class _RecordingPool:
    """Runs nothing: notes the order of submission and hands back finished futures."""

    def __init__(self):
        self.submitted: list[str] = []

    def submit(self, fn, name, spool_dir):
        from concurrent.futures import Future
        self.submitted.append(Path(name).name)
        fut = Future()
        fut.set_result({"path": name})
        return fut


def test_a_long_document_at_the_end_is_started_first_and_reported_last(tmp_path):
    names = []
    for i in range(150):
        (tmp_path / f"{i:03d}.txt").write_text("短", encoding="utf-8")
        names.append(str(tmp_path / f"{i:03d}.txt"))
    (tmp_path / "big.xlsx").write_bytes(b"x" * 100_000)
    names.append(str(tmp_path / "big.xlsx"))
    pool = _RecordingPool()
    records = list(scan_module._in_order(pool, names, 2, str(tmp_path)))
    assert pool.submitted[0] == "big.xlsx"
    assert [r["path"] for r in records] == names   # output stays in input order
    assert sorted(pool.submitted) == sorted(Path(n).name for n in names)   # each file once


def test_workers_start_from_a_scanner_warmed_on_prose_and_on_a_table_row(monkeypatch):
    import reviewer.pipeline as pipeline
    from reviewer.limits import Limits
    seen = []

    class Recording:
        def scan(self, segment):
            seen.append(segment)
            return []
    monkeypatch.setattr(pipeline, "_SCANNER", Recording())
    monkeypatch.setattr(scan_module, "_WARMED", False)
    scan_module._init_worker(Limits())
    assert len(seen) == 1 and seen[0].cells and seen[0].cells[1].header == "姓名"
    assert seen[0].text.split("\t")[1] == "张三" and seen[0].cells[1].start == 2
    scan_module._init_worker(Limits())   # in a forked worker: nothing done again
    assert len(seen) == 1



@pytest.mark.parametrize("jobs", [1, 2])
def test_the_scanner_is_out_of_the_collectors_reach_during_a_batch_and_back_after(batch, jobs):
    import gc

    from reviewer.limits import Limits
    paths = sorted(str(p) for p in batch.rglob("*.txt"))
    frozen_during = []
    for rec in scan_module.scan_many(paths, jobs, Limits()):
        frozen_during.append(gc.get_freeze_count())
        assert rec["status"] == "ok"
    assert len(frozen_during) == 2 and all(n > 10_000 for n in frozen_during)   # the built scanner's objects
    assert gc.get_freeze_count() == 0   # a caller's own objects are not left frozen


# --- formats and --output ------------------------------------------------------------------------

def test_json_is_the_list_of_jsonl_records(batch):
    as_jsonl = jsonl(scan(str(batch), "--format", "jsonl"))
    as_json = json.loads(scan(str(batch), "--format", "json").stdout)
    for rec in as_jsonl + as_json:
        rec["stats"].pop("seconds")
    assert as_json == as_jsonl


def test_csv_has_a_row_per_finding_and_one_for_a_clean_document(batch):
    rows = list(csv.DictReader(io.StringIO(scan(str(batch), "--format", "csv").stdout)))
    clear = [r for r in rows if r["path"].endswith("a_通知.txt")]
    assert len(clear) == 1 and clear[0]["verdict"] == "clear" and clear[0]["type"] == ""
    notes = [r for r in rows if r["path"].endswith("b_公告.pdf") and r["type"] == "HIDDEN_CONTENT"]
    assert [(r["detail"], r["part"], r["page"]) for r in notes] == [("annotation", "annotation", "1")]


def test_table_prints_progress_on_stderr_and_a_summary(batch):
    result = scan(str(batch), "-r")
    assert "扫描中 3/3" in result.stderr and "扫描中" not in result.stdout
    assert "共 3 个文件：阻断 0，需审查 1，未发现问题 2，无法读取 0" in result.stdout
    assert "需审查\t" + str(batch / "b_公告.pdf") in result.stdout
    assert "隐藏内容" in result.stdout and "请删去申请人信息后再公开" in result.stdout


def test_single_file_table_has_no_progress(batch):
    result = scan(str(batch / "a_通知.txt"))
    assert result.stderr == "" and "共 1 个文件" in result.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table", "html"])
def test_output_file(batch, tmp_path, fmt):
    target = tmp_path / f"报告.{fmt}"
    result = scan(str(batch), "--format", fmt, "--output", str(target))
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert "b_公告.pdf" in written
    if fmt == "jsonl":
        assert len(written.splitlines()) == 2


# --- exit codes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("files, code", [
    # 0: all clear; 10: something needs review (a PDF note); 30: a file could not be read, and wins
    (["a_通知.txt"], 0),
    (["a_通知.txt", "b_公告.pdf"], 10),
    (["a_通知.txt", "不存在.txt"], 30),
    (["b_公告.pdf", "不存在.txt"], 30),
    # 20: a secrecy marking blocks (relies on the SECRECY_MARKING detector), and 30 still wins over it
    (["a_通知.txt", "../秘密.txt", "b_公告.pdf"], 20),
    (["../秘密.txt", "不存在.txt"], 30),
])
def test_exit_codes(batch, files, code):
    (batch.parent / "秘密.txt").write_text("秘密★1年\n关于召开工作例会的通知\n", encoding="utf-8")
    result = scan(*(str(batch / f) for f in files), "--format", "jsonl")
    assert result.exit_code == code
    assert len(jsonl(result)) == len(files)


@pytest.mark.parametrize("verdicts, code", [
    # the highest applicable status wins (block needs the marking detectors, so it is checked here)
    ([("ok", "clear")], ExitCode.CLEAR),
    ([("ok", "clear"), ("ok", "review")], ExitCode.REVIEW),
    ([("ok", "review"), ("ok", "block"), ("ok", "clear")], ExitCode.BLOCKED),
    ([("ok", "block"), ("error", None)], ExitCode.UNREADABLE),
    ([], ExitCode.CLEAR),
])
def test_exit_code_for_records(verdicts, code):
    records = [{"status": s, "verdict": v} for s, v in verdicts]
    assert exit_code_for(records) == code
    assert [int(c) for c in ExitCode] == [0, 2, 10, 20, 30]


@pytest.mark.parametrize("args, says", [
    # usage errors: exit 2 with a message saying what is wrong
    ([], "PATHS"),
    (["--format", "xml", "x.txt"], "xml"),
    (["--jobs", "0", "x.txt"], "--jobs"),
    (["{empty}"], "--recursive"),
    (["{batch}/a_通知.txt", "--output", "{batch}/没有这个文件夹/r.jsonl"], "无法写入报告文件"),
])
def test_usage_errors_exit_2(batch, tmp_path, args, says):
    (tmp_path / "空").mkdir()
    args = [a.format(empty=tmp_path / "空", batch=batch) for a in args]
    result = scan(*args)
    assert result.exit_code == 2
    assert says in result.stderr


def test_console_script_exit_codes_and_stdout(reviewer_exe, batch):
    """The installed command, as scripts call it: jsonl on stdout, the code in $?."""
    run = subprocess.run([reviewer_exe, "scan", str(batch), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 10, run.stderr
    assert [json.loads(line)["path"] for line in run.stdout.splitlines()] == [
        str(batch / "a_通知.txt"), str(batch / "b_公告.pdf")]
    usage = subprocess.run([reviewer_exe, "scan"], capture_output=True, text=True, timeout=300)
    assert usage.returncode == 2 and "PATHS" in usage.stderr and usage.stdout == ""


# --- HTML report ------------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def test_html_escapes_document_text_and_file_names(tmp_path):
    pdf = annotated_pdf(tmp_path / "<b>名单<i>&'\".pdf", note=f"备注{SCRIPT}完毕", author="<i>王</i>")
    html = scan(str(pdf), "--format", "html").stdout
    assert SCRIPT not in html and "<b>名单" not in html and "<i>王" not in html
    assert "&lt;b&gt;名单&lt;i&gt;&amp;" in html
    # the note's text is shown, escaped, with the value highlighted in its context
    assert "<mark>备注&lt;script&gt;alert(1)&lt;/script&gt;完毕</mark>" in html


def test_html_escapes_txt_content_around_a_detected_value(tmp_path):
    # relies on the mobile-phone detector finding 13812345678, so that the line reaches the report
    path = tmp_path / "留言.txt"
    path.write_text(f"{SCRIPT}联系电话13812345678\n", encoding="utf-8")
    html = scan(str(path), "--format", "html").stdout
    assert SCRIPT not in html
    assert "&lt;/script&gt;联系电话<mark>13812345678</mark>" in html
