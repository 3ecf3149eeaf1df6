"""Where a person can be found at all: the anchors of the PERSON prefilter (the engine's one candidate pass)."""
from __future__ import annotations

from .names import words_starting_no_name
from .roles import LABEL_KIND, trie_regex
from .surnames import surnames

# characters a surname starts with (single surnames, first characters of compound ones)
SURNAME_STARTS = "".join(sorted(surnames().single | {c[0] for c in surnames().compound}))
# characters a surname ends with: a mask follows one of these (张*, 欧阳**)
SURNAME_ENDS = "".join(sorted(surnames().single | {c[-1] for c in surnames().compound}))
# a label's penultimate characters and its last two characters
LABEL_PENULTS = "".join(sorted({w[-2] for w in LABEL_KIND}))
LABEL_BIGRAMS = frozenset(w[-2:] for w in LABEL_KIND)
# bigrams that end only labels of private persons: after them the name is the very next word, never an
# organisation written first (联系人：县财政局 孙丽, 执法人员：城关镇执法中队 张磊)
PRIVATE_BIGRAMS = LABEL_BIGRAMS - {w[-2:] for w, kind in LABEL_KIND.items() if kind != "private"}
# what may stand between a label and its name: a parenthesis (法定代表人（负责人）：), colons, spaces
LABEL_TO_NAME = r"(?:\s*[（(][^）)]{1,12}[）)])?[\s：:]*"


# what a comma or an opening parenthesis followed by (spaces and) one of these says about a person
COMMA_CUES = ("[男女]", "身份", "公民身份", "手机", "电话", "联系", "住", "退役", "村民", "出生", "驾驶证", "证件", "护照",
              "[0-9]{7}")


def _first_characters(pieces) -> str:
    """The inside of a class of the characters the regular expressions `pieces` start with (each starts
    with one character or one class)."""
    return "".join(p[1:p.index("]")] if p.startswith("[") else p[0] for p in pieces)


def _label_anchor(no_name: str) -> tuple[str, str]:
    """Every label as ONE anchor on its last character (one branch of the candidate pass, where the
    labels of private persons and the others were two tried one after the other). Cheapest test first:
    the character after it (a surname or what leads to one: whitespace, a parenthesis, a colon; only one
    label-ending character in twenty passes in the bench's prose), a penultimate character before it, the
    whole way to a surname, the bigram last; after the label of a private person the name must also not
    be a common word (`no_name`)."""
    ends = "".join(sorted({b[-1] for b in LABEL_BIGRAMS}))
    others = LABEL_BIGRAMS - PRIVATE_BIGRAMS
    rest = (f"(?=[\\s（(：:{SURNAME_STARTS}])(?<=[{LABEL_PENULTS}].)(?={LABEL_TO_NAME}[{SURNAME_STARTS}])"
            f"(?:(?<={'|'.join(sorted(PRIVATE_BIGRAMS))})(?={LABEL_TO_NAME}{no_name})|(?<={'|'.join(sorted(others))}))")
    return (f"[{ends}]", rest)


def person_anchors() -> tuple[tuple[str, str], ...]:
    """The PERSON prefilter as (first-character class, rest) pairs (detectors.base.anchored).

    Each branch is the shape one step of the recognizer starts from; a paragraph with none of them
    never calls the recognizer."""
    return (
        # a label of a private person, then a name that is not a common word; any other label (an
        # official's, a contact's), then a surname or an organisation
        _label_anchor(f"(?!{trie_regex(sorted(words_starting_no_name()))})"),
        # the colon that ends a salutation (王建国：, 尊敬的欧阳明华先生：) stands within 30 characters of
        # the line's start
        ("[：:]", r"(?<![^\n]{31})(?=\s*$)"),
        # a table row, an age; a mask right after a surname (张*, 李某某, 欧阳××)
        ("[\t岁]", ""), ("[某*×]", f"(?<=[{SURNAME_ENDS}].)"), ("[0-9]", r"\s"),
        # a cue right after a comma or parenthesis (，男 / （身份证 …); first one class test of the character
        # after it, as most commas are followed by none of them
        ("[（(，,]", rf"(?=[\s{_first_characters(COMMA_CUES)}])\s*(?:{'|'.join(COMMA_CUES)})"),
        ("联", "[系络]人"), ("[局县镇乡]", "长"), ("同", "志"), ("书", "记"),
        # a person driving a vehicle (与王建国驾驶的…)
        ("驾", "驶(?![人员证室舱位技培学])"),
        # a mobile number written right after a name (杨某某1390878…)
        ("1", r"(?<=[\u4e00-\u9fff]1)(?=[3-9][0-9]{9}(?![0-9]))"),
        # a household named by its head after a village or group (…村委会李某某户，)
        *(("户", f"(?<=[村组会区][{SURNAME_STARTS}][\u4e00-\u9fff]{{{n}}}户)(?=[（(，,、。；;：:）)\\s]|$)")
          for n in (1, 2, 3)),
        # …or at the head of a clause (经核查，王建国户加建…)
        *(("户", f"(?:(?<=[，,。；;：:、\n][{SURNAME_STARTS}][\u4e00-\u9fff]{{{n}}}户)|(?<=^[{SURNAME_STARTS}][\u4e00-\u9fff]{{{n}}}户))"
                "(?![籍口主型数内外名])") for n in (1, 2, 3)),
    )
