"""Checksums for the identifiers used in the corpus (ID MOD 11-2, Luhn, 统一社会信用代码)."""
import unicodedata

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def digits(s: str) -> str:
    """NFKC-normalise and drop spaces/dashes, as the scorer does."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if ch not in " -\u00a0\u3000").upper()


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def is_valid_id18(s: str) -> bool:
    s = digits(s)
    return len(s) == 18 and s[:17].isdigit() and id_check_char(s[:17]) == s[17]


def is_plausible_id15(s: str) -> bool:
    s = digits(s)
    return len(s) == 15 and s.isdigit() and 1 <= int(s[8:10]) <= 12


def luhn_ok(s: str) -> bool:
    s = digits(s)
    if not s.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise ValueError(prefix)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def make_id(region: str, birth: str, seq: str) -> str:
    first = region + birth + seq
    return first + id_check_char(first)
