"""PersonRecognizer in tables: name columns by heading, columns of officials, text tables typed with spaces."""
import pytest

from tests.detectors.names_markings_helpers import findings, segment, values

CONF = "persons.yaml"


@pytest.mark.parametrize("row, headers, expected", [
    # a column headed 姓名 / 户主姓名 / 拟聘用人员 / 被征收人 / 救助对象
    ("1\t李小龙\t男", ["序号", "姓名", "性别"], ["李小龙"]),
    ("2\t诸葛亮\t3", ["序号", "户主姓名", "家庭人口"], ["诸葛亮"]),
    ("3\t赵敏\t本科", ["序号", "拟聘用人员", "学历"], ["赵敏"]),
    ("4\t钱学森\t120.5", ["序号", "被征收人", "面积"], ["钱学森"]),
    # a surname missing from the lexicon is still a name in a name column (云南: 自, 字, 者)
    ("5\t字桂英\t女", ["序号", "姓名", "性别"], ["字桂英"]),
    ("6\t者凤英\t女", ["序号", "救助对象", "性别"], ["者凤英"]),
    # several names in one cell
    ("7\t张三、李四", ["序号", "家庭成员"], ["张三", "李四"]),
    # a column of people by role
    ("西山林区\t杨大林\t13912345678", ["区域", "护林员（向导）", "手机"], ["杨大林"]),
])
def test_name_columns(row, headers, expected):
    assert values(CONF, segment(row, headers=headers), "PERSON", severity="private") == expected


@pytest.mark.parametrize("row, headers, expected", [
    # masked in a name column: info
    ("1\t张*\t5323**********0011", ["序号", "姓名", "身份证号"], ["张*"]),
    ("2\t欧阳某某\t3", ["序号", "户主姓名", "人口"], ["欧阳某某"]),
])
def test_masked_cells(row, headers, expected):
    found = findings(CONF, segment(row, headers=headers), "PERSON")
    assert [v for _, v, _, _, _ in found] == expected
    assert all(masked and sev == "info" for _, _, sev, masked, _ in found)


def test_duty_roster_names_are_officials():
    found = findings(CONF, segment("10月1日\t李辉\t王强", headers=["日期", "带班领导", "值班人员"]), "PERSON")
    assert [(v, sev) for _, v, sev, _, _ in found] == [("李辉", "info"), ("王强", "info")]


@pytest.mark.parametrize("row, headers", [
    # cells of other columns
    ("1\t王家村\t300", ["序号", "村名", "金额"]),
    ("合计\t\t5000", ["姓名", "性别", "金额"]),
    ("1\t同上\t男", ["序号", "姓名", "性别"]),
    ("1\t狮山镇\t男", ["序号", "姓名", "性别"]),
])
def test_quiet_cells(row, headers):
    assert values(CONF, segment(row, headers=headers), "PERSON", severity="private") == []


@pytest.mark.parametrize("line, expected", [
    # text tables: 序号, then columns separated by spaces (txt, PDF text)
    ("1     刘德明    男    532328195803164916    上村", ["刘德明"]),
    ("2 司马光 男 532328********1234 2 640", ["司马光"]),
    ("3 字贵才 男 532328194011034692 1 410", ["字贵才"]),          # unlisted surname, then 男
    ("4 者秀珍 532328********7149 359,470", ["者秀珍"]),            # unlisted surname, then an ID
    ("12    2024532328011  武定县人民医院  张雨    女", ["张雨"]),
])
def test_text_table_rows(line, expected):
    assert values(CONF, line, "PERSON", severity="private") == expected


@pytest.mark.parametrize("line", [
    "1     同上    分散供养    集中供养",
    "2     农村低保  城市低保  960",
    "3     狮山镇  高桥村委会  产权调换",
    "2024 年工作要点",
])
def test_text_table_rows_quiet(line):
    assert values(CONF, line, "PERSON", severity="private") == []


@pytest.mark.parametrize("row, headers, expected", [
    # the contact of an office in a list of offices: the office's staff, info
    ("县民政局\t杨丽\t0878-8712136", ["单位", "联系人", "电话"], [("杨丽", "info")]),
    # the contact of a household: private
    ("1\t李德\t13912345678", ["序号", "联系人", "手机"], [("李德", "medium")]),
])
def test_contact_columns(row, headers, expected):
    found = findings(CONF, segment(row, headers=headers), "PERSON")
    assert [(v, sev) for _, v, sev, _, _ in found] == expected


@pytest.mark.parametrize("line", [
    # statistics typed as text tables: no sex, ID or phone in the row
    "6     黄豆      1200    吨",
    "3  农林水支出  1234.5  8.2%",
    "2     石材      560     立方米",
])
def test_statistics_rows_are_not_people(line):
    assert values(CONF, line, "PERSON") == []


@pytest.mark.parametrize("row, headers, expected", [
    # no heading row: the parser takes the first data row as headings
    ("3\t欧阳明华\t复员军人\t530102198703150012\t东村", ["1", "司马云", "伤残军人", "530102198703150012", "西村"],
     ["欧阳明华"]),
    # no headings at all, a mobile number in the row
    ("2\t赵丽芬\t13908780000\t一档", [None, None, None, None], ["赵丽芬"]),
])
def test_rows_without_a_name_column(row, headers, expected):
    assert values(CONF, segment(row, headers=headers), "PERSON", severity="private") == expected


@pytest.mark.parametrize("row, headers", [
    # no personal data in the row: a crop, a place, an amount
    ("3\t玉米\t复员军人\t1200\t东村", [None] * 5),
    ("3\t高山\t东村\t1200", ["1", "2", "3", "4"]),
])
def test_rows_without_a_name_column_quiet(row, headers):
    assert values(CONF, segment(row, headers=headers), "PERSON") == []
