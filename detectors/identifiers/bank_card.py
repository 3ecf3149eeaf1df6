"""BANK_CARD: 银行卡号, 16–19 digits with the Luhn check; UnionPay numbers start with 62."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..base import DIGIT_ANCHORS, DIGIT_RUN, OTHER_NUMBER_LABELS, group_lengths
from .runs import RunScopedRecognizer

_NOT_DIGIT = re.compile(r"[^0-9]")
_NOT_DIGIT_OR_MASK = re.compile(r"[^0-9*]")
# Card schemes issued in China with 16 or 19 digits: UnionPay 62, Visa 4, Mastercard 51–55 / 22–27, JCB 35.
_SCHEME = re.compile(r"62|4|5[1-5]|2[2-7]|35")
# Each ASCII digit as its value, and as the digit sum of twice its value (0→0, 1→2, … 5→1, … 9→9):
# bytes.translate and sum() add a number's digits in C.
_VALUE = bytes.maketrans(b"0123456789", bytes(range(10)))
_DOUBLED = bytes.maketrans(b"0123456789", bytes([0, 2, 4, 6, 8, 1, 3, 5, 7, 9]))


class BankCardRecognizer(RunScopedRecognizer):
    """银行卡号: Luhn-valid 16–19 digits. A card scheme's prefix and length make it certain;
    any other Luhn-valid number needs a context word (卡号, 账号, 开户银行…)."""

    ENTITY = "BANK_CARD"
    PATTERNS = [
        Pattern("16-19位银行卡号",
                r"[1-9](?<![0-9A-Za-z_].)(?<![0-9]\..)(?:[ \-]?[0-9]){15,18}(?![0-9A-Za-z])(?!\.[0-9])",
                0.3),
        Pattern("已脱敏的银行卡号",
                r"[1-9](?<![0-9A-Za-z*].)[0-9]{3,5}(?:[ \-]?[0-9*]{2,}){2,4}(?![0-9A-Za-z*])",
                0.5),
    ]
    MASKED_PATTERNS = ("已脱敏的银行卡号",)
    CONTEXT = ["卡号", "银行卡", "账号", "帐号", "银行", "开户", "账户", "帐户", "社保卡", "一卡通", "存折"]
    VALIDATION_LABEL = "Luhn 校验正确"
    PREFILTER = DIGIT_RUN
    ANCHORS = DIGIT_ANCHORS
    REGEX_FLAGS = 0
    NEGATIVE_CONTEXT = OTHER_NUMBER_LABELS
    TRIM_GROUPS = True

    def validate_result(self, pattern_text: str) -> bool | None:
        # cheapest first: the grouping and length (most matches are written whole), then the Luhn sum
        if pattern_text.isdigit():
            number = pattern_text
        elif not self.grouping_ok(group_lengths(pattern_text)):
            return False
        else:
            number = _NOT_DIGIT.sub("", pattern_text)
        if not 16 <= len(number) <= 19 or not self.luhn_ok(number):
            return False
        if len(number) in (16, 19) and _SCHEME.match(number):
            return True
        return None

    def validate_masked(self, pattern_text: str) -> bool:
        kept = _NOT_DIGIT_OR_MASK.sub("", pattern_text)
        return 16 <= len(kept) <= 19 and kept.count("*") >= 4 and kept[-4:].isdigit()

    @staticmethod
    def grouping_ok(groups: list[int]) -> bool:
        """Whole, in fours (the last group shorter), or a 6-digit bank prefix then the rest."""
        if len(groups) == 1:
            return True
        if all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4:
            return True
        return len(groups) == 2 and groups[0] == 6

    @staticmethod
    def luhn_ok(number: str) -> bool:
        """The Luhn check of a string of digits (as stdnum.luhn.is_valid, without its per-digit look-ups)."""
        if not (number.isascii() and number.isdigit()):
            return False
        backwards = number[::-1].encode()
        # every second digit from the right is doubled; a doubled digit counts as its digit sum
        return (sum(backwards[::2].translate(_VALUE)) + sum(backwards[1::2].translate(_DOUBLED))) % 10 == 0
