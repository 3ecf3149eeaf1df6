"""The engine's short cuts give the long way's answer: overlaps resolved per cluster, prefilters searched
from the gate's first hit, column headings normalised once, cells found by bisection."""
import random

import pytest
from presidio_analyzer import RecognizerResult

from detectors import build_scanner
from detectors.base import MASKED
from detectors.engine import resolve_overlaps
from detectors.resolve import resolve
from reviewer.document import Cell, Location, Segment

TYPES = ["CN_RESIDENT_ID", "BANK_CARD", "CN_MOBILE_PHONE", "ORG_CREDIT_CODE", "PERSON", "ADDRESS"]
TEXT = "身份证号码530102198703150012，银行卡号6222021234567894，住址武定县狮山镇东门街12号，联系人张三。" * 2


def _result(etype, start, end, score=0.8, masked=False):
    r = RecognizerResult(etype, start, end, score)
    r.recognition_metadata = {MASKED: True} if masked else {}
    return r


def _spans(results):
    return [(r.entity_type, r.start, r.end, r.score) for r in results]


@pytest.mark.parametrize("spans", [
    [],
    [("PERSON", 3, 5)],
    [("PERSON", 3, 5), ("ADDRESS", 10, 20)],                               # side by side: nothing to resolve
    [("ADDRESS", 10, 20), ("PERSON", 3, 5)],                               # reported out of order
    [("BANK_CARD", 5, 23), ("CN_RESIDENT_ID", 5, 23)],                     # identical span, context decides
    [("CN_MOBILE_PHONE", 7, 18), ("CN_RESIDENT_ID", 5, 23), ("PERSON", 40, 42)],   # phone inside an ID
    [("ADDRESS", 30, 50), ("CN_MOBILE_PHONE", 45, 56), ("PERSON", 56, 58)],        # touching spans
    [("PERSON", 3, 3), ("PERSON", 3, 5), ("ADDRESS", 5, 5)],               # empty spans
    [("BANK_CARD", 5, 20, 0.9), ("BANK_CARD", 6, 21, 0.9), ("BANK_CARD", 4, 19, 0.9)],   # ties keep the first
])
def test_resolving_per_cluster_is_resolving_all(spans):
    results = [_result(*s) for s in spans]
    expected = _spans(resolve([_result(*s) for s in spans], TEXT, 20, {}))
    assert _spans(resolve_overlaps(results, TEXT, 20, {})) == expected


def test_resolving_per_cluster_on_random_results():
    rnd = random.Random(7)
    for _ in range(2000):
        spans = []
        for _ in range(rnd.randint(0, 7)):
            start = rnd.randint(0, 60)
            spans.append((rnd.choice(TYPES), start, start + rnd.randint(0, 19),
                           rnd.choice([0.4, 0.6, 0.8, 1.0]), rnd.random() < 0.1))
        expected = _spans(resolve([_result(*s) for s in spans], TEXT, 20, {"PERSON": 50}))
        assert _spans(resolve_overlaps([_result(*s) for s in spans], TEXT, 20, {"PERSON": 50})) == expected, spans


@pytest.mark.parametrize("text", [
    "联系人张三，手机13908785521，身份证号码530102198703150012。",
    # full-width digits after the gate's first hit: translated text, every prefilter searched from the start
    "联系人张三，手机１３９０８７８５５２１，身份证号码530102198703150012。",
    "1２３４５６７８９０１２ 手机",
    # a zero-width character inside a number: offsets map back
    "手机1\u200b3908785521，联系人李四",
    "\u3000\u3000申请人：王小明\u3000\u3000手机\u300013908785521",
    "地址：武定县狮山镇东门街12号3单元402室，邮箱wang_li@163.com，车牌云A·5B321",
    "杨某某患有精神分裂症，机密★10年",
])
def test_searching_from_the_first_hit_changes_no_finding(text):
    scanner = build_scanner()
    segment = Segment(text, Location("body", paragraph=1))
    short = [(d.type, d.start, d.end, d.score, d.explanation) for d in scanner.scan(segment)]
    gate, scanner._gate_search = scanner._gate_search, None
    try:
        long = [(d.type, d.start, d.end, d.score, d.explanation) for d in scanner.scan(segment)]
    finally:
        scanner._gate_search = gate
    assert short == long


def test_a_column_heading_is_normalised_once():
    scanner = build_scanner()
    cells = [Cell(0, "A2", "姓名"), Cell(3, "B2", "身份證號碼")]
    rows = [Segment(f"张三\t53010219870315001{d}", Location("sheet", sheet="S"), cells=cells) for d in "2X"]
    found = [[(d.type, d.start, d.end) for d in scanner.scan(r)] for r in rows]
    assert ("CN_RESIDENT_ID", 3, 21) in found[0]
    assert scanner._heading_text["身份證號碼"] == "身份证号码"


@pytest.mark.parametrize("offset, ref", [(0, "A1"), (2, "A1"), (3, "B1"), (9, "B1"), (10, "C1"), (99, "C1")])
def test_cell_at(offset, ref):
    segment = Segment("aa\tbbbbbb\tc", Location(), cells=[Cell(0, "A1"), Cell(3, "B1"), Cell(10, "C1")])
    assert segment.cell_at(offset).ref == ref


def test_cell_at_before_the_first_cell_and_without_cells():
    assert Segment("  x", Location(), cells=[Cell(2, "A1")]).cell_at(0) is None
    assert Segment("x", Location()).cell_at(0) is None
