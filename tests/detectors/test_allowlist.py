"""The office allow list: its own public values become info, matched after normalisation."""
import pytest
import yaml

from detectors import build_scanner
from detectors.allowlist import load_allow_list, parse_allow_list
from detectors.config import CONF_DIR, build_recognizer, load_settings
from detectors.engine import DetectorEngine
from detectors.explain import ALLOW_LISTED
from reviewer.document import Location, Segment
from tests.detectors.helpers import scan

OFFICE = {
    "CN_LANDLINE_PHONE": ["0878-8712345"],
    "CN_MOBILE_PHONE": "13908780000",
    "EMAIL_ADDRESS": ["wdxzfb@163.com"],
    "PERSON": ["李辉"],
    "ADDRESS": ["武定县狮山镇南屏路56号"],
}


@pytest.fixture(scope="module")
def engine():
    settings = load_settings(files=[CONF_DIR / "identifiers.yaml"])
    return DetectorEngine([build_recognizer(s) for s in settings.enabled()], settings,
                          allow_list=parse_allow_list(OFFICE, "test"))


@pytest.mark.parametrize("text, value", [
    # exactly as listed
    ("咨询电话：0878-8712345", "0878-8712345"),
    # written differently: spaces, brackets, full-width, a country code
    ("咨询电话：（0878）8712345", "（0878）8712345"),
    ("咨询电话：０８７８－８７１２３４５", "０８７８－８７１２３４５"),
    ("值班手机 +86 139-0878-0000", "+86 139-0878-0000"),
    ("邮箱：WDXZFB@163.COM", "WDXZFB@163.COM"),
])
def test_listed_values_are_info(engine, text, value):
    [d] = scan(text, engine)
    assert (text[d.start:d.end], d.severity, d.explanation) == (value, "info", ALLOW_LISTED)


@pytest.mark.parametrize("text", [
    "当事人电话：0878-8216604", "手机13908785521", "邮箱zhangsan@163.com",
])
def test_other_values_keep_their_severity(engine, text):
    [d] = scan(text, engine)
    assert d.severity in ("high", "medium") and d.explanation != ALLOW_LISTED


def test_same_value_of_another_type_is_not_allowed():
    allow = parse_allow_list({"CN_LANDLINE_PHONE": ["13908780000"]})
    assert allow.allows("CN_LANDLINE_PHONE", "139 0878 0000")
    assert not allow.allows("CN_MOBILE_PHONE", "13908780000")


def test_any_type_and_address_containment():
    allow = parse_allow_list({"ANY": ["李辉"], "ADDRESS": ["武定县狮山镇南屏路56号"]})
    assert allow.allows("PERSON", "李輝")
    assert allow.allows("ADDRESS", "狮山镇南屏路56号")
    assert not allow.allows("ADDRESS", "武定县狮山镇东门街12号")


def test_loaded_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "allow.yaml"
    path.write_text(yaml.safe_dump(OFFICE, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("REVIEWER_ALLOW_LIST", str(path))
    assert len(load_allow_list()) == 5
    detections = build_scanner().scan(Segment("咨询电话：0878-8712345", Location()))
    assert [(d.type, d.severity) for d in detections] == [("CN_LANDLINE_PHONE", "info")]


@pytest.mark.parametrize("content", ["- just\n- a list\n", "CN_MOBILE_PHONE: {a: 1}\n"])
def test_bad_file_is_refused_with_a_message(tmp_path, content):
    path = tmp_path / "allow.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="白名单"):
        load_allow_list(path)


def test_no_file_no_list(monkeypatch):
    monkeypatch.delenv("REVIEWER_ALLOW_LIST", raising=False)
    assert load_allow_list() is None
