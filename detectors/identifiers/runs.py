"""The identifier recognizers' shared candidate scan: runs of number characters, found once per text."""
from __future__ import annotations

import re
import re._constants as sre   # the parse tree of a pattern tells where its matches can be
import re._parser as sre_parse
from typing import NamedTuple

from ..base import CnPatternRecognizer

# What a written identifier is made of: digits, letters, the mask character, and the brackets and
# plus of a phone number's area or country code; groups are joined by ONE space or dash. Every
# match of a run-scoped pattern is inside one run (tests/detectors/test_identifier_runs.py).
RUN_CHARS = "0-9A-Za-z*+()（）"
_RUN = re.compile(f"[{RUN_CHARS}]+(?:[ \\-][{RUN_CHARS}]+)*")
# Runs shorter than this are kept only when they hold the mask character: a pattern that can match
# fewer characters is run-scoped only if it matches masked values (see RunScopedRecognizer).
SHORTEST = 6
# The same runs, but only where SHORTEST characters of runs or separators follow: the look-ahead
# after the first character lets re skip short numbers (years, counts) at C speed. It never starts
# a match inside a run: where it fails at a run's first character, it fails on the rest of the run.
_LONG_RUN = re.compile(f"[{RUN_CHARS}](?=[{RUN_CHARS} \\-]{{{SHORTEST - 1}}})[{RUN_CHARS}]*(?:[ \\-][{RUN_CHARS}]+)*")
_DIGITS_AND_SEPARATORS = "0123456789 -"
_PLANS_KEPT = 512   # kinds of runs remembered per recognizer (a run's length is part of its kind)

# A run: (start, end, digits_only, masked, plain); digits_only: digits and separators only (no
# letter, mask or bracket); masked: it holds the mask character "*"; plain: digits only, no
# separator either. Plain tuples: made for every run.
Run = tuple[int, int, bool, bool, bool]


class Runs(NamedTuple):
    longest: int
    runs: list[Run]


_NO_RUNS = Runs(0, [])
_last: tuple[str, Runs] = ("", _NO_RUNS)


def runs_of(text: str) -> Runs:
    """The runs of `text` at least SHORTEST long or holding a "*". The engine hands every recognizer
    the same text object, so the last answer is kept: six recognizers share one scan."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    runs = []
    longest = 0
    any_mask = "*" in text
    for m in (_RUN if any_mask else _LONG_RUN).finditer(text):
        start, end = m.span()
        value = m.group()
        if end - start < SHORTEST and not (any_mask and "*" in value):
            continue
        runs.append((start, end, not value.strip(_DIGITS_AND_SEPARATORS), any_mask and "*" in value,
                     value.isdigit()))
        if end - start > longest:
            longest = end - start
    found = Runs(longest, runs) if runs else _NO_RUNS
    _last = (text, found)
    return found


class Shape(NamedTuple):
    """What a pattern's parse tree says about where its matches can be."""

    width: int           # the fewest characters a match has
    digit_start: bool    # whether a match can start with a digit, space or dash
    reach: int           # how many characters past a match its look-aheads read
    # On a plain run (digits only), the lengths a match can have, when a match there must be the
    # whole run (no digit may precede or follow it); None: it need not. (1, 0): it cannot match.
    plain: tuple[int, float] | None = None


def pattern_shape(regex: str, flags: int = 0) -> Shape | None:
    """The Shape of a pattern, or None when it must be searched in the whole text: anchors (^, $, \\b)
    behave differently at the end of a run, and an empty match is in no run."""
    try:
        tree = sre_parse.parse(regex, flags)
        width = tree.getwidth()[0]
        reach = _lookahead_reach(tree)
    except (re.error, _Unbounded, TypeError, ValueError):
        return None
    if width == 0:
        return None
    first = _first_chars(list(tree))
    if first is not None and flags & re.IGNORECASE:
        first = first | {c.upper() for c in first} | {c.lower() for c in first}
    digit_start = first is None or bool(first & set(_DIGITS_AND_SEPARATORS))
    items = list(tree)
    plain = None
    if _no_digit_before(items) and _no_digit_after(items):
        plain = _digit_widths(items) or (1, 0)
    return Shape(width, digit_start, reach, plain)


class _Unbounded(Exception):
    pass


def _lookahead_reach(tree) -> int:
    reach = 0
    for op, av in tree:
        if op is sre.AT:
            raise _Unbounded
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, sub = av
            if direction == 1:
                most = sub.getwidth()[1]
                if most >= sre.MAXREPEAT:
                    raise _Unbounded
                reach = max(reach, most)
            reach = max(reach, _lookahead_reach(sub))
        elif op is sre.BRANCH:
            reach = max([reach] + [_lookahead_reach(alt) for alt in av[1]])
        elif op is sre.SUBPATTERN:
            reach = max(reach, _lookahead_reach(av[-1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            reach = max(reach, _lookahead_reach(av[2]))
        elif op in (sre.GROUPREF_EXISTS, sre.ATOMIC_GROUP, sre.GROUPREF):
            raise _Unbounded
    return reach


def _holds_digits(av) -> bool:
    """Whether an IN item's set holds every digit (RANGE 0-9 or the ten literals)."""
    digits = set()
    for kind, value in av:
        if kind is sre.RANGE:
            digits.update(c for c in range(48, 58) if value[0] <= c <= value[1])
        elif kind is sre.LITERAL and 48 <= value <= 57:
            digits.add(value)
    return len(digits) == 10


def _no_digit_before(items) -> bool:
    """Whether the character before any match is no digit: the pattern's first characters are followed
    by a look-behind (?<![0-9…].…) that covers them, or (an alternation) each branch is so or cannot
    start with a digit."""
    if items and items[0][0] is sre.BRANCH and len(items) > 1:
        return all(_no_digit_before(list(alt)) or _never_digit(list(alt)) for alt in items[0][1][1])
    consumed = []
    for op, av in items:
        if op in (sre.LITERAL, sre.IN):
            consumed.append((op, av))
            continue
        if op is not sre.ASSERT_NOT or av[0] != -1 or not consumed:
            return False
        sub = list(av[1])
        # the look-behind's first item is the character before the match, the rest must accept
        # whatever the match's first characters are
        if (len(sub) == len(consumed) + 1 and sub[0][0] is sre.IN and _holds_digits(sub[0][1])
                and all(x[0] is sre.ANY or x == c for x, c in zip(sub[1:], consumed))):
            return True
    return False


def _never_digit(items) -> bool:
    """Whether a branch starts with a character that is no digit (a literal "+", "(")."""
    if not items:
        return False
    op, av = items[0]
    if op is sre.LITERAL:
        return not 48 <= av <= 57
    if op is sre.IN:
        return _digit_widths([(op, av)]) is None
    return False


def _no_digit_after(items) -> bool:
    """A trailing (?![0-9…]): the character after a match is no digit."""
    for op, av in reversed(items):
        if op not in (sre.ASSERT, sre.ASSERT_NOT):
            return False
        sub = list(av[1])
        if op is sre.ASSERT_NOT and av[0] == 1 and len(sub) == 1 and sub[0][0] is sre.IN and _holds_digits(sub[0][1]):
            return True
    return False


def _digit_widths(items) -> tuple[int, float] | None:
    """(fewest, most) characters of a match made of digits only; None: no such match."""
    low, high = 0, 0
    for op, av in items:
        if op is sre.LITERAL:
            one = (1, 1) if 48 <= av <= 57 else None
        elif op is sre.IN:
            one = (1, 1) if any(k in (sre.NEGATE, sre.CATEGORY) for k, _ in av) or any(
                (k is sre.RANGE and v[0] <= 57 and v[1] >= 48) or (k is sre.LITERAL and 48 <= v <= 57)
                for k, v in av) else None
        elif op is sre.ANY:
            one = (1, 1)
        elif op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            one = (0, 0)
        elif op is sre.SUBPATTERN:
            one = _digit_widths(list(av[-1]))
        elif op is sre.BRANCH:
            alts = [w for w in (_digit_widths(list(alt)) for alt in av[1]) if w is not None]
            one = (min(a for a, _ in alts), max(b for _, b in alts)) if alts else None
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            w = _digit_widths(list(sub))
            if w is None:
                one = (0, 0) if lo == 0 else None
            else:
                one = (lo * w[0], float("inf") if hi >= sre.MAXREPEAT else hi * w[1])
        else:
            one = (0, float("inf"))   # cannot tell: no limit
        if one is None:
            return None
        low, high = low + one[0], high + one[1]
    return low, high


def _first_chars(items) -> set[str] | None:
    """The characters a match can start with; None: cannot tell (any)."""
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue   # zero width: the first character is the next item's
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:   # NEGATE, CATEGORY (\d, \w…)
                    return None
            return chars
        if op is sre.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                if alt.getwidth()[0] == 0:
                    return None
                sub = _first_chars(list(alt))
                if sub is None:
                    return None
                out |= sub
            return out
        if op is sre.SUBPATTERN and av[-1].getwidth()[0] > 0:
            return _first_chars(list(av[-1]))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] > 0:
            return _first_chars(list(av[2]))
        return None
    return None


class RunScopedRecognizer(CnPatternRecognizer):
    """A CnPatternRecognizer whose patterns are searched only inside the runs of runs_of(text).

    Speed: the six digit-based identifiers used to run about twenty patterns over every paragraph
    with a number in it; now one shared scan finds the runs, and a pattern is tried only on a run
    long enough for it, that holds a mask character if the pattern matches masked values, and
    that holds a letter or bracket if the pattern cannot start with a digit, and on a run of digits
    alone, only if its length is one a whole-run match of the pattern can have. The matches are the
    same as a search of the whole text: a subclass's patterns may consume only RUN_CHARS and single
    separators. Patterns the YAML configuration supplies are searched in the whole text."""

    PREFILTER_OFTEN = True   # a number in most paragraphs that pass the gate (engine._build_rare)

    def __init__(self, patterns=None, masked_patterns=None, **kwargs):
        super().__init__(patterns=patterns, masked_patterns=masked_patterns, **kwargs)
        # Only the class's own patterns are known to stay inside runs (and its masked ones to need a
        # "*"); a pattern without a Shape, or shorter than the runs kept, is searched in the whole text.
        own = patterns is None and masked_patterns is None
        shapes = []
        for _, rx, masked in self._compiled:
            shape = pattern_shape(rx.pattern, rx.flags) if own else None
            shapes.append(shape if shape and (masked or shape.width >= SHORTEST) else None)
        self.set_shapes(shapes)

    def set_shapes(self, shapes: list[Shape | None]) -> None:
        """Which patterns are searched where (None: in the whole text); forgets the plans made so far."""
        self._shapes = list(shapes)
        self._whole_text = [i for i, shape in enumerate(self._shapes) if shape is None]
        self._narrowest = min((shape.width for shape in self._shapes if shape), default=None)
        self._plans: dict[tuple, tuple] = {}

    def _plan(self, key: tuple) -> tuple:
        """For runs of one kind (length, digits only, masked, plain): (pattern index, pattern, reach,
        whole) of the patterns to try, `whole` when one attempt at the run's start decides."""
        length, digits_only, has_mask, plain = key
        plan = []
        for i, ((_, rx, masked), shape) in enumerate(zip(self._compiled, self._shapes)):
            if shape is None or length < shape.width or (masked and not has_mask) or (digits_only and not shape.digit_start):
                continue
            if plain and shape.plain is not None:
                # on a run of digits alone such a pattern matches the whole run or nothing
                if shape.plain[0] <= length <= shape.plain[1]:
                    plan.append((i, rx, shape.reach, True))
                continue
            plan.append((i, rx, shape.reach, False))
        if len(self._plans) >= _PLANS_KEPT:
            self._plans.clear()
        plan = self._plans[key] = tuple(plan)
        return plan

    def matches(self, text: str):
        compiled = self._compiled
        whole = [(i, compiled[i][1]) for i in self._whole_text]
        hits = run_hits(text, whole, self._narrowest, self._plans, self._plan)
        return [(compiled[i][0], compiled[i][2], a, b) for i, a, b in hits]


def run_hits(text: str, whole_text, narrowest: int | None, plans: dict, make_plan) -> list[tuple[int, int, int]]:
    """(pattern number, start, end) of every match, sorted by pattern number (stable: each pattern's in text order).

    `whole_text`: (number, compiled) of the patterns searched in the whole text; every other pattern is
    tried only on the runs its plan (`plans[key]`, made by `make_plan(key)`) says can hold it."""
    hits = []
    for number, rx in whole_text:
        hits.extend((number, m.start(), m.end()) for m in rx.finditer(text))
    if narrowest is not None:
        longest, runs = runs_of(text)
        if longest >= narrowest:
            n = len(text)
            for start, end, digits_only, has_mask, plain in runs:
                key = (end - start, digits_only, has_mask, plain)
                plan = plans.get(key)
                if plan is None:
                    plan = make_plan(key)
                for number, rx, reach, whole in plan:
                    # the look-aheads read up to `reach` characters past the run, as in the whole text
                    endpos = end + reach if end + reach < n else n
                    if whole:
                        m = rx.match(text, start, endpos)
                        if m is not None:
                            hits.append((number, m.start(), m.end()))
                        continue
                    # searched match by match (no iterator object: most runs hold one match or none); a
                    # planned pattern has a Shape, so its matches are never empty (pattern_shape)
                    m = rx.search(text, start, endpos)
                    while m is not None:
                        a, b = m.span()
                        if a >= end:
                            break
                        hits.append((number, a, b))
                        m = rx.search(text, b, endpos)
    if len(hits) > 1:
        hits.sort(key=_pattern_index)
    return hits


def _pattern_index(hit: tuple) -> int:
    return hit[0]
