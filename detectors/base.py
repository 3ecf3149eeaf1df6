"""The recognizer interface: Presidio recognizers that may also see where their text sits."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Pattern as RePattern

from presidio_analyzer import EntityRecognizer, RecognizerResult

if TYPE_CHECKING:
    from reviewer.document import Segment

# Keys a recognizer may set in RecognizerResult.recognition_metadata; the engine turns them into the
# finding's severity (e.g. "info" for a masked value or an official named in role), masked flag,
# detail (SENSITIVE_PERSONAL kind) and the explanation a reviewer reads.
SEVERITY = "severity"
MASKED = "masked"
DETAIL = "detail"
EXPLANATION = "explanation"


class SegmentRecognizer(EntityRecognizer):
    """A Presidio EntityRecognizer that the engine calls with the segment, not only its text.

    `text` is the engine's normalised text of the segment (half-width, Traditional converted to
    Simplified char by char, zero-width characters removed). Return offsets into `text`; the
    engine maps them back to the original (the two are the same length unless the original held
    zero-width characters).
    `segment` gives the location (part, paragraph, page, sheet) and, for table rows, the cells
    with their column headings (their `start` offsets index the ORIGINAL text).

    Speed contract: PREFILTER is a regular expression (a string, case-sensitive)
    searched in the normalised text before the recognizer is called; the recognizer runs only
    on segments where it matches. None means "always run" (avoid: every segment pays for it).
    Recognizers with the same PREFILTER string share one search. Keep it cheap: a character
    class or a short alternation of keywords, e.g. r"[0-9]{3}" or r"★|秘密|机密".
    """

    PREFILTER: ClassVar[str | None] = None
    # The same prefilter as (first-character class, rest) pairs, so the engine can fold it into its one
    # combined candidate pass (see `anchored`): they match in a text where PREFILTER does, each starting
    # where a PREFILTER match starts or before it (never after); None: the engine searches PREFILTER on
    # its own.
    ANCHORS: ClassVar[tuple[tuple[str, str], ...] | None] = None

    ENTITIES: ClassVar[list[str]] = []
    DEFAULT_SCORE: ClassVar[float] = 0.8   # the score of a finding; YAML may set `score`

    def __init__(self, supported_entities: list[str] | None = None, name: str | None = None,
                 supported_language: str = "zh", score: float | None = None, **kwargs):
        self.score = self.DEFAULT_SCORE if score is None else score
        super().__init__(supported_entities=supported_entities or list(self.ENTITIES), name=name,
                         supported_language=supported_language, **kwargs)

    def analyze_segment(self, text: str, segment: "Segment | None", entities: list[str]) -> list[RecognizerResult]:
        return []

    def analyze(self, text, entities, nlp_artifacts=None):  # Presidio's entry point: text without a segment
        return self.analyze_segment(text, None, entities)

    def load(self) -> None:  # Presidio calls this from __init__
        pass


def compile_prefilter(pattern: str | None) -> RePattern | None:
    return re.compile(pattern) if pattern else None


def _class_body(first: str) -> str:
    """The inside of a first-character class: 「[0-9@]」 → 「0-9@」, a literal 「密」 → 「密」."""
    if first.startswith("[") and first.endswith("]") and not first.startswith("[^"):
        return first[1:-1]
    if len(first) == 1:
        return re.escape(first)
    raise ValueError(f"an anchor starts with one character or one character class, not {first!r}")


# The anchors' first characters that government prose is made of most: the commonest places where the
# candidate pass stops in the bench's prose and in the laws perf_check reads (27 Nov 2026: the comma,
# digits, the last characters of 人/员/工/民/众…, 县/局/镇/乡 before 长, 密). Anchors that start with one of
# them are tried first, all the others behind one class test (see `anchored`). Only the speed of the pass
# depends on this list, never what it finds.
COMMON_FIRSTS = "，（(0123456789人公工民众安生理者机主员长县局镇乡密"


def _reread(first_class: str, branches: list[str]) -> str:
    """「[first characters](?<=(?=branch|branch…).)」: one class test where none of the branches can start;
    where one can, the branches are tried on the same character again (each first on its own first
    character, a branch that cannot start there costs that one test)."""
    inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"[{first_class}](?<=(?={inner})(?s:.))"


def anchored(anchors, extra: str = "") -> str:
    """One pattern for prefilters written as (first-character class, rest) pairs: it matches where one of
    the anchors matches, first at the first such place; `extra` (the inside of a character class) adds
    characters that match on their own.

    Most text holds no match, so what counts is the cost of failing. Python's re fails cheaply where no
    anchor can start, and at each candidate character tests every branch of an alternation on its first
    character in turn (a class test costs about five times a literal), trying the later branches even
    after the one that fitted has failed. So the pattern is a small tree:
    - it starts with ONE class, the union of all first characters: re skips to the next candidate in C
      (a pattern that starts with a look-ahead is tried at every position: 20 % slower in all);
    - there the branches are tried again on the same character (see `_reread`); anchors with the same
      first character(s) make one branch, their rests its alternatives;
    - branches whose first characters are among COMMON_FIRSTS come first; all the others (rarer
      characters, the characters that match on their own, forty cues of SENSITIVE_PERSONAL) sit behind
      one more class test, so that the frequent candidates pay one test for all of them, not twenty.
    The engine's gate (all anchors of all recognizers) on the bench's prose without findings: 7.1 µs a
    paragraph as one flat alternation, 3.9 µs now (with the anchors' own cheapest-test-first rests)."""
    firsts = "".join(_class_body(f) for f, _ in anchors) + extra
    alone = "".join(_class_body(f) for f, rest in anchors if not rest) + extra
    rests: dict[str, list[str]] = {}
    for f, rest in anchors:
        if rest:
            rests.setdefault(f, []).append(rest)
    common: list[str] = []
    rare = [f"[{alone}]"] if alone else []
    rare_firsts = alone
    for f, alternatives in rests.items():
        branch = f + (alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")")
        if re.search(f"[{_class_body(f)}]", COMMON_FIRSTS):
            common.append(branch)
        else:
            rare.append(branch)
            rare_firsts += _class_body(f)
    if common and rare:
        common.append(_reread(rare_firsts, rare))
    return _reread(firsts, common or rare)


def word_anchors(words) -> tuple[tuple[str, str], ...]:
    """Anchors for a list of literal keywords: grouped by first character, the rest as a trie."""
    from .persons.roles import trie_regex   # noqa: PLC0415 (roles imports nothing of ours)

    rests: dict[str, set[str]] = {}
    for w in words:
        rests.setdefault(w[0], set()).add(w[1:])
    out = []
    for first, tails in sorted(rests.items()):
        rest = "" if "" in tails else trie_regex(tails)
        out.append((first, rest))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Pattern recognizers for Chinese text

# Labels of numbers that are not personal identifiers, shared by the ID and card recognizers.
OTHER_NUMBER_LABELS = ["编号", "案号", "流水号", "单号", "合同号", "文号", "批次号", "批号", "登记号",
                       "序列号", "条码", "发票号", "凭证号", "档案号", "项目代码", "许可证号", "证书号"]

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer  # noqa: E402

# Look-arounds that replace \b: CJK characters are word characters in Python, so
# r"\b1[3-9]\d{9}\b" misses 「手机13812345678」. These say "no digit/letter right before/after".
NOT_AFTER_ALNUM = r"(?<![0-9A-Za-z])"
NOT_BEFORE_ALNUM = r"(?![0-9A-Za-z])"
NOT_AFTER_DIGIT = r"(?<![0-9])"
NOT_BEFORE_DIGIT = r"(?![0-9])"
SEP = r"[ \-]?"   # one optional space or dash between digit groups (normalised text)
# The one prefilter of every digit-based identifier (ID, phones, cards, passports, credit codes):
# six digits, or digit groups split by a space or dash, or digits then four asterisks (masked).
# It starts with one character class, which the regex engine scans fast; the identifier
# recognizers share it, so the engine searches it once per segment.
DIGIT_RUN = r"[0-9](?:[0-9]{5}|[0-9]{1,3}[ \-][0-9*]{4}|[0-9]{0,5}\*{4})"
# The same, for the engine's combined pass, anchored at the first digit of the run of digits that holds
# the match (an anchor may start before its prefilter's match, never after): six digits in the run, or
# two before a space or dash and four more, or **** after it. At every later digit the pass tests one
# look-behind instead of trying the three alternatives (dates and amounts are runs of 2–4 digits).
DIGIT_ANCHORS = (("[0-9]", r"(?<![0-9].)[0-9]*+(?:(?<=[0-9]{6})|(?<=[0-9]{2})[ \-][0-9*]{4}|\*{4})"),)


_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_IDENTIFIER_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY


class CnPatternRecognizer(PatternRecognizer):
    """A Presidio PatternRecognizer that suits Chinese text and the engine's speed contract.

    Differences from PatternRecognizer: patterns run with the standard `re` module, precompiled
    once; `validate_result` may also see the match's surroundings through `self.current_text`
    and `self.current_span`; patterns named in MASKED_PATTERNS report an already-masked value
    (severity info, masked=True) without validation. Put look-behinds AFTER a pattern's first
    character (r"[1-9](?<![0-9A-Za-z].)…" rather than r"(?<![0-9A-Za-z])[1-9]…"): Python's re
    scans fast for a pattern that starts with a literal or a character class, and tries one
    that starts with a look-behind at every position (three times slower). `severity`, `context_window` and
    `prefilter` are per-instance settings the YAML configuration may change.
    """

    PATTERNS: ClassVar[list[Pattern]] = []
    CONTEXT: ClassVar[list[str]] = []
    MASKED_PATTERNS: ClassVar[tuple[str, ...]] = ()
    VALIDATION_LABEL: ClassVar[str] = "校验通过"
    PREFILTER: ClassVar[str | None] = None
    ANCHORS: ClassVar[tuple[tuple[str, str], ...] | None] = None   # see SegmentRecognizer.ANCHORS
    ENTITY: ClassVar[str] = ""
    # Labels of other kinds of numbers (案件编号, 流水号…): nearer than any context word, they
    # silence a match however well it validates (see context.CharDistanceContextEnhancer).
    NEGATIVE_CONTEXT: ClassVar[list[str]] = []
    # True: when a match written in groups (5301 0219 …) fails validation, try it without its
    # first or last groups: in PDF and table text, neighbouring columns (序号, 人口数) are
    # separated by the same spaces as the groups of a number.
    TRIM_GROUPS: ClassVar[bool] = False
    # Presidio compiles patterns case-insensitively; the identifiers here spell out their cases,
    # and without IGNORECASE a pattern that starts with a letter is scanned for fast.
    REGEX_FLAGS: ClassVar[int] = re.IGNORECASE

    def __init__(self, patterns: list[Pattern] | None = None, context: list[str] | None = None,
                 supported_entity: str | None = None, supported_language: str = "zh",
                 name: str | None = None, masked_patterns: tuple[str, ...] | None = None,
                 prefilter: str | None = None, negative_context: list[str] | None = None, **kwargs):
        super().__init__(supported_entity=supported_entity or self.ENTITY,
                         patterns=list(patterns if patterns is not None else self.PATTERNS),
                         context=list(context if context is not None else self.CONTEXT),
                         supported_language=supported_language, name=name, **kwargs)
        self.masked_patterns = set(masked_patterns if masked_patterns is not None else self.MASKED_PATTERNS)
        self.prefilter = prefilter if prefilter is not None else self.PREFILTER
        self.negative_context = list(negative_context if negative_context is not None else self.NEGATIVE_CONTEXT)
        self.severity: str | None = None
        self.context_window: int | None = None
        self.current_text = ""
        self.current_span = (0, 0)
        self._compiled = [(p, re.compile(p.regex, self.REGEX_FLAGS), p.name in self.masked_patterns)
                          for p in self.patterns]

    def analyze_segment(self, text: str, segment: "Segment", entities: list[str]) -> list[RecognizerResult]:
        return self.analyze(text, entities)

    def validate_masked(self, pattern_text: str) -> bool:
        """Whether a match of a masked pattern is a masked value of this type (e.g. its length)."""
        return True

    def matches(self, text: str):
        """(pattern, masked, start, end) of every match, pattern by pattern, each in text order.

        Here: each pattern's finditer over the whole text. Subclasses may look only where a match
        can be (detectors.identifiers.runs.RunScopedRecognizer), yielding the same matches."""
        for pattern, rx, masked in self._compiled:
            for m in rx.finditer(text):
                yield pattern, masked, m.start(), m.end()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        return self.results_of(text, self.matches(text))

    def results_of(self, text: str, matches) -> list[RecognizerResult]:
        """The results of `matches` ((pattern, masked, start, end), as matches() gives them): validated,
        scored, with the metadata the engine reads. A RunGroup finds the matches of several recognizers
        in one pass and hands each its own."""
        results: list[RecognizerResult] = []
        entity = self.supported_entities[0]
        name, ident, flags, top = self.name, self.id, self.REGEX_FLAGS, self.MAX_SCORE
        validate, validate_masked, trim = self.validate_result, self.validate_masked, self.TRIM_GROUPS
        # Presidio's own invalidate_result says nothing: not called per match
        invalidate = self.invalidate_result
        if getattr(invalidate, "__func__", None) is PatternRecognizer.invalidate_result:
            invalidate = None
        self.current_text = text
        for pattern, masked, start, end in matches:
            if start == end:
                continue
            value = text[start:end]
            self.current_span = (start, end)
            if masked:
                if not validate_masked(value):
                    continue
                validation = None
            else:
                validation = validate(value)
                if validation is False and trim:
                    for a, b in trimmed_spans(value):
                        validation = validate(value[a:b])
                        if validation is not False:
                            start, end, value = start + a, start + b, value[a:b]
                            break
                if validation is False or (invalidate is not None and invalidate(value)):
                    continue
            meta = {_NAME_KEY: name, _IDENTIFIER_KEY: ident}
            if masked:
                meta[MASKED] = True
                meta[SEVERITY] = "info"
            results.append(PatternResult(entity, start, end, top if validation else pattern.score, meta, name,
                                         pattern, validation, flags))
        self.current_text = ""
        return results


class PatternResult(RecognizerResult):
    """A RecognizerResult of a pattern match whose Presidio AnalysisExplanation is built only when read.

    Building one costs more than finding most identifiers, and the engine reads only three of its
    facts (explain.render uses `facts()`); Presidio callers that read `analysis_explanation` get the
    same object PatternRecognizer would have built, with the context word and improved score."""

    def __init__(self, entity_type: str, start: int, end: int, score: float, recognition_metadata: dict,
                 recognizer_name: str, pattern: Pattern, validation_result: bool | None, regex_flags: int):
        # RecognizerResult.__init__ only stores these (and logs when metadata is missing: never here)
        self.entity_type = entity_type
        self.start = start
        self.end = end
        self.score = score
        self.recognition_metadata = recognition_metadata
        self.recognizer_name = recognizer_name
        self.pattern = pattern
        self.validation_result = validation_result
        self.regex_flags = regex_flags
        self.first_score = score

    # until the context step or a Presidio caller sets them (class defaults: one result costs fewer stores)
    context_word = ""
    improved_score: float | None = None
    _explanation: AnalysisExplanation | None = None

    def facts(self) -> tuple[str | None, bool | None, str]:
        """(pattern name, validation result, supportive context word), as the explanation says."""
        exp = self._explanation
        if exp is not None:
            return exp.pattern_name, exp.validation_result, exp.supportive_context_word
        return self.pattern.name, self.validation_result, self.context_word

    def support_context(self, word: str, score: float) -> None:
        """Record the context word that raised the score to `score` (what the context step tells the explanation)."""
        self.context_word, self.improved_score = word, score
        if self._explanation is not None:
            self._explanation.set_supportive_context_word(word)
            self._explanation.set_improved_score(score)

    @property
    def analysis_explanation(self) -> AnalysisExplanation:
        if self._explanation is None:
            p = self.pattern
            exp = PatternRecognizer.build_regex_explanation(self.recognizer_name, p.name, p.regex, p.score,
                                                            self.validation_result, self.regex_flags)
            exp.score = self.first_score
            if self.improved_score is not None:
                exp.set_supportive_context_word(self.context_word)
                exp.set_improved_score(self.improved_score)
            self._explanation = exp
        return self._explanation

    @analysis_explanation.setter
    def analysis_explanation(self, value: AnalysisExplanation | None) -> None:
        self._explanation = value

    def to_dict(self) -> dict:
        return {"entity_type": self.entity_type, "start": self.start, "end": self.end, "score": self.score,
                "analysis_explanation": self.analysis_explanation,
                "recognition_metadata": self.recognition_metadata}


_GROUP = re.compile(r"[0-9A-Za-z*]+")


def trimmed_spans(value: str, most: int = 3):
    """Spans of `value` without up to `most` of its leading and/or trailing digit groups, fewest dropped first."""
    parts = [m.span() for m in _GROUP.finditer(value)]
    n = len(parts)
    for drop in range(1, min(n - 1, most) + 1):
        for lead in range(drop + 1):
            kept = parts[lead:n - (drop - lead)]
            yield kept[0][0], kept[-1][1]


def group_lengths(value: str) -> list[int]:
    """Lengths of the digit groups of a written number: 「5301 0219 8703 1500 12」 → [4, 4, 4, 4, 2]."""
    return [m.end() - m.start() for m in _GROUP.finditer(value)]
