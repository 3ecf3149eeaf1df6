"""CN_LANDLINE_PHONE: 固定电话, area code 0xx/0xxx and a 7–8 digit local number; 400/800 numbers are not personal."""
from __future__ import annotations

from presidio_analyzer import Pattern

from ..base import DIGIT_ANCHORS, DIGIT_RUN
from .runs import RunScopedRecognizer

# 010 and 02x have 8-digit local numbers; other area codes are four digits (0 + three).
_AREA_REST = r"(?:10|2[0-9]|[3-9][0-9]{2})"
_AREA = "0" + _AREA_REST
_LOCAL = r"[2-9][0-9]{2,3}[ \-]?[0-9]{4}"


class CnLandlinePhoneRecognizer(RunScopedRecognizer):
    """固定电话 with its area code: 0878-8123456, (0871)63123456, 0871-6312 3456."""

    ENTITY = "CN_LANDLINE_PHONE"
    PATTERNS = [
        Pattern("区号-号码",
                r"0(?<![0-9A-Za-z_].)(?<![0-9]\..)" + _AREA_REST + r"[ \-]" + _LOCAL
                + r"(?![0-9A-Za-z])(?!\.[0-9])",
                0.6),
        Pattern("（区号）号码",
                r"[(（]" + _AREA + r"[)）][ \-]?" + _LOCAL + r"(?![0-9A-Za-z])",
                0.6),
        Pattern("连写的区号和号码",
                r"0(?<![0-9A-Za-z].)" + _AREA_REST + r"[2-9][0-9]{6,7}(?![0-9A-Za-z])",
                0.3),
        Pattern("已脱敏的固定电话",
                r"0(?<![0-9A-Za-z*].)" + _AREA_REST + r"[ \-]?[0-9*]{3,4}[ \-]?[0-9*]{4}(?![0-9A-Za-z*])", 0.6),
        Pattern("已脱敏的固定电话（括号）",
                r"[(（]" + _AREA + r"[)）][ \-]?[0-9*]{3,4}[ \-]?[0-9*]{4}(?![0-9A-Za-z*])", 0.6),
    ]
    MASKED_PATTERNS = ("已脱敏的固定电话", "已脱敏的固定电话（括号）")
    CONTEXT = ["电话", "固话", "座机", "传真", "联系方式", "办公室", "TEL", "Tel", "tel"]
    VALIDATION_LABEL = "区号有效"
    PREFILTER = DIGIT_RUN
    ANCHORS = DIGIT_ANCHORS
    REGEX_FLAGS = 0

    def validate_masked(self, pattern_text: str) -> bool:
        return pattern_text.count("*") >= 3
