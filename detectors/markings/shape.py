"""The shape and place of a line: is it a marking line (short, alone, at the top or in a header) or a sentence?"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from ..base import EXPLANATION, SEVERITY, SegmentRecognizer, word_anchors

if TYPE_CHECKING:
    from reviewer.document import Segment

# The engine searches each distinct PREFILTER once per segment: the three marking recognizers share
# this one, and each checks its own words first.
# A secrecy level (绝密, 机密, 秘密) marks only where a star, a space, the end of the line or what core()
# strips (brackets, urgency, 密级, page numbers) follows it: 「国家秘密和个人信息」 and 「秘密的」 in a
# sentence wake nobody. 工作秘密 is a restricted marking in any context (and 保密, 密切, 严密 never wake them).
LEVEL_CUE = r"(?<=[绝机秘]密)(?=[\s★☆*【】\[\]「」『』〔〕紧特加平急密第共]|$)"
MARKING_ANCHORS = (("密", f"(?:{LEVEL_CUE}|(?<=工作秘密))"),) + word_anchors(["内部", "此件", "外传", "稿", "草案"])
# 密(?<=[绝机秘]密)|内部|外传|此件|稿|草案: every branch starts with its character, so Python's re scans for
# the set of first characters in C (「[绝机秘]密|…」 starts with a class and was tried at every position)
MARKING_PREFILTER = "|".join(first + rest for first, rest in MARKING_ANCHORS)
TOP_PARAGRAPHS = 8          # GB/T 9704: 份号, 密级, 紧急程度 come first; txt counts blank lines too
# what may stand on a marking line besides the marking: 份号, urgency, labels, brackets
_NOISE = re.compile(r"^(?:份号\s*[：:]?\s*)?\d{6}\s*|(?:紧急程度\s*[：:]?\s*)?(?:特急|加急|特提|平急|急件)|"
                    r"密级(?:和保密期限)?\s*[：:]?|[【】\[\]「」『』〔〕]|"
                    # a page number printed on the same line (PDF headers and footers)
                    r"第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|(?<!\S)-\s*\d+\s*-(?!\S)")
_SENTENCE = re.compile(r"[。；;！？!?]")
QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ("《", "》"), ('"', '"'), ("‘", "’"))


def core(line: str) -> tuple[str, int]:
    """The line without 份号, urgency, labels, brackets and surrounding spaces, and the offset where it starts."""
    stripped = _NOISE.sub(lambda m: " " * len(m.group(0)), line)
    left = len(stripped) - len(stripped.lstrip())
    return stripped.strip(), left


def is_sentence(line: str) -> bool:
    return bool(_SENTENCE.search(line)) or line.count("，") + line.count(",") >= 2


def at_top(segment: "Segment | None") -> bool:
    """In a page header or footer, or among the first paragraphs of the body."""
    if segment is None:
        return True
    loc = segment.location
    if loc.part in ("header", "footer"):
        return True
    if loc.page not in (None, 1):
        return False
    return loc.paragraph is not None and loc.paragraph <= TOP_PARAGRAPHS


# A PDF has no header part: text printed in the top margin (above one inch) of a page stands where a
# .docx puts its page header.
PDF_HEADER_BAND = 72.0   # points from the top of the page


def in_header(segment: "Segment | None") -> bool:
    """In a page header or footer, or in the header band at the top of a PDF page."""
    if segment is None:
        return False
    loc = segment.location
    if loc.part in ("header", "footer"):
        return True
    return loc.part == "body" and loc.page is not None and loc.bbox is not None and loc.bbox[1] < PDF_HEADER_BAND


def quoted(text: str, start: int) -> bool:
    """Whether text[start] sits inside quotation marks or 《》 opened earlier on the line."""
    before = text[:start]
    for open_, close in QUOTES:
        if open_ == close:
            if before.count(open_) % 2 == 1:
                return True
        elif before.count(open_) > before.count(close):
            return True
    return False


def cell_header(segment: "Segment | None", offset: int) -> str | None:
    if segment is None or not getattr(segment, "cells", None):
        return None
    cell = segment.cell_at(offset)
    return cell.header if cell else None


class MarkingRecognizer(SegmentRecognizer):
    """Common set-up of the three marking recognizers: a keyword gate, then one decision per line."""

    DEFAULT_SCORE = 0.95
    PREFILTER = MARKING_PREFILTER   # one search shared by the three marking recognizers
    ANCHORS = MARKING_ANCHORS
    KEYWORDS: tuple[str, ...] = ()  # a segment holding none of these cannot carry this marking

    def analyze_segment(self, text: str, segment: "Segment | None", entities: list[str]) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        if not any(word in text for word in self.KEYWORDS):
            return out
        pos = 0
        for line in text.split("\n"):
            out.extend(self._line(line, pos, segment))
            pos += len(line) + 1
        return out

    def _line(self, line: str, offset: int, segment) -> list[RecognizerResult]:
        raise NotImplementedError

    def result(self, start: int, end: int, explanation: str, severity: str | None = None,
               score: float | None = None) -> RecognizerResult:
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id, EXPLANATION: explanation}
        if severity:
            meta[SEVERITY] = severity
        return RecognizerResult(self.ENTITIES[0], start, end, score or self.score, recognition_metadata=meta)
