"""CnMobilePhoneRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from tests.detectors.helpers import found, scan


@pytest.mark.parametrize("text, expected", [
    # plain, right after CJK text (no \b in Chinese)
    ("手机13908785521", ["13908785521"]),
    ("联系电话：13908785521。", ["13908785521"]),
    # spaces and dashes inside the number: the span covers the whole written value
    ("联系人手机 139 0878 5521", ["139 0878 5521"]),
    ("电话139-8782-4416", ["139-8782-4416"]),
    ("手机 1390878 5521", ["1390878 5521"]),
    # country code
    ("+86 138-1234-5678", ["+86 138-1234-5678"]),
    ("+8613812345678", ["+8613812345678"]),
    ("（+86）13812345678", ["（+86）13812345678"]),
    # full-width digits and a zero-width space inside
    ("手機：１３９０８７８５５２１", ["１３９０８７８５５２１"]),
    ("手机：139\u200b08785521", ["139\u200b08785521"]),
    # two numbers in one sentence
    ("13908785521、15887816620", ["13908785521", "15887816620"]),
])
def test_finds(text, expected):
    assert found(text, "CN_MOBILE_PHONE") == expected


@pytest.mark.parametrize("text", [
    # a part of a longer digit run, or of an ID number
    "编号213908785521", "139087855210", "身份证530102198703150012",
    # number segments not in use (12x, 154)
    "12908785521", "15408785521",
    # dates, money, 文号
    "2024年5月8日", "共计13,908,785元", "武政发〔2024〕12号", "1390万元",
    # a service number is not a mobile
    "服务热线400-820-8820",
])
def test_quiet(text):
    assert found(text, "CN_MOBILE_PHONE") == []


@pytest.mark.parametrize("text, value", [
    # masked: info, masked=True
    ("联系电话：138****5678", "138****5678"),
    ("手机 138 **** 5678", "138 **** 5678"),
    ("手机1381234****", "1381234****"),
])
def test_masked_is_info(text, value):
    hits = [d for d in scan(text) if d.type == "CN_MOBILE_PHONE"]
    assert [(text[d.start:d.end], d.severity, d.masked) for d in hits] == [(value, "info", True)]


def test_unmasked_is_high():
    assert [d.severity for d in scan("手机13908785521")] == ["high"]


@pytest.mark.parametrize("text", [
    # decimals and identifiers in URLs are not phone numbers
    "共计0.13812345678万元", "13812345678.5元",
    "http://www.wuding.gov.cn/art/2024/5/8/art_13812345678.html",
])
def test_quiet_in_decimals_and_names(text):
    assert found(text, "CN_MOBILE_PHONE") == []


def test_two_numbers_split_by_a_slash():
    assert found("电话：0878-8712345/13908785521", "CN_MOBILE_PHONE") == ["13908785521"]
