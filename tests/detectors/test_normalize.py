"""Normalisation: what changes, what keeps its length, and how offsets map back to the original."""
import pytest

from detectors.normalize import normalise, normalise_value, t2s
from tests.detectors.helpers import scan


@pytest.mark.parametrize("original, normalised", [
    # full-width digits, letters and symbols → ASCII
    ("１３９０８７８５５２１", "13908785521"),
    ("ｚｈａｎｇ＠１６３．ｃｏｍ", "zhang@163.com"),
    ("０８７８－８２１６６０４", "0878-8216604"),
    # ideographic space → space; look-alike dashes, dots and asterisks unified
    ("138\u3000****\u30005678", "138 **** 5678"),
    ("138\u20141234\u20135678", "138-1234-5678"),
    ("云A\u30fb12345", "云A·12345"),
    ("138\u2731\u2731\u2731\u27315678", "138****5678"),
    # Traditional → Simplified, char by char
    ("身份證號碼", "身份证号码"),
    ("機密★長期", "机密★长期"),
    # CJK punctuation written everywhere stays as written
    ("电话（0871）：63123456，", "电话（0871）：63123456，"),
])
def test_same_length(original, normalised):
    n = normalise(original)
    assert n.text == normalised
    assert len(n.text) == len(original) and n.origin is None


@pytest.mark.parametrize("original, normalised", [
    ("139\u200b0878\u200c5521", "13908785521"),
    ("\ufeff身份证", "身份证"),
])
def test_zero_width_characters_are_removed(original, normalised):
    assert normalise(original).text == normalised


def test_span_maps_back_over_zero_width_characters():
    original = "手机：\u200b１３９\u200d０８７８５５２１。"
    n = normalise(original)
    start = n.text.index("139")
    assert n.span(start, start + 11) == (4, 16)
    assert original[4:16] == "１３９\u200d０８７８５５２１"


def test_finding_after_full_width_and_zero_width_characters_has_the_original_span():
    original = "（全角）ＡＢＣ\u200b\u200b，身份證號碼：\u200b５３０１０２１９８７０３１５００１２，住址"
    [d] = scan(original)
    assert original[d.start:d.end] == "５３０１０２１９８７０３１５００１２"


@pytest.mark.parametrize("value, key", [
    (" ０８７８－８７１２３４５ ", "0878-8712345"),
    ("ｗｄｚｆ＠１６３．ｃｏｍ", "WDZF@163.COM"),
    ("李\u200b輝", "李辉"),
])
def test_normalise_value(value, key):
    assert normalise_value(value) == key


def test_t2s_keeps_length():
    assert t2s("臺灣居民來往大陸通行證") == "台湾居民来往大陆通行证"
