"""AddressRecognizer goes from detail characters to their run: the runs and starts it finds, edge by edge."""
import pytest

from detectors.addresses.address_recognizer import AddressRecognizer
from detectors.addresses.divisions import division_names, first_division


def found(text):
    return [(text[r.start:r.end], (r.recognition_metadata or {}).get("severity"))
            for r in AddressRecognizer().analyze_segment(text, None, ["ADDRESS"])]


@pytest.mark.parametrize("text, expected", [
    # the address run sits after runs without any detail (an ID number, a name)
    ("户主张三，身份证号码530102198001011234，住址武定县狮山镇正续村委会一百零二号",
     [("武定县狮山镇正续村委会一百零二号", None)]),
    # a letter flat, a residents' group
    ("现住昆明市盘龙区北京路金星小区A302室", [("昆明市盘龙区北京路金星小区A302室", None)]),
    ("家住武定县狮山镇城关居民小组", [("武定县狮山镇城关居民小组", None)]),
    ("住址：武定县狮山镇各居民小组", []),
    # 〕 ends the run; 第 makes a sequence number; 组织 is no group
    ("住址：昆明市五华区东风西路〕12号", []),
    ("住址：昆明市五华区东风西路第12号", []),
    ("住址武定县狮山镇新村3组织", []),
    # one address per run, several runs
    ("武定县高桥镇福德村委会6组99号、7组12号", [("武定县高桥镇福德村委会6组99号", None)]),
    ("住址：昆明市五华区东风西路12号 住址：武定县狮山镇南街8号",
     [("昆明市五华区东风西路12号", None), ("武定县狮山镇南街8号", None)]),
    ("联系地址为武定县近城镇建设路3单元", [("武定县近城镇建设路3单元", None)]),
    # an office: the organisation after the address, or the label before it
    ("地址：武定县狮山镇南街8号县公安局", [("武定县狮山镇南街8号", "info")]),
    ("来信请寄：武定县狮山镇南街8号信访科", [("武定县狮山镇南街8号", "info")]),
])
def test_runs_with_a_detail(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("head", ["", "住", "现住云南省楚雄州武定县", "擅自占用狮山镇", "户籍地址武定县白路镇白路村委会",
                                  "台北市中正区重庆南路一段", "本次共排查隐患处已整改处整改率", "楚雄州南华县"])
def test_first_division_is_the_first_place_a_name_starts(head):
    names = division_names()
    by_position = next((i for i in range(len(head)) if any(head[i:k] in names for k in range(i + 2, len(head) + 1))),
                       None)
    assert first_division(head) == by_position
