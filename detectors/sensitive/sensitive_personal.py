"""SENSITIVE_PERSONAL: health, disability, religion, criminal record, minors, biometrics — only next to a person."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from ..base import DETAIL, EXPLANATION, SegmentRecognizer
from ..persons.person_recognizer import PersonRecognizer

if TYPE_CHECKING:
    from reviewer.document import Segment

# detail → (pattern, what a reviewer reads); 个人信息保护法第二十八条
KINDS: dict[str, tuple[str, str]] = {
    "health": (r"患有[\u4e00-\u9fff]{1,10}?(?:病|症|炎|癌|瘤|障碍)|(?:确诊为?|诊断为)[\u4e00-\u9fff]{0,10}?(?:病|症|炎|癌|瘤|核|疟|障碍|感染)|"
               r"精神(?:障碍|疾病|分裂症?|病)|艾滋病|HIV|乙肝|肺结核|恶性肿瘤|癌症|白血病|尿毒症|抑郁症|"
               r"患者|病人|(?:疟疾|传染)病例|恶性疟|疟疾|肝炎|梅毒|性病|麻风病?|隔离治疗|住院治疗|突发重病|重病住院|因病致贫|大病", "医疗健康信息"),
    "disability": (r"(?:[一二三四1-4]级|重度|中度|轻度)?(?:肢体|智力|视力|听力|言语|精神|多重)残疾(?:[一二三四1-4]级)?|"
                   r"残疾(?:等级|证号?|人证)|(?:[一二三四1-4]级|重度)残疾|残疾人", "残疾信息"),
    "religion": (r"宗教信仰|信仰(?:佛教|基督教|伊斯兰教|天主教|道教)|信奉[\u4e00-\u9fff]{1,4}教|基督徒|穆斯林|佛教徒|"
                 r"信教群众|皈依", "宗教信仰"),
    "criminal_record": (r"刑满释放|有犯罪前科|前科|犯[\u4e00-\u9fff]{1,10}?罪|判处(?:有期徒刑|拘役|管制|无期徒刑|死刑)|"
                        r"服刑|吸毒|社区矫正|刑事拘留|涉嫌[\u4e00-\u9fff]{1,10}?罪|缓刑|取保候审|强制隔离戒毒|劳动教养",
                        "犯罪记录或刑事司法信息"),
    "minor": (r"未成年(?:人|子女)?|未满(?:十四|14|十六|16|十八|18)周岁|(?:14|十四)周岁以下|在读(?:小学生|中学生|学生)|"
              r"(?:小学|初中|幼儿园)(?:[一二三四五六]年级)?在读|留守儿童|孤儿|事实无人抚养儿童", "未成年人信息"),
    "biometric": (r"指纹|人脸(?:信息|图像|识别)|虹膜|声纹|基因(?:信息|检测)|DNA", "生物识别信息"),
}
PATTERN = re.compile("|".join(f"(?P<{k}>{p})" for k, (p, _) in KINDS.items()))
# A person in the same sentence or row: a full ID number or mobile number, sex and age of an unmasked
# person, or a name. Each is searched for a yes or no, and written to start with one character or class
# (Python's re then scans for it in C; a leading look-behind made it try every position).
ID_CUE = re.compile(r"\d(?<!\d\d)(?:\d{5}(?:19|20)\d{9}[\dXx]|(?<=1)[3-9]\d{9})(?!\d)")
# （男， ,女) — 「[（(，,\s]\s*[男女]\s*[，,）)\s]」 holds exactly when the characters right around 男/女 are these
SEX_CUE = re.compile(r"[男女](?<=[（(，,\s].)(?=[，,）)\s])")
AGE_CUE = re.compile(r"\d\s*岁")
# 张*, 张某某, 李×: a masking character after a Chinese character
MASKED_NAME = re.compile(r"[*某×](?<=[\u4e00-\u9fff].)")
SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_PERSONS = PersonRecognizer()
CJK = "\u4e00-\u9fff"
# (anchor character, the rest of the cue as a regular expression): one cue for every branch of KINDS
CUES = (
    # health
    ("患", "(?=[有者])"), ("诊", "(?<=确诊)"), ("诊", "(?=断为)"), ("神", "(?<=精神)(?=障碍|疾病|分裂|病)"),
    ("滋", "(?<=艾滋)(?=病)"), ("H", "(?=IV)"), ("肝", "(?<=乙肝)"), ("肝", "(?=炎)"), ("肺", "(?=结核)"),
    ("瘤", "(?<=恶性肿瘤)"), ("癌", "(?=症)"), ("病", "(?<=白血病)"), ("毒", "(?<=尿毒)(?=症)"), ("郁", "(?<=抑郁)(?=症)"),
    ("病", "(?=人)"), ("疟", ""), ("病", "(?<=传染病)(?=例)"), ("毒", "(?<=梅毒)"), ("病", "(?<=性病)"), ("麻", "(?=风)"),
    ("疗", "(?<=隔离治疗|住院治疗)"), ("病", "(?<=突发重病)"), ("病", "(?<=重病)(?=住院)"), ("病", "(?<=因病)(?=致贫)"),
    ("病", "(?<=大病)"),
    # disability
    ("疾", "(?<=残疾)"),
    # religion
    ("仰", "(?<=宗教信仰)"), ("仰", "(?<=信仰)(?=佛教|基督教|伊斯兰教|天主教|道教)"), ("奉", f"(?<=信奉)(?=[{CJK}]{{1,4}}教)"),
    ("基", "(?=督徒)"), ("穆", "(?=斯林)"), ("徒", "(?<=佛教徒)"), ("群", "(?<=信教群)(?=众)"), ("皈", "(?=依)"),
    # criminal record
    ("刑", "(?=满释放)"), ("科", "(?<=前科)"), ("犯", f"(?=[{CJK}]{{1,10}}?罪)"),
    ("判", "(?=处(?:有期徒刑|拘役|管制|无期徒刑|死刑))"), ("刑", "(?<=服刑)"), ("毒", "(?<=吸毒)"), ("矫", "(?<=社区矫)(?=正)"),
    ("刑", "(?=事拘留)"), ("嫌", f"(?<=涉嫌)(?=[{CJK}]{{1,10}}?罪)"), ("刑", "(?<=缓刑)"), ("候", "(?<=取保候)(?=审)"),
    ("毒", "(?<=强制隔离戒毒)"), ("养", "(?<=劳动教养)"),
    # minor
    ("未", "(?=成年)"), ("未", "(?=满(?:十四|14|十六|16|十八|18)周岁)"), ("岁", "(?<=14周岁|十四周岁)(?=以下)"),
    ("读", "(?<=在读)"), ("守", "(?<=留守)(?=儿童)"), ("孤", "(?=儿)"), ("抚", "(?<=事实无人抚)(?=养儿童)"),
    # biometric
    ("纹", "(?<=指纹|声纹)"), ("脸", "(?<=人脸)(?=信息|图像|识别)"), ("虹", "(?=膜)"), ("基", "(?=因信息|因检测)"),
    ("D", "(?=NA)"),
)


def _group_cues(cues) -> tuple[tuple[str, str], ...]:
    """The cues as (character, rest) pairs, one per anchor character."""
    rests: dict[str, list[str]] = {}
    for ch, rest in cues:
        rests.setdefault(ch, []).append(rest)
    return tuple((ch, "" if "" in r else "(?:" + "|".join(r) + ")") for ch, r in rests.items())


_PERSON_GATE = re.compile(PersonRecognizer.PREFILTER)


class SensitivePersonalRecognizer(SegmentRecognizer):
    """A sensitive-information keyword in a sentence or table row that also names or identifies a person."""

    ENTITIES = ["SENSITIVE_PERSONAL"]
    # The engine calls analyze_segment only where one of these cues stands: each KINDS branch holds one
    # of them, so a segment without any cannot hold a match (隐患, 诊所, 精神文明 and 大病初愈之后 do not
    # wake it). Each cue is anchored on its least frequent character (the engine's candidate pass stops
    # wherever a first character stands), with look-behinds for the characters before it; one anchor per
    # character (the candidate pass tries them behind one class test, see detectors.base.anchored).
    ANCHORS = _group_cues(CUES)
    # the same cues as one alternation of branches that each start with their character: Python's re
    # scans for the set of those characters in C (a pattern that starts with a look-ahead or a class
    # followed by look-behinds is slower searched on its own)
    PREFILTER = "|".join(ch + rest for ch, rest in _group_cues(CUES))

    DEFAULT_SCORE = 0.8

    def analyze_segment(self, text: str, segment: "Segment | None", entities: list[str]) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        hits = list(kind_matches(text))
        if not hits:
            return out
        # nobody in the segment, nothing to report: most policy text stops here
        if not (ID_CUE.search(text) or _sex_or_age(text) or _PERSON_GATE.search(text)):
            return out
        row = bool(segment is not None and getattr(segment, "cells", None))
        names = None
        for m in hits:
            kind = m.lastgroup
            s, e = (0, len(text)) if row else _sentence(text, m.start(), m.end())
            scope = text[s:e]
            identified = ID_CUE.search(scope) is not None or (not MASKED_NAME.search(scope) and _sex_or_age(scope))
            if not identified:
                if names is None:   # the engine's PERSON pass on this segment just ran: its names are reused
                    names = [r for r in _PERSONS.analyze_segment(text, segment, ["PERSON"])
                             if not (r.recognition_metadata or {}).get("masked")
                             and (r.recognition_metadata or {}).get("severity") != "info"]
                identified = any(s <= r.start < e for r in names)
            if not identified:
                continue
            meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id, DETAIL: kind,
                    EXPLANATION: f"{KINDS[kind][1]}“{m.group(0)}”与可识别的个人同在一句/一行"
                                 "（个人信息保护法第二十八条：敏感个人信息）"}
            out.append(RecognizerResult("SENSITIVE_PERSONAL", m.start(), m.end(), self.score, recognition_metadata=meta))
        return out


# A KINDS match starts at most this many characters before the first cue inside it (幼儿园三年级在读: 7
# before 读); tests/detectors/test_sensitive_cues.py checks it on sampled matches.
CUE_REACH = 7
_CUE = re.compile(SensitivePersonalRecognizer.PREFILTER)
# the characters a KINDS match can start with (the test derives them from PATTERN): a place that starts
# with another is passed over without trying the seventy branches there
FIRST_CHARS = frozenset("1234DH一三中乙事二人传住佛信刑初判前劳十取听吸四因在基声多大孤宗小尿幼强性恶患抑指智有服未梅"
                        "残涉犯留疟病癌白皈确社穆突精缓肝肢肺艾虹视言诊轻重隔麻")


def kind_matches(text: str):
    """PATTERN.finditer(text), with PATTERN tried only at the few places before a cue where a match can start.

    Every match holds a cue at most CUE_REACH characters after its start, so the leftmost match at or after
    `pos` starts in the window before the first cue not yet passed; the seventy branches of PATTERN are
    never tried along the rest of the text."""
    pos = 0
    for cue in _CUE.finditer(text):
        at = cue.start()
        if at < pos:
            continue   # inside the last match
        for start in range(max(pos, at - CUE_REACH), at + 1):
            m = PATTERN.match(text, start) if text[start] in FIRST_CHARS else None
            if m:
                yield m
                pos = m.end()
                break


def _sex_or_age(text: str) -> bool:
    """「男」 or 「女」 between brackets, commas or spaces, or an age (45岁); the 「in」 tests skip most text in C."""
    return (("男" in text or "女" in text) and SEX_CUE.search(text) is not None) or \
        ("岁" in text and AGE_CUE.search(text) is not None)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = SENTENCE_END.search(text, end)
    return left, (m.start() if m else len(text))
