"""BankCardRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from detectors.identifiers.bank_card import BankCardRecognizer
from tests.detectors.helpers import found, scan

CARD16 = "6222021234567001"        # UnionPay, Luhn-valid
CARD19 = "6228480012345670009"     # UnionPay, Luhn-valid
ID_LUHN = "530102198703150354"     # a valid ID number that also passes Luhn


@pytest.mark.parametrize("text, expected", [
    # UnionPay 16 and 19 digits: certain without context
    (f"{CARD16}", [CARD16]),
    (f"转入{CARD19}", [CARD19]),
    # groups of four, spaces or dashes
    ("卡号：6228 4800 1234 5670 009", ["6228 4800 1234 5670 009"]),
    ("6222-0212-3456-7001", ["6222-0212-3456-7001"]),
    # full-width digits, Traditional context
    ("銀行卡號：６２２２０２１２３４５６７００１", ["６２２２０２１２３４５６７００１"]),
    # a Luhn-valid number of no card scheme: found with a context word
    ("开户银行账号：1234567812345670", ["1234567812345670"]),
    # an ID-shaped number labelled as a bank card: reported once, as a card
    (f"银行卡号：{ID_LUHN}", [ID_LUHN]),
])
def test_finds(text, expected):
    assert found(text, "BANK_CARD") == expected


@pytest.mark.parametrize("text", [
    # Luhn fails
    "卡号6222021234567002",
    # Luhn-valid, no scheme, no context
    "合同编号1234567812345670",
    # a valid ID number that passes Luhn is an ID, not a card
    f"身份证号{ID_LUHN}", ID_LUHN,
    # too short / too long / embedded
    "卡号622202123456700", "卡号62220212345670012345", f"9{CARD16}",
    # money, dates
    "共计6,222,021,234.56元", "2024年5月8日",
])
def test_quiet(text):
    assert found(text, "BANK_CARD") == []


def test_id_that_passes_luhn_is_reported_once_as_id():
    assert found(f"身份证号{ID_LUHN}") == [f"CN_RESIDENT_ID:{ID_LUHN}"]


@pytest.mark.parametrize("text, value", [
    # masked: info, masked=True
    ("卡号6222 **** **** 1234", "6222 **** **** 1234"),
    ("卡号6222********1234", "6222********1234"),
    ("账号622848*********0009", "622848*********0009"),
])
def test_masked_is_info(text, value):
    hits = [d for d in scan(text) if d.type == "BANK_CARD"]
    assert [(text[d.start:d.end], d.severity, d.masked) for d in hits] == [(value, "info", True)]


@pytest.mark.parametrize("number, valid", [(CARD16, True), (CARD19, True), ("6222021234567002", False)])
def test_luhn(number, valid):
    assert BankCardRecognizer.luhn_ok(number) is valid


@pytest.mark.parametrize("text, expected", [
    # PDF and table text: neighbouring columns are separated by the same spaces as digit groups
    (f"32 杨祥云 男 530102198703150012 2 640 {CARD19} 13908785521",
     ["CN_RESIDENT_ID:530102198703150012", f"BANK_CARD:{CARD19}", "CN_MOBILE_PHONE:13908785521"]),
    (f"1 2 640 {CARD16} 3", [f"BANK_CARD:{CARD16}"]),
    ("序号 7 6222 0212 3456 7001 备注", ["BANK_CARD:6222 0212 3456 7001"]),
])
def test_space_separated_columns(text, expected):
    assert found(text) == expected


def test_id_then_a_one_digit_column_is_an_id_not_a_card():
    # 530102198703150012 followed by " 7" happens to make a Luhn-valid 19-digit number
    # starting 53 (a Mastercard prefix); an 18+1 grouping is not how a card is written.
    text = "杨祥云 男 530102198703150012 7 640"
    assert found(text) == ["CN_RESIDENT_ID:530102198703150012"]


@pytest.mark.parametrize("groups, ok", [
    ([19], True), ([4, 4, 4, 4], True), ([4, 4, 4, 4, 3], True), ([6, 13], True),
    ([18, 1], False), ([1, 18], False), ([3, 4, 4, 4, 4], False),
])
def test_grouping_ok(groups, ok):
    assert BankCardRecognizer.grouping_ok(groups) is ok
