"""ORG_CREDIT_CODE: 统一社会信用代码 (GB 32100-2015, mod-31 check); identifies organisations, so info."""
from __future__ import annotations

import re
from operator import mul

from presidio_analyzer import Pattern

from ..base import DIGIT_ANCHORS, DIGIT_RUN
from .runs import RunScopedRecognizer

_C = "0-9A-HJ-NPQRTUWXY"   # the code's alphabet: no I, O, S, V, Z
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(_ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# What stdnum accepts before the check: 8 digits (登记管理部门, 机构类别, region), then the alphabet.
_CHECKABLE = re.compile(f"[0-9]{{8}}[{_C}]{{10}}")


class OrgCreditCodeRecognizer(RunScopedRecognizer):
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
        """stdnum.cn.uscc.is_valid: 18 characters, the first 8 digits, the rest of the code's
        alphabet, and the mod-31 check character; computed here for the plain written form."""
        code = code.upper()
        if len(code) != 18 or not code.isascii() or not code.isalnum():
            from stdnum.cn import uscc   # separators, look-alike characters: stdnum's own cleaning

            return uscc.is_valid(code)
        if not _CHECKABLE.fullmatch(code):
            return False
        total = sum(map(mul, map(_VALUE.__getitem__, code[:17]), _WEIGHTS))
        return code[17] == _ALPHABET[-total % 31]
