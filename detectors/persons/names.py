"""Where a Chinese name starts and ends: surname lexicon, given-name length, masks, and words that only look like names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..addresses.divisions import division_names, division_prefixes
from .surnames import surnames

# masked given names: 张*, 张某, 张某某, 王××, 欧阳**
MASK_CHARS = "*某×xX○〇☆"
MASK_SET = frozenset(MASK_CHARS)
# a given name never holds these: places and organisations, function words, counters
NOT_IN_GIVEN = set(
    "县市省区镇乡村州局厅委办院所队站司厂店部处科股组庄屯寨街路巷号室楼幢"
    "的了是在和与及或等向对把被将从到于因为其之所以也都又还并即就要请该本我你他她它们"
    "人员者方面年日时分秒万亿个件项条款次起名位户内外上下前后左右"
    "男女岁省市称说副某*×"
    "多次已未均须再仍不没无会拟予经按"
)
# the second given-name character: stop before these (张磊在… → 张磊, 何长青未… → 何长青)
STOP_AFTER_ONE = set("的了是在和与及或等向对把被将从到于因为其之所以也都又还并即就要请该系未已曾驾称说反提申住家同先女男现"
                     "出主带参负分进作来去任兼率召陪看赴携受遭患")
# two-character words that begin with a surname character but are not names
NOT_NAMES = frozenset("""
同上 合计 小计 总计 备注 本人 安全 高度 程序 任务 常务 司法 公安 管理 万元 金额 石材 方案 方式 时间 地点
史料 黄金 白色 马路 钱款 江河 林业 林地 水田 田地 房屋 房产 车辆 车主 牛羊 包括 包干 章程 项目 卫生 卫健
雷电 高速 高温 高中 高校 高级 严格 严重 严肃 单位 单独 连续 连同 费用 应当 应急 应用 应该 曾经 毛重 苗木
宁可 齐全 齐抓 沈阳 武装 武警 文化 向前 汤圆 常规 常见 常委 贺电 杨树 柳树 梅花 乔木 席位 关于 关注 关系
范围 范本 谭某 党员 戴帽 孔洞 屈服 龚某 秦岭 欧元 欧洲 司机 华侨 明确 杜绝 封闭 封存 管控 管护
""".split())
LIST_SEP = "、"
FREQUENT_FILE = Path(__file__).resolve().parent.parent / "data" / "common_words.txt"
# after a name: a particle or verb that ends it (当事人鲁成贵驾驶…, 张磊在…)
BOUNDARY = set("的在于因为是等和与及系未已曾被将把对向到从驾称说反提申住家同多以并也均要名受遭患")


@lru_cache(maxsize=1)
def frequent_words() -> frozenset[str]:
    """Frequent two-character words of any kind (detectors/data/common_words.txt)."""
    lines = FREQUENT_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def bounded(text: str, name: "Name") -> bool:
    """The name ends at a boundary, before a particle or verb, or its given name is no frequent word
    (申请人向行政机关… is not a name: 行政 is a word; 负责人陆永强长期… is)."""
    sn = surname_at(text, name.start) or ""
    if sn in FUNCTION_SURNAMES and not _ceng_surname(text, name, sn):
        return False   # 当事人于收到…, 申请人向有权…: a preposition, not a surname
    if name.end >= len(text) or not is_cjk(text[name.end]) or text[name.end] in BOUNDARY:
        return True
    given = text[name.start + len(sn):name.end]
    frequent = frequent_words()
    if len(given) != 2 or given in frequent or text[name.end - 1:name.end + 1] in frequent:
        return False
    if text[name.start:name.start + 2] in _lexicon().places:
        return False   # 楚雄丰源粮油…: a place name begins an organisation's name
    return not ORG_TAIL.match(text, name.end, name.end + 14)


# surnames that are also prepositions or verbs: 申请人向有权…, 当事人于…
FUNCTION_SURNAMES = frozenset("向于曾")
# 曾 (once) begins these: 曾提出, 曾担任, 曾拨打…; a name 曾 + two characters starts with none of them
CENG_ADVERB_NEXT = frozenset("经在于向被多因就是有任获到去来为与和对将把先书口拨收办签购提参担从表反联申住居租借欠受遭患"
                             "犯服做作当考读学上下进出回说讲称告找要请给让叫打写发送交缴领拿买卖用使以明确")


def _ceng_surname(text: str, name: "Name", sn: str) -> bool:
    """曾 is the surname, not the adverb: two given characters no verb starts, then a boundary
    (邻居曾德文在…, but 申请人曾拨打…, 当事人曾担任的…)."""
    given = text[name.start + 1:name.end]
    return (sn == "曾" and len(given) == 2 and given[0] not in CENG_ADVERB_NEXT and given not in frequent_words()
            and (name.end >= len(text) or not is_cjk(text[name.end]) or text[name.end] in BOUNDARY))
_PAREN = re.compile(r"\s*[（(][^）)]{1,20}[）)]")
ORG_TAIL = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:公司|有限|集团|厂|店|合作社|中心|协会|学校|医院|银行|局|所)")
# characters that never begin a name even in a name column
NOT_A_SURNAME = set("的了是在和与及或等我你他她它这本该各每某其之所以县市省区镇乡村合小总共")
COMMON_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "not_names.txt"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Two-character common words that begin with a surname character (detectors/data/not_names.txt)."""
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#")) | NOT_NAMES


@dataclass(slots=True)
class Name:
    start: int
    end: int
    masked: bool = False

    def text(self, s: str) -> str:
        return s[self.start:self.end]


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _given_ok(given: str) -> bool:
    return bool(given) and all(is_cjk(c) and c not in NOT_IN_GIVEN for c in given)


_SURNAMES = surnames()
_SINGLE, _COMPOUND = _SURNAMES.single, _SURNAMES.compound


def surname_at(text: str, i: int) -> str | None:
    """The surname starting at text[i] (compound first), or None: Surnames.at without the lookups of
    the lexicon, for the hot path."""
    two = text[i:i + 2]
    if two in _COMPOUND:
        return two
    one = text[i:i + 1]
    return one if one in _SINGLE else None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    common: frozenset[str]      # common words that begin with a surname (common_words)
    divisions: frozenset[str]   # division names (詹家村, 武定县…)
    places: frozenset[str]      # division names and their prefixes
    no_name: frozenset[str]     # words_starting_no_name


@lru_cache(maxsize=1)
def words_starting_no_name() -> frozenset[str]:
    """Common words that begin with a single surname (群众满意度, 申请人向…): no name starts with one, as
    plausible() rejects a candidate whose first two characters are one. A compound surname (东方) and a
    mask after the surname (谭某) do start names, so they are left out."""
    return frozenset(w for w in common_words() if len(w) == 2 and w[0] in _SINGLE and w not in _COMPOUND
                     and w[1] not in MASK_SET)


_LEXICON: _Lexicon | None = None


def _lexicon() -> _Lexicon:
    """The word lists, read on first use and then held in a module global (the hot path reads
    `_LEXICON or _lexicon()`: no function call once loaded)."""
    global _LEXICON
    if _LEXICON is None:
        divisions = division_names()
        _LEXICON = _Lexicon(common_words(), divisions, divisions | division_prefixes(), words_starting_no_name())
    return _LEXICON


def plausible(candidate: str, following: str = "") -> bool:
    """A surname + 1–2 character given name that is not a place, an organisation or a common word."""
    if candidate[:2] in _COMPOUND:
        given, word = candidate[2:], candidate[2:4]
    elif candidate[:1] in _SINGLE:
        given, word = candidate[1:], candidate[:2]
    else:
        return False
    if not 1 <= len(given) <= 2:
        return False
    for c in given:
        if not "\u4e00" <= c <= "\u9fff" or c in NOT_IN_GIVEN:
            return False
    lex = _LEXICON or _lexicon()
    if word in lex.common or candidate in lex.places:
        return False
    if following and (candidate + following[:1]) in lex.divisions:
        return False
    return True


def unlisted_name(value: str) -> bool:
    """A 2–3 character name whose surname is not in the lexicon (自芳金, 字贵才), for name columns only."""
    return (2 <= len(value) <= 3 and is_cjk(value[0]) and value[0] not in NOT_A_SURNAME
            and all(is_cjk(c) and c not in NOT_IN_GIVEN for c in value[1:])
            and value[:2] not in common_words() and value not in _lexicon().places and value not in COLUMN_FILLERS)


# what fills a name cell that is no name: totals, ditto marks, blanks
COLUMN_FILLERS = frozenset("同上 同前 合计 小计 总计 共计 累计 备注 本人 暂无 不详 待定 其他 其它 空白 以下 以上 户主 无 空 略 "
                           "全家 全体 全部 全户 家属 代领 代签 签字 盖章 公示 姓名 单位".split())


def column_name(value: str) -> bool:
    """A cell under a heading that asks only for a name (姓名, 户主姓名) that is wholly a name: a listed
    surname and one or two given characters, even when it begins with a common word (黄金凤, 高山)."""
    sn = surname_at(value, 0) if value not in COLUMN_FILLERS else None
    return (sn is not None and 1 <= len(value) - len(sn) <= 2 and _given_ok(value[len(sn):])
            and value not in _lexicon().places)


def masked_at(text: str, i: int) -> int:
    """Length of a masked name starting at text[i] (张*, 李某某, 欧阳**), 0 if none."""
    sn = surname_at(text, i)
    if not sn:
        return 0
    j = i + len(sn)
    if text[j:j + 1] not in MASK_SET:
        return 0   # most calls: a plain name
    k = j
    while k < len(text) and k - j < 3 and text[k] in MASK_CHARS:
        k += 1
    if k == j:
        return 0
    # 李某华: one given character kept between masks
    if k - j == 1 and text[j] == "某" and k < len(text) and is_cjk(text[k]) and text[k] not in NOT_IN_GIVEN \
            and text[k] not in STOP_AFTER_ONE and text[k] not in "诉告称讲说诉请" \
            and (k + 1 >= len(text) or not is_cjk(text[k + 1]) or text[k + 1] in "的在于因等和与及"):
        k += 1
    if k < len(text) and text[k] in MASK_CHARS:
        return 0
    return k - i


def name_at(text: str, i: int, *, field_end: int | None = None) -> Name | None:
    """The name starting at text[i], if one plausibly does.

    `field_end`: the name fills a field that ends there (a table cell, a value after 姓名：),
    so its length is known; otherwise the given name is two characters unless the second one
    is a particle or verb (张磊在 → 张磊, 何长青未 → 何长青).
    """
    sn = surname_at(text, i)
    if not sn or text[i:i + 2] in (_LEXICON or _lexicon()).no_name:
        return None
    j = i + len(sn)
    if text[j:j + 1] in MASK_SET:
        m = masked_at(text, i)
        if m:
            return Name(i, i + m, masked=True)
    if field_end is not None:
        cand = text[i:field_end]
        return Name(i, field_end) if plausible(cand) else None
    run = j
    while run < len(text) and run - j < 3 and "\u4e00" <= text[run] <= "\u9fff":
        run += 1
    n = run - j
    if n == 0:
        return None
    if n >= 2 and text[j + 1] not in STOP_AFTER_ONE:
        cand_end = j + 2
    else:
        cand_end = j + 1
    cand = text[i:cand_end]
    if plausible(cand, text[cand_end:cand_end + 1]):
        return Name(i, cand_end)
    if cand_end == j + 2 and plausible(text[i:j + 1], text[j + 1:j + 2]) and text[j + 1] in NOT_IN_GIVEN:
        return Name(i, j + 1)
    return None


def names_in_list(text: str, i: int, *, limit: int = 40) -> list[Name]:
    """Names starting at text[i] and separated by 、 (执法人员张磊、王强; 出席：李辉、马建新)."""
    out: list[Name] = []
    pos = i
    while len(out) < limit:
        if surname_at(text, pos) is None:
            break   # no name starts here, masked or not
        end = _field_end(text, pos)
        name = name_at(text, pos, field_end=end) if end - pos <= 4 and end > pos else None
        if name is None:
            name = name_at(text, pos)
        if name is None:
            break
        out.append(name)
        nxt = name.end
        paren = _PAREN.match(text, nxt)
        if paren:
            nxt = paren.end()
        while nxt < len(text) and text[nxt] == " ":
            nxt += 1
        if nxt < len(text) and text[nxt] in (LIST_SEP, "，", ",") and (text[nxt] == LIST_SEP or len(out) > 1
                                                                       or _field_end(text, nxt + 1) - nxt - 1 <= 4):
            pos = nxt + 1
            continue
        # 沈志刚与韩雪梅: 与/和/及 join two names when the second one ends cleanly too
        if nxt < len(text) and text[nxt] in "与和及":
            second = name_at(text, nxt + 1)
            if second is not None and not second.masked and bounded(text, second):
                pos = nxt + 1
                continue
        break
    return out


_FIELD_BREAK = re.compile(r"[^\u4e00-\u9fff*某×○〇☆]")


def _field_end(text: str, i: int) -> int:
    """Where the run of name characters from text[i] ends, looked for only up to five characters on:
    callers only ask whether the field is a whole name (at most four characters)."""
    stop = min(len(text), i + 5)
    m = _FIELD_BREAK.search(text, i, stop)
    return m.start() if m else stop


def name_before(text: str, end: int, *, preferred_start: int | None = None) -> Name | None:
    """The name ending at text[end] (罗永福 in 操作工罗永福（男）: 3 characters if the first is a surname)."""
    cands = []
    if end > 0 and "\u4e00" <= text[end - 1] <= "\u9fff":   # a given name is CJK; else only a mask
        following = text[end:end + 1]
        # four characters: a compound surname and two; three: any surname; two: a single surname and one
        s = end - 4
        if s >= 0 and text[s:s + 2] in _COMPOUND and plausible(text[s:end], following):
            cands.append((4, s, text[s:s + 2]))
        s = end - 3
        sn = surname_at(text, s) if s >= 0 else None
        if sn and plausible(text[s:end], following):
            cands.append((3, s, sn))
        s = end - 2
        if s >= 0 and text[s] in _SINGLE and text[s:end] not in _COMPOUND and plausible(text[s:end], following):
            cands.append((2, s, text[s]))
    if not cands:
        if MASK_SET.isdisjoint(text[max(0, end - 4):end]):
            return None   # a masked name has its mask within the last four characters
        m = next((k for k in (4, 3, 2) if end - k >= 0 and masked_at(text, end - k) == k), 0)
        return Name(end - m, end, masked=True) if m else None
    if preferred_start is not None:
        for n, s, _ in cands:
            if s == preferred_start:
                return Name(s, end)
    common = _SURNAMES.common
    n, s, sn = cands[0]
    if n == 3 and len(sn) == 1 and len(cands) > 1:
        n2, s2, sn2 = cands[1]
        # 师王芳: a rare surname character before a common surname is the end of a role word
        if sn not in common and sn2 in common:
            return Name(s2, end)
        if s > 0 and is_cjk(text[s - 1]) and text[s - 1] in _SINGLE and sn not in common:
            return Name(s2, end)
    return Name(s, end)
