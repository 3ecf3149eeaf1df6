"""CN_MOBILE_PHONE: 手机号, 11 digits 1[3-9]…, optionally +86, written with spaces or dashes."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..base import DIGIT_ANCHORS, DIGIT_RUN
from .runs import RunScopedRecognizer

# Number segments in use (工信部 allocations): 13x, 145–149, 15x but 154, 162/165–167, 170–178, 18x, 19x but 194.
_SEGMENT = r"(?:3[0-9]|4[5-9]|5[0-35-9]|6[25-7]|7[0-8]|8[0-9]|9[0-35-9])"
_PREFIX = "1" + _SEGMENT
# Country code: each alternative starts with a literal, so Python's re scans for it fast.
_COUNTRY = r"(?:\+86|00(?<![0-9A-Za-z_].0)86|8(?<![0-9A-Za-z_].)6|\(\+?86\)|（\+?86）)[ \-]?"
_GROUPS = (r"(?:[0-9]{8}|[ \-][0-9]{4}[ \-][0-9]{4}|[0-9]{4}[ \-][0-9]{4}|[ \-][0-9]{8}"
           r"|[0-9][ \-][0-9]{3}[ \-][0-9]{4})(?![0-9A-Za-z])(?!\.[0-9])")


class CnMobilePhoneRecognizer(RunScopedRecognizer):
    """手机号 in any common writing; not a part of a longer digit run; masked forms are info."""

    ENTITY = "CN_MOBILE_PHONE"
    PATTERNS = [
        # the leading "1" first, the look-behinds after it: a pattern that starts with a literal is
        # scanned for fast; one that starts with a look-behind is tried at every position
        Pattern("11位手机号", r"1(?<![0-9A-Za-z+_].)(?<![0-9]\..)" + _SEGMENT + _GROUPS, 0.6),
        Pattern("带国家码的手机号", _COUNTRY + _PREFIX + _GROUPS, 0.6),
        Pattern("已脱敏的手机号",
                r"1(?<![0-9A-Za-z*].)[3-9][0-9][ \-]?[0-9*]{4}[ \-]?[0-9*]{4}(?![0-9A-Za-z*])",
                0.6),
    ]
    MASKED_PATTERNS = ("已脱敏的手机号",)
    CONTEXT = ["手机", "电话", "联系方式", "联系人", "移动电话", "号码", "TEL", "Tel", "tel"]
    VALIDATION_LABEL = "号段有效"
    PREFILTER = DIGIT_RUN
    ANCHORS = DIGIT_ANCHORS
    REGEX_FLAGS = 0

    def validate_masked(self, pattern_text: str) -> bool:
        return pattern_text.count("*") >= 3

    @staticmethod
    def digits(value: str) -> str:
        """The 11-digit number without country code and separators."""
        d = re.sub(r"[^0-9]", "", value)
        return d[-11:]
