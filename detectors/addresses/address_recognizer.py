"""ADDRESS: detailed addresses down to 号/室/栋/单元/村民小组, from the division or label to the last detail."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from ..base import EXPLANATION, SEVERITY, SegmentRecognizer
from .divisions import first_division

if TYPE_CHECKING:
    from reviewer.document import Segment

CN_DIGITS = "一二三四五六七八九十百零〇两"
# the detail that makes an address personal: a house number, a flat, a building, a villagers' group.
# A number is a whole number, never the tail of a longer one or after 第/〕/令/字 (第26号 is a sequence
# number, not a house number 6号). Each branch starts with its first character and looks behind after
# it: Python's re then skips to candidates in C instead of trying a look-behind at every position.
NOT_BEFORE = r"第〕\]令字"
DETAIL = r"(?:号楼|号院|号|室|栋|幢|座|单元|楼|层|组(?![织成合建长员]))"
TAIL = re.compile(
    rf"\d(?<![{NOT_BEFORE}0-9].)\d*{DETAIL}|[{CN_DIGITS}](?<![{NOT_BEFORE}{CN_DIGITS}].)[{CN_DIGITS}]*{DETAIL}|"
    rf"[A-Za-z](?<![{NOT_BEFORE}].)\d*(?:室|座|栋|幢)|[村居](?<![{NOT_BEFORE}个各].)民小组")
# characters an address is written with (no punctuation, no spaces)
RUN_CHARS = r"\u4e00-\u9fff0-9A-Za-z\-#"
NOT_RUN = re.compile(f"[^{RUN_CHARS}]")
# every TAIL holds a detail character (号 室 栋 幢 座 单元 楼 层 组) right after a digit, a letter or 小:
# where none stands, no run needs a look
DETAIL_CHAR = re.compile(rf"[号室栋幢座楼层组单](?<=[\d{CN_DIGITS}A-Za-z小].)")
# a level of the address above the detail (province … road, estate)
PLACE_PIECE = re.compile(
    r"(?<![全各本该每我其])(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|乡|镇|街道|村委会|村民委员会|居委会|社区|村|路|街|道|巷|弄|胡同|"
    r"小区|花园|苑|家园|公寓|大厦|新村|里|庄|屯|寨|坊|园区|广场|中心)")
# level words and nothing else, each taken as PLACE_PIECE.sub would take it (atomic: no other split)
ONLY_LEVELS = re.compile(rf"(?>{PLACE_PIECE.pattern})+")
# words that introduce an address; the address starts after the last of them
LEAD = re.compile(r"(?:家庭住址|现住址|户籍地址|户籍所在地|通信地址|通讯地址|联系地址|经常居住地|居住地址|居住地|住所地|住址|住所|"
                  r"房屋坐落|坐落于|坐落在|坐落|位于|家住|现住|住在|居住在|寄至|寄往|来信地址|地址|地点|住(?![房宅院所户]))")
# not an address: a sentence (pronouns, verbs, particles inside the run)
# (one literal per branch: Python's re scans for their first characters in C; a leading class did not)
NOT_ADDRESS = re.compile(r"的|了|在|因|为|是|及|向|对|把|被|将|你|我|他|她|其|该|请|经|按|据|等|反映|要求|发现|所在|共有|共计|合计|涉及|包括")
# 机关办公地址: labels and the organisation after the address
OFFICE_LABEL = re.compile(r"(?:办公地址|单位地址|机关地址|来信地址|来信请寄|受理地点|办理地点|办公地点|服务地点|受理地址|寄至|寄往|邮寄地址|"
                          r"会议地点|会议地址|开会地点|会场|培训地点|活动地点|考试地点|考点地址|报名地点|集合地点)\s*[：:]?\s*$")
# (searched for a yes or no: 「局(?<=\S.)」 says what 「\S{1,10}局」 said, without trying ten lengths at each
# place; every branch starts with a character, so Python's re scans for their first characters in C)
OFFICE_WORD = re.compile(r"人民政府|政府|委员会|办公室|政务服务|服务中心|便民服务|管理局|局(?<=\S.)|法院|检察院|派出所|大队|"
                         r"行政中心|市民中心|会议中心|办公楼|办公大楼|会议室|会堂|礼堂|"
                         r"窗口|大厅|股(?<=\S.)$|科(?<=\S.)$|所(?<=\S.)$|站(?<=\S.)$")
MAX_LEN = 60
MAX_GAP = 14   # characters allowed between two details (香榭苑小区 7幢)
WORD_AFTER = re.compile(r"[\u4e00-\u9fff0-9]*")
# 县人民政府办公室（地址：…）: an organisation, then the label of its address
ORG_THEN_LABEL = re.compile(r"(?:人民政府|政府|委员会|办公室|局|中心|大队)(?:联系)?\s*[（(]?\s*(?:地址|地点)\s*[：:]?\s*$")


class AddressRecognizer(SegmentRecognizer):
    """Detailed addresses: a division name or label, the levels below it, and a 号/室/栋/单元/村民小组 detail."""

    ENTITIES = ["ADDRESS"]
    # a detail character after a digit (or 单元, 小组): one character class, then look-behinds (a pattern
    # that starts with one class is scanned for in C; 「[…](?<=…)|单元」 was tried at every position)
    ANCHORS = (("[号室栋幢座楼层组单]", "(?:(?<=[0-9一二三四五六七八九十小][号室栋幢座楼层组])|(?<=单)元)"),)
    PREFILTER = ANCHORS[0][0] + ANCHORS[0][1]

    DEFAULT_SCORE = 0.8

    def load(self) -> None:
        # compile the division-name pattern now, when the scanner is built: forked workers inherit it
        first_division("")

    def analyze_segment(self, text: str, segment: "Segment | None", entities: list[str]) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        # Only a run holding a detail character can hold an address: go from those characters to their
        # run, instead of trying every run of the text (most are names, numbers or sentence pieces).
        reversed_text = None
        done = 0
        for c in DETAIL_CHAR.finditer(text):
            if c.start() < done:
                continue   # this run was decided at an earlier detail character
            if reversed_text is None:
                reversed_text = text[::-1]
            # the run's edges: the nearest characters an address is not written with, before (searched
            # forward in the reversed text) and after
            before = NOT_RUN.search(reversed_text, len(text) - c.start())
            start = len(text) - before.start() if before else 0
            after = NOT_RUN.search(text, c.end())
            done = after.start() if after else len(text)
            if done - start < 4:
                continue
            span = self._address_in(text[start:done])
            if span is None:
                continue
            out.append(self._result(text, start + span[0], start + span[1]))
        return out

    @staticmethod
    def _address_in(run: str) -> tuple[int, int] | None:
        tails = TAIL.finditer(run)
        first = next(tails, None)
        if first is None:
            return None
        end = first.end()
        for t in tails:
            gap = run[end:t.start()]
            if len(gap) > MAX_GAP or NOT_ADDRESS.search(gap):
                break
            end = t.end()
        head = run[:first.start()]
        start = _start_of(head)
        if start is not None and _names_a_place(run[start:first.start()], end - start):
            return start, end
        # else from the first division name, unless that is where the first try started
        other = first_division(head)
        if other is not None and other != start and _names_a_place(run[other:first.start()], end - other):
            return other, end
        return None

    def _result(self, text: str, s: int, e: int) -> RecognizerResult:
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        before = text[max(0, s - 12):s]
        after = text[e:e + 16]
        after_word = WORD_AFTER.match(after).group(0)
        lead = text[max(0, s - 30):s]
        label_and_org = ("地址" in lead or "地点" in lead) and ORG_THEN_LABEL.search(lead)
        if OFFICE_LABEL.search(before) or label_and_org or OFFICE_WORD.search(text[s:e]) \
                or OFFICE_WORD.search(after_word):
            meta[SEVERITY] = "info"
            meta[EXPLANATION] = "机关办公地址，可公开"
        else:
            meta[EXPLANATION] = "详细地址（精确到门牌号、楼栋房号或村民小组）：公开时应只保留到乡镇（街道）"
        return RecognizerResult("ADDRESS", s, e, self.score, recognition_metadata=meta)


def _names_a_place(body: str, length: int) -> bool:
    """Whether the text before the first detail is a place: no sentence, a level word, and more than level
    words alone (小区7栋, 村3组 are fragments)."""
    return (length <= MAX_LEN and bool(body) and not NOT_ADDRESS.search(body) and PLACE_PIECE.search(body) is not None
            and ONLY_LEVELS.fullmatch(body) is None)


_UPPER_LEVELS = re.compile(r"(?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|自治州|州|地区|盟|县|区|旗))+$")


def _start_of(head: str) -> int | None:
    """Where the address starts in the text before its first detail: after a label, else at the first
    division name (extended left over levels missing from the data: 台北市中正区 before 重庆南路)."""
    lead = None
    for m in LEAD.finditer(head):
        lead = m
    if lead is not None:
        end = lead.end()
        return end + 1 if head[end:end + 1] in ("为", "是", "在", "于") else end
    i = first_division(head)
    if i is not None:
        upper = _UPPER_LEVELS.search(head, 0, i) if i else None
        return upper.start() if upper and not NOT_ADDRESS.search(upper.group(0)) else i
    # no label, no listed division: start two characters before the first level (擅自占用狮山镇… → 狮山镇…)
    first = _TOWN_LEVEL.search(head)
    if first and first.start() > 4:
        return None if NOT_ADDRESS.search(head, 0, first.start() - 2) else first.start() - 2
    return 0


_TOWN_LEVEL = re.compile(r"乡|镇|街道|村委会|村民委员会|居委会|社区|路|街|大道|巷")
