"""`reviewer scan`: batch-scan files and folders, for people (table, html) and scripts (jsonl, exit codes)."""
from __future__ import annotations

import gc
import io
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from ..errors import ExitCode, ReviewerError
from ..limits import Limits
from ..parsers import EXTENSIONS, LEGACY_EXTENSIONS
from ..report_spool import discard_findings, materialize
from ..reports import WRITERS

# what a folder walk picks up: every extension a parser reads, and the legacy ones (refused with advice)
SCANNABLE_SUFFIXES = set(EXTENSIONS) | LEGACY_EXTENSIONS


def collect(paths: tuple[str, ...], recursive: bool, skipped: list[Path] | None = None) -> list[str]:
    """Files named (spelt as given), and the files of folders named (walked when recursive), in a stable order.

    Without `recursive`, subfolders that hold files are listed in `skipped` so the user can be told.
    """
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            walker = sorted(p.rglob("*")) if recursive else sorted(p.iterdir())
            out.extend(str(f) for f in walker if _scannable(f))
            if not recursive and skipped is not None:
                skipped.extend(d for d in walker if d.is_dir() and any(_scannable(f) for f in d.rglob("*")))
        else:
            out.append(raw)  # missing files become error records, not a crash
    return out


def _scannable(f: Path) -> bool:
    return f.is_file() and f.suffix.lower() in SCANNABLE_SUFFIXES and not f.name.startswith("~$")


def mark_duplicates(rec: dict, seen: dict[str, str]) -> None:
    """Note on a record that an earlier file in the batch had the same content (both keep their records)."""
    digest = rec.get("sha256")
    if not digest:
        return
    if digest in seen:
        rec.setdefault("notes", []).append(f"与“{seen[digest]}”内容完全相同（SHA-256 相同），是重复提交的文件。")
    else:
        seen[digest] = rec["path"]


def exit_code_for(records: list[dict]) -> ExitCode:
    code = ExitCode.CLEAR
    for rec in records:
        if rec["status"] != "ok":
            code = max(code, ExitCode.UNREADABLE)
        elif rec["verdict"] == "block":
            code = max(code, ExitCode.BLOCKED)
        elif rec["verdict"] == "review":
            code = max(code, ExitCode.REVIEW)
    return ExitCode(code)


def _scan_one(path: str, spool_dir: str) -> dict:
    """One record; its findings are spooled to a file in `spool_dir` (a worker returns the path, not them)."""
    from ..pipeline import scan_file
    return scan_file(path, limits=_LIMITS, display_path=str(path), spool_dir=spool_dir).record()


_LIMITS: Limits | None = None


def _init_worker(limits: Limits) -> None:
    global _LIMITS
    _LIMITS = limits
    if _WARMED:         # a forked worker: the parent did all of this before forking
        return
    from ..parsers import _parsers
    from ..pipeline import default_scanner
    _parsers()          # import every parser library now, not inside the first file's clock
    _warm_table_rows(default_scanner())   # built once per process (inherited by forked workers)


_WARMED = False
# a row of a 公示 table with its column headings: recognizers load some of their tables (column rules,
# the division-name pattern) only for rows, which the scanner's own prose warm-up never reaches
_WARM_ROW = (("序号", "1"), ("姓名", "张三"), ("身份证号码", "110105194912310021"), ("联系电话", "13812345678"),
             ("家庭住址", "云南省武定县狮山镇大西邑村委会3组12号"), ("银行卡号", "6217000010001234567"))


def _warm_table_rows(scanner) -> None:
    global _WARMED
    from ..document import Cell, Location, Segment
    cells, pos = [], 0
    for col, (heading, value) in enumerate(_WARM_ROW):
        cells.append(Cell(pos, f"{chr(65 + col)}2", heading))
        pos += len(value) + 1
    text = "\t".join(value for _, value in _WARM_ROW)
    scanner.scan(Segment(text, Location("sheet", paragraph=2, sheet="Sheet1"), cells=cells))
    _WARMED = True


# files handed to the pool ahead of the one the output waits for: bounds the records held in memory
LOOKAHEAD_PER_JOB = 32
# the largest documents of a batch start before all others, wherever they are in it: one long document
# started last runs alone while the other workers have nothing left to do (it keeps a core idle for most
# of its time); so few that their finished records, held until their turn in the output, cost nothing
HEAD_START_PER_JOB = 4
# the work in a file is its text: a plain-text file is its text, while Office packages and PDF keep
# theirs compressed (a 8 MB workbook unpacks to 60 MB of XML), so a byte of them counts for more
PLAIN_TEXT_SUFFIXES = {".txt", ".text", ".csv", ".md", ".html", ".htm"}
PACKED_WORK_PER_BYTE = 10


def scan_many(paths: list[str] | list[Path], jobs: int, limits: Limits) -> Iterator[dict]:
    """Records in input order; with jobs > 1 the files are scanned in parallel processes.

    A record's `findings` is a FindingSpool (reviewer/report_spool.py): the findings as JSON lines in a
    temporary file, readable until the next record is asked for, then deleted. Workers write the file
    and send back only its path, so half a million findings are never pickled nor held in memory.
    Workers are forked after the parent has built and warmed the scanner, so none builds its own
    (see _fork_context). The largest documents start first (start_order); records come back in
    input order as they complete.
    """
    names = [str(p) for p in paths]
    with tempfile.TemporaryDirectory(prefix="reviewer-scan-") as spool_dir:
        if jobs <= 1 or len(names) <= 1:
            _init_worker(limits)
            with scanner_frozen():
                records: Iterator[dict] = (_scan_one(name, spool_dir) for name in names)
                yield from _releasing(records)
            return
        context = _fork_context()
        if context is None:   # no fork on this platform: each worker builds its own scanner in _init_worker
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(limits,)) as pool:
                yield from _releasing(_in_order(pool, names, jobs, spool_dir))
            return
        _init_worker(limits)
        # frozen before forking: a worker's garbage collection does not write to (and so copy) the pages
        # it shares with the parent either
        with scanner_frozen(), ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                                   initargs=(limits,)) as pool:
            yield from _releasing(_in_order(pool, names, jobs, spool_dir))


@contextmanager
def scanner_frozen() -> Iterator[None]:
    """The objects alive now (the built scanner's tables, word lists and compiled patterns, which never
    change again) kept out of the garbage collector's reach while the block runs.

    Each full collection walks every object the collector tracks, the ~125,000 of the built scanner and
    the parser libraries included. Measured on the bench's linearity documents (one process): the 4× docx
    took 4.5× the time of the 1× one, 3.9× frozen (best of 7), and 0.93 → 0.82 s CPU (median of 10
    alternating runs); workbooks, PDF and text moved within the machine's noise (≤ 3 %)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _releasing(records: Iterator[dict]) -> Iterator[dict]:
    """Yield each record; delete its spooled findings once the consumer has moved on."""
    for rec in records:
        try:
            yield rec
        finally:
            discard_findings(rec)


def _fork_context():
    import multiprocessing
    try:
        return multiprocessing.get_context("fork")
    except ValueError:   # no fork on this platform: each worker builds its scanner in _init_worker
        return None


def work_estimate(name: str) -> int:
    """How long a file takes to scan, roughly: its size, counted PACKED_WORK_PER_BYTE times when packed."""
    try:
        size = os.stat(name).st_size
    except OSError:
        return 0
    return size if Path(name).suffix.lower() in PLAIN_TEXT_SUFFIXES else size * PACKED_WORK_PER_BYTE


def start_order(work: list[int], jobs: int) -> tuple[list[int], set[int]]:
    """The files (indices) that start before all others, largest first, and the same as a set.

    The jobs × HEAD_START_PER_JOB largest, but only those larger than the average file (in a batch of
    equals none is worth taking out of input order)."""
    if not work:
        return [], set()
    average = sum(work) / len(work)
    largest = sorted(range(len(work)), key=lambda i: (-work[i], i))[:jobs * HEAD_START_PER_JOB]
    first = [i for i in largest if work[i] > average]
    return first, set(first)


def _in_order(pool: ProcessPoolExecutor, names: list[str], jobs: int, spool_dir: str) -> Iterator[dict]:
    """Start the largest files of the batch first, then the largest of the next files; keep 2 per worker
    in flight; yield in input order."""
    from concurrent.futures import FIRST_COMPLETED, wait

    work = [work_estimate(name) for name in names]
    first, started = start_order(work, jobs)
    first.reverse()                          # popped from the end: largest first
    window = jobs * LOOKAHEAD_PER_JOB
    waiting: list[tuple[int, int]] = []     # (work, index) of files in the window not yet submitted
    running: dict = {}
    done: dict[int, dict] = {}
    seen = head = 0
    while head < len(names):
        while seen < len(names) and seen < head + window:
            if seen not in started:
                waiting.append((work[seen], seen))
            seen += 1
        waiting.sort()
        while (first or waiting) and len(running) < 2 * jobs:
            i = first.pop() if first else waiting.pop()[1]
            running[pool.submit(_scan_one, names[i], spool_dir)] = i
        if head not in done:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                done[running.pop(fut)] = fut.result()
        while head in done:
            yield done.pop(head)
            head += 1


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--recursive", "-r", is_flag=True, help="包含子文件夹中的文件。")
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="table", show_default=True,
              help="报告格式：table 供人阅读，jsonl/json/csv 供程序处理，html 为网页报告。")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="把报告写入该文件（默认输出到屏幕）。")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="同时扫描的进程数。")
def scan(paths: tuple[str, ...], recursive: bool, fmt: str, output: str | None, jobs: int) -> None:
    """扫描文件中的个人信息、密级标志和隐藏内容（.txt .docx .pdf .xlsx 等）。

    \b
    退出码：0 未发现问题，10 需审查，20 至少一个文件应阻断，
    30 至少一个文件无法读取，2 用法错误（取最高者）。
    """
    skipped: list[Path] = []
    files = collect(paths, recursive, skipped)
    for folder in skipped:
        click.echo(f"注意：未扫描子文件夹“{folder}”。如需包含子文件夹，请加 --recursive。", err=True)
    if not files:
        raise click.UsageError("没有找到可扫描的文件（.txt .docx .pdf .xlsx）。文件夹请加 --recursive 以包含子文件夹。")
    try:
        limits = Limits.from_env()
    except ValueError as exc:
        raise click.UsageError(f"限制设置有误：{exc}。请把该环境变量改为数字或删除它。")
    try:
        from ..pipeline import default_scanner
        default_scanner()   # a broken detector or allow-list file is a usage error, before any file is read
    except ReviewerError as exc:
        raise click.UsageError(exc.message) from None
    try:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        raise click.UsageError(f"无法写入报告文件“{output}”（{exc.strerror}）。请检查文件夹是否存在、是否有写入权限。")
    # only what the exit status needs: a batch of a province's backlog must not pile up findings
    outcomes: list[dict] = []
    seen: dict[str, str] = {}
    try:
        stream = _noting_duplicates(scan_many(files, jobs, limits), seen, outcomes)
        if fmt == "table":
            # blocks are rendered as documents finish (findings streamed from their spool), shown at the end
            # so that the progress bar and the report do not interleave on a terminal
            show_progress = len(files) > 1 and not os.environ.get("REVIEWER_NO_PROGRESS")
            rendered = io.StringIO()
            WRITERS[fmt](_with_progress(stream, len(files)) if show_progress else stream, rendered)
            out.write(rendered.getvalue())
        elif fmt == "html":
            WRITERS[fmt]([materialize(rec) for rec in stream], out)
        else:   # jsonl, json, csv: written record by record, findings copied from their spool
            WRITERS[fmt](stream, out)
    finally:
        if output:
            out.close()
    sys.exit(exit_code_for(outcomes))


def _noting_duplicates(stream: Iterator[dict], seen: dict[str, str], outcomes: list[dict]) -> Iterator[dict]:
    for rec in stream:
        mark_duplicates(rec, seen)
        outcomes.append({"status": rec["status"], "verdict": rec.get("verdict")})
        yield rec


def _with_progress(stream: Iterator[dict], total: int) -> Iterator[dict]:
    """A bar on a terminal; one line per file when stderr is a log or a pipe."""
    if sys.stderr.isatty():
        with click.progressbar(stream, length=total, label="扫描中", file=sys.stderr, show_pos=True) as bar:
            yield from bar
        return
    for i, rec in enumerate(stream, 1):
        click.echo(f"扫描中 {i}/{total}：{rec['path']}", err=True)
        yield rec
