"""SensitivePersonalRecognizer reuses the names the engine's PERSON pass just found on the same segment (one reading, counted by _labels)."""
import pytest

from detectors.persons import person_recognizer as pr
from detectors.sensitive.sensitive_personal import SensitivePersonalRecognizer
from tests.detectors.names_markings_helpers import segment

TEXTS = [
    ("其子覃永辉系残疾人，长期卧床。", None),
    ("村民彭志勇患有尿毒症，需长期透析。", None),
    ("邻居唐国强在读高中，系留守儿童。", None),
    ("张*患有肺结核。", None),                      # a masked name identifies no one
    ("2\t谭小兵\t肢体残疾\t3", ["序号", "姓名", "类别", "人口"]),
    ("3\t\t肢体残疾\t3", ["序号", "姓名", "类别", "人口"]),
]


def _seg(text, headers):
    return segment(text, headers=headers) if headers else segment(text)


def _plain(results):
    return [(r.entity_type, r.start, r.end, sorted((r.recognition_metadata or {}).items())) for r in results]


@pytest.mark.parametrize("text, headers", TEXTS)
def test_same_findings_and_one_person_pass(text, headers, monkeypatch):
    sensitive = SensitivePersonalRecognizer()
    person = pr.PersonRecognizer()
    seg = _seg(text, headers)
    monkeypatch.setattr(pr, "_LAST", (None, None, ()))
    alone = _plain(sensitive.analyze_segment(seg.text, seg, ["SENSITIVE_PERSONAL"]))   # computes the names itself

    calls = []
    labels = pr.PersonRecognizer._labels
    monkeypatch.setattr(pr.PersonRecognizer, "_labels", lambda self, *a: calls.append(1) or labels(self, *a))
    monkeypatch.setattr(pr, "_LAST", (None, None, ()))
    seg = _seg(text, headers)
    names = _plain(person.analyze_segment(seg.text, seg, ["PERSON"]))                  # the engine's PERSON pass
    after = _plain(sensitive.analyze_segment(seg.text, seg, ["SENSITIVE_PERSONAL"]))
    assert after == alone
    assert len(calls) == 1
    assert _plain(person.analyze_segment(seg.text, seg, ["PERSON"])) == names          # a repeat: the same names


def test_another_segment_with_the_same_text_is_read_again(monkeypatch):
    person = pr.PersonRecognizer()
    calls = []
    labels = pr.PersonRecognizer._labels
    monkeypatch.setattr(pr.PersonRecognizer, "_labels", lambda self, *a: calls.append(1) or labels(self, *a))
    monkeypatch.setattr(pr, "_LAST", (None, None, ()))
    a, b = segment("户主：彭志勇"), segment("户主：彭志勇")
    assert _plain(person.analyze_segment(a.text, a, ["PERSON"])) == _plain(person.analyze_segment(b.text, b, ["PERSON"]))
    assert len(calls) == 2
