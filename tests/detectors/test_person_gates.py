"""PERSON speed structure: the prefilter wakes only where a step can start, and each fast finder agrees with the plain form it replaced."""
import re

import pytest

from detectors.persons import person_recognizer as pr
from detectors.persons.columns import name_column
from detectors.persons.names import name_at, names_in_list, words_starting_no_name
from detectors.persons.roles import CONTACT_LABELS, LABEL_KIND, LABEL_RE
from tests.detectors.names_markings_helpers import values

CONF = "persons.yaml"
PREFILTER = re.compile(pr.PersonRecognizer.PREFILTER)

# The plain forms the fast finders replaced (kept here as the reference they must agree with).
PLAIN_CUE = re.compile(r"(?<=[\u4e00-\u9fff*×xX○〇☆ ])(?=("
    r"[（(]\s*(?:男|女|\d{1,3}\s*岁|身份证|公民身份|驾驶证|手机|电话|联系电话|联系方式|住|现住|户籍|出生|退役|村民|[^）)]{0,12}?"
    r"(?:联系电话|手机|身份证|\d{7,}))"
    r"|[，,]\s*(?:男|女)\s*[，,）)]|[，,]\s*(?:\d{1,3}岁|身份证|公民身份|手机|联系电话|电话\s*1|家住|住[^房宅]|驾驶证|驾驶证号|证件号|护照)"
    r"|\s?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)))")
PLAIN_LABEL_GATE = re.compile(f"[{pr.LABEL_PENULTS}][{pr.LABEL_ENDS}](?=" + r"(?:\s*[（(][^）)]{1,12}[）)])?[\s：:]*"
                              + f"[{pr.SURNAME_STARTS}])")
PLAIN_TITLE_GATE = re.compile(r"(?:局|县|市|州|镇|乡|部|处|厅|所|站|院|组|队)长|书记|主任|同志|委员|主席")
PLAIN_CUE_GATE = re.compile(r"[男女岁]|[0-9]{7}|身份|手机|电话|住|退役|村民|出生|驾驶证|证件|护照")
PLAIN_BEFORE = re.compile(r"(?:" + "|".join(sorted(LABEL_KIND, key=len, reverse=True))
                          + r"|[的为是由和与及、请经据有将把被对向给让叫员者户民工人生士])$")

SAMPLES = [
    "当事人江华梅（男，33岁），现予以公示。",
    "联系人：蒋芬春，手机：13601234567。",
    "举报人：孙建华，联系电话：13512345678",
    "杨某某13908781234反映",
    "张三 139 1234 5678，李四（女，45岁）",
    "户主任大勇，主任委员王芳，申请人（联系人）：赵强",
    "不断提高人民群众满意度，县长王建军主持召开会议，张立新书记讲话。",
    "1\t孙凤华\t110105197006184184\t15245248141\t云南省楚雄州武定县近城镇福德村委会10组96号",
    "司马南，男，1965年3月出生，身份证号码5301********1234",
    "执法人员张磊（执法证号 53010001）、王强到场",
    "经办人：\n申请人\n张三（住城关镇）",
    "副县长李辉、大队长杨勇，市委书记张立新同志",
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_cue_finder_agrees_with_the_plain_look_ahead(text):
    fast = [(m.start(), text[m.start():m.end("rest")]) for m in pr.CUE_RE.finditer(text)]
    assert fast == [(m.start(), m.group(1)) for m in PLAIN_CUE.finditer(text)]


@pytest.mark.parametrize("text", SAMPLES)
def test_label_gate_hits_agree_with_the_two_character_form(text):
    hits, gate_end = [], 0
    for g in pr.LABEL_GATE.finditer(text):   # as _label_matches keeps them
        if g.start() - 1 >= gate_end:
            hits.append(g.start() - 1)
            gate_end = g.end()
    assert hits == [m.start() for m in PLAIN_LABEL_GATE.finditer(text)]


@pytest.mark.parametrize("text", SAMPLES)
def test_gates_agree_with_their_plain_alternations(text):
    assert bool(pr.TITLE_GATE.search(text)) == bool(PLAIN_TITLE_GATE.search(text))
    assert bool(pr.CUE_GATE.search(text)) == bool(PLAIN_CUE_GATE.search(text))


@pytest.mark.parametrize("text", SAMPLES + ["申请人\n", "的", "村民"])
def test_role_before_agrees_with_the_plain_pattern(text):
    for start in range(len(text) + 1):
        assert pr._role_before(text, start) == bool(PLAIN_BEFORE.search(text[max(0, start - 8):start]))


@pytest.mark.parametrize("text, wakes", [
    ("不断提高人民群众满意度，形成工作合力。", False),     # a label before a common word: no name
    ("已脱敏：532328********9532，形成工作合力。", False),   # a masked number, not a masked name
    ("各有关单位：", True),                                   # a salutation-like line still wakes it
    ("申请人张晓明要求公开", True),
    ("村民李富贵在自家院内搭建彩钢棚", True),
    ("信访人东方明月反映", True),                             # 东方: a compound surname, not a word
    ("当事人谭某到场", True),                                 # 谭某: a mask after the surname
    ("联系人：县财政局 孙丽", True),
    ("经查，张*未到场", True),
    ("（田小军，电话13712345678）", True),
    ("丙村委会李某某户，", True),
])
def test_prefilter_wakes_only_where_a_step_can_start(text, wakes):
    assert bool(PREFILTER.search(text)) == wakes


@pytest.mark.parametrize("text, expected", [
    ("不断提高人民群众满意度。申请人徐桂绍，身份证号码530102199001011234", ["徐桂绍"]),
    ("当事人谭某某到场", []),          # masked: info, not private
    ("信访人东方明月反映", ["东方明月"]),
])
def test_findings_around_the_narrowed_prefilter(text, expected):
    assert values(CONF, text, "PERSON", severity="private") == expected


def test_no_name_starts_with_a_common_word():
    words = words_starting_no_name()
    assert "东方" not in words and "谭某" not in words
    for w in sorted(words)[:200]:
        assert name_at(w + "的", 0) is None and names_in_list(w + "，", 0) == []


@pytest.mark.parametrize("header, is_names, official", [
    ("姓名", True, False), ("户主姓名", True, False), ("带班领导", True, True), ("值班人员", True, True),
    ("联系人", True, False), ("身份证号码", False, False), ("金额（元）", False, False),
])
def test_column_heading_read_once(header, is_names, official):
    column = name_column(header)
    assert (column is not None) == is_names
    if column is not None:
        assert column.official == official and name_column(header) is column   # cached, the same reading


def test_whitespace_spelled_out_is_python_whitespace():
    every = "".join(chr(c) for c in range(0x3001) if re.match(r"\s", chr(c)))
    assert pr.WHITESPACE == every and not re.search(r"\s", "".join(map(chr, range(0x3001, 0x110000))))


@pytest.mark.parametrize("text", SAMPLES + [
    "申请人（联系人，张三）：李四，联系人：王五", "各单位。联系人：县财政局 孙丽；联络人：赵六",
    "代理人（甲，联系人）联系人：钱七", "（联系人）联系人：周八。联系人", "联系人，联系人：吴九，",
])
def test_contact_labels_as_a_scan_from_the_start_finds_them(text):
    if "联系人" in text or "联络人" in text:
        plain = [m.span() for m in LABEL_RE.finditer(text) if m.group("label") in CONTACT_LABELS]
        assert [m.span() for m in pr._contact_matches(text)] == plain
