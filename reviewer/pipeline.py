"""The scan pipeline: check the file, parse it segment by segment, detect, and build the report record."""
from __future__ import annotations

import hashlib
import logging
import sys
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any, Iterable, Protocol

from .document import Detection, Finding, Location, ParseContext, Segment
from .errors import (DocumentError, EmptyFileError, FileNotFoundInputError, ReviewerError,
                     TooLargeError)
from .findings import CONCEALED_LABELS, FINDING_TYPES, METADATA_LABELS, verdict
from .limits import DEFAULT_LIMITS, Limits
from .parsers import detect_format, parser_for
from .report_spool import (SCORE_TEXTS, TAIL_TEXTS, FindingSpool, finding_head, finding_tail, json_str, json_value,
                           location_parts, score_json)

log = logging.getLogger(__name__)

CONTEXT_CHARS = 20
DEFAULT_WHY = "发布后读者不易看到，但文件中仍然保存着这些内容"
CONCEALED_WHY = {
    "tracked_change": "文件保留着未接受的修订（含删除的文字），发布前须接受或拒绝全部修订",
    "comment": "批注随文件一起发布，读者打开即可看到",
    "covered_text": "文字被色块遮盖，但仍保存在文件中，可被复制或检索",
    "embedded_file": "文件中嵌入了另一个文件，发布时会一并公开",
}
# metadata fields that name a person or an organisation (the rest, e.g. producer, are not findings)
IDENTIFYING_METADATA = {"author", "last_modified_by", "company", "manager", "creator"}


class Scanner(Protocol):
    """Anything that finds things in a segment: the detectors package provides the real one."""

    def scan(self, segment: Segment) -> list[Detection]: ...


class NullScanner:
    def scan(self, segment: Segment) -> list[Detection]:
        return []


def default_scanner() -> Scanner:
    """The configured detector set, built once per process."""
    global _SCANNER
    if _SCANNER is None:
        from detectors import build_scanner
        _SCANNER = build_scanner()
        # load what recognizers load lazily (word lists, suffix lists) now: forked workers inherit it
        _SCANNER.scan(Segment(WARM_UP, Location("body")))
    return _SCANNER


WARM_UP = ("秘密★1年 内部资料 申请人张三（男，45岁），身份证号码110105194912310021，手机13812345678，"
           "银行卡号6217000010001234567，邮箱zhang1234@163.com，住址云南省武定县狮山镇大西邑村委会3组12号，"
           "车牌云A·12345，护照E12345678，患有糖尿病。")


_SCANNER: Scanner | None = None


@dataclass
class ScanReport:
    """One SPEC report record.

    `findings` is a list of Finding objects, or a FindingSpool (scan_file(spool_dir=…)) holding them
    as JSON text in a temporary file, so that half a million findings never sit in memory.
    """

    path: str
    sha256: str | None = None
    format: str | None = None
    status: str = "ok"
    error: dict | None = None
    findings: list[Finding] | FindingSpool = field(default_factory=list)
    chars: int = 0
    pages: int | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str | None:
        if self.status != "ok":
            return None
        if isinstance(self.findings, FindingSpool):
            return verdict(self.findings.severities)
        return verdict(f.severity for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON values (a spool's findings read back into dicts)."""
        record = self.record()
        if isinstance(self.findings, FindingSpool):
            record["findings"] = list(self.findings)
        else:
            record["findings"] = [f.to_dict() for f in self.findings]
        return record

    def record(self) -> dict[str, Any]:
        """The record with the findings as they are held: a FindingSpool stays one (the writers in
        reviewer.reports stream it); a list is left for the caller (to_dict, release_dict) to fill."""
        return {"path": self.path, "sha256": self.sha256, "format": self.format,
                "status": self.status, "error": self.error, "verdict": self.verdict,
                "findings": self.findings if isinstance(self.findings, FindingSpool) else [],
                "stats": {"chars": self.chars, "pages": self.pages, "seconds": round(self.seconds, 3)},
                "notes": self.notes}

    def release_dict(self) -> dict[str, Any]:
        """to_dict(), dropping each Finding as it is converted: a report of half a million findings
        (a 100,000-row 公示 workbook) never holds the objects and their dicts at once."""
        if isinstance(self.findings, FindingSpool):
            return self.to_dict()
        record = self.record()
        findings, self.findings = self.findings, []
        findings.reverse()
        out = record["findings"]
        while findings:
            out.append(findings.pop().to_dict())
        return record


def sha256_of(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def check_file(path: Path, limits: Limits) -> None:
    """Refuse what is missing, empty or over the size limit before any parser sees it."""
    try:
        st = path.stat()
    except OSError:
        raise FileNotFoundInputError(f"找不到文件“{path}”或无权读取。请检查路径和权限。") from None
    size = st.st_size
    if not S_ISREG(st.st_mode):    # (what path.is_file() asks, without a second stat)
        raise FileNotFoundInputError(f"“{path}”不是普通文件。请提交文件而不是文件夹或设备。")
    if size == 0:
        raise EmptyFileError(f"“{path.name}”是空文件（0 字节）。请检查导出或复制过程，重新提交完整文件。")
    if size > limits.max_file_bytes:
        raise TooLargeError(
            f"“{path.name}”大小 {size / 1048576:.1f} MB，超过 {limits.max_file_mb:g} MB 上限"
            "（REVIEWER_MAX_FILE_MB）。请拆分后分别提交，或请管理员调高上限。")


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")


def findings_for_segment(segment: Segment, offset: int, scanner: Scanner,
                         seen_concealed: set) -> list[Finding]:
    """Findings of one segment, with offsets into the document's scanned text."""
    out = (_object_findings(segment, offset, seen_concealed)
           if segment.concealed or segment.location.part == "metadata" else [])
    detections = scanner.scan(segment)
    if not detections:
        return out
    text = segment.text
    loc = segment.location
    # a row's findings sit in a few cells: one Location per cell, shared by its findings
    cell_location: dict[str, Location] = {}
    intern = sys.intern
    size = len(text)
    for d in detections:
        ftype = FINDING_TYPES.get(d.type)
        category = ftype.category if ftype else "custom"
        severity = d.severity or (ftype.severity if ftype else "medium")
        where = loc
        if segment.cells:
            cell = segment.cell_at(d.start)
            if cell is not None:
                where = cell_location.get(cell.ref)
                if where is None:
                    where = cell_location[cell.ref] = loc.with_cell(cell.ref)
        # (_context, inline: a 公示 workbook has half a million findings)
        left, right = d.start - CONTEXT_CHARS, d.end + CONTEXT_CHARS
        context = text[left if left > 0 else 0:right]
        if left > 0:
            context = "…" + context
        if right < size:
            context += "…"
        # explanations repeat (「11位手机号；上下文“联系电话”；得分 0.95」): one shared copy, not one per finding
        out.append(Finding(d.type, category, severity, text[d.start:d.end], d.score, where,
                           offset + d.start, offset + d.end, context, d.masked,
                           d.detail, intern(d.explanation) if d.explanation else d.explanation))
    return out


def spool_segment(segment: Segment, offset: int, scanner: Scanner, seen_concealed: set,
                  spool: FindingSpool) -> None:
    """findings_for_segment, written to `spool` as JSON lines: the same fields (the same text as
    Finding.to_dict encoded), but the segment's location is encoded once and no Finding is built."""
    if segment.concealed or segment.location.part == "metadata":
        for f in _object_findings(segment, offset, seen_concealed):
            spool.append(f)
    spool_detections(segment, offset, scanner.scan(segment), spool)


def spool_detections(segment: Segment, offset: int, detections: list[Detection], spool: FindingSpool) -> None:
    """The JSON lines of one segment's detections (spool_segment, once the scanner has run)."""
    if not detections:
        return
    loc = segment.location
    text = segment.text
    cells = segment.cells
    before, after = location_parts(loc)
    plain = None     # the segment's own location (no cell, or its own), once a finding is outside every cell
    if cells:
        starts = segment.cell_starts()
        wheres: list[bytes | None] = [None] * len(cells)   # each cell's location JSON, once it has a finding
    heads: dict[str | tuple, bytes] = {}   # by type, or (type, severity) when the detector sets one
    tails, scores = TAIL_TEXTS, SCORE_TEXTS
    severities = spool.severities
    size = len(text)
    lines = []
    for d in detections:
        key = d.type if d.severity is None else (d.type, d.severity)
        head = heads.get(key)
        if head is None:
            ftype = FINDING_TYPES.get(d.type)
            severity = d.severity or (ftype.severity if ftype else "medium")
            severities.add(severity)
            head = heads[key] = finding_head(d.type, ftype.category if ftype else "custom", severity)
        start, end = d.start, d.end
        where = None
        if cells:
            i = bisect_right(starts, start) - 1     # (segment.cell_at, without a call per finding)
            if i >= 0:
                where = wheres[i]
                if where is None:
                    where = wheres[i] = before + _cell_json(cells[i].ref).encode() + after
        if where is None:
            if plain is None:
                plain = before + _cell_json(loc.cell).encode() + after
            where = plain
        left, right = start - CONTEXT_CHARS, end + CONTEXT_CHARS
        context = text[left if left > 0 else 0:right]
        if left > 0:
            context = "…" + context
        if right < size:
            context += "…"
        masked, score = d.masked, d.score
        # (the encoders' caches, looked up here: a call per field per finding cost as much as the rest)
        tail = tails.get((masked, d.detail, d.explanation)) if type(masked) is bool else None
        if tail is None:
            tail = finding_tail(masked, d.detail, d.explanation)
        score = scores.get(score) if type(score) is float else None
        if score is None:
            score = score_json(d.score)
        if type(start) is int and type(end) is int:
            lines.append(b'%b%b, "score": %b, "location": %b, "start": %d, "end": %d, "context": %b, %b'
                         % (head, json_str(text[start:end]).encode(), score, where, offset + start, offset + end,
                            json_str(context).encode(), tail))
        else:
            lines.append(b'%b%b, "score": %b, "location": %b, "start": %b, "end": %b, "context": %b, %b'
                         % (head, json_str(text[start:end]).encode(), score, where,
                            json_value(offset + start).encode(), json_value(offset + end).encode(),
                            json_str(context).encode(), tail))
    spool.write_lines(b"".join(lines), len(lines))


def _cell_json(ref) -> str:
    # (not json_value: its cache is for strings that repeat, which cell references do not)
    return json_str(ref) if type(ref) is str else json_value(ref)


def _object_findings(segment: Segment, offset: int, seen_concealed: set) -> list[Finding]:
    """The segment's HIDDEN_CONTENT and DOCUMENT_METADATA findings (a few per document)."""
    out: list[Finding] = []
    text = segment.text
    loc = segment.location
    if segment.concealed:
        key = (segment.concealed, segment.group if segment.group is not None else offset)
        if key not in seen_concealed:
            seen_concealed.add(key)
            label = CONCEALED_LABELS.get(segment.concealed, segment.concealed)
            shown = text if len(text) <= 60 else text[:60] + "…"
            who = f"（作者：{loc.author}）" if loc.author else ""
            out.append(Finding("HIDDEN_CONTENT", "concealed", FINDING_TYPES["HIDDEN_CONTENT"].severity,
                               shown, 1.0, loc, offset, offset + len(shown.rstrip("…")),
                               _context(text, 0, min(len(text), 60)), detail=segment.concealed,
                               explanation=f"{label}{who}：{CONCEALED_WHY.get(segment.concealed, DEFAULT_WHY)}"))
    if loc.part == "metadata" and loc.field in IDENTIFYING_METADATA and text.strip():
        name = METADATA_LABELS.get(loc.field, loc.field)
        out.append(Finding("DOCUMENT_METADATA", "metadata", FINDING_TYPES["DOCUMENT_METADATA"].severity,
                           text, 1.0, loc, offset, offset + len(text), _context(text, 0, len(text)),
                           detail=loc.field, explanation=f"文档属性“{name}”：{text}"))
    return out


# Segments are taken from the parser, scanned and spooled a batch at a time: parsing, detecting and
# spooling each run over a few dozen rows in turn instead of alternating row by row, which keeps each
# stage's code and data in the CPU caches (a 100,000-row workbook scanned ~8% faster than row by row).
BATCH_SEGMENTS = 32


def scan_segments(segments: Iterable[Segment], scanner: Scanner, ctx: ParseContext,
                  report: ScanReport) -> None:
    offset = 0
    seen: set = set()
    findings = report.findings
    spooled = isinstance(findings, FindingSpool)
    max_chars = ctx.limits.max_chars
    parsed = iter(segments)
    batch: list[Segment] = []
    while True:
        # the parser's error, if it raises, comes after the segments it gave before it (as row by row)
        failed = None
        batch.clear()
        try:
            for segment in parsed:
                batch.append(segment)
                if len(batch) == BATCH_SEGMENTS:
                    break
        except Exception as exc:
            failed = exc
        if spooled:
            starts = []
            found = []
            for segment in batch:
                ctx.check_deadline()
                found.append(scanner.scan(segment))
                starts.append(offset)
                offset += len(segment.text) + 1
                if offset > max_chars:
                    raise TooLargeError(f"提取的文字超过 {max_chars} 字符上限（REVIEWER_MAX_CHARS）。请拆分后提交。")
            for segment, start, detections in zip(batch, starts, found):
                if segment.concealed or segment.location.part == "metadata":
                    for f in _object_findings(segment, start, seen):
                        findings.append(f)
                spool_detections(segment, start, detections, findings)
        else:
            for segment in batch:
                ctx.check_deadline()
                findings.extend(findings_for_segment(segment, offset, scanner, seen))
                offset += len(segment.text) + 1
                if offset > max_chars:
                    raise TooLargeError(f"提取的文字超过 {max_chars} 字符上限（REVIEWER_MAX_CHARS）。请拆分后提交。")
        if failed is not None:
            raise failed
        if len(batch) < BATCH_SEGMENTS:
            break
    report.chars = max(0, offset - 1)


def scan_file(path: str | Path, *, scanner: Scanner | None = None, limits: Limits | None = None,
              display_path: str | None = None, spool_dir: str | None = None) -> ScanReport:
    """Scan one file; never raises for a bad document, which becomes an error record instead.

    With `spool_dir`, findings go to a FindingSpool file in that folder as they are found (the
    caller deletes it, with FindingSpool.discard, once the record is written)."""
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    report = ScanReport(path=display_path or str(path))
    if spool_dir is not None:
        report.findings = FindingSpool.create(spool_dir)
    started = time.perf_counter()
    try:
        check_file(path, limits)
        report.sha256 = sha256_of(path)
        report.format = detect_format(path)
        ctx = ParseContext(limits=limits)
        ctx.start_clock()
        scan_segments(parser_for(report.format)(path, ctx), scanner or default_scanner(), ctx, report)
        report.pages = ctx.pages
        report.notes.extend(ctx.notes)
    except DocumentError as exc:
        _fail(report, exc)
    except ReviewerError as exc:
        _fail(report, exc)
    except MemoryError:
        _fail(report, DocumentError(f"“{path.name}”解析时内存不足，已停止。请拆分文件后提交。"))
    except RecursionError:
        _fail(report, DocumentError(f"“{path.name}”结构嵌套过深，已拒绝处理。请从原始软件重新保存后提交。"))
    except Exception as exc:  # a parser bug or an untranslated library error: still one record, batch goes on
        log.exception("unexpected error while scanning %s", path)
        err = DocumentError(f"解析“{path.name}”时出现未预期的错误（{type(exc).__name__}）。"
                            "文件可能已损坏：请从原始软件重新导出后提交；仍失败请联系管理员。")
        err.code = "parse_failed"
        _fail(report, err)
    finally:
        if isinstance(report.findings, FindingSpool):
            report.findings.close()
    _name_as_shown(report, path, display_path)
    report.seconds = time.perf_counter() - started
    return report


def _name_as_shown(report: ScanReport, path: Path, display_path: str | None) -> None:
    """Messages name the file as its user knows it, not as storage keeps it (<sha256>.docx)."""
    shown = Path(display_path).name if display_path else path.name
    if shown == path.name:
        return
    if report.error:
        report.error["message"] = report.error["message"].replace(path.name, shown)
    report.notes = [n.replace(path.name, shown) for n in report.notes]


def _fail(report: ScanReport, exc: ReviewerError) -> None:
    report.status = "error"
    report.error = exc.to_dict()
    if isinstance(report.findings, FindingSpool):
        report.findings.discard()
    report.findings = []
