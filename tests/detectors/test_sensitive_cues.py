"""SensitivePersonalRecognizer's cues: every KINDS match holds one, and common words that are no cue do not wake it."""
import random
import re
import re._parser as sre_parse
from re._constants import ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, RANGE, SUBPATTERN

import pytest

from detectors.base import anchored
from detectors.sensitive.sensitive_personal import CUE_REACH, FIRST_CHARS, PATTERN, SensitivePersonalRecognizer, kind_matches

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


def test_a_cue_stands_within_reach_of_every_match_start():
    """kind_matches tries PATTERN only up to CUE_REACH characters before a cue."""
    rnd = random.Random(29)
    tree = sre_parse.parse(PATTERN.pattern)
    for _ in range(20000):
        text = _sample(tree, rnd)
        m = PATTERN.match(text)
        if m:
            assert PREFILTER.search(text, 0, m.end()).start() <= CUE_REACH, text


FILLER = ["，", "。", "张三", "患", "精神", "病", "刑", "未", "读", "14", "男", "岁", "\n", "在", "小学", "残疾", "犯", "罪",
          "幼儿园", "三年级", "信仰", "教", "基因", "诊断", "有"]


def test_kind_matches_are_the_matches_of_pattern():
    rnd = random.Random(30)
    tree = sre_parse.parse(PATTERN.pattern)
    for _ in range(5000):
        parts = [_sample(tree, rnd) if rnd.random() < 0.3 else rnd.choice(FILLER) for _ in range(rnd.randint(1, 8))]
        text = "".join(parts)
        assert [(m.span(), m.lastgroup) for m in kind_matches(text)] == \
               [(m.span(), m.lastgroup) for m in PATTERN.finditer(text)], text


def _first(tree) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed pattern can start with (None: any), and whether it can be empty."""
    out: set[str] = set()
    for op, av in tree:
        if op is LITERAL:
            return out | {chr(av)}, False
        if op is IN:
            for o, a in av:
                if o is LITERAL:
                    out.add(chr(a))
                elif o is RANGE and a[1] - a[0] < 100:
                    out.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return None, False
            return out, False
        if op is BRANCH:
            parts = [_first(b) for b in av[1]]
        elif op is SUBPATTERN:
            parts = [_first(av[3])]
        elif op in (MAX_REPEAT, MIN_REPEAT):
            f, empty = _first(av[2])
            parts = [(f, empty or av[0] == 0)]
        else:
            return None, False
        if any(f is None for f, _ in parts):
            return None, False
        for f, _ in parts:
            out |= f
        if not any(empty for _, empty in parts):
            return out, False
    return out, True


def test_first_chars_hold_every_start_of_pattern():
    first, can_be_empty = _first(sre_parse.parse(PATTERN.pattern))
    assert first is not None and not can_be_empty
    assert first <= FIRST_CHARS, sorted(first - FIRST_CHARS)
