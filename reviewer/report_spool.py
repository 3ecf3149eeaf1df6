"""Findings spooled to a temporary file while a document is scanned, and report records written from it."""
from __future__ import annotations

# A 100,000-row 低保 workbook has about 500,000 findings. Held as Finding objects, turned into dicts and
# pickled back from a `--jobs` worker, they took more than a gigabyte in the worker and again in the parent.
# Here each finding becomes its JSON text as soon as it is found (pipeline.spool_segment writes it field by
# field, with no Finding nor dict) and goes to a file, a few dozen rows at a time; the record carries a
# FindingSpool (a path, a count and the severities seen: cheap to pickle) where its findings list would be,
# and the writers copy the file out. The JSON written is the same, byte for byte, as
# `json.dumps(report.to_dict(), ensure_ascii=False)` (tests/test_report_spool_lines.py, tests/test_memory.py).

import itertools
import json
import os
import tempfile
import uuid
from json.encoder import encode_basestring as json_str   # a str as json.dumps(..., ensure_ascii=False) writes it
from typing import Any, BinaryIO, Iterable, Iterator, TextIO

# stands in for the findings list while a record's other fields are serialised (unique per process)
_TOKEN = f"__reviewer_spooled_findings_{uuid.uuid4().hex}__"
_QUOTED = json.dumps(_TOKEN)
# spool file names: this run, then the process id and a counter (forked workers share _RUN, not their pid)
_RUN = uuid.uuid4().hex[:12]
_NUMBERS = itertools.count()
_READ_CHUNK = 1 << 20
# json.dumps(obj, ensure_ascii=False) without building an encoder per finding (about a third cheaper)
_encode = json.JSONEncoder(ensure_ascii=False).encode
# encoded blocks held before one write to the file: 64 rows' findings, about 150 kB (measured: faster than
# 16 or 256, the joined text stays in the cache while it is encoded)
_PENDING_BLOCKS = 64


class FindingSpool:
    """A document's findings as JSON lines in a file: takes Finding objects while scanning, gives dicts
    (or their JSON text) afterwards. Open for writing until close(); discard() deletes the file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        self.severities: set[str] = set()
        self._fh: BinaryIO | None = None    # the file is made on the first write: a clean document makes none
        self._made = False
        self._pending: list[bytes] = []    # UTF-8 lines, encoded piece by piece (see spool_segment)

    @classmethod
    def create(cls, directory: str | None = None) -> "FindingSpool":
        # a name from the process and a counter, not mkstemp's random one: a batch of small documents
        # spent a third of its per-document time making spool files (the file is made with O_EXCL all the same)
        return cls(os.path.join(directory or tempfile.gettempdir(),
                                f"findings-{_RUN}-{os.getpid()}-{next(_NUMBERS)}.jsonl"))

    # ---- while scanning: a stand-in for list[Finding]
    def append(self, finding) -> None:
        self.write_lines((_encode(finding.to_dict()) + "\n").encode(), 1)
        self.severities.add(finding.severity)

    def extend(self, findings: Iterable) -> None:
        for f in findings:
            self.append(f)

    def write_lines(self, block: bytes, count: int) -> None:
        """`count` findings' JSON lines in UTF-8 (pipeline.spool_segment), newlines included.

        The caller adds the findings' severities to `severities`."""
        pending = self._pending
        pending.append(block)
        self.count += count
        if len(pending) >= _PENDING_BLOCKS:
            self._flush()

    def _flush(self) -> None:
        if self._fh is None:
            self._fh = self._open()
        self._fh.write(b"".join(self._pending))
        self._pending.clear()

    def _open(self) -> BinaryIO:
        if self._made:     # written to after close(): carry on where it ended
            return open(self.path, "ab")
        self._made = True
        try:
            return open(self.path, "xb")
        except FileExistsError:   # left by an earlier process with the same id: a fresh name
            fd, self.path = tempfile.mkstemp(prefix="findings-", suffix=".jsonl", dir=os.path.dirname(self.path))
            return open(fd, "wb")

    def close(self) -> None:
        if self._pending:
            self._flush()
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def discard(self) -> None:
        """Drop the file (a document that failed half way reports no findings)."""
        self._pending = []
        self.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        self.count = 0
        self.severities = set()

    # ---- afterwards: the record's findings
    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def lines(self) -> Iterator[str]:
        """Each finding's JSON text, without the newline."""
        self.close()
        if not self.count:
            return
        with open(self.path, encoding="utf-8", newline="\n") as fh:
            for line in fh:
                yield line[:-1]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for line in self.lines():
            yield json.loads(line)

    def __getstate__(self) -> dict:
        """Pickled from a worker to the parent: the path, never the open file or the findings."""
        self.close()
        return {"path": self.path, "count": self.count, "severities": self.severities}

    def __setstate__(self, state: dict) -> None:
        self.path, self.count, self.severities = state["path"], state["count"], state["severities"]
        self._fh = None
        self._made = True
        self._pending = []

    def __repr__(self) -> str:
        return f"FindingSpool({self.path!r}, count={self.count})"


# ---- one finding's JSON line, written field by field: the text of _encode(Finding.to_dict()), byte for byte,
# without the Finding, its dicts and the encoder's walk over them (a 公示 workbook has half a million)

# strings that repeat (types, details, explanations, scores), encoded once; bounded, in case they do not repeat
_CACHE_LIMIT = 8192
_ENCODED: dict[str, str] = {}
SCORE_TEXTS: dict[float, bytes] = {}
_HEADS: dict[tuple, bytes] = {}
TAIL_TEXTS: dict[tuple, bytes] = {}
_PLAIN = (str, type(None))
_AROUND_PARAGRAPH: dict[tuple, tuple[bytes, bytes]] = {}


def json_value(v: Any) -> str:
    """v as JSON text; strings cached."""
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if type(v) is str:
        s = _ENCODED.get(v)
        if s is None:
            s = json_str(v)
            if len(_ENCODED) < _CACHE_LIMIT:
                _ENCODED[v] = s
        return s
    return _encode(v)   # numbers, or whatever a custom detector put there


def score_json(score: Any) -> bytes:
    """round(score, 3) as JSON, UTF-8."""
    if type(score) is float:    # (keyed by floats only: 1 and 1.0 are one dict key but two JSON texts)
        s = SCORE_TEXTS.get(score)
        if s is None:
            s = _encode(round(score, 3)).encode()
            if len(SCORE_TEXTS) < _CACHE_LIMIT:
                SCORE_TEXTS[score] = s
        return s
    return _encode(round(score, 3)).encode()


def finding_head(ftype: str, category: str, severity: str) -> bytes:
    """The line's start, up to the finding's text, UTF-8."""
    key = (ftype, category, severity)
    head = _HEADS.get(key)
    if head is None:
        head = f'{{"type": {json_value(ftype)}, "category": {json_value(category)}, "severity": {json_value(severity)}, "text": '.encode()
        if len(_HEADS) < _CACHE_LIMIT:
            _HEADS[key] = head
    return head


def location_parts(location) -> tuple[bytes, bytes]:
    """The JSON of location.with_cell(c).to_dict() is before + json_str(c) + after (UTF-8), for any str c."""
    part, paragraph, page, sheet = location.part, location.paragraph, location.page, location.sheet
    if (location.author is None and location.field is None and location.bbox is None
            and location.confidence is None and type(part) is str and type(sheet) in _PLAIN
            and (paragraph is None or type(paragraph) is int) and (page is None or type(page) is int)):
        # a table row or a paragraph: the rows of a sheet differ only in their paragraph (row) number, so
        # the text around it is made once per sheet (the encoder's set-up cost more than a row's findings)
        key = (part, page, sheet)
        around = _AROUND_PARAGRAPH.get(key)
        if around is None:
            around = (f'{{"part": {json_value(part)}, "paragraph": '.encode(),
                      f', "page": {"null" if page is None else page}, "sheet": {json_value(sheet)}, "cell": '.encode())
            if len(_AROUND_PARAGRAPH) < _CACHE_LIMIT:
                _AROUND_PARAGRAPH[key] = around
        if paragraph is None:
            return around[0] + b"null" + around[1], b"}"
        return b"%b%d%b" % (around[0], paragraph, around[1]), b"}"
    text = _encode({**location.to_dict(), "cell": _TOKEN})
    i = text.index(_QUOTED)
    return text[:i].encode(), text[i + len(_QUOTED):].encode()


def finding_tail(masked: Any, detail: Any, explanation: Any) -> bytes:
    """The line's end, from "masked" on, newline included, UTF-8 (cached for boolean `masked`)."""
    key = (masked, detail, explanation)
    tail = TAIL_TEXTS.get(key) if type(masked) is bool else None
    if tail is None:
        tail = (f'"masked": {json_value(masked)}, "detail": {json_value(detail)}, '
                f'"explanation": {json_value(explanation)}}}\n').encode()
        # (only keys whose equal keys encode alike: 0 == False and 1 == 1.0 as dict keys, not as JSON)
        if (type(masked) is bool and type(detail) in _PLAIN and type(explanation) in _PLAIN
                and len(TAIL_TEXTS) < _CACHE_LIMIT):
            TAIL_TEXTS[key] = tail
    return tail


# A finding's line is then (pipeline.spool_segment), in UTF-8: head + json_str(text) + ', "score": ' +
# score_json(score) + ', "location": ' + before + json_str(cell) + after + f', "start": {start}, "end": {end},
# "context": ' + json_str(context) + ', ' + tail. Built as bytes: only the value and its context are encoded
# per finding, not the whole line (measured: 0.5 µs a finding, against 0.9 for a str line and its encoding)


def discard_findings(record: dict) -> None:
    """Delete a record's spool file, if it has one (after it has been written out)."""
    findings = record.get("findings")
    if isinstance(findings, FindingSpool):
        findings.discard()


def materialize(record: dict) -> dict:
    """The record with its findings as a list of dicts (for writers that need them all: html)."""
    findings = record.get("findings")
    if isinstance(findings, FindingSpool):
        record["findings"] = list(findings)
        findings.discard()
    return record


def _split(record: dict, indent: int | None) -> tuple[str, str, str]:
    """The record's JSON before and after its findings list's items, and the items' indentation."""
    text = json.dumps({**record, "findings": [_TOKEN]}, ensure_ascii=False, indent=indent)
    i = text.index(_QUOTED)
    before, after = text[:i], text[i + len(_QUOTED):]
    if indent is None:
        return before, after, ""
    line_start = before.rfind("\n") + 1
    return before[:line_start], after, before[line_start:]


def write_record(record: dict, out: TextIO, indent: int | None = None, prefix: str = "") -> None:
    """Write one record as JSON, its spooled findings copied from their file (one finding in memory at a time).

    With `indent`, the layout of json.dump(..., indent=indent); `prefix` goes before every line after
    the first (a record inside a list)."""
    findings = record.get("findings")
    if not isinstance(findings, FindingSpool):
        text = json.dumps(record, ensure_ascii=False, indent=indent)
        out.write(text.replace("\n", "\n" + prefix) if prefix else text)
        return
    if not findings:
        write_record({**record, "findings": []}, out, indent, prefix)
        return
    before, after, item_indent = _split(record, indent)
    if indent is None:
        out.write(before)
        _copy_joined(findings, out)
        out.write(after)
        return
    nl = "\n" + prefix
    out.write(before.replace("\n", nl))   # ends with a newline and the prefix
    sep = ""
    for f in findings:
        out.write(sep + item_indent)
        out.write(json.dumps(f, ensure_ascii=False, indent=indent).replace("\n", nl + item_indent))
        sep = "," + nl
    out.write(after.replace("\n", nl))


def _copy_joined(findings: FindingSpool, out: TextIO) -> None:
    """The spool's lines joined by ", ", copied in large pieces."""
    findings.close()
    with open(findings.path, encoding="utf-8", newline="\n") as fh:
        pending = ""
        while True:
            chunk = fh.read(_READ_CHUNK)
            if not chunk:
                break
            chunk = pending + chunk
            # the last newline of a piece may end the spool: hold it back until more text follows
            pending = "\n" if chunk.endswith("\n") else ""
            if pending:
                chunk = chunk[:-1]
            out.write(chunk.replace("\n", ", "))
