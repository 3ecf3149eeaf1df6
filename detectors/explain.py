"""Explanations a reviewer reads, rendered in Chinese from Presidio's decision process."""
from __future__ import annotations

from presidio_analyzer import RecognizerResult

from .base import EXPLANATION, MASKED

ALLOW_LISTED = "本单位公开信息（白名单）"


def render(result: RecognizerResult, recognizer=None) -> str:
    """E.g. 「18位身份证号；校验位正确（GB 11643）；上下文“身份证号码”；得分 1.00」."""
    meta = result.recognition_metadata or {}
    exp = result.analysis_explanation
    parts: list[str] = []
    given = meta.get(EXPLANATION)
    if given:
        parts.append(str(given))
    elif exp is not None and exp.pattern_name:
        parts.append(str(exp.pattern_name))
    if meta.get(MASKED):
        parts.append("已脱敏，无需再处理")
    elif exp is not None and exp.validation_result is True:
        parts.append(getattr(recognizer, "VALIDATION_LABEL", None) or "校验通过")
    if exp is not None and exp.supportive_context_word:
        parts.append(f"上下文“{exp.supportive_context_word}”")
    parts.append(f"得分 {result.score:.2f}")
    return "；".join(parts)
