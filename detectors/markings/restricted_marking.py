"""RESTRICTED_MARKING: 工作秘密 and internal markings on a marking line, and the 附注 （此件不公开）."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from .shape import MarkingRecognizer, core, in_header, is_sentence, quoted

if TYPE_CHECKING:
    from reviewer.document import Segment

PRIMARY = r"(?:内部资料|内部使用|内部文件|内部材料|内部参阅|内部传阅|内部刊物|内部明电|内部明传(?:电报)?|内部|工作秘密|仅供内部参考|仅供内部使用|仅限内部使用|不得外传|严禁外传|请勿外传|切勿外传|禁止外传)"
SECONDARY = r"(?:注意保存|注意保密|注意保管|妥善保管|不得翻印|不得转载|阅后收回)"
TERM = r"(?:[★☆*]\s*(?:\d+\s*(?:年|个月|月)|长期|[^\s，。；]{1,12}?前)?)?"
# 内部资料 注意保存 / 内部使用 不得外传 / 工作秘密★6个月 — the whole line is marking words
MARKING_LINE = re.compile(rf"^(?:{PRIMARY}{TERM}|{SECONDARY})(?:[\s，,、·]*(?:{PRIMARY}{TERM}|{SECONDARY}))*$")
# the 附注 sits under the date; text extraction may put both on one line
DATE = r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?"
NOTE_CLOSED = re.compile(rf"^{DATE}(?P<n>[（(]?\s*此件(?:不公开|不予公开|不宜公开|不得公开)\s*[）)]?)$")
NOTE_ON_REQUEST = re.compile(rf"^{DATE}(?P<n>[（(]?\s*此件依申请公开\s*[）)]?)$")
MAX_LINE = 24
# in a page header or footer the marking may stand beside other words: 武定县人民政府办公室  内部资料
HEADER_TOKEN = re.compile(rf"(?:^|(?<=\s))(?:{PRIMARY}{TERM})(?:\s*{SECONDARY})?(?=\s|$)")


class RestrictedMarkingRecognizer(MarkingRecognizer):
    """内部资料/内部使用/工作秘密/仅供内部参考 as a line of their own or in a header; （此件不公开） as the 附注."""

    ENTITIES = ["RESTRICTED_MARKING"]
    KEYWORDS = ("内部", "工作秘密", "此件", "外传")


    def _line(self, line: str, offset: int, segment) -> list[RecognizerResult]:
        if len(line) > 80 and not in_header(segment):
            return []
        body, left = core(line)
        if not body or len(body) > MAX_LINE + 16:
            return []
        s, e = offset + left, offset + left + len(body)
        note = NOTE_CLOSED.match(body)
        if note:
            return [self.result(s + note.start("n"), e, f"附注“{note.group('n')}”：公开属性为不予公开，不得在网站发布")]
        note = NOTE_ON_REQUEST.match(body)
        if note:
            return [self.result(s + note.start("n"), e, f"附注“{note.group('n')}”：公开属性为依申请公开，主动公开发布前请核实",
                                severity="info")]
        if len(body) <= MAX_LINE and MARKING_LINE.match(body) and not is_sentence(body) and not quoted(line, left):
            where = "页眉/页脚" if in_header(segment) else "单独成行"
            return [self.result(s, e, f"内部/工作秘密标志“{body}”（{where}）：此类文件不得在网站公开发布"
                                      "（工作秘密见保守国家秘密法第六十四条；内部事务信息见条例第十六条）")]
        if in_header(segment):
            return [self.result(offset + m.start(), offset + m.end(),
                                f"内部/工作秘密标志“{m.group(0)}”（页眉/页脚）：此类文件不得在网站公开发布")
                    for m in HEADER_TOKEN.finditer(line)]
        return []
