"""EmailAddressRecognizer: positives and negatives, as spans a reviewer would see."""
import pytest

from tests.detectors.helpers import found, scan


@pytest.mark.parametrize("text, expected", [
    # right after CJK text and before CJK punctuation
    ("邮箱zhangsan@163.com。", ["zhangsan@163.com"]),
    ("电子邮件：li.ming_88@mail.gov.cn，电话", ["li.ming_88@mail.gov.cn"]),
    ("请发送至wdzf-2024@qq.com或来电", ["wdzf-2024@qq.com"]),
    # full-width @ and letters
    ("邮箱：ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ", ["ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ"]),
    # a digits-only local part is an e-mail, not a phone
    ("QQ邮箱13908785521@qq.com", ["13908785521@qq.com"]),
])
def test_finds(text, expected):
    assert found(text, "EMAIL_ADDRESS") == expected


@pytest.mark.parametrize("text", [
    # no valid top-level domain
    "账号admin@localhost", "user@example.invalidtld",
    # an @ mention, not an address
    "@武定县人民政府", "微博@某某",
])
def test_quiet(text):
    assert found(text, "EMAIL_ADDRESS") == []


def test_phone_inside_an_email_is_not_reported_separately():
    assert found("QQ邮箱13908785521@qq.com") == ["EMAIL_ADDRESS:13908785521@qq.com"]


def test_masked_is_info():
    text = "邮箱：zha***@163.com"
    hits = [d for d in scan(text) if d.type == "EMAIL_ADDRESS"]
    assert [(text[d.start:d.end], d.severity, d.masked) for d in hits] == [("zha***@163.com", "info", True)]
