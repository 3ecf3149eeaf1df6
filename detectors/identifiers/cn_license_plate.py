"""CN_LICENSE_PLATE: 车牌号, province character + letter + 5 characters (new-energy plates: 6), e.g. 云A·12345."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..base import CnPatternRecognizer

PROVINCE_CHARS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_L = "A-HJ-NP-Z"   # plates use no I and no O
_SEP = r"[ ·.\-]?"
_SEPARATORS = re.compile(r"[ ·.\-]")


class CnLicensePlateRecognizer(CnPatternRecognizer):
    """车牌号: 云A·12345, 云A12345, 云AD12345 / 云A12345D (new energy); masked forms are info."""

    ENTITY = "CN_LICENSE_PLATE"
    PATTERNS = [
        Pattern("新能源车牌",
                f"[{PROVINCE_CHARS}][{_L}]{_SEP}(?:[DF][{_L}0-9]{{5}}|[0-9]{{5}}[DF])(?![0-9A-Za-z])", 0.6),
        Pattern("普通车牌",
                f"[{PROVINCE_CHARS}][{_L}]{_SEP}[{_L}0-9]{{4}}[{_L}0-9挂学警港澳](?![0-9A-Za-z])", 0.6),
        Pattern("已脱敏的车牌",
                f"[{PROVINCE_CHARS}][{_L}*]{_SEP}[{_L}0-9*]{{5,6}}(?![0-9A-Za-z*])", 0.6),
    ]
    MASKED_PATTERNS = ("已脱敏的车牌",)
    CONTEXT = ["车牌", "号牌", "车辆", "机动车", "牌照", "驾驶"]
    VALIDATION_LABEL = "格式有效"
    PREFILTER = f"[{PROVINCE_CHARS}][{_L}]"
    ANCHORS = ((f"[{PROVINCE_CHARS}]", f"[{_L}]"),)
    REGEX_FLAGS = 0

    def validate_result(self, pattern_text: str) -> bool | None:
        # an ordinary plate carries at most two letters after the issuing-office letter
        tail = _SEPARATORS.sub("", pattern_text)[2:]
        return None if sum(c.isdigit() for c in tail) >= 3 else False

    def validate_masked(self, pattern_text: str) -> bool:
        return "*" in pattern_text[2:] and sum(c.isdigit() for c in pattern_text) + pattern_text.count("*") >= 4
