"""CnResidentIdRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from detectors.identifiers.cn_resident_id import CnResidentIdRecognizer
from tests.detectors.helpers import found, scan

ID = "530102198703150012"          # valid: 云南昆明五华区, 1987-03-15, check 2
ID_X = "53010219870315008X"        # valid, check character X
ID_LUHN = "530102198703150354"     # valid ID that also passes Luhn


@pytest.mark.parametrize("text, expected", [
    # plain, after a label, with the check character X (either case)
    (f"身份证号码：{ID}，住址", [ID]),
    (f"公民身份号码{ID_X}", [ID_X]),
    (f"公民身份号码{ID_X.lower()}", [ID_X.lower()]),
    (f"{ID}", [ID]),
    # full-width digits (the span is the written value)
    ("身份证：５３０１０２１９８７０３１５００１２", ["５３０１０２１９８７０３１５００１２"]),
    # spaces and dashes inside the number
    ("身份证号 5301 0219 8703 1500 12 已核验", ["5301 0219 8703 1500 12"]),
    ("身份证号 530102-19870315-0012", ["530102-19870315-0012"]),
    # Traditional context
    ("身份證號碼：" + ID, [ID]),
    # an ID that also passes Luhn is reported once, as an ID
    (f"身份证号{ID_LUHN}", [ID_LUHN]),
    # old 15-digit form with context
    ("身份证号码：530102870315001", ["530102870315001"]),
    # in a table row (tab-separated)
    (f"张三\t{ID}\t男", [ID]),
    # 港澳台居民居住证: region 810000 (香港), 820000 (澳门), 830000 (台湾), same check (GB 11643)
    ("港澳台居民居住证号码810000197503040032", ["810000197503040032"]),
    ("澳門居民居住證 820000200108170060", ["820000200108170060"]),
    ("台湾居民居住证号：830000198811230020。", ["830000198811230020"]),
])
def test_finds(text, expected):
    assert found(text, "CN_RESIDENT_ID") == expected


@pytest.mark.parametrize("text", [
    # invalid check character
    "身份证号码：530102198703150019",
    # impossible birth date (Feb 30) with a matching-length run
    "编号530102198702300016",
    # not a province code
    "流水号 202405081234567890",
    # 文号, dates, money
    "武政发〔2024〕12号", "2024年5月8日", "共计1234567.89元", "金额12,345,678.00元",
    # embedded in a longer run of digits
    f"9{ID}7", f"A{ID}",
    # 15 digits without context: too many other things have 15 digits
    "订单530102870315001已发货",
    # a unified social credit code is not an ID
    "统一社会信用代码12530000015123456X",
])
def test_quiet(text):
    assert found(text, "CN_RESIDENT_ID") == []


@pytest.mark.parametrize("text, value", [
    # masked forms published lists use: reported as info, masked
    ("身份证号：5301**********0018", "5301**********0018"),
    ("身份证号：530102********0018", "530102********0018"),
    ("身份证号：53****************", None),
    ("身份证号 35*************123", "35*************123"),
])
def test_masked_is_info(text, value):
    hits = [d for d in scan(text) if d.type == "CN_RESIDENT_ID"]
    if value is None:
        assert hits == [] or all(d.severity == "info" for d in hits)
        return
    assert [(text[d.start:d.end], d.severity, d.masked) for d in hits] == [(value, "info", True)]
    assert "已脱敏" in hits[0].explanation


def test_unmasked_is_high_with_chinese_explanation():
    [d] = scan(f"身份证号码：{ID}")
    assert (d.severity, d.masked) == ("high", False)
    assert d.explanation == "18位身份证号；校验位正确（GB 11643）；上下文“身份证号码”；得分 1.00"


@pytest.mark.parametrize("number, valid", [
    (ID, True), (ID_X, True), ("530102198703150019", False), ("530102202812310017", False),
    ("000102198703150018", False),
])
def test_is_valid_18(number, valid):
    assert CnResidentIdRecognizer.is_valid_18(number) is valid


@pytest.mark.parametrize("number, plausible", [
    ("530102870315001", True), ("530102871315001", False), ("990102870315001", False),
])
def test_is_plausible_15(number, plausible):
    assert CnResidentIdRecognizer.is_plausible_15(number) is plausible


@pytest.mark.parametrize("text, expected", [
    # a valid-looking number labelled as another kind of number stays quiet
    ("案件编号：530102202403150108", []),
    ("流水号530102198703150012", []),
    # …unless the label is part of an ID label, or an ID label is nearer
    ("身份证编号：530102198703150012", ["530102198703150012"]),
    ("案件编号AJ-1，当事人身份证号530102198703150012", ["530102198703150012"]),
])
def test_other_number_labels(text, expected):
    assert found(text, "CN_RESIDENT_ID") == expected
