"""OrgCreditCodeRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from detectors.identifiers.org_credit_code import OrgCreditCodeRecognizer
from tests.detectors.helpers import found, scan

CODE = "91530100MA6K1234X5"        # valid check character
CODE_DIGITS = "12530000015123456X"  # a 事业单位 code: digits and a final X


@pytest.mark.parametrize("text, expected", [
    (f"统一社会信用代码：{CODE}", [CODE]),
    (f"{CODE}", [CODE]),
    (f"统一社会信用代码{CODE_DIGITS}", [CODE_DIGITS]),
    # full-width, Traditional context
    ("統一社會信用代碼：９１５３０１００ＭＡ６Ｋ１２３４Ｘ５", ["９１５３０１００ＭＡ６Ｋ１２３４Ｘ５"]),
])
def test_finds(text, expected):
    assert found(text, "ORG_CREDIT_CODE") == expected


@pytest.mark.parametrize("text", [
    # wrong check character
    "统一社会信用代码91530100MA6K1234X6",
    # letters outside the alphabet (I, O, S, V, Z)
    "91530100MA6K1234O5",
    # embedded in a longer run
    f"9{CODE}",
])
def test_quiet(text):
    assert found(text, "ORG_CREDIT_CODE") == []


def test_severity_info_and_not_an_id():
    hits = scan(f"统一社会信用代码{CODE_DIGITS}")
    assert [(d.type, d.severity) for d in hits] == [("ORG_CREDIT_CODE", "info")]


@pytest.mark.parametrize("code, valid", [(CODE, True), (CODE_DIGITS, True), ("91530100MA6K1234X6", False)])
def test_is_valid_uscc(code, valid):
    assert OrgCreditCodeRecognizer.is_valid_uscc(code) is valid
