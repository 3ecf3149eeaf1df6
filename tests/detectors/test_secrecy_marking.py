"""SecrecyMarkingRecognizer: 国家秘密标志 in every form and place; mentions of 秘密/机密 in sentences stay quiet."""
import pytest

from tests.detectors.names_markings_helpers import findings, segment, values

CONF = "markings.yaml"
T = "SECRECY_MARKING"


@pytest.mark.parametrize("text, expected", [
    # level ★ term, on a line of its own
    ("秘密★1年", "秘密★1年"),
    ("机密★5年", "机密★5年"),
    ("绝密★长期", "绝密★长期"),
    ("机密★会议开始前", "机密★会议开始前"),
    ("绝密★启用前", "绝密★启用前"),
    ("秘密★十年", "秘密★十年"),
    ("秘密★2025年6月30日", "秘密★2025年6月30日"),
    ("机密★", "机密★"),
    # loose forms: spaces, an asterisk, full-width characters, Traditional
    ("机密 ★ 10年", "机密 ★ 10年"),
    ("绝密*20年", "绝密*20年"),
    ("秘密＊３年", "秘密＊３年"),
    ("機密★長期", "機密★長期"),
    # top right (older layout): spaces before it
    ("                                        秘密★1年", "秘密★1年"),
    # with 份号 and urgency on the same line, or a 密级 label
    ("000123  秘密★1年  特急", "秘密★1年"),
    ("密级：机密★10年", "机密★10年"),
    # a bare level on its own line
    ("机密", "机密"),
    ("绝密", "绝密"),
])
def test_marking_lines(text, expected):
    found = findings(CONF, segment(text, paragraph=1), T)
    assert [(v, sev) for _, v, sev, _, _ in found] == [(expected, "block")]


@pytest.mark.parametrize("part, paragraph", [("header", 0), ("footer", 0), ("body", 0), ("comment", 0), ("body", 40)])
def test_marking_in_any_part(part, paragraph):
    assert values(CONF, segment("机密★5年", part=part, paragraph=paragraph), T, severity="block") == ["机密★5年"]


def test_star_form_at_the_start_of_a_merged_line():
    # text extraction may merge the marking with the next line
    assert values(CONF, "秘密★1年 武定县人民政府办公室文件", T, severity="block") == ["秘密★1年"]


def test_star_form_inside_a_sentence_is_for_review():
    found = findings(CONF, "经核实，该报告（机密★5年）已登记，现送你单位。", T)
    assert [(v, sev) for _, v, sev, _, _ in found] == [("机密★5年", "high")]


@pytest.mark.parametrize("text", [
    # mentions in law text (保守国家秘密法, 实施条例, 政府信息公开条例)
    "第十四条 国家秘密的密级分为绝密、机密、秘密三级。",
    "国家秘密的保密期限，除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。",
    "第二十三条 涉密信息系统按照涉密程度分为绝密级、机密级、秘密级。",
    "工作秘密管理办法另行规定。",
    "任何危害国家秘密安全的行为，都必须受到法律追究。",
    "本通知属国家秘密，各单位要严格按照保密规定管理，不得复印、摘抄。",
    "凡标有绝密、机密、秘密密级的文件，一律不得公开。",
    "依法保护商业秘密和个人隐私。",
    # a quoted example of the form is a mention
    "文件首页左上角标注“秘密★1年”等字样的，不得公开。",
    "国家秘密标志形式为「密级★保密期限」。",
    # an asterisk after a level without a term: not a marking
    "涉及秘密*的内容",
    # 秘密级 in a heading
    "第二章 国家秘密的范围和密级",
])
def test_mentions_are_quiet(text):
    assert values(CONF, segment(text, paragraph=2), T) == []


def test_level_column_of_a_catalogue_is_quiet():
    row = segment("1\t储备粮轮换底价\t秘密", headers=["序号", "事项", "密级"])
    assert values(CONF, row, T) == []


@pytest.mark.parametrize("text, expected", [
    ("武定县人民政府办公室  机密", ["机密"]),
    ("武定县人民政府办公室 秘密★1年", ["秘密★1年"]),
    ("保守国家秘密 人人有责", []),
])
def test_level_beside_other_words_in_a_page_header(text, expected):
    assert values(CONF, segment(text, part="header", paragraph=0), T) == expected


def _real_corpus():
    """shared/corpora/real beside the repository (the laws and a county report), if present."""
    from pathlib import Path
    repo = Path(__file__).resolve().parents[2]
    for base in (repo.parent / "shared", Path("/work/shared")):
        if (base / "corpora" / "real").is_dir():
            return sorted((base / "corpora" / "real").glob("*.txt"))
    return []


@pytest.mark.skipif(not _real_corpus(), reason="shared/corpora/real not beside the repository")
@pytest.mark.parametrize("path", _real_corpus(), ids=lambda p: p.stem)
def test_laws_say_secret_hundreds_of_times_and_carry_no_marking(path):
    from tests.detectors.names_markings_helpers import engine
    above_info = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        for conf in ("markings.yaml", "persons.yaml", "addresses.yaml", "sensitive.yaml"):
            for d in engine(conf).scan(segment(line, paragraph=i)):
                if d.severity != "info":
                    above_info.append((d.type, line[d.start:d.end]))
    assert above_info == []
