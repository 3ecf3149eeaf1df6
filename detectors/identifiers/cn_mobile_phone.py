"""CN_MOBILE_PHONE: 手机号, 11 digits 1[3-9]…, optionally +86, written with spaces or dashes."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..base import DIGIT_RUN, CnPatternRecognizer

# Number segments in use (工信部 allocations): 13x, 145–149, 15x but 154, 162/165–167, 170–178, 18x, 19x but 194.
_PREFIX = r"1(?:3[0-9]|4[5-9]|5[0-35-9]|6[25-7]|7[0-8]|8[0-9]|9[0-35-9])"
_COUNTRY = r"(?:(?:\+|00)?86[ \-]?|[(（]\+?86[)）][ \-]?)?"


class CnMobilePhoneRecognizer(CnPatternRecognizer):
    """手机号 in any common writing; not a part of a longer digit run; masked forms are info."""

    ENTITY = "CN_MOBILE_PHONE"
    PATTERNS = [
        Pattern("11位手机号",
                r"(?<![0-9A-Za-z+_])(?<![0-9]\.)" + _COUNTRY + _PREFIX
                + r"(?:[0-9]{8}|[ \-][0-9]{4}[ \-][0-9]{4}|[0-9]{4}[ \-][0-9]{4}|[ \-][0-9]{8}|[0-9][ \-][0-9]{3}[ \-][0-9]{4})"
                r"(?![0-9A-Za-z])(?!\.[0-9])",
                0.6),
        Pattern("已脱敏的手机号",
                r"(?<![0-9A-Za-z*])1[3-9][0-9][ \-]?[0-9*]{4}[ \-]?[0-9*]{4}(?![0-9A-Za-z*])",
                0.6),
    ]
    MASKED_PATTERNS = ("已脱敏的手机号",)
    CONTEXT = ["手机", "电话", "联系方式", "联系人", "移动电话", "号码", "TEL", "Tel", "tel"]
    VALIDATION_LABEL = "号段有效"
    PREFILTER = DIGIT_RUN

    def validate_masked(self, pattern_text: str) -> bool:
        return pattern_text.count("*") >= 3

    @staticmethod
    def digits(value: str) -> str:
        """The 11-digit number without country code and separators."""
        d = re.sub(r"[^0-9]", "", value)
        return d[-11:]
