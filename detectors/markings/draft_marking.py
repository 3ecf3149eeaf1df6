"""DRAFT_MARKING: 征求意见稿/讨论稿/送审稿/初稿… in a title, on a line of its own or in a header (过程性信息)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from .shape import MarkingRecognizer, at_top, core, in_header, is_sentence

if TYPE_CHECKING:
    from reviewer.document import Segment

TERMS = r"(?:征求意见稿|公开征求意见稿|讨论稿|送审稿|初稿|修改稿|修订稿|审议稿|报审稿|代拟稿|草稿|未定稿|试行稿)"
# （讨论稿）, 【征求意见稿】, or the term alone
OWN_LINE = re.compile(rf"^[（(【\[]?\s*(?:{TERMS}|草案)\s*[）)】\]]?$")
IN_TITLE = re.compile(rf"[（(]\s*(?P<t>{TERMS}|草案)\s*[）)]|(?P<e>{TERMS})$")
MAX_TITLE = 60


class DraftMarkingRecognizer(MarkingRecognizer):
    """A draft term as its own line, in parentheses in a title line, or in a page header."""

    ENTITIES = ["DRAFT_MARKING"]
    KEYWORDS = ("稿", "草案")


    def _line(self, line: str, offset: int, segment) -> list[RecognizerResult]:
        body, left = core(line)
        if not body:
            return []
        why = "过程稿标志“{}”：讨论记录、过程稿属过程性信息（条例第十六条），可不予公开；征求意见稿可为征求意见而公开，请核实"
        if OWN_LINE.match(body):
            return [self.result(offset + left, offset + left + len(body), why.format(body))]
        if len(body) > MAX_TITLE or is_sentence(body):
            return []
        if not (at_top(segment) or in_header(segment) or re.search(r"(?:办法|方案|规定|细则|规划|意见|通知|报告|条例|制度|标准)", body)):
            return []
        out = []
        if in_header(segment):   # a page header is all marking: any draft term counts
            return [self.result(offset + m.start(), offset + m.end(), why.format(m.group(0)))
                    for m in re.finditer(TERMS, line)]
        for m in IN_TITLE.finditer(line):
            g = "t" if m.group("t") else "e"
            if g == "t" and m.group("t") == "草案" and not at_top(segment):
                continue
            out.append(self.result(offset + m.start(g), offset + m.end(g), why.format(m.group(g))))
        return out
