"""The engine's one search for its rare prefilters (engine._build_rare) decides each of them as its own search would."""
from detectors import build_scanner
from detectors.normalize import normalise
from reviewer.document import Location, Segment

from tests.detectors.test_engine_gate import ALPHABET, DIGIT_RUNS, SENTENCES, _random_texts


def test_the_rare_prefilters_sit_behind_one_search():
    scanner = build_scanner()
    assert scanner._rare_search is not None
    behind = [calls[0][0].name for (_, calls), b in zip(scanner._plan, scanner._behind) if b]
    assert "AddressRecognizer" in behind and "SecrecyMarkingRecognizer" in behind
    assert "PersonRecognizer" not in behind and "EmailAddressRecognizer" not in behind


def test_the_union_says_what_each_rare_prefilter_says():
    """Where the union finds nothing from the gate's first hit, no rare prefilter matches from there;
    where it first matches at h, each rare prefilter matches from h exactly where it matches from the hit."""
    scanner = build_scanner()
    rare = [search for (search, _), b in zip(scanner._plan, scanner._behind) if b]
    for text in SENTENCES + DIGIT_RUNS + _random_texts(ALPHABET, 3000, seed=13):
        gated = text.replace("\u3000", " ")
        hit = scanner._gate_search(gated)
        norm = normalise(text).text
        start = hit.start() if hit is not None and norm == gated else 0
        union = scanner._rare_search(norm, start)
        for search in rare:
            alone = search(norm, start)
            if union is None:
                assert alone is None, (text, search.__self__.pattern[:40])
            else:
                behind = search(norm, union.start())
                assert (alone and alone.span()) == (behind and behind.span()), (text, search.__self__.pattern[:40])


def test_the_union_changes_no_finding():
    scanner = build_scanner()
    for i, text in enumerate(SENTENCES + DIGIT_RUNS):
        segment = Segment(text, Location("body", paragraph=i))
        with_union = [(d.type, d.start, d.end, d.score, d.severity, d.explanation) for d in scanner.scan(segment)]
        union, scanner._rare_search = scanner._rare_search, None
        try:
            alone = [(d.type, d.start, d.end, d.score, d.severity, d.explanation) for d in scanner.scan(segment)]
        finally:
            scanner._rare_search = union
        assert with_union == alone, text
