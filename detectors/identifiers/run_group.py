"""The digit identifiers called as one pass: the runs found once, each run tried by every recognizer it can fit."""
from __future__ import annotations

from ..base import CnPatternRecognizer
from .runs import _PLANS_KEPT, RunScopedRecognizer, run_hits


def groupable(rec) -> bool:
    """Whether the engine may call `rec` through a RunGroup: a RunScopedRecognizer whose scan and
    results are the shared ones (a subclass or a wrapper that changes them runs on its own)."""
    if not isinstance(rec, RunScopedRecognizer) or getattr(rec, "NEEDS_NLP", False):
        return False
    cls = type(rec)
    if (cls.matches is not RunScopedRecognizer.matches or cls.analyze is not CnPatternRecognizer.analyze
            or cls.analyze_segment is not CnPatternRecognizer.analyze_segment):
        return False
    own = vars(rec)
    return not ("matches" in own or "analyze" in own or "analyze_segment" in own or "results_of" in own)


class RunGroup:
    """Several RunScopedRecognizers with the same prefilter, called by the engine as one.

    Each member stays its own Presidio recognizer: its patterns, validation, context words, score
    and severity. What they share is the scan: runs_of once; per kind of run one plan listing every
    member's patterns that can match there; then each member validates and scores its own matches
    (CnPatternRecognizer.results_of). Results come member by member, pattern by pattern, in text
    order: the order the members would have reported them called one by one. Six recognizers used
    to walk the same runs six times, each with its own plan look-ups and calls."""

    def __init__(self, members: list[RunScopedRecognizer]):
        self.members = list(members)
        self.name = "+".join(m.name for m in self.members)
        self.supported_entities = [e for m in self.members for e in m.supported_entities]
        self.by_name = {m.name: m for m in self.members}
        # every member's patterns numbered in one sequence: (member index, pattern, masked) per number
        self._patterns: list[tuple[int, object, bool]] = []
        self._offsets = []
        self._whole_text = []   # (number, compiled) of the patterns searched in the whole text
        for mi, m in enumerate(self.members):
            self._offsets.append(len(self._patterns))
            for i, (pattern, rx, masked) in enumerate(m._compiled):
                if i in m._whole_text:
                    self._whole_text.append((len(self._patterns), rx))
                self._patterns.append((mi, pattern, masked))
        widths = [m._narrowest for m in self.members if m._narrowest is not None]
        self._narrowest = min(widths) if widths else None
        self._plans: dict[tuple, tuple] = {}

    def _plan(self, key: tuple) -> tuple:
        """Every member's plan for runs of one kind (RunScopedRecognizer._plan), in one tuple."""
        plan = []
        for offset, m in zip(self._offsets, self.members):
            own = m._plans.get(key)
            if own is None:
                own = m._plan(key)
            plan.extend((offset + i, rx, reach, whole) for i, rx, reach, whole in own)
        if len(self._plans) >= _PLANS_KEPT:
            self._plans.clear()
        plan = self._plans[key] = tuple(plan)
        return plan

    def hits(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern number, start, end) of every member's matches, sorted by pattern number (stable)."""
        return run_hits(text, self._whole_text, self._narrowest, self._plans, self._plan)

    def analyze_segment(self, text: str, segment, entities: list[str] | None = None) -> list:
        """The members' results, as the members called one by one in order would have returned them."""
        hits = self.hits(text)
        if not hits:
            return []
        patterns = self._patterns
        wanted = None if entities is None or entities is self.supported_entities else set(entities)
        out: list = []
        batch: list = []
        current = -1
        for number, a, b in hits:   # sorted: each member's matches together
            mi, pattern, masked = patterns[number]
            if mi != current:
                if batch:
                    self._add(out, current, text, batch, wanted)
                    batch = []
                current = mi
            batch.append((pattern, masked, a, b))
        self._add(out, current, text, batch, wanted)
        return out

    def _add(self, out: list, mi: int, text: str, batch: list, wanted: set | None) -> None:
        member = self.members[mi]
        if wanted is None or member.supported_entities[0] in wanted:
            found = member.results_of(text, batch)
            if found:
                out.extend(found)

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list:
        return self.analyze_segment(text, None, entities)
