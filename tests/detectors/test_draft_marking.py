"""DraftMarkingRecognizer: 征求意见稿/讨论稿/送审稿 in titles, on their own line, in headers (medium, never block)."""
import pytest

from tests.detectors.names_markings_helpers import findings, segment, values

CONF = "markings.yaml"
T = "DRAFT_MARKING"


@pytest.mark.parametrize("text, paragraph, expected", [
    ("（征求意见稿）", 1, ["（征求意见稿）"]),
    ("(讨论稿)", 2, ["(讨论稿)"]),
    ("送审稿", 0, ["送审稿"]),
    ("【初稿】", 1, ["初稿"]),
    # in a title
    ("武定县城市供水用水管理办法（送审稿）", 0, ["送审稿"]),
    ("关于公开征求《武定县物业管理办法（征求意见稿）》意见的公告", 0, ["征求意见稿"]),
    ("2024年公开招聘教师拟聘用人员名单（初稿）", 0, ["初稿"]),
    ("武定县“十五五”规划纲要修改稿", 0, ["修改稿"]),
    ("武定县道路交通安全条例（草案）", 0, ["草案"]),
    ("政务服务实施方案（討論稿）", 0, ["討論稿"]),
])
def test_draft_markings(text, paragraph, expected):
    found = findings(CONF, segment(text, paragraph=paragraph), T)
    assert [v for _, v, _, _, _ in found] == expected
    assert all(sev == "medium" for _, _, sev, _, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("讨论稿 仅供参考", ["讨论稿"]),
    ("武定县2024年预算草案说明 送审稿", ["送审稿"]),
])
def test_in_page_header(text, expected):
    assert values(CONF, segment(text, part="header", paragraph=0), T) == expected


@pytest.mark.parametrize("text", [
    # mentions in sentences
    "本讨论稿请各单位于6月20日前反馈修改意见。",
    "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开。",
    "县住房和城乡建设局起草了《武定县城镇生活垃圾分类管理办法（征求意见稿）》，现向社会公开征求意见。",
    "法律草案应当向社会公布。",
    "请于5日内报送修改稿。",
    # the word 稿 elsewhere
    "稿件", "投稿邮箱", "手稿",
])
def test_mentions_are_quiet(text):
    assert values(CONF, segment(text, paragraph=5), T) == []
