"""The spool's finding lines, written field by field, are the JSON text of the in-memory Finding, byte for byte."""
from __future__ import annotations

import json
import pickle

import pytest

from reviewer.document import Cell, Detection, Location, Segment
from reviewer.pipeline import findings_for_segment, spool_segment
from reviewer.report_spool import FindingSpool

_encode = json.JSONEncoder(ensure_ascii=False).encode


class Fixed:
    """A scanner that returns the detections given for each segment's text."""

    def __init__(self, by_text: dict[str, list[Detection]]) -> None:
        self.by_text = by_text

    def scan(self, segment: Segment) -> list[Detection]:
        return self.by_text.get(segment.text, [])


ROW = "张三\t110105194912310021\t13812345678\t云南省武定县狮山镇大西邑村委会3组12号\t备注\"引号\"\\反斜杠"
PROSE = ("申请人李四（身份证号码110105194912310021）联系电话：13812345678，"
         "控制字符\x01与表情😀，邮箱 zhang1234@163.com。" * 2)


def _row() -> Segment:
    cells, pos = [], 0
    for col, value in enumerate(ROW.split("\t")):
        cells.append(Cell(pos, f"{chr(65 + col)}7", f"列{col}"))
        pos += len(value) + 1
    return Segment(ROW, Location("sheet", paragraph=6, sheet="低保\"名单\""), cells=cells)


def _detections(text: str) -> list[Detection]:
    i = text.index("110105194912310021")
    j = text.index("13812345678")
    return [
        Detection("CN_RESIDENT_ID", i, i + 18, 1.0, None, False, None, "18位身份证号；得分 1.0"),
        Detection("CN_MOBILE_PHONE", j, j + 11, 0.95, None, False, "mobile", "11位手机号；上下文“联系电话”"),
        Detection("CN_MOBILE_PHONE", j, j + 11, 0.123456, "info", True, None, None),
        Detection("MY_CUSTOM", 0, 2, 1, None, False, "a\tb", "自定义\n规则"),      # an int score, a custom type
        Detection("PERSON", 0, 2, 0.8500000001, "high", False, None, "姓名"),
        Detection("CN_RESIDENT_ID", len(text) - 3, len(text), float("nan"), None, False, None, "x"),
    ]


SEGMENTS = [
    _row(),
    Segment(PROSE, Location("body", paragraph=3)),
    Segment(PROSE, Location("comment", paragraph=0, author="王五")),
    Segment(PROSE, Location("body", page=2, bbox=(1.04, 2.0, 3.333, 4.0), confidence=0.87654)),
    Segment(PROSE, Location("table", paragraph=1, cell="表1 第3行第2列")),
    Segment(PROSE, Location("comment", paragraph=1), concealed="comment", group="c1"),
    Segment("张丽", Location("metadata", field="author")),
    Segment(ROW, Location("hidden_row", paragraph=8, sheet="S"), concealed="hidden_row", group="S",
            cells=[Cell(3, "B9"), Cell(22, "C9")]),    # a detection before the first cell: the row's location
]


def _in_memory(segments: list[Segment], scanner) -> list[str]:
    seen: set = set()
    out, offset = [], 0
    for seg in segments:
        out += [_encode(f.to_dict()) for f in findings_for_segment(seg, offset, scanner, seen)]
        offset += len(seg.text) + 1
    return out


def _spooled(segments: list[Segment], scanner, tmp_path) -> tuple[list[str], FindingSpool]:
    spool = FindingSpool.create(str(tmp_path))
    seen: set = set()
    offset = 0
    for seg in segments:
        spool_segment(seg, offset, scanner, seen, spool)
        offset += len(seg.text) + 1
    return list(spool.lines()), spool


def test_lines_are_the_findings_json(tmp_path):
    scanner = Fixed({seg.text: _detections(seg.text) for seg in SEGMENTS if "110105194912310021" in seg.text})
    expected = _in_memory(SEGMENTS, scanner)
    got, spool = _spooled(SEGMENTS, scanner, tmp_path)
    assert len(expected) > 40
    assert got == expected
    assert spool.count == len(expected)
    assert spool.severities == {json.loads(line)["severity"] for line in expected}
    # a second document in the same process: the encoders' caches give the same text
    again, _ = _spooled(SEGMENTS, scanner, tmp_path)
    assert again == expected


@pytest.mark.parametrize("score", [0.95, 1, 1.0, True, 0.1 + 0.2, 1e-9, 12345678.9])
def test_scores_and_odd_values(tmp_path, score):
    seg = _row()
    scanner = Fixed({ROW: [Detection("CN_MOBILE_PHONE", 3, 21, score, None, 0, 7, "x\u2028y")]})
    got, _ = _spooled([seg], scanner, tmp_path)
    assert got == _in_memory([seg], scanner)


def test_blocks_reach_the_file_in_order(tmp_path, monkeypatch):
    """Blocks are held and written together: closing, pickling to the parent and reading all flush them."""
    import reviewer.report_spool as rs
    monkeypatch.setattr(rs, "_PENDING_BLOCKS", 3)
    spool = FindingSpool.create(str(tmp_path))
    for n in range(10):
        spool.write_lines(f'{{"n": {n}}}\n'.encode(), 1)
    spool.severities.add("high")
    state = pickle.loads(pickle.dumps(spool))
    assert [json.loads(line)["n"] for line in state.lines()] == list(range(10))
    assert len(state) == 10 and state.severities == {"high"}
    spool.discard()
    assert list(tmp_path.iterdir()) == []


def test_discard_drops_pending_blocks(tmp_path):
    spool = FindingSpool.create(str(tmp_path))
    spool.write_lines(b'{"n": 1}\n', 1)
    spool.discard()
    assert list(tmp_path.iterdir()) == [] and len(spool) == 0 and list(spool) == []


def test_a_clean_document_makes_no_spool_file(tmp_path):
    from io import StringIO

    from reviewer.pipeline import NullScanner, scan_file
    from reviewer.report_spool import write_record
    doc = tmp_path / "a.txt"
    doc.write_text("关于做好春节期间值班工作的通知。\n", encoding="utf-8")
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    report = scan_file(doc, scanner=NullScanner(), spool_dir=str(spool_dir))
    assert report.status == "ok" and len(report.findings) == 0
    assert list(spool_dir.iterdir()) == []
    buf = StringIO()
    write_record(report.record(), buf)
    assert json.loads(buf.getvalue())["findings"] == []
    report.findings.discard()
    # one with findings makes one file, in that folder, gone once discarded
    found = scan_file(doc, scanner=Fixed({"关于做好春节期间值班工作的通知。": _detections_at(2, 4)}),
                      spool_dir=str(spool_dir))
    assert len(found.findings) == 1 and len(list(spool_dir.iterdir())) == 1
    found.findings.discard()
    assert list(spool_dir.iterdir()) == []


def _detections_at(start: int, end: int) -> list[Detection]:
    return [Detection("PERSON", start, end, 0.9, None, False, None, "姓名")]


def _batched(segments, scanner, tmp_path):
    from reviewer.document import ParseContext
    from reviewer.pipeline import ScanReport, scan_segments
    report = ScanReport(path="x", findings=FindingSpool.create(str(tmp_path)))
    scan_segments(segments, scanner, ParseContext(), report)
    return report


def test_scan_segments_in_batches_writes_what_segment_by_segment_does(tmp_path):
    from reviewer.pipeline import BATCH_SEGMENTS
    scanner = Fixed({seg.text: _detections(seg.text) for seg in SEGMENTS if "110105194912310021" in seg.text})
    many = SEGMENTS * (BATCH_SEGMENTS // len(SEGMENTS) * 2 + 1) + [SEGMENTS[0]]   # several batches, one short
    report = _batched(iter(many), scanner, tmp_path)
    assert list(report.findings.lines()) == _in_memory(many, scanner)
    assert report.chars == sum(len(s.text) + 1 for s in many) - 1


def test_scan_segments_parser_error_after_segments(tmp_path):
    from reviewer.errors import CorruptFileError
    seen = []

    class Counting(Fixed):
        def scan(self, segment):
            seen.append(segment)
            return super().scan(segment)

    def parser():
        yield from SEGMENTS[:3]
        raise CorruptFileError("broken")

    with pytest.raises(CorruptFileError):
        _batched(parser(), Counting({}), tmp_path)
    assert seen == SEGMENTS[:3]    # the segments before the error were scanned, as row by row
