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
from ..reports import WRITERS

SCANNABLE_SUFFIXES = {".txt", ".docx", ".docm", ".pdf", ".xlsx", ".xlsm", ".doc", ".xls", ".wps", ".et",
                      ".csv", ".md", ".text"}


def collect(paths: tuple[str, ...], recursive: bool) -> list[Path]:
    """Files named, and the files of folders named (walked when recursive), in a stable order."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            walker = sorted(p.rglob("*")) if recursive else sorted(p.iterdir())
            out.extend(f for f in walker if f.is_file() and f.suffix.lower() in SCANNABLE_SUFFIXES
                       and not f.name.startswith("~$"))
        else:
            out.append(p)  # missing files become error records, not a crash
    return out


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
    return scan_file(path, limits=_LIMITS).to_dict()


_LIMITS: Limits | None = None


def _init_worker(limits: Limits) -> None:
    global _LIMITS
    _LIMITS = limits
    from ..pipeline import default_scanner
    default_scanner()


def scan_many(paths: list[Path], jobs: int, limits: Limits) -> Iterator[dict]:
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
    files = collect(paths, recursive)
    if not files:
        raise click.UsageError("没有找到可扫描的文件（.txt .docx .pdf .xlsx）。文件夹请加 --recursive 以包含子文件夹。")
    limits = Limits.from_env()
    records: list[dict] = []
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        stream = scan_many(files, jobs, limits)
        if fmt == "jsonl":
            for rec in stream:
                records.append(rec)
                WRITERS["jsonl"]([rec], out)
        else:
            show_bar = fmt == "table" and len(files) > 1 and not os.environ.get("REVIEWER_NO_PROGRESS")
            if show_bar:
                with click.progressbar(stream, length=len(files), label="扫描中", file=sys.stderr,
                                       show_pos=True) as bar:
                    records.extend(bar)
            else:
                records.extend(stream)
            WRITERS[fmt](records, out)
    finally:
        if output:
            out.close()
    sys.exit(exit_code_for(records))
