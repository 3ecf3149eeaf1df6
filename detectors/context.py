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
# Column headings seen per rule: a workbook repeats a few on every row.
_HEADINGS_KEPT = 1024
_ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
_NAME = RecognizerResult.RECOGNIZER_NAME_KEY
_NONE: tuple[str, ...] = ()


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


class WordFinder:
    """The context word of a list nearest a span, by two searches instead of a find per word.

    Before the span: the alternation of the reversed words (longest first), searched in the reversed
    window, finds the occurrence that ends nearest the span; after it, the plain alternation finds the
    one that starts nearest. Every other word ending (starting) at the same place is a suffix (prefix)
    of the one found, so the word reported on a tie, the one listed first, is known per word found."""

    __slots__ = ("forward", "backward", "first_starting", "first_ending")

    def __init__(self, words):
        words = tuple(words)
        distinct = sorted(set(words), key=len, reverse=True)
        index: dict[str, int] = {}
        for i, w in enumerate(words):
            index.setdefault(w, i)
        self.forward = re.compile("|".join(map(re.escape, distinct)))
        self.backward = re.compile("|".join(re.escape(w[::-1]) for w in distinct))
        self.first_starting = {w: min((index[v], v) for v in distinct if w.startswith(v)) for w in distinct}
        self.first_ending = {w[::-1]: min((index[v], v) for v in distinct if w.endswith(v)) for w in distinct}

    def nearest(self, text: str, start: int, end: int, before: int, after: int) -> tuple[str | None, int]:
        """(word, distance) as _nearest gives it: nearest first, then the word listed first, then before the span."""
        best, best_index, best_dist = None, 0, -1
        if before > 0:
            lo = start - before if start > before else 0
            m = self.backward.search(text[lo:start][::-1])
            if m is not None:
                best_index, best = self.first_ending[m.group()]
                best_dist = m.start()
        if after > 0:
            m = self.forward.search(text, end, end + after)
            if m is not None:
                dist = m.start() - end
                index, word = self.first_starting[m.group()]
                if best is None or dist < best_dist or (dist == best_dist and index < best_index):
                    best, best_dist = word, dist
        return best, best_dist


_FINDERS: dict[tuple[str, ...], "WordFinder | None"] = {}


def word_finder(words) -> "WordFinder | None":
    """The WordFinder of a list of words (cached); None for an empty list or one holding an empty word."""
    key = tuple(words)
    try:
        return _FINDERS[key]
    except KeyError:
        finder = _FINDERS[key] = WordFinder(key) if key and all(key) else None
        return finder


def _nearest(text: str, start: int, end: int, words, rx, before: int, after: int) -> tuple[str | None, int]:
    """(word, distance) of the word of `words` nearest the span, `rx` their alternation; (None, -1) if none.
    On a tie the word listed first wins, and before the span wins over after it."""
    if rx is None:
        return None, -1
    finder = word_finder(words)
    if finder is not None:
        return finder.nearest(text, start, end, before, after)
    lo = max(0, start - before)
    in_left = rx.search(text, lo, start) is not None
    in_right = rx.search(text, end, end + after) is not None
    if not (in_left or in_right):
        return None, -1
    # a side the search found no word in is not looked at word by word (it would find none)
    left = text[lo:start] if in_left else ""
    right = text[end:end + after] if in_right else ""
    best, best_dist = None, None
    for w in words:
        if in_left:
            i = left.rfind(w)
            if i >= 0:
                dist = len(left) - (i + len(w))
                if best_dist is None or dist < best_dist:
                    best, best_dist = w, dist
        if in_right:
            j = right.find(w)
            if j >= 0 and (best_dist is None or j < best_dist):
                best, best_dist = w, j
    return best, (-1 if best_dist is None else best_dist)


class ContextRule:
    """One recognizer's context words, negative labels and window, compiled once, with what each
    column heading says (first context word in it; the negative label it carries when it has no
    context word)."""

    __slots__ = ("source", "words", "any_word", "own_words", "negative", "any_negative", "any_either", "window",
                 "half", "finder", "negative_finder", "own_finder", "heading_word", "heading_label")

    def __init__(self, source: tuple, words: list[str], own_words: list[str], negative: list[str], window: int):
        self.source = source
        self.words = tuple(words)
        self.any_word = _any_word(self.words)
        self.own_words = tuple(own_words)
        self.negative = tuple(negative)
        self.any_negative = _any_word(self.negative)
        self.any_either = _any_word(self.words + self.negative)
        self.window = window
        self.half = window // 2
        # None: no words (or an empty one), which _nearest decides word by word
        self.finder = word_finder(self.words)
        self.negative_finder = word_finder(self.negative)
        self.own_finder = word_finder(self.own_words)
        self.heading_word: dict[str, str | None] = {}
        self.heading_label: dict[str, str | None] = {}

    def word_in_heading(self, heading: str) -> str | None:
        try:
            return self.heading_word[heading]
        except KeyError:
            if len(self.heading_word) >= _HEADINGS_KEPT:
                self.heading_word.clear()
            word = self.heading_word[heading] = next((w for w in self.words if w in heading), None)
            return word

    def label_in_heading(self, heading: str) -> str | None:
        """A negative label in a heading that holds none of the recognizer's own context words."""
        try:
            return self.heading_label[heading]
        except KeyError:
            if len(self.heading_label) >= _HEADINGS_KEPT:
                self.heading_label.clear()
            label = None
            if not any(w in heading for w in self.own_words):
                label = next((w for w in self.negative if w in heading), None)
            self.heading_label[heading] = label
            return label

    def contradicted(self, text: str, start: int, end: int, headers: dict[int, str] | None) -> str | None:
        """A label naming another kind of number (案件编号, 流水号…) nearer than any context word.

        A label inside a longer context word (身份证编号) does not count."""
        if not self.negative:
            return None
        window = self.window
        finder = self.negative_finder
        neg, neg_dist = (finder.nearest(text, start, end, window, 0) if finder is not None
                         else _nearest(text, start, end, self.negative, self.any_negative, window, 0))
        if neg is None:
            heading = headers.get(start) if headers else None
            return self.label_in_heading(heading) if heading else None
        label_end = start - neg_dist
        around = text[max(0, label_end - len(neg) - 6):label_end]
        if any(w in around for w in self.own_words):
            return None
        finder = self.own_finder
        pos, pos_dist = (finder.nearest(text, start, end, window, self.half) if finder is not None
                         else _nearest(text, start, end, self.own_words, _any_word(self.own_words), window, self.half))
        return neg if pos is None or neg_dist < pos_dist else None


class CharDistanceContextEnhancer(ContextAwareEnhancer):
    """Presidio's context step for text without word boundaries or lemmas.

    Presidio's LemmaContextAwareEnhancer compares the lemmas of the tokens around a match with the
    recognizer's context words; a blank zh pipeline has no lemmas, and it walks every token per
    match. Here a context word counts when it occurs (as a substring of the normalised text)
    within `window` characters before the match or `window // 2` characters after it, or in the
    column heading of the table cell the match sits in (`headers`). Each recognizer's words are
    compiled once into a ContextRule; a window holding none of them costs two C-level searches.
    """

    def __init__(self, context_similarity_factor: float = 0.35,
                 min_score_with_context_similarity: float = 0.4, window: int = DEFAULT_WINDOW):
        super().__init__(context_similarity_factor, min_score_with_context_similarity, window, window // 2)
        self.window = window
        self._rules: dict[tuple, ContextRule] = {}

    @staticmethod
    def find_word(text: str, start: int, end: int, words, before: int, after: int) -> str | None:
        """The context word nearest the span [start, end), searched within the window; None if none."""
        return _nearest(text, start, end, words, _any_word(words), before, after)[0]

    @staticmethod
    def nearest(text: str, start: int, end: int, words, before: int, after: int) -> tuple[str | None, int]:
        """(word, distance in characters) of the context word nearest the span; (None, -1) if none."""
        return _nearest(text, start, end, words, _any_word(words), before, after)

    def rule(self, rec, context: list[str] | None = None) -> ContextRule:
        """The ContextRule of a recognizer (and the call's extra words), rebuilt when its settings change."""
        own = getattr(rec, "context", None) or _NONE
        negative = getattr(rec, "negative_context", None) or getattr(rec, "NEGATIVE_CONTEXT", None) or _NONE
        window = getattr(rec, "context_window", None) or self.window
        source = (own, negative, window)
        key = (id(rec), tuple(context) if context else None)
        rule = self._rules.get(key)
        # the lists are compared by identity: the YAML configuration replaces them, it does not edit them
        if rule is None or rule.source[0] is not own or rule.source[1] is not negative or rule.source[2] != window:
            words = list(own) + list(context or [])
            rule = self._rules[key] = ContextRule(source + (rec,), words, list(own), list(negative), window)
        return rule

    def contradicted(self, text: str, result: RecognizerResult, rec, headers: dict[int, str] | None) -> str | None:
        """A label naming another kind of number nearer than any context word (see ContextRule.contradicted)."""
        return self.rule(rec).contradicted(text, result.start, result.end, headers)

    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult],
                              nlp_artifacts: "NlpArtifacts | None", recognizers: list[EntityRecognizer],
                              context: list[str] | None = None,
                              headers: dict[int, str] | None = None) -> list[RecognizerResult]:
        """Presidio's entry point: each result scored with the rule of the recognizer its metadata names."""
        by_name = {r.name: r for r in recognizers}
        self.score_found(text, [(r, by_name.get((r.recognition_metadata or {}).get(_NAME))) for r in raw_results],
                         context, headers)
        return raw_results

    def score_found(self, text: str, found: list, context: list[str] | None = None,
                    headers: dict[int, str] | None = None) -> None:
        """Score (result, recognizer) pairs in place: what the engine calls, once per segment."""
        rules: dict[int, ContextRule] = {}
        for result, rec in found:
            meta = result.recognition_metadata or {}
            if meta.get(_ENHANCED):
                continue
            rule = rules.get(id(rec))
            if rule is None:
                rule = rules[id(rec)] = self.rule(rec, context)
            start, end = result.start, result.end
            window = rule.window
            heading = headers.get(start) if headers else None
            if rule.any_either is None or rule.any_either.search(text, start - window if start > window else 0,
                                                                 end + rule.half) is None:
                # no context word and no negative label anywhere near: only the column heading can decide
                if heading is None:
                    continue
                label = rule.label_in_heading(heading) if rule.negative else None
                if label is None:
                    word = rule.word_in_heading(heading) if rule.words else None
                    if word is not None:
                        self._support(result, meta, word)
                    continue
                result.score = self.MIN_SCORE
                meta["contradicted_by"] = label
                continue
            label = rule.contradicted(text, start, end, headers) if rule.negative else None
            if label is not None:
                result.score = self.MIN_SCORE
                meta["contradicted_by"] = label
                continue
            if not rule.words:
                continue
            finder = rule.finder
            word = (finder.nearest(text, start, end, window, rule.half) if finder is not None
                    else _nearest(text, start, end, rule.words, rule.any_word, window, rule.half))[0]
            if word is None and heading:
                word = rule.word_in_heading(heading)
            if word is not None:
                self._support(result, meta, word)

    def _support(self, result: RecognizerResult, meta: dict, word: str) -> None:
        """Raise the score for a context word and tell the explanation which word it was."""
        result.score = min(max(result.score + self.context_similarity_factor,
                               self.min_score_with_context_similarity), self.MAX_SCORE)
        support = getattr(result, "support_context", None)
        if support is not None:
            support(word, result.score)
        elif result.analysis_explanation is not None:
            result.analysis_explanation.set_supportive_context_word(word)
            result.analysis_explanation.set_improved_score(result.score)
        meta[_ENHANCED] = True
        result.recognition_metadata = meta
