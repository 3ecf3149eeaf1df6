"""Context rules, the overlap fast path and lazy explanations: the same decisions as before, computed once."""
import pytest
from presidio_analyzer import PatternRecognizer, RecognizerResult

from detectors import explain
from detectors.base import MASKED, PatternResult
from detectors.context import CharDistanceContextEnhancer
from detectors.identifiers.bank_card import BankCardRecognizer
from detectors.identifiers.cn_resident_id import CnResidentIdRecognizer
from detectors.resolve import resolve

ID = "530102198703150012"


def enhanced(text, headers=None, rec=None):
    rec = rec or CnResidentIdRecognizer()
    results = rec.analyze(text, ["CN_RESIDENT_ID"])
    CharDistanceContextEnhancer().enhance_using_context(text, results, None, [rec], headers=headers)
    return [(round(r.score, 2), r.recognition_metadata.get("contradicted_by"), r.facts()[2]) for r in results]


@pytest.mark.parametrize("text, headers, expected", [
    (f"身份证号码：{ID}", None, [(1.0, None, "身份证号码")]),
    (f"案件编号：{ID}", None, [(0.0, "编号", "")]),               # another kind of number, nearer
    (f"身份证编号：{ID}", None, [(1.0, None, "身份证")]),          # a label inside a context word
    (f"身份证号 流水号{ID}", None, [(1.0, None, "身份证号")]),      # a context word just before the label
    (f"身份证号，根据本单位档案管理规定流水号{ID}", None, [(0.0, "流水号", "")]),   # the nearer one decides
    (f"{ID}", {0: "身份证号码"}, [(1.0, None, "身份证号码")]),       # the column heading
    (f"{ID}", {0: "档案号"}, [(0.0, "案号", "")]),                 # the first label listed that it holds
    (f"{ID}", {0: "身份证档案号"}, [(1.0, None, "身份证")]),        # a heading with both: the context word
    (f"{ID}", {0: "备注"}, [(1.0, None, "")]),
    ("电话" + "，" * 30 + ID, None, [(1.0, None, "")]),            # too far away
])
def test_context_decisions(text, headers, expected):
    assert enhanced(text, headers) == expected


def test_a_rule_follows_a_replaced_context_list():
    rec = CnResidentIdRecognizer()
    enhancer = CharDistanceContextEnhancer()
    first = enhancer.rule(rec)
    assert enhancer.rule(rec) is first
    rec.context = ["公民号"]
    assert enhancer.rule(rec).words == ("公民号",)
    assert enhanced(f"公民号{ID}", rec=rec) == [(1.0, None, "公民号")]


def r(entity, start, end, score, masked=False):
    return RecognizerResult(entity, start, end, score, None, {MASKED: True} if masked else {})


@pytest.mark.parametrize("results, kept", [
    # apart: all kept, in text order
    ([r("BANK_CARD", 30, 49, 1.0), r("PERSON", 0, 3, 0.85), r("CN_RESIDENT_ID", 5, 23, 1.0)],
     [("PERSON", 0, 3), ("CN_RESIDENT_ID", 5, 23), ("BANK_CARD", 30, 49)]),
    # touching spans do not overlap
    ([r("CN_MOBILE_PHONE", 11, 22, 0.95), r("PERSON", 8, 11, 0.85)], [("PERSON", 8, 11), ("CN_MOBILE_PHONE", 11, 22)]),
    # one identifier inside another: the longer one of the same score
    ([r("CN_MOBILE_PHONE", 3, 14, 1.0), r("CN_RESIDENT_ID", 0, 18, 1.0)], [("CN_RESIDENT_ID", 0, 18)]),
    # the same span twice: one result, the unmasked one first
    ([r("CN_MOBILE_PHONE", 0, 11, 0.95, masked=True), r("CN_MOBILE_PHONE", 0, 11, 0.95)], [("CN_MOBILE_PHONE", 0, 11)]),
    # an identifier inside an address: both stay
    ([r("ADDRESS", 0, 20, 0.8), r("CN_LANDLINE_PHONE", 10, 18, 0.6)], [("ADDRESS", 0, 20), ("CN_LANDLINE_PHONE", 10, 18)]),
])
def test_resolve(results, kept):
    out = resolve(results, "x" * 60)
    assert [(x.entity_type, x.start, x.end) for x in out] == kept
    if len(kept) == 2 and kept[0][1:] == kept[1][1:]:
        assert not out[0].recognition_metadata.get(MASKED)


@pytest.mark.parametrize("rec, text", [
    (CnResidentIdRecognizer(), f"身份证号码：{ID}"),
    (CnResidentIdRecognizer(), f"{ID[:6]}********{ID[-4:]}"),
    (BankCardRecognizer(), "开户银行账号：1234567812345670"),
])
def test_lazy_explanation_is_the_one_presidio_builds(rec, text):
    [result] = rec.analyze(text, rec.supported_entities)
    assert isinstance(result, PatternResult)
    CharDistanceContextEnhancer().enhance_using_context(text, [result], None, [rec])
    rendered = explain.render(result, rec)
    exp = result.analysis_explanation
    p = result.pattern
    eager = PatternRecognizer.build_regex_explanation(rec.name, p.name, p.regex, p.score, result.validation_result,
                                                      rec.REGEX_FLAGS)
    eager.score = result.first_score
    if result.context_word:
        eager.set_supportive_context_word(result.context_word)
        eager.set_improved_score(result.score)
    assert exp.__dict__ == eager.__dict__
    # the explanation a reviewer reads is the same whether or not the Presidio object was built
    assert explain.render(result, rec) == rendered
    assert result.to_dict()["analysis_explanation"] is exp


def _nearest_word_by_word(text, start, end, words, before, after):
    """The definition: each word's nearest occurrence on either side; nearest first, then listed first, then before."""
    left, right = text[max(0, start - before):start], text[end:end + after]
    best, best_dist = None, None
    for w in words:
        i = left.rfind(w)
        if i >= 0 and (best_dist is None or len(left) - i - len(w) < best_dist):
            best, best_dist = w, len(left) - i - len(w)
        j = right.find(w)
        if j >= 0 and (best_dist is None or j < best_dist):
            best, best_dist = w, j
    return best, (-1 if best_dist is None else best_dist)


def test_the_word_finder_agrees_with_a_find_per_word():
    import random

    from detectors.context import WordFinder

    rnd = random.Random(3)
    lists = [["手机号码", "手机号", "手机", "联系电话", "电话", "号码", "码号"], ["电话", "联系电话", "话"], ["编号", "案号", "档案号", "号"]]
    for _ in range(3000):
        words = rnd.choice(lists)
        text = "".join(rnd.choice(words + ["，", "1", "案", "联系", "手"]) for _ in range(rnd.randrange(1, 16)))
        start = rnd.randrange(len(text) + 1)
        end = rnd.randrange(start, len(text) + 1)
        before, after = rnd.choice([(20, 10), (5, 0), (3, 2), (0, 4)])
        assert WordFinder(words).nearest(text, start, end, before, after) == \
            _nearest_word_by_word(text, start, end, words, before, after), (text, start, end, words)
