"""The identifiers' shared candidate scan: runs, pattern shapes, and the same matches as a whole-text search."""
import copy
import random
import re

import pytest

from detectors.identifiers.runs import RunScopedRecognizer, Shape, pattern_shape, runs_of
from tests.detectors.helpers import identifier_engine


def scoped_recognizers():
    return [r for r in identifier_engine().registry.recognizers if isinstance(r, RunScopedRecognizer)]


@pytest.mark.parametrize("text, expected", [
    # (start, end, digits only, masked, plain); short runs without a mask are not kept
    ("身份证号530102198703150012，2024年", [(4, 22, True, False, True)]),
    ("电话 0871-6312 3456 或 (0871)63123456", [(3, 17, True, False, False), (20, 34, False, False, False)]),
    ("卡号6222 **** **** 1234", [(2, 21, False, True, False)]),
    ("护照E1234****", [(2, 11, False, True, False)]),
    ("E***", [(0, 4, False, True, False)]),            # short, but masked
    ("共12345元，2024年", []),                         # short numbers
    ("1  234567", [(3, 9, True, False, True)]),        # two separators end a run
    ("abc-def", [(0, 7, False, False, False)]),
])
def test_runs(text, expected):
    assert runs_of(text).runs == expected


@pytest.mark.parametrize("regex, shape", [
    # no digit before or after: on a run of digits alone it matches the whole run, of 15 digits
    (r"[1-9](?<![0-9A-Za-z_].)[0-9]{14}(?![0-9A-Za-z])(?!\.[0-9])", Shape(15, True, 2, (15, 15))),
    (r"[1-9](?<![0-9].)(?:[ \-]?[0-9]){15,18}(?![0-9])", Shape(16, True, 1, (16, 19))),
    (r"0(?<![0-9].)[0-9]{2}[ \-][0-9]{7}(?![0-9])", Shape(11, True, 1, (1, 0))),   # needs a separator
    (r"[1-9][0-9]{14}(?![0-9A-Za-z])", Shape(15, True, 1, None)),                   # may follow a digit
    (r"[(（]0[0-9]{2,3}[)）][ \-]?[2-9][0-9]{6,7}(?![0-9A-Za-z])", Shape(12, False, 1, None)),
    (r"E(?<![0-9A-Za-z].)[0-9]{8}", Shape(9, False, 0, None)),
    (r"(?:\+86|8(?<![0-9].)6)[ \-]?1[0-9]{10}", Shape(13, True, 0, None)),
    # each branch starts after a non-digit or with a "+": a whole run of 13 digits (86 and 11 digits)
    (r"(?:\+86|00(?<![0-9].0)86|8(?<![0-9].)6)[ \-]?1[0-9]{10}(?![0-9])", Shape(13, True, 1, (13, 15))),
    (r"(?:\+86|0(?<![0-9]\..)86)1[0-9]{10}(?![0-9])", Shape(14, True, 1, None)),   # that look-behind needs a "."
    (r"[0-9]{6}\b", None),                                      # anchors behave differently at a run's end
    (r"^[0-9]{6}", None),
    (r"x?", None),                                              # an empty match is in no run
])
def test_pattern_shape(regex, shape):
    assert pattern_shape(regex) == shape


def test_ignorecase_letters_count_both_ways():
    assert pattern_shape(r"e[0-9]{8}", re.IGNORECASE).digit_start is False


def test_every_shipped_digit_recognizer_is_run_scoped():
    names = {r.name for r in scoped_recognizers()}
    assert names == {"CnResidentIdRecognizer", "CnMobilePhoneRecognizer", "CnLandlinePhoneRecognizer",
                     "BankCardRecognizer", "CnPassportRecognizer", "OrgCreditCodeRecognizer"}
    for rec in scoped_recognizers():
        assert any(rec._shapes), rec.name


def test_patterns_from_yaml_are_searched_in_the_whole_text():
    from presidio_analyzer import Pattern

    from detectors.identifiers.cn_landline_phone import CnLandlinePhoneRecognizer

    rec = CnLandlinePhoneRecognizer(patterns=[Pattern("x", r"[0-9]{6}\.[0-9]", 0.9)])
    assert rec._shapes == [None]
    assert [(r.start, r.end) for r in rec.analyze("编号123456.7", ["CN_LANDLINE_PHONE"])] == [(2, 10)]


# -- the same matches as a search of the whole text ------------------------------------------------

_PIECES = ["0", "1", "2", "5", "6", "8", "9", "00", "86", "13", "0871", "010", "530102", "19870315", "62", "X", "x",
           "E", "G", "D", "H", "C", "W", "A", "L", "P", "*", "**", "****", " ", "-", " ", "-", ".", "(", ")", "（",
           "）", "+", "_", "@", "号", "，", "：", "年", "\t", "a", "Z",
           # whole values, so that the validated branches are compared too
           "530102198703150012", "5301 0219 8703 1500 12", "53010219870315008X", "530102870315001",
           "6228480012345670009", "6222 0212 3456 7001", "13812345678", "138-1234-5678", "+86 138 1234 5678",
           "0871-63123456", "(0871)6312 3456", "91110000600037341L", "530102*******0012", "138****5678",
           "E12345678", "DE1234567", "C12345678", "H1234567890", "台胞证"]


def _texts(n: int, seed: int = 11):
    rnd = random.Random(seed)
    for _ in range(n):
        parts = []
        for _ in range(rnd.randrange(1, 40)):
            p = rnd.choice(_PIECES)
            if rnd.random() < 0.3:
                p = "".join(rnd.choice("0123456789") for _ in range(rnd.randrange(1, 20)))
            parts.append(p)
        yield "".join(parts)


def _whole_text(rec):
    """The same recognizer searching every pattern in the whole text."""
    whole = copy.copy(rec)
    whole.set_shapes([None] * len(rec._shapes))
    return whole


def _found(rec, text):
    return [(r.entity_type, r.start, r.end, r.score, r.pattern.name, r.validation_result,
             sorted((r.recognition_metadata or {}).items())) for r in rec.analyze(text, rec.supported_entities)]


def test_run_scoped_results_equal_whole_text_results():
    recs = [(rec, _whole_text(rec)) for rec in scoped_recognizers()]
    for text in _texts(800):
        for rec, whole in recs:
            # every unmasked match, and every masked match that is a masked value (one with a "*")
            scoped = [m for m in rec.matches(text) if not m[1] or rec.validate_masked(text[m[2]:m[3]])]
            expected = [m for m in whole.matches(text) if not m[1] or rec.validate_masked(text[m[2]:m[3]])]
            assert scoped == expected, (rec.name, text)
            assert _found(rec, text) == _found(whole, text), (rec.name, text)


def test_a_run_group_returns_what_its_members_return_one_by_one():
    from detectors.identifiers.run_group import RunGroup

    recs = scoped_recognizers()
    group = RunGroup(recs)
    for text in _texts(800, seed=5):
        one_by_one = [f for rec in recs for f in _found(rec, text)]
        grouped = [(r.entity_type, r.start, r.end, r.score, r.pattern.name, r.validation_result,
                    sorted((r.recognition_metadata or {}).items())) for r in group.analyze_segment(text, None)]
        assert grouped == one_by_one, text


def test_the_engine_calls_the_digit_identifiers_as_one_group():
    from detectors.identifiers.run_group import RunGroup

    groups = [rec for _, calls in identifier_engine()._plan for rec, *_ in calls if isinstance(rec, RunGroup)]
    assert [len(g.members) for g in groups] == [6]
