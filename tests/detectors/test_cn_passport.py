"""CnPassportRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from tests.detectors.helpers import found, scan


@pytest.mark.parametrize("text, expected", [
    # passports, with a context word
    ("护照号码：E12345678", ["E12345678"]),
    ("护照号EA1234567", ["EA1234567"]),
    ("护照G12345678", ["G12345678"]),
    ("公务护照SE1234567", ["SE1234567"]),
    # travel permits
    ("往来港澳通行证C12345678", ["C12345678"]),
    ("港澳通行证号码：CA1234567", ["CA1234567"]),
    ("回乡证H12345678", ["H12345678"]),
    ("回乡证号码M1234567801", ["M1234567801"]),
    # full-width letters and digits, Traditional context
    ("護照號碼：Ｅ１２３４５６７８", ["Ｅ１２３４５６７８"]),
])
def test_finds(text, expected):
    assert found(text, "CN_PASSPORT") == expected


@pytest.mark.parametrize("text", [
    # the same shapes without a context word: product and file codes
    "型号E12345678", "设备编号G12345678", "批次C12345678",
    # letters not used (I, O), too many digits, embedded
    "护照号EI1234567", "护照号E123456789", "护照号XE12345678",
])
def test_quiet(text):
    assert found(text, "CN_PASSPORT") == []


def test_masked_is_info():
    text = "护照号码：E1234****"
    hits = [d for d in scan(text) if d.type == "CN_PASSPORT"]
    assert [(text[d.start:d.end], d.severity, d.masked) for d in hits] == [("E1234****", "info", True)]


@pytest.mark.parametrize("text, expected", [
    # 台胞证: eight digits right after their label (Traditional too)
    ("臺灣居民來往大陸通行證號碼：08123456，", ["08123456"]),
    ("台胞证 08123456", ["08123456"]),
    # eight digits elsewhere are dates and counts
    ("通行证办理日期20240513", []),
    ("2024年共计12345678元", []),
])
def test_taiwan_permit(text, expected):
    assert found(text, "CN_PASSPORT") == expected
