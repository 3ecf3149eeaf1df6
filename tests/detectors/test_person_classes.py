"""PERSON classes: neighbours and 曾 as a surname, households at a clause head, drivers, 被征收户, name and job-title cells."""
import pytest

from tests.detectors.names_markings_helpers import segment, values

CONF = "persons.yaml"


@pytest.mark.parametrize("text, expected", [
    # a neighbour, a fellow villager, a son named without a colon; 曾 as a surname
    ("村民反映：邻居唐国强在自家宅基地上违规建房。", ["唐国强"]),
    ("反映：邻居曾国文在自家房屋东侧违规加建。", ["曾国文"]),
    ("经核查，同村村民彭志勇擅自占用耕地。", ["彭志勇"]),
    ("其子曾志强在外务工。", ["曾志强"]),
    # a household named by its head at the head of a clause
    ("一、经核查，曾国文户加建房屋未办理审批手续。", ["曾国文"]),
    ("经调查，唐国强户建房未经审批。", ["唐国强"]),
    ("王建国户新建房屋未审批。", ["王建国"]),
    # a private person driving a vehicle
    ("一辆货车后又与彭志勇驾驶的湘E12345小型轿车相撞。", ["彭志勇"]),
    ("该车与谭小兵驾驶的二轮摩托车发生碰撞。", ["谭小兵"]),
    ("事故车辆由李明驾驶。", ["李明"]),
    # the household or person whose house was taken (Traditional too)
    ("您申请中涉及的被征收户覃永辉（您的兄长）的补偿明细", ["覃永辉"]),
    ("您申請中涉及的被徵收戶譚國強（您的兄長）的補償明細", ["譚國強"]),
    ("被拆迁人彭志勇（您的父亲）的安置协议", ["彭志勇"]),
    ("被征收户覃永辉的补偿款已发放。", ["覃永辉"]),
    # a two-character name followed by 受/遭/患 (受伤, 遭受, 患有): the name ends before it
    ("驾驶人孙凤受伤，送县医院救治。", ["孙凤"]),
    ("当事人李明遭受财产损失。", ["李明"]),
    ("申请人张晓患有慢性病。", ["张晓"]),
    ("驾驶人王建国受轻伤。", ["王建国"]),
    ("申请人李受军，男，45岁。", ["李受军"]),
])
def test_private_persons_of_these_classes(text, expected):
    assert values(CONF, text, "PERSON", severity="private") == expected


@pytest.mark.parametrize("text", [
    # 曾 the adverb
    "申请人曾拨打12345热线反映。", "当事人曾担任的职务已核实。", "申请人曾提出复议。", "村民曾多次上访。",
    # households that are kinds, not heads
    "经核查，单亲户、低保户均已纳入。", "其中，种粮大户3户。", "其中，边缘户3户。", "经核查，李家户已签约。",
    "经核查，王建国户籍在本村。", "本村贫困户，常住户均已走访。",
    # drivers on duty, and driving as a topic
    "民警张磊驾驶警车前往现场。", "执法人员王强驾驶执法车巡查。", "宣传安全驾驶的重要性。", "严禁酒后驾驶的行为。",
    "与其驾驶的车辆相撞。",
])
def test_quiet(text):
    assert values(CONF, text, "PERSON", severity="private") == []


@pytest.mark.parametrize("row, headers, expected", [
    # a cell under a name heading that is wholly a name, though it begins with a common word
    ("12\t黄金花\t3", ["序号", "户主姓名", "人口"], ["黄金花"]),
    ("3\t高山\t2", ["序号", "姓名", "人口"], ["高山"]),
    ("4\t田野\t2", ["序号", "姓名", "人口"], ["田野"]),
    ("5\t白云飞\t2", ["序号", "姓名", "人口"], ["白云飞"]),
    # fillers in a name column
    ("合计\t\t5", ["姓名", "人口", "金额"], []),
    ("6\t小计\t5", ["序号", "姓名", "人口"], []),
    ("7\t无\t5", ["序号", "姓名", "人口"], []),
    ("8\t空\t5", ["序号", "姓名", "人口"], []),
    ("9\t同上\t5", ["序号", "姓名", "人口"], []),
    ("10\t全家\t5", ["序号", "户主姓名", "人口"], []),
    ("11\t姓名\t人口", ["序号", "姓名", "人口"], []),   # the heading row repeated on a new page
    # a relationship column is no name column for this (长子, 之女)
    ("10\t长子\t5", ["序号", "与户主关系", "人口"], []),
])
def test_whole_name_cells(row, headers, expected):
    assert values(CONF, segment(row, headers=headers), "PERSON", severity="private") == expected


@pytest.mark.parametrize("row, headers, expected", [
    # a job title in a cell never yields a name (程师 in 总工程师, 计师 in 会计师)
    ("2月3日\t刘建华\t总工程师\t13873913670\t王敏", ["日期", "带班领导", "职务", "手机", "值班人员"], ["刘建华", "王敏"]),
    ("2月3日\t刘建华\t副主任科员\t13873913670\t王敏", ["日期", "带班领导", "职务", "手机", "值班人员"], ["刘建华", "王敏"]),
    ("1\t刘建华\t会计师\t13873913670", ["序号", "姓名", "职称", "手机"], ["刘建华"]),
    ("1\t刘建华\t工程师\t13873913670", ["序号", "姓名", "职务", "手机"], ["刘建华"]),
    ("1\t刘建华\t高级经济师\t13873913670", ["序号", "姓名", "岗位", "手机"], ["刘建华"]),
])
def test_job_title_cells(row, headers, expected):
    assert values(CONF, segment(row, headers=headers), "PERSON") == expected


@pytest.mark.parametrize("text", ["总工程师13873913670", "联系总工程师，13873913670", "会计师 13873913670"])
def test_job_titles_in_text(text):
    assert values(CONF, text, "PERSON") == []
