"""PERSON: names of natural persons where documents put them — labels, name columns, salutations, (男，45岁)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from ..base import EXPLANATION, MASKED, SEVERITY, SegmentRecognizer, anchored
from .surnames import surnames
from .names import Name, bounded, is_cjk, name_at, name_before, names_in_list, unlisted_name
from .roles import CONTACT_LABELS, KINSHIP, LABEL_ENDS, LABEL_KIND, LABEL_RE, LANDLINE, MOBILE, ORG_WORD, TITLE_AFTER_RE

if TYPE_CHECKING:
    from reviewer.document import Segment

# Column headings of a name column (姓名, 户主姓名, 申请人, 救助对象, 拟聘用人员, 被征收人…)
NAME_HEADER = re.compile(r"姓名|户主|申请人|当事人|对象|拟聘|聘用人员|被征收人|被处罚人|被征地|法定代表人|负责人|经营者|"
                         r"联系人|监护人|家庭成员|户名|持卡人|收款人|领款人|开户人|学生|考生|患者|死者|伤者|驾驶人|姓 *名")
# What follows a name and makes it a private person's: (男，45岁), ，女，, （身份证号…, a mobile number
CUE_RE = re.compile(r"(?=(" +  # a look-ahead: a cue never swallows the name before the next cue
    r"[（(]\s*(?:男|女|\d{1,3}\s*岁|身份证|公民身份|驾驶证|手机|电话|联系电话|联系方式|住|现住|户籍|出生|退役|村民|[^）)]{0,12}?"
    r"(?:联系电话|手机|身份证|\d{7,}))"
    r"|[，,]\s*(?:男|女)\s*[，,）)]|[，,]\s*(?:\d{1,3}岁|身份证|公民身份|手机|联系电话|电话\s*1|家住|住[^房宅]|驾驶证|驾驶证号|证件号|护照)"
    r"|\s?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)" + "))")
SALUTATION_RE = re.compile(r"^\s*(?:尊敬的)?(?P<name>[\u4e00-\u9fff*×某]{2,6}?)(?P<hon>同志|先生|女士|君)?(?:等\d*人)?\s*[：:]\s*$")
RESPECT_RE = re.compile(r"尊敬的(?P<name>[\u4e00-\u9fff]{2,4}?)(?:先生|女士)")
ROW_SPLIT = re.compile(r"\s+")
ROW_START = re.compile(r"^\s*\d{1,4}\s+\S+\s+\S+|\t")
# the next field of a text-table row says the field before it is a person: 男/女, an ID number, a mobile
ROW_EVIDENCE = re.compile(r"\s+(?:[男女](?:\s|$)|\d{6}[\d*]{8,11}[\dXx*](?:\s|$)|\d{4}\*{6,}\d{3,4}[\dXx]|1[3-9]\d{9}(?:\s|$))")
ROW_OF_PEOPLE = re.compile(r"(?:^|\s)[男女](?:\s|$)|\d{6}[\d*]{8,11}[\dXx*]|\d{4}\*{6,}\d{3,4}[\dXx]|"
                           r"\d{4}\s\d{4}\s\d{4}\s\d{4}|(?<!\d)1[3-9]\d{9}(?!\d)|\d{3}\*{4}\d{4}")
# a column of officials on duty: 带班领导, 值班人员, 执法人员
OFFICIAL_HEADER = re.compile(r"领导|值班|带班|执法|工作人员|经办|审核|承办|签发|主持|联络员")
# 联系人/负责人 of a row whose other cells name an office (各单位联系人名单) are the office's staff
CONTACT_HEADER = re.compile(r"联系人|负责人|联络员")
OFFICE_CELL = re.compile(r"(?:^|\t)[^\t]{0,20}(?:局|委|办|办公室|政府|中心|大队|所|站|院|部|股|科)(?:\t|$)")
# a column of people by role: 护林员（向导）, 值班人员, 带班领导
ROLE_HEADER = re.compile(r"(?:员|人员|人|领导)\s*(?:[（(][^）)]*[）)])?\s*$")
# a salutation never ends like a label (说明：, 附件：, 申请人：)
LABEL_ENDINGS = set("人者员址码间期点况由果据项件位式称别龄话注")
_SN = "".join(sorted(surnames().single | {c[0] for c in surnames().compound}))
# a label's last two characters (as two character classes), then a surname after an optional colon
_PENULT = "".join(sorted({w[-2] for w in LABEL_KIND}))
LABEL_GATE = re.compile(f"[{_PENULT}][{LABEL_ENDS}](?=" + r"(?:\s*[（(][^）)]{1,12}[）)])?[\s：:]*" + f"[{_SN}])")
CUE_GATE = re.compile(r"[男女岁]|[0-9]{7}|身份|手机|电话|住|退役|村民|出生|驾驶证|证件|护照")
TITLE_GATE = re.compile(r"(?:局|县|市|州|镇|乡|部|处|厅|所|站|院|组|队)长|书记|主任|同志|委员|主席")

OFFICIAL = "公职人员履职信息，可公开"
ORG_BEFORE_NAME = re.compile(r"(?:县|州|市|省|镇|乡)?[\u4e00-\u9fff]{1,14}?(?:局|办|中心|委员会|办公室|政府|大队|股|科)\s+")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]*")
# a household named by its head after the village or group: 丙村委会李某某户（…）, 三组王某户，
HOUSEHOLD_RE = re.compile(f"(?:村委会|居委会|村民小组|社区|村|组)(?=[{_SN}])")
HOUSEHOLD_END = re.compile(r"户(?=[（(，,、。；;：:）)\s]|$)")
MASKED_TEXT = "姓名已作去标识化处理（保留姓氏）"
# pieces of a field holding several names; the cues that make a reading strong (not only a phone)
FIELD_SPLIT = re.compile(r"[、，,;；/ ]")
STRONG_CUE = re.compile(r"[男女岁]|身份|公民|住|出生|退役|村民|驾驶证|证件|护照")


class PersonRecognizer(SegmentRecognizer):
    """Finds names after labels, in name columns and text-table rows, in salutations and before (男，45岁)."""

    ENTITIES = ["PERSON"]
    # Speed: the engine searches PREFILTER once per segment (detectors/base.py); it is set at the end
    # of this module, built from the label and surname lexicons. Each step inside has its own gate.
    PREFILTER: str | None = None

    DEFAULT_SCORE = 0.85

    # -- entry point -------------------------------------------------------------------------
    def analyze_segment(self, text: str, segment: "Segment | None", entities: list[str]) -> list[RecognizerResult]:
        found: dict[tuple[int, int], tuple[str, str | None, bool]] = {}

        def add(name: Name, severity: str | None, why: str | None, weak: bool = False) -> None:
            key = (name.start, name.end)
            if name.masked:
                severity, why = "info", MASKED_TEXT
            old = found.get(key)
            # a private reading wins over an official one for the same span, unless it rests only on
            # a phone number (officials give theirs too: 联系人：…股 杨丽，联系电话：…)
            if old is None or (old[0] == "info" and severity != "info" and not name.masked and not weak):
                found[key] = (severity, why, name.masked)

        cells = getattr(segment, "cells", None) if segment is not None else None
        if cells:
            self._table_cells(text, cells, add)
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
        if CUE_GATE.search(text):
            self._cues(text, add)
        if "户" in text:
            self._households(text, add)
        if found or TITLE_GATE.search(text):
            self._titles_after(text, add)
        return [self._result(s, e, sev, why, masked) for (s, e), (sev, why, masked) in sorted(found.items())
                if not _inside_other(s, e, found)]

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
    def _table_cells(self, text, cells, add) -> None:
        for k, cell in enumerate(cells):
            if not cell.header or not (NAME_HEADER.search(cell.header) or ROLE_HEADER.search(cell.header)):
                continue
            end = cells[k + 1].start - 1 if k + 1 < len(cells) else len(text)
            if OFFICIAL_HEADER.search(cell.header) or (CONTACT_HEADER.search(cell.header) and OFFICE_CELL.search(text)):
                self._field(text, cell.start, end, add, f"{OFFICIAL}（“{cell.header.strip()}”列）", severity="info")
            else:
                self._field(text, cell.start, end, add, f"“{cell.header.strip()}”列中的姓名", column=True)

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

    def _field(self, text, start, end, add, why, column: bool = False, severity: str | None = None) -> None:
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
                if name is None and column and unlisted_name(piece):
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
        for m in CUE_RE.finditer(text):
            end = m.start()
            while end > 0 and text[end - 1] == " ":
                end -= 1
            if any(w in m.group(1) for w in ("执法", "警号", "工号", "证号 ")):
                continue
            name = name_before(text, end)
            if name is None:
                continue
            if name.start > 0 and is_cjk(text[name.start - 1]):
                # the word before must end where the name starts: a role, a label, a particle
                if not _role_before(text, name.start):
                    continue
            weak = not STRONG_CUE.search(m.group(1))
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

    def _titles_after(self, text, add) -> None:
        for m in TITLE_AFTER_RE.finditer(text):
            name = name_before(text, m.start())
            if name is None or name.masked:
                continue
            if name.start > 0 and is_cjk(text[name.start - 1]) and not _role_before(text, name.start):
                continue
            add(name, "info", f"{OFFICIAL}（“{m.group(0)}”）")


_LONGEST_LABEL = max(map(len, LABEL_KIND))
_LABEL_BIGRAMS = frozenset(w[-2:] for w in LABEL_KIND)


def _label_matches(text: str):
    """LABEL_RE matches, found from the cheap gate (label's last character, then a surname):
    the label is looked up backwards in a set instead of trying every label at every position."""
    last = -1
    if "联系人" in text or "联络人" in text:   # 联系人：县财政局 孙丽 — an organisation stands between label and name
        for m in LABEL_RE.finditer(text):
            if m.group("label") in CONTACT_LABELS:
                yield m
    for g in LABEL_GATE.finditer(text):
        p = g.start() + 2
        if text[p - 2:p] not in _LABEL_BIGRAMS:
            continue
        for k in range(min(_LONGEST_LABEL, p), 1, -1):
            if text[p - k:p] in LABEL_KIND:
                if p - k > last:
                    m = LABEL_RE.match(text, p - k)
                    if m:
                        last = m.end() - 1
                        yield m
                break


_BEFORE = re.compile(r"(?:" + "|".join(sorted(LABEL_KIND, key=len, reverse=True)) + r"|[的为是由和与及、请经据有将把被对向给让叫员者户民工人生士])$")


def _role_before(text: str, start: int) -> bool:
    return bool(_BEFORE.search(text[max(0, start - 8):start]))


def _inside_other(s: int, e: int, found) -> bool:
    return any((s2 <= s and e <= e2) and (s2, e2) != (s, e) for (s2, e2) in found)


# One search per segment (detectors/base.py), and the person part of the engine's candidate pass: a
# label's last character before a surname, a colon at the end, a tab, a digit before a space, a cue
# such as （男 or ，身份证, a mask, 联系人, a title, a mobile number glued to a name, a household. Each
# branch sits behind the character it starts with (detectors.base.anchored): written as one plain
# alternation the same search ran 1.6 times slower, its first branch starting with a class of very
# common characters.
PersonRecognizer.ANCHORS = (
    # the last two characters of a label (exactly: one look-behind of the label bigrams), then a surname
    # (cheapest test first: the class of penultimate characters, the surname after, the bigram set last)
    (f"[{LABEL_ENDS}]", f"(?<=[{_PENULT}].)" + LABEL_GATE.pattern.split("]", 2)[2]
     + "(?<=" + "|".join(sorted(_LABEL_BIGRAMS)) + ")"),
    # the colon that ends a salutation (王建国：, 尊敬的欧阳明华先生：) stands within 30 characters of
    # the line's start
    ("[：:]", r"(?<![^\n]{31})(?=\s*$)"), ("[\t岁某*×]", ""), ("[0-9]", r"\s"),
    ("[（(，,]", r"\s*(?:[男女]|身份|公民身份|手机|电话|联系|住|退役|村民|出生|驾驶证|证件|护照|[0-9]{7})"),
    ("联", "[系络]人"), ("[局县镇乡]", "长"), ("同", "志"), ("书", "记"),
    # a mobile number written right after a name (杨某某1390878…)
    ("1", r"(?<=[\u4e00-\u9fff]1)(?=[3-9][0-9]{9}(?![0-9]))"),
    # a household named by its head after a village or group (…村委会李某某户，)
    ("户", f"(?<=[村组会区][{_SN}][\u4e00-\u9fff]户)(?=[（(，,、。；;：:）)\\s]|$)"),
    ("户", f"(?<=[村组会区][{_SN}][\u4e00-\u9fff]{{2}}户)(?=[（(，,、。；;：:）)\\s]|$)"),
    ("户", f"(?<=[村组会区][{_SN}][\u4e00-\u9fff]{{3}}户)(?=[（(，,、。；;：:）)\\s]|$)"))
PersonRecognizer.PREFILTER = anchored(PersonRecognizer.ANCHORS)
