"""Administrative-division names (province, prefecture, county) from detectors/data/divisions.tsv, with short forms."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "divisions.tsv"
# placeholders in the adcode table that are not place names
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县级行政区划"}
# 楚雄彝族自治州 → 楚雄州, 石林彝族自治县 → 石林县, 云南省 → 云南
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,8}?族)+自治(州|县|旗)$")
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")


@lru_cache(maxsize=1)
def division_names() -> frozenset[str]:
    """Every division name as written in full, plus the short forms people write."""
    names: set[str] = set()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, _, name = line.partition("\t")
        name = name.strip()
        if not name or name in _PLACEHOLDERS:
            continue
        names.add(name)
        m = _AUTONOMOUS.match(name)
        if m:
            names.add(m.group(1) + m.group(2))
        if code.endswith("0000"):  # province level: 云南省 → 云南, 香港特别行政区 → 香港
            short = _PROVINCE_SUFFIX.sub("", name)
            if len(short) >= 2:
                names.add(short)
    return frozenset(names)


@lru_cache(maxsize=1)
def division_prefixes() -> frozenset[str]:
    """Every proper prefix of 2+ characters of a division name (武定 of 武定县, 张家 of 张家口市)."""
    out: set[str] = set()
    for n in division_names():
        for k in range(2, len(n)):
            out.add(n[:k])
    return frozenset(out)


@lru_cache(maxsize=1)
def _any_division() -> re.Pattern:
    """Every division name in one trie pattern: one search in C instead of a dictionary probe per character."""
    from ..persons.roles import trie_regex   # noqa: PLC0415 (roles imports nothing of ours)

    return re.compile(trie_regex(division_names()))


def first_division(text: str) -> int | None:
    """Where the first division name that lies wholly inside `text` starts, None if there is none."""
    m = _any_division().search(text)
    return m.start() if m else None
