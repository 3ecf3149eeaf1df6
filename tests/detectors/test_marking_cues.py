"""The marking prefilter: a secrecy level wakes the recognizers only where a marking can follow it."""
import re

import pytest

from detectors.base import anchored
from detectors.markings.shape import MARKING_ANCHORS, MARKING_PREFILTER
from tests.detectors.names_markings_helpers import findings, segment

CONF = "markings.yaml"
PREFILTER = re.compile(MARKING_PREFILTER)
GATE = re.compile(anchored(MARKING_ANCHORS))


@pytest.mark.parametrize("text, expected", [
    # a level followed by what core() strips: brackets, page numbers, urgency, 密级
    ("机密【第1页】", ["机密"]), ("秘密 第2页", ["秘密"]), ("秘密共3页", ["秘密"]), ("绝密特急", ["绝密"]),
    ("机密加急", ["机密"]), ("机密平急", ["机密"]), ("机密急件", ["机密"]), ("机密紧急程度：特急", ["机密"]),
    ("机密密级", ["机密"]), ("「机密」", ["机密"]), ("机密\t", ["机密"]),
    # star, space, end of line
    ("000123\n机密★1年\n特急", ["机密★1年"]), ("机密 5年", ["机密 5年"]), ("绝密*20年", ["绝密*20年"]), ("机密", ["机密"]),
    # 工作秘密 wakes them in any context
    ("工作秘密，注意保密", ["工作秘密，注意保密"]), ("工作秘密注意保存", ["工作秘密注意保存"]),
])
@pytest.mark.parametrize("part", ["body", "header"])
def test_levels_that_mark(text, expected, part):
    seg = segment(text, part=part, paragraph=1)
    assert [value for _, value, *_ in findings(CONF, seg)] == expected


@pytest.mark.parametrize("text", ["国家秘密和个人信息", "不得泄露国家秘密。", "商业秘密的保护", "秘密、机密和绝密三级", "保密工作", "严密防范"])
def test_mentions_wake_nobody(text):
    assert not PREFILTER.search(text) and not GATE.search(text)
    assert findings(CONF, segment(text, paragraph=1)) == []


@pytest.mark.parametrize("text", ["机密", "秘密★", "绝密\n", "工作秘密。", "内部", "此件", "外传", "讨论稿", "草案"])
def test_prefilter_and_anchors_agree(text):
    assert PREFILTER.search(text) and GATE.search(text)
