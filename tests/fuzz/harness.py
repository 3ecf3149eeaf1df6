"""Runs one hostile file through scan_file in a forked worker under a time limit and a memory ceiling."""
from __future__ import annotations

import io
import logging
import multiprocessing as mp
import random
import re
import resource
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REGRESSIONS = Path(__file__).resolve().parent / "regressions"
CORPORA = REPO / "corpora"
SEED_NAMES = {  # a few small files per format, from the annotated corpora
    "docx": ["docx/武发改〔2024〕12号_储备粮轮换底价.docx", "docx/武人社信复〔2024〕14号_欠薪信访处理意见.docx"],
    "xlsx": ["xlsx/2024年国庆节期间领导带班值班安排表.xlsx", "xlsx/武定县2024年二季度城乡低保对象花名册.xlsx"],
    "pdf": ["pdf/武教体依复〔2024〕2号.pdf", "pdf/田心乡2024年特困人员救助供养公示（已脱敏）.pdf"],
    "txt": ["txt/武住建信复〔2024〕8号.txt", "txt/關於辦理港澳台居民居住證的通告_中英雙語.txt"],
}
CASE_SECONDS = 20.0          # wall time a single case may take before it counts as a hang
MEMORY_BYTES = 2 << 30       # address space of the worker: a parser that wants more fails, not the machine
PARSE_SECONDS = 10.0         # the Limits deadline given to scan_file


def seeds() -> dict[str, list[bytes]]:
    return {fmt: [(CORPORA / n).read_bytes() for n in names] for fmt, names in SEED_NAMES.items()}


def known_codes() -> set[str]:
    """Every error code the project defines (subclasses of ReviewerError), minus the untranslated one."""
    from reviewer import errors
    codes, todo = set(), [errors.ReviewerError]
    while todo:
        cls = todo.pop()
        codes.add(cls.code)
        todo.extend(cls.__subclasses__())
    return codes


@dataclass
class Outcome:
    status: str                    # ok | error | crash | hang
    code: str | None = None
    detail: str = ""               # the traceback of an untranslated error, or the message

    @property
    def acceptable(self) -> bool:
        return self.status == "ok" or (self.status == "error" and self.code in known_codes()
                                       and self.code != "parse_failed")


def _serve(conn) -> None:
    """Worker loop: receive (name, bytes), scan, send back (status, code, detail)."""
    import os
    import tempfile
    # OCR of a page that damage left without text takes ~20 s on a loaded machine and is not what is fuzzed here
    os.environ.setdefault("REVIEWER_OCR", os.environ.get("FUZZ_OCR", "0"))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    from reviewer.limits import Limits
    from reviewer.pipeline import NullScanner, scan_file
    limits = Limits(max_seconds=PARSE_SECONDS, max_file_mb=20, max_unpacked_mb=200, max_pages=200,
                    max_cells=1_000_000, max_ocr_pages=1)
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    logging.getLogger("reviewer").addHandler(handler)
    with tempfile.TemporaryDirectory() as tmp:
        while True:
            msg = conn.recv()
            if msg is None:
                return
            name, data = msg
            captured.seek(0), captured.truncate()
            path = Path(tmp) / name
            path.write_bytes(data)
            try:
                rep = scan_file(path, scanner=NullScanner(), limits=limits)
                code = rep.error["code"] if rep.error else None
                conn.send((rep.status, code, captured.getvalue()[-3000:] or (rep.error or {}).get("message", "")))
            except BaseException:  # scan_file promises never to raise: anything here is a defect
                conn.send(("crash", None, traceback.format_exc()[-3000:]))
            path.unlink(missing_ok=True)


class Worker:
    """A long-lived forked scanner; restarted after a hang or a death."""

    def __init__(self) -> None:
        self.proc = None
        self.conn = None

    def _start(self) -> None:
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        self.proc.start()

    def run(self, name: str, data: bytes, timeout: float = CASE_SECONDS) -> Outcome:
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.conn.send((name, data))
        if not self.conn.poll(timeout):
            self.stop()
            return Outcome("hang", None, f"no answer within {timeout:g} s")
        try:
            status, code, detail = self.conn.recv()
        except EOFError:
            code = self.proc.exitcode if self.proc else None
            self.stop()
            return Outcome("crash", None, f"worker died (exit code {code})")
        return Outcome(status, code, detail)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join(5)
        self.proc = self.conn = None


# ------------------------------------------------------------------ mutations (pure functions of a Random)
def flip_bytes(data: bytes, rnd: random.Random, n: int = 8) -> bytes:
    buf = bytearray(data)
    for _ in range(n):
        i = rnd.randrange(len(buf))
        buf[i] = rnd.randrange(256)
    return bytes(buf)


def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[:rnd.randrange(1, max(2, len(data)))]


XML_EVIL = (
    lambda x, r: re.sub(rb"<(/?)w:t\b", rb"<\1w:tX", x, count=r.randrange(1, 5)),          # unknown tag
    lambda x, r: x.replace(b"</", b"<", 1),                                                  # unclosed tag
    lambda x, r: x[: len(x) // 2],                                                            # cut in half
    lambda x, r: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                 + re.sub(rb"^<\?xml[^>]*\?>", b"", x),                                       # entity declaration
    lambda x, r: re.sub(rb"(<w:body>|<sheetData>)", rb"\1" + b"<a>" * 5000 + b"</a>" * 5000, x, count=1),  # deep
    lambda x, r: re.sub(rb'r:id="[^"]*"', b'r:id="rIdMissing"', x),                           # dangling rel
    lambda x, r: re.sub(rb'(ref|r)="[A-Z]+\d+"', b'r="ZZZZ99999999"', x),                      # absurd cell ref
    lambda x, r: re.sub(rb'(sz|w|val|s|t)="[^"]*"', b'\\1="-99999999999999999999"', x, count=20),  # absurd numbers
    lambda x, r: x.replace(b"utf-8", b"utf-16", 1).replace(b"UTF-8", b"UTF-16", 1),           # wrong encoding
    lambda x, r: flip_bytes(x, r, 4) if x else x,                                             # noise
)


def mutate_zip(data: bytes, rnd: random.Random) -> bytes:
    """Rewrite one member of an Office zip: XML mutation, removal, duplication, or bad compression."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        members = [(i, zin.read(i)) for i in zin.infolist()]
    except Exception:
        return flip_bytes(data, rnd)
    victim = rnd.randrange(len(members))
    how = rnd.randrange(4)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for k, (info, body) in enumerate(members):
            if k == victim:
                if how == 0:
                    body = rnd.choice(XML_EVIL)(body, rnd)
                elif how == 1:
                    continue                                   # member missing
                elif how == 2:
                    zout.writestr(info.filename + "x", body)   # stray member, original kept
                else:
                    body = b"\x00" * rnd.randrange(0, 50_000)   # zeros (compresses very well)
            zout.writestr(info.filename, body)
    return out.getvalue()


def mutate_pdf(data: bytes, rnd: random.Random) -> bytes:
    """Damage PDF structure: xref offsets, object numbers, stream lengths, filters."""
    how = rnd.randrange(5)
    if how == 0:
        return re.sub(rb"/Length \d+", lambda m: b"/Length %d" % rnd.randrange(0, 10**9), data, count=3)
    if how == 1:
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rnd.randrange(0, 10**6), data)
    if how == 2:
        return re.sub(rb"(\d+) 0 R", lambda m: b"%d 0 R" % rnd.randrange(0, 50), data, count=rnd.randrange(1, 20))
    if how == 3:
        return data.replace(b"/FlateDecode", rnd.choice([b"/LZWDecode", b"/DCTDecode", b"/Nonsense"]), 1)
    return re.sub(rb"/Count \d+", b"/Count 999999999", data)


def mutate(fmt: str, data: bytes, rnd: random.Random) -> bytes:
    """One hostile variant of a seed file: the kind of damage depends on the format."""
    kinds = [flip_bytes, truncate]
    if fmt in ("docx", "xlsx"):
        kinds += [mutate_zip, mutate_zip, mutate_zip]
    if fmt == "pdf":
        kinds += [mutate_pdf, mutate_pdf]
    if fmt == "txt":
        kinds += [lambda d, r: d.decode("utf-8").encode(r.choice(["utf-16", "gb18030", "big5", "utf-32"]),
                                                        errors="ignore"),
                  lambda d, r: d + b"\x00" * r.randrange(1, 5000)]
    return rnd.choice(kinds)(data, rnd)


def save_regression(fmt: str, data: bytes, outcome: Outcome) -> Path:
    """Keep a crashing input for ever: tests/fuzz/regressions/<sha256 prefix>.<fmt>."""
    import hashlib
    REGRESSIONS.mkdir(exist_ok=True)
    path = REGRESSIONS / f"{hashlib.sha256(data).hexdigest()[:16]}.{fmt}"
    path.write_bytes(data)
    path.with_suffix(path.suffix + ".txt").write_text(f"{outcome.status} {outcome.code}\n{outcome.detail}\n",
                                                      encoding="utf-8")
    return path
