"""ORG_CREDIT_CODE: 统一社会信用代码 (GB 32100-2015, mod-31 check); identifies organisations, so info."""
from __future__ import annotations

from presidio_analyzer import Pattern

from ..base import DIGIT_ANCHORS, DIGIT_RUN, CnPatternRecognizer

_C = "0-9A-HJ-NPQRTUWXY"   # the code's alphabet: no I, O, S, V, Z


class OrgCreditCodeRecognizer(CnPatternRecognizer):
    """统一社会信用代码: 登记管理部门 + 机构类别 + 6-digit region + 9-character 组织机构代码 + check."""

    ENTITY = "ORG_CREDIT_CODE"
    PATTERNS = [
        Pattern("统一社会信用代码", f"[{_C}](?<![0-9A-Za-z].)[{_C}][0-9]{{6}}[{_C}]{{10}}(?![0-9A-Za-z])", 0.3),
    ]
    CONTEXT = ["信用代码", "统一社会", "营业执照", "纳税人识别号", "机构代码"]
    VALIDATION_LABEL = "校验码正确（GB 32100）"
    PREFILTER = DIGIT_RUN
    ANCHORS = DIGIT_ANCHORS
    REGEX_FLAGS = 0

    def validate_result(self, pattern_text: str) -> bool | None:
        return self.is_valid_uscc(pattern_text)

    @staticmethod
    def is_valid_uscc(code: str) -> bool:
        from stdnum.cn import uscc

        return uscc.is_valid(code.upper())
