"""The engine: YAML configuration, the prefilter contract, context by distance, overlaps, build_scanner."""
import textwrap

import pytest
from presidio_analyzer import RecognizerResult

from detectors import build_scanner
from detectors.base import MASKED, SEVERITY, SegmentRecognizer
from detectors.config import CONF_DIR, ConfigError, build_recognizer, load_settings
from detectors.engine import DetectorEngine
from detectors.resolve import resolve
from reviewer.document import Cell, Location, Segment

ID = "530102198703150012"


def office_scanner(tmp_path, yaml_text: str):
    path = tmp_path / "office.yaml"
    path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return build_scanner(path)


def types(scanner, text: str) -> list[tuple[str, str]]:
    return [(d.type, text[d.start:d.end]) for d in scanner.scan(Segment(text, Location()))]


# -- YAML configuration -------------------------------------------------------------------------

def test_office_recognizer_defined_in_yaml_alone(tmp_path):
    scanner = office_scanner(tmp_path, """
        recognizers:
          - name: OfficeCaseNumber
            entity: OFFICE_CASE_NO
            severity: low
            patterns:
              - {name: 案件编号, regex: "(?<![0-9A-Za-z])AJ[0-9]{8}(?![0-9])", score: 0.3}
            context: [案件编號]
    """)
    text = "案件编号：AJ20240001。" + "其他内容" * 8 + "AJ20240002"
    found = [(d.type, text[d.start:d.end], d.severity) for d in scanner.scan(Segment(text, Location()))]
    # the first has its (Traditional-written) context word near, the second does not reach 0.4
    assert found == [("OFFICE_CASE_NO", "AJ20240001", "low")]


def test_disabled_recognizer_finds_nothing(tmp_path):
    text = f"身份证号码：{ID}，车牌云A·12345"
    assert ("CN_RESIDENT_ID", ID) in types(build_scanner(), text)
    scanner = office_scanner(tmp_path, """
        recognizers:
          - {name: CnResidentIdRecognizer, enabled: false}
          - {name: CnLicensePlateRecognizer, enabled: false}
    """)
    found = types(scanner, text)
    assert not [t for t in found if t[0] in ("CN_RESIDENT_ID", "CN_LICENSE_PLATE")]


def test_office_changes_severity_and_context(tmp_path):
    scanner = office_scanner(tmp_path, """
        recognizers:
          - name: CnLandlinePhoneRecognizer
            severity: low
            context: [热线]
    """)
    [d] = scanner.scan(Segment("热线087163123456", Location()))
    assert (d.type, d.severity) == ("CN_LANDLINE_PHONE", "low")
    assert scanner.scan(Segment("电话087163123456", Location())) == []


def test_config_from_environment(tmp_path, monkeypatch):
    path = tmp_path / "office.yaml"
    path.write_text("recognizers:\n  - {name: CnMobilePhoneRecognizer, enabled: false}\n", encoding="utf-8")
    monkeypatch.setenv("REVIEWER_DETECTORS_CONFIG", str(path))
    assert types(build_scanner(), "手机13908785521") == []


@pytest.mark.parametrize("yaml_text, message", [
    ("recognizers:\n  - {name: NoSuchThing, severity: low}\n", "既没有 class 也没有 patterns"),
    ("recognizers:\n  - {class: detectors.nope.Nope}\n", "找不到识别器类"),
    ("recognizers:\n  - {name: X, patterns: [{name: a, regex: 'a', score: 1}]}\n", "需要 entity"),
    ("- a list\n", "顶层应是映射"),
])
def test_bad_configuration_names_the_problem(tmp_path, yaml_text, message):
    path = tmp_path / "office.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        build_scanner(path)


def test_missing_office_file(tmp_path):
    with pytest.raises(ConfigError, match="不存在"):
        build_scanner(tmp_path / "absent.yaml")


def test_shipped_files_load_in_name_order():
    settings = load_settings()
    assert [p.name for p in settings.files] == sorted(p.name for p in CONF_DIR.glob("*.yaml"))


# -- the SegmentRecognizer contract -------------------------------------------------------------

class Shouter(SegmentRecognizer):
    """Finds 「喂」 and counts its calls."""

    PREFILTER = "喂"

    def __init__(self, **kwargs):
        super().__init__(supported_entities=["SHOUT"], supported_language="zh", name="Shouter")
        self.calls = 0

    def analyze_segment(self, text, segment, entities):
        self.calls += 1
        i = text.index("喂")
        return [RecognizerResult("SHOUT", i, i + 1, 0.9, recognition_metadata={SEVERITY: "low", MASKED: False})]


def test_segment_recognizer_runs_only_where_its_prefilter_matches():
    shouter = Shouter()
    engine = DetectorEngine([shouter])
    assert engine.scan(Segment("没有", Location())) == []
    assert shouter.calls == 0
    text = "\u200b\u200b全角ＡＢ喂"
    [d] = engine.scan(Segment(text, Location()))
    assert (shouter.calls, text[d.start:d.end], d.severity) == (1, "喂", "low")


# -- context and overlaps -----------------------------------------------------------------------

def test_table_column_heading_counts_as_context():
    engine = build_scanner()
    text = "张三\t087163123456\t备注"
    row = Segment(text, Location(part="table"), cells=[Cell(0, "A2", "姓名"), Cell(3, "B2", "联系电话"),
                                                        Cell(16, "C2", "备注")])
    assert [(d.type, text[d.start:d.end]) for d in engine.scan(row) if d.type == "CN_LANDLINE_PHONE"] == \
        [("CN_LANDLINE_PHONE", "087163123456")]
    bare = Segment(text, Location(part="table"), cells=[Cell(0, "A2", "姓名"), Cell(3, "B2", "编码"),
                                                        Cell(16, "C2", "备注")])
    assert [d for d in engine.scan(bare) if d.type == "CN_LANDLINE_PHONE"] == []


def test_context_word_too_far_away_does_not_count():
    text = "电话" + "，" * 30 + "087163123456"
    assert types(build_scanner(), text) == []


def r(entity, start, end, score):
    return RecognizerResult(entity, start, end, score)


def test_identical_span_is_one_type_decided_by_nearest_context():
    text = "银行卡号：" + ID
    results = [r("CN_RESIDENT_ID", 5, 23, 1.0), r("BANK_CARD", 5, 23, 0.65)]
    assert [x.entity_type for x in resolve(results, text)] == ["BANK_CARD"]
    text = "身份证号：" + ID
    assert [x.entity_type for x in resolve(results, text)] == ["CN_RESIDENT_ID"]


def test_identifier_inside_another_is_dropped_but_inside_an_address_is_kept():
    results = [r("CN_RESIDENT_ID", 0, 18, 1.0), r("CN_MOBILE_PHONE", 3, 14, 0.6),
               r("ADDRESS", 20, 40, 0.8), r("CN_LANDLINE_PHONE", 30, 38, 0.6)]
    assert [x.entity_type for x in resolve(results, "x" * 40)] == \
        ["CN_RESIDENT_ID", "ADDRESS", "CN_LANDLINE_PHONE"]


# -- Presidio compatibility, offline ------------------------------------------------------------

def test_presidio_analyze_returns_recognizer_results_with_explanations():
    engine = build_scanner()
    [res] = [x for x in engine.analyze(f"身份证号码：{ID}", language="zh") if x.entity_type == "CN_RESIDENT_ID"]
    assert (res.start, res.end, res.score) == (6, 24, 1.0)
    assert res.analysis_explanation.validation_result is True
    assert res.analysis_explanation.supportive_context_word == "身份证号码"


def test_nlp_pipeline_loads_by_path_offline():
    from detectors.nlp_build import PIPELINE_DIR
    engine = build_scanner()
    artifacts = engine.nlp_engine.process_text("身份证号码", "zh")
    assert [t.text for t in artifacts.tokens] == list("身份证号码")
    assert engine.nlp_engine.models[0]["model_name"] == str(PIPELINE_DIR)


def test_tldextract_never_uses_the_network():
    from detectors.identifiers.email_address import _extractor
    extractor = _extractor()
    assert extractor.suffix_list_urls == ()
    assert extractor("mail.gov.cn").suffix == "gov.cn"
