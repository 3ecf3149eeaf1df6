"""Plain Presidio wired in an afternoon, and the side-by-side run of it against our scanner on the same paragraphs."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field


def afternoon_analyzer():
    """An AnalyzerEngine as a team would wire it: one PatternRecognizer per identifier of ours, with
    the same regular expressions, context words and checksum validation; Presidio's own (lemma)
    context enhancer; a spaCy NLP engine on the project's blank zh pipeline, loaded by path."""
    from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from detectors.config import build_recognizer, load_settings
    from detectors.nlp_build import ensure_built

    settings = load_settings()
    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "zh", "model_name": str(ensure_built())}]}).create_engine()
    recognizers = []
    for spec in settings.enabled():
        ours = build_recognizer(spec)
        masked = set(getattr(ours, "masked_patterns", ()) or ())
        patterns = [p for p in getattr(ours, "patterns", None) or [] if p.name not in masked]
        if not patterns:
            continue   # names, addresses, markings with code of their own: no plain-regex equivalent
        rec = PatternRecognizer(supported_entity=ours.supported_entities[0], patterns=patterns,
                                context=list(ours.context or []), supported_language="zh",
                                name=ours.name + "Plain")
        rec.validate_result = ours.validate_result        # the same checksums (GB 11643, Luhn, GB 32100)
        rec.invalidate_result = ours.invalidate_result
        recognizers.append(rec)
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["zh"])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["zh"],
                          default_score_threshold=settings.score_threshold)


def same_types_scanner(analyzer):
    """Our scanner with only the recognizers of the types the baseline has (the identifiers): the like-for-like
    figure printed beside the all-detectors one. Names, addresses, markings and sensitive data have no
    plain-regex recognizer in the baseline, so their cost has nothing to be set against there."""
    from detectors.config import build_recognizer, load_settings
    from detectors.engine import DetectorEngine

    types = {r.supported_entities[0] for r in analyzer.registry.recognizers}
    settings = load_settings()
    recognizers = [build_recognizer(spec) for spec in settings.enabled()]
    return DetectorEngine([r for r in recognizers if r.supported_entities[0] in types], settings)


@dataclass
class Comparison:
    """Our scanner and the baseline on the same paragraphs: speed, per-type counts, what we miss."""

    mb: float = 0.0
    paragraphs: int = 0
    ours_seconds: float = 0.0
    baseline_seconds: float = 0.0
    ours_cpu: float = 0.0
    baseline_cpu: float = 0.0
    ours_types: Counter = field(default_factory=Counter)
    ours_masked: Counter = field(default_factory=Counter)
    baseline_types: Counter = field(default_factory=Counter)
    missed: list[dict] = field(default_factory=list)
    typed_differently: Counter = field(default_factory=Counter)
    # our scanner restricted to the baseline's types (same_types_scanner), when one was given
    same_types: list[str] = field(default_factory=list)
    same_types_cpu: float = 0.0
    same_types_missed: int = 0

    def to_dict(self) -> dict:
        ours = self.mb / self.ours_cpu if self.ours_cpu else None
        base = self.mb / self.baseline_cpu if self.baseline_cpu else None
        types = sorted(set(self.ours_types) | set(self.baseline_types))
        return {"mb": round(self.mb, 2), "paragraphs": self.paragraphs,
                "ours_seconds": round(self.ours_seconds, 2), "baseline_seconds": round(self.baseline_seconds, 2),
                "ours_cpu": round(self.ours_cpu, 2), "baseline_cpu": round(self.baseline_cpu, 2),
                "ours_mb_s": round(ours, 2) if ours else None, "baseline_mb_s": round(base, 3) if base else None,
                "ratio": round(ours / base, 1) if ours and base else None,
                "ratio_wall": round(self.baseline_seconds / self.ours_seconds, 1) if self.ours_seconds else None,
                "per_type": {t: {"ours": self.ours_types.get(t, 0), "ours_masked": self.ours_masked.get(t, 0),
                                 "baseline": self.baseline_types.get(t, 0)} for t in types},
                "missed_count": len(self.missed), "missed": self.missed[:50],
                "typed_differently": dict(self.typed_differently),
                **({"same_types": self._same_types(base)} if self.same_types else {})}

    def _same_types(self, base: float | None) -> dict:
        mine = self.mb / self.same_types_cpu if self.same_types_cpu else None
        return {"types": self.same_types, "ours_cpu": round(self.same_types_cpu, 2),
                "ours_mb_s": round(mine, 2) if mine else None,
                "ratio": round(mine / base, 1) if mine and base else None, "missed_count": self.same_types_missed}


def compare(paragraphs: list[str], scanner, analyzer, chunk: int = 200, same_types=None) -> Comparison:
    """Run both on `paragraphs`, chunk by chunk in turn (so load changes hit both alike); `same_types`
    (same_types_scanner), when given, runs in the same turns.

    Speeds are MB per CPU second of this process (other users of the machine do not inflate
    them); wall-clock seconds are kept beside them. Both first run untimed on a few paragraphs, so
    that lazily loaded word lists and caches are not counted."""
    from reviewer.document import Location, Segment

    for p in paragraphs[:100]:
        scanner.scan(Segment(p, Location("body")))
        analyzer.analyze(p, language="zh")
        if same_types is not None:
            same_types.scan(Segment(p, Location("body")))
    result = Comparison(paragraphs=len(paragraphs),
                        mb=sum(len(p.encode("utf-8")) + 1 for p in paragraphs) / 1e6)
    if same_types is not None:
        result.same_types = sorted({e for r in same_types.registry.recognizers for e in r.supported_entities})
    for lo in range(0, len(paragraphs), chunk):
        part = paragraphs[lo:lo + chunk]
        segments = [Segment(p, Location("body", paragraph=lo + i)) for i, p in enumerate(part)]
        t0, c0 = time.perf_counter(), time.process_time()
        ours = [scanner.scan(s) for s in segments]
        t1, c1 = time.perf_counter(), time.process_time()
        theirs = [analyzer.analyze(p, language="zh") for p in part]
        t2, c2 = time.perf_counter(), time.process_time()
        result.ours_seconds += t1 - t0
        result.baseline_seconds += t2 - t1
        result.ours_cpu += c1 - c0
        result.baseline_cpu += c2 - c1
        for i, (text, mine, base) in enumerate(zip(part, ours, theirs)):
            _tally(result, lo + i, text, mine, base)
        if same_types is not None:
            c3 = time.process_time()
            like = [same_types.scan(s) for s in segments]
            result.same_types_cpu += time.process_time() - c3
            result.same_types_missed += sum(_missed(mine, base) for mine, base in zip(like, theirs))
    return result


def _missed(mine: list, base: list) -> int:
    """How many of the baseline's results no result of ours overlaps."""
    return sum(not _overlapping(mine, r) for r in base)


def _overlapping(mine: list, r) -> list:
    """Our detections that overlap the baseline's result `r`."""
    return [d for d in mine if d.start < r.end and r.start < d.end]


def _tally(result: Comparison, index: int, text: str, mine: list, base: list) -> None:
    for d in mine:
        (result.ours_masked if d.masked else result.ours_types)[d.type] += 1
    for r in base:
        result.baseline_types[r.entity_type] += 1
        hits = _overlapping(mine, r)
        if not hits:
            result.missed.append({"paragraph": index, "type": r.entity_type, "value": text[r.start:r.end],
                                  "score": round(r.score, 2)})
        elif not any(d.type == r.entity_type for d in hits):
            result.typed_differently[f"{r.entity_type}→{hits[0].type}"] += 1
