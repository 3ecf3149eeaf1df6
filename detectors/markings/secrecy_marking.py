"""SECRECY_MARKING: 国家秘密标志 (绝密/机密/秘密 ★ term) by form and place, never a mention in a sentence."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from .shape import MarkingRecognizer, at_top, cell_header, core, in_header, is_sentence, quoted

if TYPE_CHECKING:
    from reviewer.document import Segment

LEVEL = r"(?:绝密|机密|秘密)"
TERM = (r"(?:\d+\s*(?:年|个月|月|天|日)|长期|[一二三四五六七八九十]+\s*(?:年|个月)|"
        r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|解密时间\S{0,12}|[^\s，。；,;★*]{1,16}?前|[^\s，。；,;★*]{1,16}?后解密)")
STAR = r"\s*[★☆*]\s*"
# 秘密★1年, 机密 ★ 10年, 绝密*20年, 机密★会议开始前, 机密★
STAR_FORM = re.compile(rf"{LEVEL}(?:{STAR}(?:{TERM})?)")
# a whole marking line: 机密, 秘密★, 机密 5年, 绝密★长期
LINE_FORM = re.compile(rf"^{LEVEL}(?:{STAR}(?:{TERM})?|\s+{TERM})?$")
# words before a star form that make it a mention (标注“秘密★”字样)
# a bare level as a word of a page header: 武定县人民政府办公室  机密
HEADER_LEVEL = re.compile(rf"(?:^|(?<=\s)){LEVEL}(?=\s|$)")
MENTION_BEFORE = re.compile(r"(?:标注|标明|标有|标识|标志|标记|例如|如|为|写明|注明)\s*$")


class SecrecyMarkingRecognizer(MarkingRecognizer):
    """A secrecy level with ★ and term anywhere it is not quoted, or a bare level alone on a marking line."""

    ENTITIES = ["SECRECY_MARKING"]
    KEYWORDS = ("密",)


    def _line(self, line: str, offset: int, segment) -> list[RecognizerResult]:
        if len(line) > 40 and "★" not in line and "☆" not in line and "*" not in line and not in_header(segment):
            return []   # a long line without a star holds no marking (the common case: a sentence of a law)
        body, left = core(line)
        if not body:
            return []
        if LINE_FORM.match(body):
            if cell_header(segment, offset + left) and "密级" in (cell_header(segment, offset + left) or ""):
                return []   # a 密级 column of a catalogue names levels, it does not mark this file
            where = "页眉/页脚" if in_header(segment) else ("文首" if at_top(segment) else "单独成行")
            return [self.result(offset + left, offset + left + len(body),
                                f"国家秘密标志“{body}”（{where}）：标有密级的文件不得公开（保守国家秘密法第二十二条、条例第十四条）")]
        out = []
        if in_header(segment) and "★" not in line and "*" not in line:
            out.extend(self.result(offset + m.start(), offset + m.end(),
                                   f"国家秘密标志“{m.group(0)}”（页眉/页脚）：标有密级的文件不得公开（保守国家秘密法第二十二条）")
                       for m in HEADER_LEVEL.finditer(line))
        for m in STAR_FORM.finditer(line):
            mark = m.group(0).rstrip()
            if "*" in mark and "★" not in mark and "☆" not in mark and not re.search(TERM + "$", mark):
                continue   # 秘密* without a term: a masked word, not a marking
            if quoted(line, m.start()) or MENTION_BEFORE.search(line[:m.start()]):
                continue
            lead = line[:m.start()].strip()
            alone = not is_sentence(line) and len(body) <= 40
            if alone or not lead or in_header(segment):
                out.append(self.result(offset + m.start(), offset + m.start() + len(mark),
                                       f"国家秘密标志“{mark}”：标有密级的文件不得公开（保守国家秘密法第二十二条）"))
            else:
                out.append(self.result(offset + m.start(), offset + m.start() + len(mark),
                                       f"句中出现密级标志写法“{mark}”：请核实文件是否标有密级", severity="high",
                                       score=0.6))
        return out
