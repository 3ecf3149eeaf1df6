"""The analyzer: a Presidio AnalyzerEngine whose hot path is one cheap prefilter pass per segment."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from . import explain
from .base import DETAIL, MASKED, SEVERITY, SegmentRecognizer, anchored
from .context import CharDistanceContextEnhancer
from .identifiers.run_group import RunGroup, groupable
from .normalize import Normalised, needs_class, normalise
from .resolve import resolve

if TYPE_CHECKING:
    from reviewer.document import Detection, Segment

    from .allowlist import AllowList
    from .config import Settings

LANGUAGE = "zh"
HEADING_CACHE_SIZE = 4096


class LazySpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on the project's blank zh pipeline, loaded by path on first use.

    No recognizer shipped here needs tokens, so the scan never loads it; a recognizer that sets
    NEEDS_NLP = True gets Presidio's NlpArtifacts as usual.
    """

    def __init__(self, path: str):
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": path}])

    def is_loaded(self) -> bool:  # AnalyzerEngine.__init__ would load it eagerly
        return True

    def process_text(self, text: str, language: str):
        if self.nlp is None:
            self.load()
        return super().process_text(text, language)


class DetectorEngine(AnalyzerEngine):
    """AnalyzerEngine for Chinese segments.

    Per segment: normalise once; search each distinct recognizer PREFILTER once and call only the
    recognizers whose prefilter matched (the digit identifiers as one RunGroup pass); score context
    by character distance (and the table column heading); drop low scores; resolve overlaps in one
    place; map offsets back. Results travel as (result, recognizer) pairs from the call to the
    Detection, so no step looks a recognizer up by name.
    """

    def __init__(self, recognizers: list[EntityRecognizer], settings: "Settings | None" = None,
                 allow_list: "AllowList | None" = None, nlp_path: str | None = None):
        from .config import Settings
        from .nlp_build import PIPELINE_DIR

        self.settings = settings or Settings()
        # Presidio loads its own (English) recognizers into an empty registry: give it a placeholder.
        placeholder = [SegmentRecognizer(supported_entities=["NONE"], supported_language=LANGUAGE)]
        registry = RecognizerRegistry(recognizers=list(recognizers) or placeholder,
                                      supported_languages=[LANGUAGE])
        enhancer = CharDistanceContextEnhancer(self.settings.context_factor, self.settings.score_threshold,
                                               self.settings.context_window)
        super().__init__(registry=registry, nlp_engine=LazySpacyNlpEngine(str(nlp_path or PIPELINE_DIR)),
                         supported_languages=[LANGUAGE], context_aware_enhancer=enhancer,
                         default_score_threshold=self.settings.score_threshold)
        self.registry.recognizers = list(recognizers)   # Presidio adds its own when the list is empty
        self.allow_list = allow_list
        self.priority = {r.supported_entities[0]: r.priority for r in recognizers
                         if getattr(r, "priority", None) is not None}
        self._plan = self._build_plan(recognizers)
        self._rare_search, self._behind = self._build_rare(recognizers)
        self._build_gate(recognizers)
        self._threshold = self.settings.score_threshold
        self._window = self.settings.context_window
        self._heading_text: dict[str, str] = {}   # column heading → its normalised text

    @staticmethod
    def _build_plan(recognizers: Iterable[EntityRecognizer]):
        """Recognizers grouped by prefilter, as (search, calls) pairs in registry order; in a group,
        consecutive groupable identifier recognizers make one RunGroup call (see _run_groups)."""
        return [(re.compile(pf).search if pf else None, _run_groups(calls)) for pf, calls, _ in _groups(recognizers)]

    @staticmethod
    def _build_rare(recognizers: Iterable[EntityRecognizer]):
        """(one search of the ANCHORS of all rare prefilters, which plan entries sit behind it).

        Most prefilters (an address number, a plate, a marking, a sensitive cue) match in few of the
        paragraphs that pass the gate, and each failing search reads the whole paragraph (~1 µs). Their
        anchors in one pattern (detectors.base.anchored) decide in one search that none matches: an
        anchor matches wherever its prefilter does, starting at or before it, so where the union finds
        nothing from `start` no rare prefilter matches either, and where it first matches at h none
        matches before h (each is then searched from h). Prefilters that match in most such paragraphs
        (PREFILTER_OFTEN: PERSON, the digit identifiers, the literal "@") are searched on their own, as
        are groups without anchors (an office's YAML recognizer). Table rows search each on its own too
        (see _decided)."""
        groups = _groups(recognizers)
        behind = [bool(pf and anchors) and not any(getattr(rec, "PREFILTER_OFTEN", False) for rec, *_ in calls)
                  for pf, calls, anchors in groups]
        if sum(behind) < 2:
            return None, [False] * len(groups)
        union = anchored([a for (_, _, anchors), b in zip(groups, behind) if b for a in anchors])
        return re.compile(union).search, behind

    def _build_gate(self, recognizers: Iterable[EntityRecognizer]) -> None:
        """The one candidate pass over the text as written: the ANCHORS of every prefilter, and every
        character normalisation would translate, in one pattern (detectors.base.anchored). Where it finds
        nothing, the normalised text is the text itself and no prefilter can match: the segment costs
        one search. Where it finds something in text normalisation leaves alone, no prefilter matches
        before that first hit (an anchor starts where its prefilter's match starts, or before it: the digit
        identifiers' at the first digit of the run), so each prefilter is searched from there. Without it
        (a recognizer defined in YAML has only a PREFILTER) every segment is normalised and each prefilter
        searched."""
        anchors = [a for _, _, a in _groups(recognizers)]
        self._gate_search = None
        if anchors and all(anchors):
            self._gate_search = re.compile(anchored([p for a in anchors for p in a], extra=needs_class())).search

    # -- Presidio's entry point, on the fast path -------------------------------------------------

    def analyze(self, text: str, language: str = LANGUAGE, entities: list[str] | None = None,
                correlation_id=None, score_threshold: float | None = None,
                return_decision_process: bool = True, ad_hoc_recognizers=None, context=None,
                allow_list=None, allow_list_match="exact", regex_flags=None,
                nlp_artifacts=None) -> list[RecognizerResult]:
        """Analyze plain text as one body segment; offsets index `text` itself."""
        from reviewer.document import Location, Segment

        segment = Segment(text, Location())
        return [r for r, _ in self.analyze_normalised(normalise(text), segment, entities, score_threshold, context)]

    def analyze_normalised(self, norm: Normalised, segment: "Segment | None", entities=None,
                           score_threshold: float | None = None, context=None, start: int = 0):
        """(result with ORIGINAL offsets, recognizer) pairs for one normalised segment.

        `start`: the offset before which the gate found no prefilter can match (searches begin there)."""
        found = self._decided(norm, segment, entities, score_threshold, context, start)
        if found and norm.origin is not None:
            span = norm.span
            for r, _ in found:
                r.start, r.end = span(r.start, r.end)
        return found

    def _decided(self, norm: Normalised, segment: "Segment | None", entities=None,
                 score_threshold: float | None = None, context=None, start: int = 0) -> list:
        """(result, recognizer) pairs that pass context, threshold and overlaps, in NORMALISED offsets."""
        text = norm.text
        found: list[tuple[RecognizerResult, EntityRecognizer]] = []
        artifacts = None
        wanted = set(entities) if entities else None
        name_key = RecognizerResult.RECOGNIZER_NAME_KEY
        plan, behind = self._plan, self._behind
        rare_from = start
        # a table row holds a whole record (name, number, address): there the union nearly always
        # matches and would only add a search
        row = segment is not None and bool(segment.cells)
        if self._rare_search is not None and len(behind) == len(plan) and not row:
            hit = self._rare_search(text, start)
            rare_from = -1 if hit is None else hit.start()   # -1: no rare prefilter matches (_build_rare)
        else:
            behind = None
        for i, (search, calls) in enumerate(plan):
            if search is not None:
                if behind is not None and behind[i]:
                    if rare_from < 0 or search(text, rare_from) is None:
                        continue
                elif search(text, start) is None:
                    continue
            for rec, analyze_segment, needs_nlp, supported in calls:
                if wanted is not None and not supported & wanted:
                    continue
                if needs_nlp and artifacts is None:
                    artifacts = self.nlp_engine.process_text(text, LANGUAGE)
                ents = entities or rec.supported_entities
                if analyze_segment is not None:
                    results = analyze_segment(text, segment, ents)
                else:
                    results = rec.analyze(text, ents, artifacts)
                if not results:
                    continue
                if type(rec) is RunGroup:   # results of several recognizers, each named in its metadata
                    members = rec.by_name
                    found.extend([(r, members[r.recognition_metadata[name_key]]) for r in results])
                    continue
                for r in results:
                    meta = r.recognition_metadata
                    if meta is None:
                        r.recognition_metadata = {name_key: rec.name}
                    elif name_key not in meta:
                        meta[name_key] = rec.name
                found.extend([(r, rec) for r in results])
        if not found:
            return found
        headers = self._headers(norm, segment, found) if segment is not None and segment.cells else None
        enhancer = self.context_aware_enhancer
        if type(enhancer) is CharDistanceContextEnhancer:
            enhancer.score_found(text, found, context, headers)
        else:   # another Presidio enhancer: its own entry point, with the recognizers by name
            used = {rec.name: rec for _, rec in found}
            enhancer.enhance_using_context(text, [r for r, _ in found], artifacts, list(used.values()), context)
        threshold = self._threshold if score_threshold is None else score_threshold
        found = [pair for pair in found if pair[0].score >= threshold]
        return resolve_found(found, text, self._window, self.priority)

    def _headers(self, norm: Normalised, segment: "Segment", found: list) -> dict[int, str]:
        """Column heading (normalised) of the cell each result starts in, keyed by the result's start.

        A workbook repeats the same few headings on every row: each is normalised once."""
        out = {}
        origin = norm.origin
        cache = self._heading_text
        for r, _ in found:
            cell = segment.cell_at(origin[r.start] if origin else r.start)
            if cell is not None and cell.header:
                heading = cache.get(cell.header)
                if heading is None:
                    if len(cache) >= HEADING_CACHE_SIZE:   # a long-running server meets many workbooks
                        cache.clear()
                    heading = cache[cell.header] = normalise(cell.header).text
                out[r.start] = heading
        return out

    # -- what the pipeline calls ------------------------------------------------------------------

    def scan(self, segment: "Segment") -> list["Detection"]:
        text = segment.text
        if not text:
            return []
        start = 0
        if self._gate_search is not None:
            # (the ideographic space that indents Chinese paragraphs becomes a space, as in normalise)
            gated = text.replace("\u3000", " ") if "\u3000" in text else text
            hit = self._gate_search(gated)
            if hit is None:
                return []   # most paragraphs: one search of the text as written, nothing else
            norm = normalise(text)
            if norm.text == gated:
                # nothing was translated: no prefilter matches before the gate's first hit
                start = hit.start()
        else:
            norm = normalise(text)
        found = self._decided(norm, segment, start=start)
        if not found:
            return []
        return self._detections(found, text, norm.span if norm.origin is not None else None)

    def _detections(self, found, text: str, span=None) -> list["Detection"]:
        """What the pipeline reads of each result: type, span (mapped back to `text` by `span`), score,
        severity, masked, detail, explanation."""
        Detection = _detection_class()
        render = explain.render
        allow_list = self.allow_list
        out = []
        for r, rec in found:
            if span is not None:
                r.start, r.end = span(r.start, r.end)
            meta = r.recognition_metadata or {}
            masked = meta.get(MASKED)
            severity = meta.get(SEVERITY) or getattr(rec, "severity", None)
            if allow_list is not None and not masked and allow_list.allows(r.entity_type, text[r.start:r.end]):
                severity, explanation = "info", explain.ALLOW_LISTED
            else:
                explanation = render(r, rec)
            out.append(Detection(r.entity_type, r.start, r.end, float(r.score), severity,
                                 bool(masked), meta.get(DETAIL), explanation))
        return out


def resolve_overlaps(results: list[RecognizerResult], text: str, window: int,
                     priority: dict[str, int]) -> list[RecognizerResult]:
    """resolve(), called only on the results whose spans overlap: resolve decides between overlapping
    spans only, so a result that overlaps no other stays as it is (a row of a 公示 table has five
    findings side by side). The answer is resolve's, sorted by (start, end)."""
    return [r for r, _ in resolve_found([(r, None) for r in results], text, window, priority)]


def resolve_found(found: list, text: str, window: int, priority: dict[str, int]) -> list:
    """resolve_overlaps on (result, recognizer) pairs."""
    if len(found) < 2:
        return found
    spans = sorted([(pair[0].start, pair[0].end, i) for i, pair in enumerate(found)])
    out: list = []
    start, reach, first = spans[0]
    cluster = [first]
    for start, end, i in spans[1:]:
        if start < reach or start == end:   # overlapping (an empty span: let resolve decide)
            cluster.append(i)
            if end > reach:
                reach = end
            continue
        if len(cluster) == 1:
            out.append(found[cluster[0]])
        else:
            out.extend(_resolved(cluster, found, text, window, priority))
        cluster = [i]
        reach = end
    if len(cluster) == 1:
        out.append(found[cluster[0]])
    else:
        out.extend(_resolved(cluster, found, text, window, priority))
    return out


def _resolved(cluster: list[int], found: list, text, window, priority) -> list:
    # in the order the recognizers reported them, as resolve would have seen them (ties keep the first)
    pairs = [found[i] for i in sorted(cluster)]
    rec_of = {id(r): rec for r, rec in pairs}
    return [(r, rec_of[id(r)]) for r in resolve([r for r, _ in pairs], text, window, priority)]


def _detection_class():
    global _DETECTION
    if _DETECTION is None:
        from reviewer.document import Detection
        _DETECTION = Detection
    return _DETECTION


_DETECTION = None


def _run_groups(calls: list) -> list:
    """The calls of one prefilter with each stretch of two or more consecutive groupable identifier
    recognizers replaced by one RunGroup call (the order of the calls, and so of results, is kept)."""
    out: list = []
    stretch: list = []
    for call in calls + [None]:
        if call is not None and groupable(call[0]) and call[0].name not in {c[0].name for c in stretch}:
            stretch.append(call)
            continue
        if len(stretch) > 1:
            group = RunGroup([c[0] for c in stretch])
            out.append((group, group.analyze_segment, False, set(group.supported_entities)))
        else:
            out.extend(stretch)
        stretch = []
        if call is not None:
            if groupable(call[0]):
                stretch.append(call)
            else:
                out.append(call)
    return out


def _groups(recognizers: Iterable[EntityRecognizer]):
    """(prefilter, calls, anchors) per distinct prefilter; anchors only when every recognizer of the
    group declares ANCHORS for the prefilter it actually uses (YAML may change a prefilter)."""
    groups: dict[str | None, list] = {}
    for r in recognizers:
        pf = getattr(r, "prefilter", None) if hasattr(r, "prefilter") else getattr(r, "PREFILTER", None)
        groups.setdefault(pf, []).append(r)
    out = []
    for pf, recs in groups.items():
        calls = [(r, r.analyze_segment if hasattr(r, "analyze_segment") else None,
                  bool(getattr(r, "NEEDS_NLP", False)), set(r.supported_entities)) for r in recs]
        anchors = {getattr(type(r), "ANCHORS", None) if pf and pf == getattr(type(r), "PREFILTER", None) else None
                   for r in recs}
        one = anchors.pop() if len(anchors) == 1 else None
        out.append((pf, calls, one))
    return out
