"""SensitivePersonalRecognizer: health, disability, religion, criminal record, minors, biometrics — next to a person."""
import pytest

from tests.detectors.names_markings_helpers import findings, segment

CONF = "sensitive.yaml"
T = "SENSITIVE_PERSONAL"


def details(text_or_segment):
    return [(v, detail) for _, v, _, _, detail in findings(CONF, text_or_segment, T)]


@pytest.mark.parametrize("text, expected", [
    # health
    ("申请人张建国，男，56岁，患有尿毒症，需长期透析。", [("患有尿毒症", "health")]),
    ("村民李四（身份证号532328198001011234）经诊断为精神分裂症。", [("诊断为精神分裂症", "health")]),
    ("患者王五，女，34岁，确诊为肺结核。", [("患者", "health"), ("确诊为肺结核", "health")]),
    # disability
    ("户主赵六，男，62岁，肢体残疾二级，持有残疾证。", [("肢体残疾二级", "disability"), ("残疾证", "disability")]),
    # religion
    ("信访人孙七，男，45岁，信仰基督教。", [("信仰基督教", "religion")]),
    # criminal record
    ("当事人周八，男，39岁，2019年因犯盗窃罪被判处有期徒刑二年，2021年刑满释放。",
     [("犯盗窃罪", "criminal_record"), ("判处有期徒刑", "criminal_record"), ("刑满释放", "criminal_record")]),
    ("驾驶人吴九（身份证号码530102198703150011）涉嫌危险驾驶罪，已被刑事拘留。",
     [("涉嫌危险驾驶罪", "criminal_record"), ("刑事拘留", "criminal_record")]),
    # minors
    ("救助对象郑十，男，12岁，在读小学生。", [("在读小学生", "minor")]),
    ("其子王小明，男，未满14周岁。", [("未满14周岁", "minor")]),
    # biometrics
    ("采集了当事人刘一（男，30岁）的指纹和人脸信息。", [("指纹", "biometric"), ("人脸信息", "biometric")]),
])
def test_with_a_person(text, expected):
    assert details(text) == expected


def test_in_a_table_row():
    row = segment("5\t沙秀英\t女\t66\t重度残疾", headers=["序号", "姓名", "性别", "年龄", "认定类别"])
    assert details(row) == [("重度残疾", "disability")]


def test_severity_is_high():
    found = findings(CONF, "患者王五，女，34岁，确诊为肺结核。", T)
    assert found and all(sev == "high" for _, _, sev, _, _ in found)


@pytest.mark.parametrize("text", [
    # policy text with no person nearby
    "为残疾人提供无障碍服务。",
    "对患有重大疾病的困难群众给予医疗救助。",
    "不满十四周岁未成年人的个人信息属于敏感个人信息。",
    "宗教信仰自由受法律保护。",
    "构成犯罪的，依法追究刑事责任。",
    "刑满释放人员安置帮教工作由司法行政部门负责。",
    "生物识别信息包括指纹、人脸信息等。",
    # masked persons are not identifiable
    "1\t张*\t男\t45\t因病致贫",
    "会议审议了北门社区居民赵某某因丈夫突发重病住院的救助申请。",
])
def test_quiet_without_a_person(text):
    assert details(text) == []
