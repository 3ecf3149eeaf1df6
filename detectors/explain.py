"""Explanations a reviewer reads, rendered in Chinese from Presidio's decision process."""
from __future__ import annotations

from presidio_analyzer import RecognizerResult

from .base import EXPLANATION, MASKED, PatternResult

ALLOW_LISTED = "本单位公开信息（白名单）"
# A table repeats the same few explanations on every row: each distinct one is joined once.
_RENDERED: dict[tuple, str] = {}
_CACHE_SIZE = 4096


def _facts(result: RecognizerResult) -> tuple[str | None, bool | None, str | None]:
    """(pattern name, validation result, supportive context word) without building a lazy explanation."""
    facts = getattr(result, "facts", None)
    if facts is not None:
        return facts()
    exp = result.analysis_explanation
    if exp is None:
        return None, None, None
    return exp.pattern_name, exp.validation_result, exp.supportive_context_word


def render(result: RecognizerResult, recognizer=None) -> str:
    """E.g. 「18位身份证号；校验位正确（GB 11643）；上下文“身份证号码”；得分 1.00」."""
    meta = result.recognition_metadata or {}
    if type(result) is PatternResult:   # its facts read directly (the common case: no call)
        exp = result._explanation
        if exp is None:
            pattern_name, validation, word = result.pattern.name, result.validation_result, result.context_word
        else:
            pattern_name, validation, word = exp.pattern_name, exp.validation_result, exp.supportive_context_word
    else:
        pattern_name, validation, word = _facts(result)
    # the score as a number: formatted only when the explanation is first joined
    key = (meta.get(EXPLANATION), pattern_name, bool(meta.get(MASKED)), validation is True,
           getattr(recognizer, "VALIDATION_LABEL", None), word, result.score)
    try:
        return _RENDERED[key]
    except KeyError:
        pass
    except TypeError:   # an explanation given as something unhashable
        return _join(*key)
    if len(_RENDERED) >= _CACHE_SIZE:   # explanations with a detail (a name, a kind) vary without end
        _RENDERED.clear()
    text = _RENDERED[key] = _join(*key)
    return text


def _join(given, pattern_name, masked: bool, validated: bool, label, word, score: float) -> str:
    parts: list[str] = []
    if given:
        parts.append(str(given))
    elif pattern_name:
        parts.append(str(pattern_name))
    if masked:
        parts.append("已脱敏，无需再处理")
    elif validated:
        parts.append(label or "校验通过")
    if word:
        parts.append(f"上下文“{word}”")
    parts.append(f"得分 {score:.2f}")
    return "；".join(parts)
