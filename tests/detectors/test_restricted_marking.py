"""RestrictedMarkingRecognizer: 内部资料/工作秘密 marking lines and （此件不公开）; mentions stay quiet."""
import pytest

from reviewer.document import Location, Segment
from tests.detectors.names_markings_helpers import findings, segment, values

CONF = "markings.yaml"
T = "RESTRICTED_MARKING"


@pytest.mark.parametrize("text, expected", [
    ("内部资料 注意保存", "内部资料 注意保存"),
    ("内部资料\u3000注意保存", "内部资料\u3000注意保存"),
    ("内部使用　不得外传", "内部使用　不得外传"),
    ("内部资料\u3000请勿外传", "内部资料\u3000请勿外传"),
    ("请勿外传", "请勿外传"),
    ("内部", "内部"),
    ("内部资料", "内部资料"),
    ("工作秘密", "工作秘密"),
    ("工作秘密★6个月", "工作秘密★6个月"),
    ("仅供内部参考", "仅供内部参考"),
    ("【内部参阅】", "内部参阅"),
    ("000056  内部资料", "内部资料"),
    ("內部資料 注意保存", "內部資料 注意保存"),
    # the 附注 under the date
    ("（此件不公开）", "（此件不公开）"),
    ("(此件不予公开)", "(此件不予公开)"),
    ("2024年3月20日（此件不公开）", "（此件不公开）"),
])
def test_marking_lines_block(text, expected):
    found = findings(CONF, segment(text, paragraph=0), T)
    assert [(v, sev) for _, v, sev, _, _ in found] == [(expected, "block")]


@pytest.mark.parametrize("part", ["header", "footer", "body", "comment"])
def test_in_any_part(part):
    assert values(CONF, segment("工作秘密", part=part, paragraph=0), T, severity="block") == ["工作秘密"]


def test_on_request_note_is_info():
    found = findings(CONF, segment("（此件依申请公开）", paragraph=30), T)
    assert [(v, sev) for _, v, sev, _, _ in found] == [("（此件依申请公开）", "info")]


@pytest.mark.parametrize("text", [
    # public attribute notes that allow publication
    "（此件公开发布）", "（此件主动公开）", "（此件发至乡镇人民政府和县直有关部门）",
    # mentions in sentences (law text, notices)
    "（一）制定内部管理制度和操作规程；",
    "工作秘密管理办法另行规定。",
    "标注“内部资料”“工作秘密”或者附注为不予公开的文件，不得上网发布。",
    "本通报涉及患者个人隐私，仅供内部工作使用。",
    "因审查不严泄露国家秘密、工作秘密或者个人隐私的，依法依规追究责任。",
    "加强内部管理",
    "内部审计工作规定",
    "各单位要严格内部控制，不得外传考试信息。",
])
def test_mentions_are_quiet(text):
    assert values(CONF, segment(text, paragraph=1), T) == []


@pytest.mark.parametrize("text, expected", [
    ("武定县人民政府办公室  内部资料", ["内部资料"]),
    ("工作秘密 第2页", ["工作秘密"]),
    ("武定县内部审计工作规程", []),
])
def test_marking_beside_other_words_in_a_page_header(text, expected):
    assert values(CONF, segment(text, part="header", paragraph=0), T) == expected


def test_a_table_cell_named_internal_is_not_a_marking():
    row = segment("1\t内部\t12", headers=["序号", "类型", "数量"])
    assert values(CONF, row, T) == []


@pytest.mark.parametrize("text, expected", [
    # a telegram's class marking on its own line
    ("内部明电", "内部明电"),
    ("内部明传电报", "内部明传电报"),
    # a page number printed on the marking line is not part of the marking
    ("内部资料 注意保管 第2页 共5页", "内部资料 注意保管"),
    ("工作秘密  - 3 -", "工作秘密"),
])
def test_telegram_markings_and_page_numbers(text, expected):
    assert values(CONF, segment(text, paragraph=0), T, severity="block") == [expected]


def _pdf_line(text: str, top: float, page: int = 1) -> Segment:
    return Segment(text, Location("body", paragraph=0, page=page, bbox=(60.0, top, 500.0, top + 11)))


@pytest.mark.parametrize("text, top, page, expected", [
    # the top band of a PDF page is its header position: a marking beside other words counts there
    ("县人力资源和社会保障局  工作秘密", 30.0, 1, ["工作秘密"]),
    ("内部资料  2025年第4期", 40.0, 3, ["内部资料"]),
    # the same words lower on the page are a sentence of the body
    ("县人力资源和社会保障局  工作秘密", 300.0, 1, []),
])
def test_top_of_a_pdf_page_is_a_header(text, top, page, expected):
    assert values(CONF, _pdf_line(text, top, page), T, severity="block") == expected
