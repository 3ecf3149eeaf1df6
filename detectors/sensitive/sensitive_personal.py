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
# a person in the same sentence or row: an ID number, sex and age, a name after a label
# a person in the same sentence or row: a full ID number or mobile number, sex and age of an unmasked person
ID_CUE = re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}\d{7}[\dXx](?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
SEX_AGE_CUE = re.compile(r"[（(，,\s]\s*[男女]\s*[，,）)\s]|\d{1,3}\s*岁")
MASKED_NAME = re.compile(r"[\u4e00-\u9fff]{1,2}(?:\*{1,3}|某某?|××?)")
SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_PERSONS = PersonRecognizer()
_PERSON_GATE = re.compile(PersonRecognizer.PREFILTER)


class SensitivePersonalRecognizer(SegmentRecognizer):
    """A sensitive-information keyword in a sentence or table row that also names or identifies a person."""

    ENTITIES = ["SENSITIVE_PERSONAL"]
    PREFILTER = (r"患|病人|疟|肝炎|梅毒|性病|麻风|确诊|诊断|精神|艾滋|HIV|乙肝|结核|肿瘤|癌|白血病|尿毒症|抑郁|病例|治疗|重病|因病|大病|残疾|宗教|信仰|"
                 r"信奉|基督|穆斯林|佛教|信教|皈依|刑|前科|犯|服刑|吸毒|矫正|拘留|罪|缓刑|取保|戒毒|劳动教养|"
                 r"未成年|未满|周岁|在读|留守|孤儿|无人抚养|指纹|人脸|虹膜|声纹|基因|DNA")
    # The same words for the engine's candidate pass, each anchored on its least frequent character
    # (病, not 在 or 大: the pass tries its branches wherever a first character stands).
    ANCHORS = (
        ("病", "(?:(?=人|例)|(?<=性病|重病|因病|大病|血病))"), ("[患疟癌罪犯刑]", ""), ("肝", "(?:(?=炎)|(?<=乙肝))"),
        ("艾", "(?=滋)"), ("瘤", "(?<=肿瘤)"), ("郁", "(?<=抑郁)"), ("矫", "(?=正)"), ("拘", "(?=留)"), ("孤", "(?=儿)"),
        ("纹", "(?<=指纹|声纹)"), ("脸", "(?<=人脸)"), ("虹", "(?=膜)"), ("穆", "(?=斯林)"), ("皈", "(?=依)"), ("H", "(?=IV)"),
        ("毒", "(?<=梅毒|吸毒|戒毒|尿毒)"), ("麻", "(?=风)"), ("诊", "(?:(?<=确诊)|(?=断))"), ("神", "(?<=精神)"),
        ("核", "(?<=结核)"), ("疗", "(?<=治疗)"), ("疾", "(?<=残疾)"), ("教", "(?<=宗教|佛教|信教)"), ("仰", "(?<=信仰)"),
        ("奉", "(?<=信奉)"), ("基", "(?=督|因)"), ("科", "(?<=前科)"), ("取", "(?=保)"), ("养", "(?<=动教养|人抚养)"),
        ("未", "(?=成年|满)"), ("岁", "(?<=周岁)"), ("读", "(?<=在读)"), ("留", "(?=守)"), ("D", "(?=NA)"))

    DEFAULT_SCORE = 0.8

    def analyze_segment(self, text: str, segment: "Segment | None", entities: list[str]) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        # nobody in the segment, nothing to report: most policy text stops here
        if not (ID_CUE.search(text) or SEX_AGE_CUE.search(text) or _PERSON_GATE.search(text)):
            return out
        hits = list(PATTERN.finditer(text))
        if not hits:
            return out
        row = bool(segment is not None and getattr(segment, "cells", None))
        names = None
        for m in hits:
            kind = m.lastgroup
            s, e = (0, len(text)) if row else _sentence(text, m.start(), m.end())
            scope = text[s:e]
            person = ID_CUE.search(scope) or (SEX_AGE_CUE.search(scope) if not MASKED_NAME.search(scope) else None)
            if person is None:
                if names is None:
                    names = [r for r in _PERSONS.analyze_segment(text, segment, ["PERSON"])
                             if not (r.recognition_metadata or {}).get("masked")
                             and (r.recognition_metadata or {}).get("severity") != "info"]
                person = next((r for r in names if s <= r.start < e), None)
            if person is None:
                continue
            meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id, DETAIL: kind,
                    EXPLANATION: f"{KINDS[kind][1]}“{m.group(0)}”与可识别的个人同在一句/一行"
                                 "（个人信息保护法第二十八条：敏感个人信息）"}
            out.append(RecognizerResult("SENSITIVE_PERSONAL", m.start(), m.end(), self.score, recognition_metadata=meta))
        return out


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = SENTENCE_END.search(text, end)
    return left, (m.start() if m else len(text))
