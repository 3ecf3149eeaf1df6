"""CN_RESIDENT_ID: 居民身份证号, 18 digits with the GB 11643 MOD 11-2 check, or the old 15-digit form."""
from __future__ import annotations

import datetime as dt
import re
import time

from presidio_analyzer import Pattern

from ..base import DIGIT_ANCHORS, DIGIT_RUN, OTHER_NUMBER_LABELS, group_lengths
from .runs import RunScopedRecognizer

# The first two digits: 省级行政区 codes (GB/T 2260), plus 71 台湾, 81 香港, 82 澳门, and 83: the
# 港澳台居民居住证 numbers GB 11643 gives 810000 (香港), 820000 (澳门) and 830000 (台湾) as region.
PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
                      "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split())
_NOT_DIGIT = re.compile(r"[^0-9X]")
_NOT_ID_OR_MASK = re.compile(r"[^0-9Xx*]")
# How people write an ID number in groups: whole, region-birth date-rest, or in fours.
GROUPINGS = ([18], [15], [6, 8, 4], [6, 4, 4, 4], [4, 4, 4, 4, 2], [6, 6, 3])
# The first two characters of a masked number: a province code, or one digit of it, or none.
MASKED_REGIONS = PROVINCES | {k[0] + "*" for k in PROVINCES} | {"**"}
_EARLIEST = dt.date(1900, 1, 1)


class CnResidentIdRecognizer(RunScopedRecognizer):
    """居民身份证号: region + birth date + sequence (+ check character); masked forms are info."""

    ENTITY = "CN_RESIDENT_ID"
    PATTERNS = [
        Pattern("18位身份证号",
                r"[1-9](?<![0-9A-Za-z_].)(?<![0-9]\..)(?:[ \-]?[0-9]){16}[ \-]?[0-9Xx](?![0-9A-Za-z])(?!\.[0-9])",
                0.5),
        Pattern("15位旧身份证号",
                r"[1-9](?<![0-9A-Za-z_].)(?<![0-9]\..)[0-9]{14}(?![0-9A-Za-z])(?!\.[0-9])",
                0.3),
        Pattern("已脱敏的身份证号",
                r"[1-9](?<![0-9A-Za-z*].)[0-9]{0,13}\*{4,16}[0-9*]{0,6}[0-9Xx](?![0-9A-Za-z*])", 0.5),
    ]
    MASKED_PATTERNS = ("已脱敏的身份证号",)
    CONTEXT = ["身份证号码", "身份证号", "身份证", "公民身份号码", "身份号码", "证件号码", "证件号", "居民身份", "身份证件"]
    VALIDATION_LABEL = "校验位正确（GB 11643）"
    PREFILTER = DIGIT_RUN
    ANCHORS = DIGIT_ANCHORS
    REGEX_FLAGS = 0
    NEGATIVE_CONTEXT = OTHER_NUMBER_LABELS
    TRIM_GROUPS = True

    def validate_result(self, pattern_text: str) -> bool | None:
        # most matches are written whole (digits, perhaps an X): no grouping to check, nothing to strip
        if pattern_text.isalnum():
            number = pattern_text.upper()
        elif group_lengths(pattern_text) not in GROUPINGS:
            return False
        else:
            number = _NOT_DIGIT.sub("", pattern_text.upper())
        if len(number) == 18:
            return self.is_valid_18(number)
        if len(number) == 15:
            return None if self.is_plausible_15(number) else False
        return False

    def validate_masked(self, pattern_text: str) -> bool:
        kept = _NOT_ID_OR_MASK.sub("", pattern_text)
        return len(kept) == 18 and kept[:2] in MASKED_REGIONS and kept.count("*") >= 4

    @staticmethod
    def is_valid_18(number: str) -> bool:
        """Province code, the MOD 11-2 check character, and a birth date between 1900 and today
        (cheapest first: a set look-up, one int() in base 13, then a date)."""
        if number[:2] not in PROVINCES or not number[:17].isdigit():
            return False
        # GB 11643: Σ digit × 2^(17-i) mod 11 = the 17 digits read in base 13 mod 11 (13 ≡ 2);
        # the check character makes the whole sum 1 (stdnum.cn.ric.calc_check_digit)
        check = (1 - 2 * int(number[:17], 13)) % 11
        if number[17] != ("X" if check == 10 else str(check)):
            return False
        return CnResidentIdRecognizer.plausible_date(number[6:14])

    @staticmethod
    def is_plausible_15(number: str) -> bool:
        """Old form (before 1999): province code and a valid 19YYMMDD birth date; no check digit."""
        return number[:2] in PROVINCES and CnResidentIdRecognizer.plausible_date("19" + number[6:12])

    @staticmethod
    def plausible_date(yyyymmdd: str) -> bool:
        try:
            born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
        except ValueError:
            return False
        return _EARLIEST <= born <= _today()


_TODAY: list = [0.0, None]   # [when it stops being today (a timestamp), today's date]


def _today() -> dt.date:
    """dt.date.today(), asked of the clock once a day rather than once per number (it costs more
    than the rest of the check)."""
    now = time.time()
    if now >= _TODAY[0]:
        today = dt.date.today()
        midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
        _TODAY[:] = [midnight.timestamp(), today]
    return _TODAY[1]
