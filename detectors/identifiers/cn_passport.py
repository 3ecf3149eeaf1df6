"""CN_PASSPORT: 护照号 and travel permits (往来港澳通行证, 回乡证); these need a context word."""
from __future__ import annotations

from presidio_analyzer import Pattern

from ..base import DIGIT_ANCHORS, DIGIT_RUN
from .runs import RunScopedRecognizer

_L = "A-HJ-NP-Z"   # letters used in document numbers: no I, no O
_END = r"(?![0-9A-Za-z])"
_AFTER_FIRST = r"(?<![0-9A-Za-z].)"   # placed after the first character: see CnPatternRecognizer


class CnPassportRecognizer(RunScopedRecognizer):
    """护照 E12345678 / EA1234567 / G12345678 / DE, SE, PE + 7 digits; 港澳通行证 C/W + 8;
    回乡证 H/M + 8 (+2); 台胞证 8 digits right after its label. Short letter-digit codes are also product and file codes, so every
    pattern scores below the threshold until a context word (护照, 通行证…) is near."""

    ENTITY = "CN_PASSPORT"
    PATTERNS = [
        Pattern("普通护照", r"E" + _AFTER_FIRST + r"(?:[0-9]{8}|[" + _L + r"][0-9]{7})" + _END, 0.3),
        Pattern("旧版护照", r"G" + _AFTER_FIRST + r"[0-9]{8}" + _END, 0.3),
        Pattern("外交、公务护照", r"[DSP]" + _AFTER_FIRST + r"E[0-9]{7}" + _END, 0.3),
        Pattern("往来港澳/台湾通行证", r"[CWL]" + _AFTER_FIRST + r"[0-9" + _L + r"][0-9]{7}" + _END, 0.3),
        Pattern("回乡证", r"[HM]" + _AFTER_FIRST + r"[0-9]{8}(?:[0-9]{2})?" + _END, 0.3),
        Pattern("台湾居民来往大陆通行证", r"[0-9]" + _AFTER_FIRST + r"[0-9]{7}(?:[0-9]{2})?" + _END, 0.3),
        Pattern("已脱敏的证件号", r"[EGCWHMDSP]" + _AFTER_FIRST + r"(?:(?<=[DSP])E)?[0-9" + _L + r"]?[0-9]{0,6}\*{3,8}[0-9]{0,4}"
                + r"(?![0-9A-Za-z*])", 0.3),
    ]
    MASKED_PATTERNS = ("已脱敏的证件号",)
    CONTEXT = ["护照", "通行证", "回乡证", "台胞证", "港澳", "证件号", "证件号码", "旅行证", "Passport", "passport"]
    VALIDATION_LABEL = "格式有效"
    PREFILTER = DIGIT_RUN
    ANCHORS = DIGIT_ANCHORS
    REGEX_FLAGS = 0

    # Eight digits are a 台胞证 number only right after its own label: they are also dates.
    TAIWAN_LABELS = ("台湾居民来往大陆通行证", "来往大陆通行证", "台胞证")

    def validate_result(self, pattern_text: str) -> bool | None:
        if not pattern_text[0].isdigit():
            return None
        start = self.current_span[0]
        before = self.current_text[max(0, start - 12):start]
        return None if any(label in before for label in self.TAIWAN_LABELS) else False

    def validate_masked(self, pattern_text: str) -> bool:
        return 8 <= len(pattern_text) <= 11
