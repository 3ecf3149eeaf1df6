"""Findings spooled to a temporary file while a document is scanned, and report records written from it.

A 100,000-row 低保 workbook has about 500,000 findings. Held as Finding objects, turned into dicts and
pickled back from a `--jobs` worker, they took more than a gigabyte in the worker and again in the parent.
Here each finding becomes its JSON text as soon as it is found and is appended to a file; the record
carries a FindingSpool (a path, a count and the severities seen: cheap to pickle) where its findings list
would be, and the writers copy the file out. The JSON written is the same, byte for byte, as
`json.dumps(report.to_dict(), ensure_ascii=False)`.
"""
from __future__ import annotations

import json
import os
import tempfile
import uuid
from typing import Any, Iterable, Iterator, TextIO

# stands in for the findings list while a record's other fields are serialised (unique per process)
_TOKEN = f"__reviewer_spooled_findings_{uuid.uuid4().hex}__"
_QUOTED = json.dumps(_TOKEN)
_READ_CHUNK = 1 << 20
# json.dumps(obj, ensure_ascii=False) without building an encoder per finding (about a third cheaper)
_encode = json.JSONEncoder(ensure_ascii=False).encode


class FindingSpool:
    """A document's findings as JSON lines in a file: takes Finding objects while scanning, gives dicts
    (or their JSON text) afterwards. Open for writing until close(); discard() deletes the file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        self.severities: set[str] = set()
        self._fh: TextIO | None = open(path, "w", encoding="utf-8", newline="\n")

    @classmethod
    def create(cls, directory: str | None = None) -> "FindingSpool":
        fd, path = tempfile.mkstemp(prefix="findings-", suffix=".jsonl", dir=directory)
        os.close(fd)
        return cls(path)

    # ---- while scanning: a stand-in for list[Finding]
    def append(self, finding) -> None:
        self._fh.write(_encode(finding.to_dict()) + "\n")
        self.count += 1
        self.severities.add(finding.severity)

    def extend(self, findings: Iterable) -> None:
        for f in findings:
            self.append(f)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def discard(self) -> None:
        """Drop the file (a document that failed half way reports no findings)."""
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

    def __repr__(self) -> str:
        return f"FindingSpool({self.path!r}, count={self.count})"


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
