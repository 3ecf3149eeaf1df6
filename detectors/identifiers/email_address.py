"""EMAIL_ADDRESS: 电子邮箱, with the top-level domain checked against tldextract's bundled suffix list (offline)."""
from __future__ import annotations

from functools import lru_cache

from presidio_analyzer import Pattern

from ..base import CnPatternRecognizer


@lru_cache(maxsize=1)
def _extractor():
    """tldextract with its bundled Public Suffix List snapshot: no network, no cache directory."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class EmailAddressRecognizer(CnPatternRecognizer):
    """电子邮箱 in Chinese text (no \\b: 「邮箱zhangsan@163.com」 is found); masked forms are info."""

    ENTITY = "EMAIL_ADDRESS"
    _DOMAIN = r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
    PATTERNS = [
        Pattern("电子邮箱", r"[A-Za-z0-9](?<![A-Za-z0-9._%+\-].)[A-Za-z0-9._%+\-]{0,63}" + _DOMAIN, 0.5),
        Pattern("已脱敏的电子邮箱",
                r"(?<![A-Za-z0-9._%+\-*])[A-Za-z0-9._%+\-]{0,63}\*+[A-Za-z0-9._%+\-*]{0,63}" + _DOMAIN, 0.5),
    ]
    MASKED_PATTERNS = ("已脱敏的电子邮箱",)
    CONTEXT = ["邮箱", "电子邮件", "邮件", "E-mail", "Email", "email", "邮箱地址"]
    VALIDATION_LABEL = "域名后缀有效"
    PREFILTER = r"@"
    PREFILTER_OFTEN = True   # a literal: found at memchr speed on its own (engine._build_rare)
    ANCHORS = (("@", ""),)
    REGEX_FLAGS = 0

    def validate_result(self, pattern_text: str) -> bool | None:
        return _has_suffix(pattern_text.rsplit("@", 1)[-1])


@lru_cache(maxsize=4096)
def _has_suffix(domain: str) -> bool:
    """Whether tldextract finds a public suffix in `domain`. Remembered per domain: a document names
    the same few mail domains (163.com, qq.com, gov.cn) again and again, and one look-up costs ~10 µs."""
    return bool(_extractor()(domain).suffix)
