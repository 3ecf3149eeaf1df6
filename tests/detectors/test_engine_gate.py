"""The engine's one candidate pass: each recognizer's ANCHORS say the same as its PREFILTER, and the gate changes no finding."""
import random
import re

import pytest

from detectors import build_scanner
from detectors.base import COMMON_FIRSTS, _class_body, anchored, word_anchors
from detectors.engine import _groups
from detectors.normalize import needs_class, normalise
from detectors.config import build_recognizer, load_settings
from reviewer.document import Location, Segment

SENTENCES = [
    # nothing to find: the gate alone decides
    "第一条 为了规范政府信息公开工作，制定本条例。",
    "各级人民政府应当加强政府信息资源的规范化、标准化、信息化管理。",
    # paragraphs indented with ideographic spaces, with and without something to find
    "\u3000\u3000第二条 本条例所称政府信息，是指行政机关在履行行政管理职能过程中制作的信息。",
    "\u3000\u3000申请人：王小明\u3000\u3000手机\u300013908785521",
    "保守国家秘密是每个公民的义务，严密防范泄密。",
    # identifiers, full-width and Traditional (normalisation needed before matching)
    "联系电话：１３９０８７８５５２１，邮箱wang_li@163.com。",
    "身份證號碼 530102198703150012 已核實。",
    "车牌号云A·5B321，银行卡号6222 0212 3456 7894。",
    "申請人：王小明（男，45歲），住武定县狮山镇东门街12号3单元402室。",
    # names, titles, salutations, cues
    "当事人李春华未按期申报。", "县长李辉出席会议。", "张建国同志：", "欧阳晓明，女，1985年出生",
    "1  李德才  男  530102198703150012",
    # markings and sensitive data
    "机密★10年", "内部资料 注意保存", "（此件不公开）", "关于加强安全生产工作的通知（征求意见稿）",
    "杨某某患有精神分裂症，系刑满释放人员。", "信访人赵红梅反映其儿子在读小学。",
]
# runs of digits where the match starts inside the run (the digit anchor stands on the run's first digit),
# dates and amounts that match nothing, masked numbers, groups split by spaces and dashes
DIGIT_RUNS = [
    "电话12345 6789转", "编号7-1234号", "2024年3月15日拨款12.5万元", "第12条第3款", "5301**********0011",
    "卡号6222 **** **** 1234", "手机138****5678", "号码1****", "12 3456", "1 2345", "123-45678",
    "杨某某13908785521", "共计123456元", "0871-63123456", "尾号 2 ****", "9 ***", "2023 年", "12\t34",
]


def _prefilter_recognizers():
    return [r for r in (build_recognizer(s) for s in load_settings().enabled()) if getattr(type(r), "ANCHORS", None)]


@pytest.mark.parametrize("rec", _prefilter_recognizers(), ids=lambda r: r.name)
def test_anchors_match_where_the_prefilter_matches(rec):
    prefilter = re.compile(rec.prefilter if hasattr(rec, "prefilter") else type(rec).PREFILTER)
    gate = re.compile(anchored(type(rec).ANCHORS))
    for text in SENTENCES:
        assert bool(gate.search(text)) == bool(prefilter.search(text)), text


@pytest.mark.parametrize("rec", _prefilter_recognizers(), ids=lambda r: r.name)
def test_anchors_first_match_not_after_the_prefilter_first_matches(rec):
    """The engine searches prefilters from the gate's first hit: an anchor may not start later than
    the prefilter match it stands for (e.g. on a rarer character further in). It may start earlier: the
    digit identifiers' anchor stands on the first digit of the run that holds the match."""
    prefilter = re.compile(rec.prefilter if hasattr(rec, "prefilter") else type(rec).PREFILTER)
    gate = re.compile(anchored(type(rec).ANCHORS))
    for whole in SENTENCES + DIGIT_RUNS:
        for offset in range(len(whole)):
            # (the engine searches the gate from the start of a text, not from inside a run of digits)
            text = whole[offset:]
            by_prefilter, by_gate = prefilter.search(text), gate.search(text)
            assert (by_prefilter is None) == (by_gate is None), (text, offset)
            if by_prefilter is not None:
                assert by_gate.start() <= by_prefilter.start(), (text, offset)
                if "[0-9]" not in type(rec).ANCHORS[0][0]:
                    assert by_gate.start() == by_prefilter.start(), (text, offset)


def _random_texts(alphabet: str, n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30))) for _ in range(n)]


# the characters the anchors start with and what their rests look for, and ordinary text
ALPHABET = ("，,（(）)：: \t\n0123456789*×某-@·人员长公工民众县局镇乡户密单号室元组村李王张欧阳明华男女身份证手机"
            "电话联系出生患有者确诊精神刑满释放未成年基督徒云A京内部此件外传稿草案同志书记驾驶的了和在是發")


def test_the_tree_matches_where_the_plain_alternation_of_its_anchors_matches():
    """anchored() nests the anchors (common first characters first, the rest behind one class): it must
    still match exactly where the plain alternation of the same anchors first matches."""
    scanner = build_scanner()
    anchors = [p for _, _, a in _groups(scanner.registry.recognizers) for p in a]
    assert any(re.search(f"[{_class_body(f)}]", COMMON_FIRSTS) for f, _ in anchors)
    assert not all(re.search(f"[{_class_body(f)}]", COMMON_FIRSTS) for f, _ in anchors)
    tree = re.compile(anchored(anchors, extra=needs_class()))
    plain = re.compile("|".join(f"{f}{r}" for f, r in anchors) + f"|[{needs_class()}]")
    for text in SENTENCES + DIGIT_RUNS + _random_texts(ALPHABET, 3000):
        for offset in (0, len(text) // 2):
            by_plain, by_tree = plain.search(text, offset), tree.search(text, offset)
            assert (by_plain and by_plain.start()) == (by_tree and by_tree.start()), (text, offset)


def test_no_prefilter_matches_before_the_gate_first_hit():
    """The invariant the engine's scan relies on, for every prefilter of the shipped recognizers: where the
    gate finds nothing no prefilter matches; where it finds something in text normalisation leaves alone,
    no prefilter matches before that hit."""
    scanner = build_scanner()
    searches = [search for search, _ in scanner._plan if search is not None]
    for text in SENTENCES + DIGIT_RUNS + _random_texts(ALPHABET, 3000, seed=11):
        gated = text.replace("\u3000", " ")   # as scan() does
        hit = scanner._gate_search(gated)
        norm = normalise(text).text
        if hit is None:
            assert norm == gated and not any(search(norm) for search in searches), text
        elif norm == gated:
            for search in searches:
                found = search(norm)
                assert found is None or hit.start() <= found.start(), (text, search.__self__.pattern[:40])


@pytest.mark.parametrize("text", SENTENCES)
def test_the_gate_changes_no_finding(text):
    scanner = build_scanner()
    assert scanner._gate_search is not None
    segment = Segment(text, Location("body", paragraph=1))
    with_gate = [(d.type, d.start, d.end, d.severity) for d in scanner.scan(segment)]
    gate, scanner._gate_search = scanner._gate_search, None
    try:
        without = [(d.type, d.start, d.end, d.severity) for d in scanner.scan(segment)]
    finally:
        scanner._gate_search = gate
    assert with_gate == without


@pytest.mark.parametrize("words, text, expected", [
    (["密", "内部", "此件"], "此件公开", True),
    (["密", "内部", "此件"], "此外", False),
    (["内部", "内容"], "内容", True),
])
def test_word_anchors(words, text, expected):
    assert bool(re.search(anchored(word_anchors(words)), text)) == expected


def test_a_recognizer_defined_in_yaml_turns_the_gate_off(tmp_path):
    path = tmp_path / "office.yaml"
    path.write_text("recognizers:\n  - name: OfficeCaseNumber\n    entity: OFFICE_CASE_NO\n    severity: medium\n"
                    "    patterns:\n      - {name: 案件编号, regex: 'AJ[0-9]{8}', score: 0.6}\n", encoding="utf-8")
    scanner = build_scanner(path)
    assert scanner._gate_search is None
    assert [d.type for d in scanner.scan(Segment("案件AJ20240001", Location()))] == ["OFFICE_CASE_NO"]


def test_an_office_file_keeps_the_digit_group_and_runs_its_own_recognizer_after_it(tmp_path):
    from detectors.base import DIGIT_RUN
    from detectors.identifiers.run_group import RunGroup

    path = tmp_path / "office.yaml"
    path.write_text("recognizers:\n  - name: CnLandlinePhoneRecognizer\n    enabled: false\n"
                    "  - name: OfficeCaseNumber\n    entity: OFFICE_CASE_NO\n    severity: medium\n"
                    f"    prefilter: '{DIGIT_RUN}'\n"
                    "    patterns:\n      - {name: 案件编号, regex: '(?<![0-9])2026[0-9]{4}(?![0-9])', score: 0.9}\n",
                    encoding="utf-8")
    scanner = build_scanner(path)
    [calls] = [calls for search, calls in scanner._plan if search is not None and search.__self__.pattern == DIGIT_RUN]
    assert [type(rec).__name__ for rec, *_ in calls] == ["RunGroup", "CnPatternRecognizer"]
    assert "CnLandlinePhoneRecognizer" not in calls[0][0].by_name and isinstance(calls[0][0], RunGroup)
    found = scanner.scan(Segment("案件20260001，手机13908785521，电话0871-63123456", Location()))
    assert [d.type for d in found] == ["OFFICE_CASE_NO", "CN_MOBILE_PHONE"]
