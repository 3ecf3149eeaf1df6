"""SensitivePersonalRecognizer's cues: every KINDS match holds one, and common words that are no cue do not wake it."""
import random
import re
import re._parser as sre_parse
from re._constants import ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, RANGE, SUBPATTERN

import pytest

from detectors.base import anchored
from detectors.sensitive.sensitive_personal import PATTERN, SensitivePersonalRecognizer

PREFILTER = re.compile(SensitivePersonalRecognizer.PREFILTER)
GATE = re.compile(anchored(SensitivePersonalRecognizer.ANCHORS))


@pytest.mark.parametrize("text", [
    "患有高血压病", "糖尿病患者", "确诊为肺结核", "诊断为抑郁症", "精神分裂症", "精神疾病", "艾滋病", "HIV", "乙肝", "肝炎",
    "恶性肿瘤", "癌症", "白血病", "尿毒症", "病人", "疟疾病例", "传染病例", "恶性疟", "梅毒", "性病", "麻风", "隔离治疗",
    "住院治疗", "突发重病", "重病住院", "因病致贫", "大病", "肢体残疾二级", "残疾人证", "宗教信仰", "信仰佛教", "信仰伊斯兰教",
    "信奉天主教", "基督徒", "穆斯林", "佛教徒", "信教群众", "皈依", "刑满释放", "有犯罪前科", "犯盗窃罪", "判处有期徒刑",
    "服刑", "吸毒", "社区矫正", "刑事拘留", "涉嫌诈骗罪", "缓刑", "取保候审", "强制隔离戒毒", "劳动教养", "未成年子女",
    "未满十四周岁", "14周岁以下", "十四周岁以下", "在读中学生", "小学三年级在读", "留守儿童", "孤儿", "事实无人抚养儿童",
    "指纹", "人脸识别", "虹膜", "声纹", "基因检测", "DNA",
])
def test_each_kind_has_its_cue(text):
    assert PATTERN.search(text) and PREFILTER.search(text) and GATE.search(text)


@pytest.mark.parametrize("text", [
    "本次共排查隐患6220处", "乡镇卫生院诊所", "学习贯彻会议精神", "犯罪", "涉嫌违法", "基层医疗", "信仰坚定", "未按规定",
    "年满18周岁", "阅读", "科学技术", "大力推进", "病虫害防治",
])
def test_words_that_are_no_cue(text):
    assert not PATTERN.search(text)
    assert not PREFILTER.search(text) and not GATE.search(text)


def _sample(tree, rnd) -> str:
    """A random string that the parsed pattern `tree` matches (look-arounds left out)."""
    out = []
    for op, av in tree:
        if op is LITERAL:
            out.append(chr(av))
        elif op is IN:
            choices = []
            for o, a in av:
                if o is LITERAL:
                    choices.append(chr(a))
                elif o is RANGE:
                    choices.append(chr(rnd.randint(*a)))
                elif o is CATEGORY:
                    choices.append(rnd.choice("0123456789"))
            out.append(rnd.choice(choices))
        elif op is BRANCH:
            out.append(_sample(rnd.choice(av[1]), rnd))
        elif op in (MAX_REPEAT, MIN_REPEAT):
            lo, hi, sub = av
            out.extend(_sample(sub, rnd) for _ in range(rnd.randint(lo, min(hi, lo + 4))))
        elif op is SUBPATTERN:
            out.append(_sample(av[3], rnd))
        elif op not in (ASSERT, ASSERT_NOT, AT):
            raise ValueError(op)
    return "".join(out)


def test_every_match_of_the_kinds_holds_a_cue():
    """The engine skips a segment without a cue: that is only right if no KINDS match can stand there."""
    rnd = random.Random(28)
    tree = sre_parse.parse(PATTERN.pattern)
    for _ in range(20000):
        text = _sample(tree, rnd)
        if PATTERN.search(text):
            assert PREFILTER.search(text) and GATE.search(text), text
