"""`reviewer scan`: batch-scan files and folders, for people (table, html) and scripts (jsonl, exit codes)."""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

import click

from ..errors import ExitCode
from ..limits import Limits
from ..parsers import EXTENSIONS, LEGACY_EXTENSIONS
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


def _scan_one(path: str) -> dict:
    from ..pipeline import scan_file
    return scan_file(path, limits=_LIMITS, display_path=str(path)).to_dict()


_LIMITS: Limits | None = None


def _init_worker(limits: Limits) -> None:
    global _LIMITS
    _LIMITS = limits
    from ..pipeline import default_scanner
    default_scanner()


def scan_many(paths: list[str] | list[Path], jobs: int, limits: Limits) -> Iterator[dict]:
    """Records in input order; with jobs > 1 the files are scanned in parallel processes."""
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) <= 1:
        _init_worker(limits)
        for name in names:
            yield _scan_one(name)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(limits,)) as pool:
        yield from pool.map(_scan_one, names, chunksize=1)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--recursive", "-r", is_flag=True, help="Walk folders.")
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Scan files in N parallel processes.")
def scan(paths: tuple[str, ...], recursive: bool, fmt: str, output: str | None, jobs: int) -> None:
    """Scan documents for personal data, secrecy markings and concealed content.

    Exit status: 0 all clear, 10 needs review, 20 blocked, 30 a file could not be read, 2 usage error.
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
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        raise click.UsageError(f"无法写入报告文件“{output}”（{exc.strerror}）。请检查文件夹是否存在、是否有写入权限。")
    records: list[dict] = []
    seen: dict[str, str] = {}
    try:
        stream = _noting_duplicates(scan_many(files, jobs, limits), seen)
        if fmt == "jsonl":
            for rec in stream:
                records.append(rec)
                WRITERS["jsonl"]([rec], out)
        else:
            show_progress = fmt == "table" and len(files) > 1 and not os.environ.get("REVIEWER_NO_PROGRESS")
            records.extend(_with_progress(stream, len(files)) if show_progress else stream)
            WRITERS[fmt](records, out)
    finally:
        if output:
            out.close()
    sys.exit(exit_code_for(records))


def _noting_duplicates(stream: Iterator[dict], seen: dict[str, str]) -> Iterator[dict]:
    for rec in stream:
        mark_duplicates(rec, seen)
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
