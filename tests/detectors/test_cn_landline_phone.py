"""CnLandlinePhoneRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from tests.detectors.helpers import found, scan


@pytest.mark.parametrize("text, expected", [
    # area code, dash, 7 or 8 digits
    ("联系电话：0878-8216604", ["0878-8216604"]),
    ("电话0871-63123456", ["0871-63123456"]),
    ("010-62345678", ["010-62345678"]),
    # the area code in brackets (half- and full-width)
    ("电话(0871)63123456", ["(0871)63123456"]),
    ("电话（0871）63123456", ["（0871）63123456"]),
    # a space inside the local number
    ("电话 0871-6312 3456", ["0871-6312 3456"]),
    # full-width digits and dash
    ("電話：０８７８－８２１６６０４", ["０８７８－８２１６６０４"]),
    # written together: needs a context word
    ("联系电话087163123456", ["087163123456"]),
])
def test_finds(text, expected):
    assert found(text, "CN_LANDLINE_PHONE") == expected


@pytest.mark.parametrize("text", [
    # service numbers are not personal
    "服务热线400-820-8820", "客服800-810-8888", "4008208820",
    # written together without a context word
    "编号087163123456",
    # dates, ranges, money, 文号
    "2023-2024年度", "2024-05-08", "共计0.5万元", "武政发〔2024〕12号",
    # a part of a longer run
    "20878-82166041",
])
def test_quiet(text):
    assert found(text, "CN_LANDLINE_PHONE") == []


def test_masked_is_info():
    text = "电话：0871-6312****"
    hits = [d for d in scan(text) if d.type == "CN_LANDLINE_PHONE"]
    assert [(text[d.start:d.end], d.severity, d.masked) for d in hits] == [("0871-6312****", "info", True)]


def test_severity_medium():
    assert [d.severity for d in scan("电话0878-8216604")] == ["medium"]
