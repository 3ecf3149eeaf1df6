"""PERSON: names of natural persons where documents put them — labels, name columns, salutations, (男，45岁)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from ..base import EXPLANATION, MASKED, SEVERITY, SegmentRecognizer, anchored
from .columns import COLUMNS_READ, JOB, OFFICIAL, UNREAD, name_column
from .labels import LABEL_GATE, _contact_matches, _label_matches, _role_before  # noqa: F401 (tests read these here)
from .prefilter import LABEL_PENULTS, SURNAME_STARTS, person_anchors  # noqa: F401
from .names import (MASK_CHARS, Name, bounded, column_name, frequent_words, is_cjk, name_at, name_before, names_in_list,
                    unlisted_name)
from .roles import (JOB_TITLE_ENDS, KINSHIP, LABEL_ENDS, LABEL_KIND, LANDLINE, MOBILE, ORG_WORD,  # noqa: F401
                    TITLE_AFTER_RE, TITLES_AFTER, inside_title)

if TYPE_CHECKING:
    from reviewer.document import Segment

# The characters of \s spelled out: a class of code points is scanned faster than one holding \s
# (tests/detectors/test_person_gates.py checks the two are the same).
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# What follows a name and makes it a private person's: (男，45岁), ，女，, （身份证号…, a mobile number.
# A cue counts only right after a name: a CJK character or a mask (spaces are skipped later, tabs are
# not). The match consumes the cue's first character and tests the one before it in C, so commas in
# prose and the digits of ID and card numbers in table rows rarely reach Python; the rest of the cue is
# a look-ahead (a cue never swallows the name before the next one), text[m.start():m.end("rest")].
CUE_RE = re.compile("[（(，,1" + WHITESPACE + r"](?<=[\u4e00-\u9fff*×xX○〇☆ ].)(?=(?P<rest>"
    r"(?<=[（(])\s*(?:男|女|\d{1,3}\s*岁|身份证|公民身份|驾驶证|手机|电话|联系电话|联系方式|住|现住|户籍|出生|退役|村民|"
    r"[^）)]{0,12}?(?:联系电话|手机|身份证|\d{7,}))"
    r"|(?<=[，,])(?=\s*[男女\d身公手联电家住驾证护])"
    r"(?:\s*(?:男|女)\s*[，,）)]|\s*(?:\d{1,3}岁|身份证|公民身份|手机|联系电话|电话\s*1|家住|住[^房宅]|驾驶证|驾驶证号|证件号|护照))"
    r"|(?<=\s)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)|(?<=1)[3-9]\d(?:[ -]?\d{4}){2}(?!\d)))")
SALUTATION_RE = re.compile(r"^\s*(?:尊敬的)?(?P<name>[\u4e00-\u9fff*×某]{2,6}?)(?P<hon>同志|先生|女士|君)?(?:等\d*人)?\s*[：:]\s*$")
RESPECT_RE = re.compile(r"尊敬的(?P<name>[\u4e00-\u9fff]{2,4}?)(?:先生|女士)")
ROW_SPLIT = re.compile(r"\s+")
ROW_START = re.compile(r"^\s*\d{1,4}\s+\S+\s+\S+|\t")
# the next field of a text-table row says the field before it is a person: 男/女, an ID number, a mobile
ROW_EVIDENCE = re.compile(r"\s+(?:[男女](?:\s|$)|\d{6}[\d*]{8,11}[\dXx*](?:\s|$)|\d{4}\*{6,}\d{3,4}[\dXx]|1[3-9]\d{9}(?:\s|$))")
ROW_OF_PEOPLE = re.compile(r"(?:^|\s)[男女](?:\s|$)|\d{6}[\d*]{8,11}[\dXx*]|\d{4}\*{6,}\d{3,4}[\dXx]|"
                           r"\d{4}\s\d{4}\s\d{4}\s\d{4}|(?<!\d)1[3-9]\d{9}(?!\d)|\d{3}\*{4}\d{4}")
OFFICE_CELL = re.compile(r"(?:^|\t)[^\t]{0,20}(?:局|委|办|办公室|政府|中心|大队|所|站|院|部|股|科)(?:\t|$)")
# a salutation never ends like a label (说明：, 附件：, 申请人：)
LABEL_ENDINGS = set("人者员址码间期点况由果据项件位式称别龄话注")
_SN = SURNAME_STARTS
# (the gates below start with one class of first characters: re skips in C to where a word can begin)
CUE_GATE = re.compile(r"(?=[男女岁0-9身手电住退村出驾证护])(?:[男女岁]|[0-9]{7}|身份|手机|电话|住|退役|村民|出生|驾驶证|证件|护照)")
TITLE_GATE = re.compile(r"[局县市州镇乡部处厅所站院组队书主同委](?:(?<=[局县市州镇乡部处厅所站院组队])长|(?<=书)记|(?<=主)[任席]|(?<=同)志|(?<=委)员)")

ORG_BEFORE_NAME = re.compile(r"(?:县|州|市|省|镇|乡)?[\u4e00-\u9fff]{1,14}?(?:局|办|中心|委员会|办公室|政府|大队|股|科)\s+")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]*")
# a household named by its head after the village or group: 丙村委会李某某户（…）, 三组王某户，
HOUSEHOLD_RE = re.compile(f"(?:村委会|居委会|村民小组|社区|村|组)(?=[{_SN}])")
HOUSEHOLD_END = re.compile(r"户(?=[（(，,、。；;：:）)\s]|$)")
# …or at the head of a clause, then what the household did: 经核查，王建国户加建房屋… (not 户籍, 户口, 户主)
HOUSEHOLD_HEAD = re.compile(r"户(?![籍口主型数内外名])")
CLAUSE_MARKS = frozenset("，,。；;：:、\n")
# a person driving a vehicle (与王建国驾驶的湘E…相撞, 由李明驾驶小型轿车): the word before the name is a
# particle or a clause mark, never a role (民警张磊驾驶警车 is an officer on duty)
DRIVE_RE = re.compile(r"驾驶(?![人员证室舱位技培学])")
DRIVE_BEFORE = frozenset("与和及同由被、，,。；;：:\n")
MASKED_TEXT = "姓名已作去标识化处理（保留姓氏）"
# pieces of a field holding several names; the cues that make a reading strong (not only a phone)
FIELD_SPLIT = re.compile(r"[、，,;；/ ]")
STRONG_CUE = re.compile(r"[男女岁]|身份|公民|住|出生|退役|村民|驾驶证|证件|护照")


# The last segment read and its names, (text, segment, spans): one entry, replaced whole (no lock needed)
_LAST: tuple = (None, None, ())


class PersonRecognizer(SegmentRecognizer):
    """Finds names after labels, in name columns and text-table rows, in salutations and before (男，45岁)."""

    ENTITIES = ["PERSON"]
    # Speed: the engine searches PREFILTER once per segment (detectors/base.py); it is set at the end
    # of this module from detectors/persons/prefilter.py: a branch per step, each as specific as the
    # step's own finder (a label only before a plausible name start, a mask only after a surname), so
    # most paragraphs never call the recognizer. Each step inside has its own finder or gate.
    PREFILTER: str | None = None
    PREFILTER_OFTEN = True   # a label or a name cue in most paragraphs that pass the gate (engine._build_rare)

    DEFAULT_SCORE = 0.85

    # -- entry point -------------------------------------------------------------------------
    def analyze_segment(self, text: str, segment: "Segment | None", entities: list[str]) -> list[RecognizerResult]:
        global _LAST
        last = _LAST   # SensitivePersonalRecognizer asks again for the segment the engine just gave us
        if last[1] is segment and (last[0] is text or last[0] == text):
            return [self._result(*span) for span in last[2]]
        # (start, end, severity, explanation, masked) of each name, sorted, none inside another
        found: dict[tuple[int, int], tuple[str, str | None, bool]] = {}

        def add(name: Name, severity: str | None, why: str | None, weak: bool = False) -> None:
            key = (name.start, name.end)
            if text[name.end - 1] in JOB_TITLE_ENDS and inside_title(text, name.start, name.end):
                return   # 程师 in 总工程师: the tail of a job title
            if titles and any(s <= name.start < e for s, e in titles):
                return   # a cell under 职务/职称: a job title, never a name
            if name.masked:
                severity, why = "info", MASKED_TEXT
            old = found.get(key)
            # a private reading wins over an official one for the same span, unless it rests only on
            # a phone number (officials give theirs too: 联系人：…股 杨丽，联系电话：…)
            if old is None or (old[0] == "info" and severity != "info" and not name.masked and not weak):
                found[key] = (severity, why, name.masked)

        cells = getattr(segment, "cells", None) if segment is not None else None
        titles: list[tuple[int, int]] = []   # the cells under 职务/职称 (filled by _table_cells)
        if cells:
            self._table_cells(text, cells, add, titles)
            if not found and ROW_OF_PEOPLE.search(text):   # no name column, or an unusual heading row
                self._row_cells(text, cells, add)
        elif ("\t" in text or text.lstrip()[:1].isdigit()) and ROW_START.search(text):
            self._text_row(text, add)
        tail = text.rstrip()[-1:]
        if tail in ("：", ":"):
            self._salutation(text, add)
        elif "尊敬的" in text:
            self._salutation(text, add)
        self._labels(text, add)
        self._cues(text, add)
        if "户" in text:
            self._households(text, add)
        if "驾驶" in text:
            self._drivers(text, add)
        if found or TITLE_GATE.search(text):
            self._titles_after(text, add)
        if len(found) == 1:   # most segments: one name, nothing it could lie inside
            ((s, e), (sev, why, masked)), = found.items()
            _LAST = (text, segment, ((s, e, sev, why, masked),))
            return [self._result(s, e, sev, why, masked)]
        spans = tuple((s, e, sev, why, masked) for (s, e), (sev, why, masked) in sorted(found.items())
                      if not _inside_other(s, e, found))
        _LAST = (text, segment, spans)
        return [self._result(*span) for span in spans]

    def _result(self, start: int, end: int, severity: str | None, why: str | None, masked: bool) -> RecognizerResult:
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        if severity:
            meta[SEVERITY] = severity
        if why:
            meta[EXPLANATION] = why
        if masked:
            meta[MASKED] = True
        return RecognizerResult("PERSON", start, end, self.score, recognition_metadata=meta)

    # -- places a name sits --------------------------------------------------------------------
    def _table_cells(self, text, cells, add, titles) -> None:
        read = COLUMNS_READ   # the readings of headings seen before: a dict look-up per cell, no call
        for k, cell in enumerate(cells):
            header = cell.header
            if not header:
                continue
            column = read.get(header, UNREAD)
            if column is UNREAD:
                name_column(header)
                column = read.get(header)
            if column is None:
                continue
            end = cells[k + 1].start - 1 if k + 1 < len(cells) else len(text)
            if column is JOB:   # a job title, never a name (程师 in 总工程师)
                titles.append((cell.start, end))
                continue
            if column.official or (column.contact and OFFICE_CELL.search(text)):
                self._field(text, cell.start, end, add, column.official_why, severity="info")
            else:
                self._field(text, cell.start, end, add, column.private_why, column=True, whole=column.whole)

    def _row_cells(self, text, cells, add) -> None:
        """A table row with no name column but a sex, an ID or a mobile number in it: a cell that is a
        whole name (listed surname, 2–4 characters) names the person of the row."""
        for k, cell in enumerate(cells):
            end = cells[k + 1].start - 1 if k + 1 < len(cells) else len(text)
            value = text[cell.start:end].strip()
            if 2 <= len(value) <= 4 and all(is_cjk(c) or c in "*×某" for c in value):
                self._field(text, cell.start, end, add, "表格行中的姓名（同行有证件号、手机号或性别）")

    def _text_row(self, text, add) -> None:
        """A row of a table typed as text (序号, then columns separated by spaces or a tab).

        Statistics tables are typed the same way (6  黄豆  1200  吨): a row counts as a row of people
        only when it also holds a sex, an ID number (masked or not) or a mobile number."""
        if not ROW_OF_PEOPLE.search(text):
            return
        pos = 0
        for part in ROW_SPLIT.split(text):
            start = text.find(part, pos)
            pos = start + len(part)
            cell = part.strip()
            if 2 <= len(cell) <= 4 and all(is_cjk(c) or c in "*×某" for c in cell):
                s = start + part.index(cell)
                # a field right before a 男/女 field is a name even with an unlisted surname (自芳金 女)
                sexed = bool(ROW_EVIDENCE.match(text, s + len(cell)))
                self._field(text, s, s + len(cell), add, "表格行中的姓名", column=sexed)

    def _field(self, text, start, end, add, why, column: bool = False, severity: str | None = None,
               whole: bool = False) -> None:
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] in " \t":
            end -= 1
        value = text[start:end]
        if not value:
            return
        pos = start
        for piece in FIELD_SPLIT.split(value):
            if piece:
                name = name_at(text, pos, field_end=pos + len(piece))
                if name is None and column and (unlisted_name(piece) or (whole and column_name(piece))):
                    name = Name(pos, pos + len(piece))
                if name and name.end == pos + len(piece):
                    add(name, severity, why)
            pos += len(piece) + 1

    def _salutation(self, text, add) -> None:
        m = SALUTATION_RE.match(text)
        if m:
            s, e = m.span("name")
            value = m.group("name")
            if value[-1] in LABEL_ENDINGS and not m.group("hon"):
                return
            name = name_at(text, s, field_end=e)
            if name and name.end == e:
                add(name, None, "答复、告知类文书抬头称呼的当事人姓名")
            return
        for m in RESPECT_RE.finditer(text):
            name = name_at(text, m.start("name"), field_end=m.end("name"))
            if name:
                add(name, None, "称呼中的姓名")

    def _labels(self, text, add) -> None:
        for m in _label_matches(text):
            label = m.group("label")
            kind = LABEL_KIND[label]
            pos = m.end()
            if pos >= len(text):
                continue
            # 联系人：县政务服务管理局 刘晓峰 — the organisation is written before the name
            org = ORG_BEFORE_NAME.match(text, pos) if kind in ("contact", "official") else None
            if org:
                pos = org.end()
                kind = "official"
            colon = bool(m.group("colon")) or pos != m.end()
            names = names_in_list(text, pos)
            if not names:
                continue
            first = names[0]
            run = CJK_RUN.match(text, first.start).end() - first.start
            if (not colon or run > 4) and not first.masked and kind != "official" and label not in KINSHIP \
                    and not bounded(text, first):
                continue
            for name in names:
                sev, why = self._classify(text, m.start(), name, kind, label)
                add(name, sev, why)

    def _classify(self, text, label_start, name: Name, kind: str, label: str):
        if kind == "official":
            return "info", f"{OFFICIAL}（“{label}”）"
        if kind == "contact":
            before = text[max(0, label_start - 14):label_start]
            around = text[max(0, label_start - 30):name.end + 30]
            if ORG_WORD.search(before) or (LANDLINE.search(around) and not MOBILE.search(around)):
                return "info", f"{OFFICIAL}（机关联系人）"
        return None, f"“{label}”后的姓名"

    def _cues(self, text, add) -> None:
        gate = None   # CUE_GATE, searched once, when the first cue follows a name
        for m in CUE_RE.finditer(text):
            end = m.start()
            while end > 0 and text[end - 1] == " ":
                end -= 1
            if end == 0 or not (is_cjk(text[end - 1]) or text[end - 1] in MASK_CHARS):
                continue   # a name ends in a CJK character or a mask
            cue = text[m.start():m.end("rest")]
            if "执法" in cue or "警号" in cue or "工号" in cue or "证号 " in cue:
                continue
            name = name_before(text, end)
            if name is None:
                continue
            if gate is None:   # the cue itself usually holds a gate word (（男, ，身份证): then no scan
                gate = CUE_GATE.search(cue) is not None or CUE_GATE.search(text) is not None
            if not gate:
                return
            if name.start > 0 and is_cjk(text[name.start - 1]):
                # the word before must end where the name starts: a role, a label, a particle
                if not _role_before(text, name.start):
                    continue
            weak = not STRONG_CUE.search(cue)
            add(name, None, "姓名后紧跟性别、年龄、证件号码或手机号等个人信息", weak=weak)

    def _households(self, text, add) -> None:
        for m in HOUSEHOLD_RE.finditer(text):
            end = HOUSEHOLD_END.search(text, m.end() + 2, m.end() + 6)
            if end is None or not all(is_cjk(c) for c in text[m.end():end.start()]) \
                    or text[end.start() - 1] in "家姓氏大小老":   # 李家户, 张大户: a family, a big household
                continue
            name = name_at(text, m.end(), field_end=end.start())
            if name:
                add(name, None, "以户主姓名指称的农户")
        for m in HOUSEHOLD_HEAD.finditer(text):
            e = m.start()
            # the name runs back from 户 to a clause mark or the start of the text (two to four characters)
            s = next((s for s in range(e - 4, e - 1) if s >= 0 and (s == 0 or text[s - 1] in CLAUSE_MARKS)), None)
            if s is None or text[e - 1] in "家姓氏大小老" or not all(is_cjk(c) for c in text[s:e]):
                continue
            name = name_at(text, s, field_end=e)
            # a whole name: masked, or a surname and two given characters that are no common word
            if name and (name.masked or (e - s >= 3 and text[e - 2:e] not in frequent_words())):
                add(name, None, "以户主姓名指称的农户")

    def _drivers(self, text, add) -> None:
        for m in DRIVE_RE.finditer(text):
            name = name_before(text, m.start())
            if name is None or name.end - name.start < 2:
                continue
            if name.start == 0 or text[name.start - 1] in DRIVE_BEFORE:
                add(name, None, "驾驶车辆的当事人姓名")

    def _titles_after(self, text, add) -> None:
        if not TITLE_END.search(text):
            return   # no title ends anywhere: skip the scan with the title trie
        for m in TITLE_AFTER_RE.finditer(text):
            name = name_before(text, m.start())
            if name is None or name.masked:
                continue
            if name.start > 0 and is_cjk(text[name.start - 1]) and not _role_before(text, name.start):
                continue
            add(name, "info", f"{OFFICIAL}（“{m.group(0)}”）")


# every title ends with one of these bigrams (副县长 with 县长): found from its last character
_TITLE_BIGRAMS = sorted({w[-2:] for w in TITLES_AFTER})
TITLE_END = re.compile("[" + "".join(sorted({b[-1] for b in _TITLE_BIGRAMS})) + "](?<=" + "|".join(_TITLE_BIGRAMS) + ")")
def _inside_other(s: int, e: int, found) -> bool:
    return any((s2 <= s and e <= e2) and (s2, e2) != (s, e) for (s2, e2) in found)


# One search per segment (detectors/base.py), and the person part of the engine's candidate pass: each
# branch is where one step above starts (detectors/persons/prefilter.py).
PersonRecognizer.ANCHORS = person_anchors()
PersonRecognizer.PREFILTER = anchored(PersonRecognizer.ANCHORS)
