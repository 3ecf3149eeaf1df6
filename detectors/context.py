"""Context scoring by character distance: hotwords within N characters of a match raise its score."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

DEFAULT_WINDOW = 20
_ANY_WORD: dict[tuple[str, ...], "re.Pattern | None"] = {}


def _any_word(words) -> "re.Pattern | None":
    """One compiled alternation of a list of context words (cached): a window without any of them is
    decided by two C-level searches instead of a find per word."""
    key = tuple(words)
    try:
        return _ANY_WORD[key]
    except KeyError:
        rx = re.compile("|".join(map(re.escape, sorted(set(key), key=len, reverse=True)))) if key else None
        _ANY_WORD[key] = rx
        return rx


class CharDistanceContextEnhancer(ContextAwareEnhancer):
    """Presidio's context step for text without word boundaries or lemmas.

    Presidio's LemmaContextAwareEnhancer compares the lemmas of the tokens around a match with the
    recognizer's context words; a blank zh pipeline has no lemmas, and it walks every token per
    match. Here a context word counts when it occurs (as a substring of the normalised text)
    within `window` characters before the match or `window // 2` characters after it, or in the
    column heading of the table cell the match sits in (`headers`).
    """

    def __init__(self, context_similarity_factor: float = 0.35,
                 min_score_with_context_similarity: float = 0.4, window: int = DEFAULT_WINDOW):
        super().__init__(context_similarity_factor, min_score_with_context_similarity, window, window // 2)
        self.window = window

    @staticmethod
    def find_word(text: str, start: int, end: int, words, before: int, after: int) -> str | None:
        """The context word nearest the span [start, end), searched within the window; None if none."""
        return CharDistanceContextEnhancer.nearest(text, start, end, words, before, after)[0]

    @staticmethod
    def nearest(text: str, start: int, end: int, words, before: int, after: int) -> tuple[str | None, int]:
        """(word, distance in characters) of the context word nearest the span; (None, -1) if none."""
        rx = _any_word(words)
        if rx is None or (rx.search(text, max(0, start - before), start) is None
                          and rx.search(text, end, end + after) is None):
            return None, -1
        left = text[max(0, start - before):start]
        right = text[end:end + after]
        best, best_dist = None, None
        for w in words:
            i = left.rfind(w)
            if i >= 0:
                dist = len(left) - (i + len(w))
                if best_dist is None or dist < best_dist:
                    best, best_dist = w, dist
            j = right.find(w)
            if j >= 0 and (best_dist is None or j < best_dist):
                best, best_dist = w, j
        return best, (-1 if best_dist is None else best_dist)

    def contradicted(self, text: str, result: RecognizerResult, rec, headers: dict[int, str] | None) -> str | None:
        """A label naming another kind of number (案件编号, 流水号…) nearer than any context word.

        Recognizers list such labels in NEGATIVE_CONTEXT; a label inside a longer context word
        (身份证编号) does not count.
        """
        negative = getattr(rec, "negative_context", None) or getattr(rec, "NEGATIVE_CONTEXT", None)
        if not negative:
            return None
        window = getattr(rec, "context_window", None) or self.window
        words = list(getattr(rec, "context", None) or [])
        neg, neg_dist = self.nearest(text, result.start, result.end, negative, window, 0)
        if neg is None and headers and headers.get(result.start):
            header = headers[result.start]
            if any(w in header for w in negative) and not any(w in header for w in words):
                return next(w for w in negative if w in header)
            return None
        if neg is None:
            return None
        label_end = result.start - neg_dist
        around = text[max(0, label_end - len(neg) - 6):label_end]
        if any(w in around for w in words):
            return None
        pos, pos_dist = self.nearest(text, result.start, result.end, words, window, window // 2)
        return neg if pos is None or neg_dist < pos_dist else None

    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult],
                              nlp_artifacts: "NlpArtifacts | None", recognizers: list[EntityRecognizer],
                              context: list[str] | None = None,
                              headers: dict[int, str] | None = None) -> list[RecognizerResult]:
        by_name = {r.name: r for r in recognizers}
        for result in raw_results:
            meta = result.recognition_metadata or {}
            if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            rec = by_name.get(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY))
            words = list(getattr(rec, "context", None) or [])
            if context:
                words += context
            label = self.contradicted(text, result, rec, headers)
            if label is not None:
                result.score = self.MIN_SCORE
                meta["contradicted_by"] = label
                continue
            window = getattr(rec, "context_window", None) or self.window
            word = self.find_word(text, result.start, result.end, words, window, window // 2)
            if word is None and headers:
                header = headers.get(result.start)
                if header:
                    word = next((w for w in words if w in header), None)
            if word is None:
                continue
            result.score = min(max(result.score + self.context_similarity_factor,
                                   self.min_score_with_context_similarity), self.MAX_SCORE)
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(word)
                result.analysis_explanation.set_improved_score(result.score)
            meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            result.recognition_metadata = meta
        return raw_results
