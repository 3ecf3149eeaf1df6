"""PersonRecognizer in running text: labels, lists, salutations, (男，45岁), officials in role, masks, non-names."""
import pytest

from tests.detectors.names_markings_helpers import findings, segment, values

CONF = "persons.yaml"


@pytest.mark.parametrize("text, expected", [
    # after a label and a colon
    ("申请人：张晓明", ["张晓明"]),
    ("被申请人：刘伟", ["刘伟"]),
    ("举报人：孙建华，联系电话：13512345678", ["孙建华"]),
    ("法定代表人（负责人）：韩梅", ["韩梅"]),
    ("委托代理人：郑海涛（律师）", ["郑海涛"]),
    ("姓名：周小川    性别：男", ["周小川"]),
    # two-character surnames
    ("投诉人：上官婉儿", ["上官婉儿"]),
    ("户主姓名：皇甫嵩", ["皇甫嵩"]),
    ("信访人：东方明月", ["东方明月"]),
    ("申请人：欧阳修", ["欧阳修"]),
    # a label in running text, no colon
    ("村民李富贵在自家院内搭建彩钢棚", ["李富贵"]),
    ("当事人何建军驾驶无号牌摩托车", ["何建军"]),
    ("其丈夫罗成的工资卡", ["罗成"]),
    ("经查，住户钱文博在楼道堆放杂物", ["钱文博"]),
    # several names after one label
    ("投诉人王芳、李娜、张强反映噪声扰民", ["王芳", "李娜", "张强"]),
    # followed by sex, age, birth, ID or mobile
    ("操作工宋大伟（男，38岁）被卷入皮带机", ["宋大伟"]),
    ("司马南，男，1965年3月出生", ["司马南"]),
    ("伤者赵丽，女，34岁，已出院", ["赵丽"]),
    ("由驾驶员冯刚（身份证号码略）送医", ["冯刚"]),
    ("（田小军，电话13712345678，家住城关镇）", ["田小军"]),
    # the name runs into a verb: it ends where a frequent word begins
    ("某养殖场负责人陆永强长期向河道排放养殖废水", ["陆永强"]),
    ("证人周国庆证实，事发时其在现场", ["周国庆"]),
    ("家属熊桂英要求赔偿", ["熊桂英"]),
    ("失主林小燕到派出所报案", ["林小燕"]),
    ("申请人任建国要求公开征地批复", ["任建国"]),
    # two names joined by 与
    ("双方当事人沈志刚与韩雪梅自愿达成如下协议", ["沈志刚", "韩雪梅"]),
    # Traditional characters (converted before matching, offsets unchanged)
    ("申請人：陳美華", ["陳美華"]),
])
def test_private_persons(text, expected):
    assert values(CONF, text, "PERSON", severity="private") == expected


@pytest.mark.parametrize("text", [
    "王建国：", "陈建国同志：", "尊敬的刘德华先生：", "诸葛明：", "林小红女士：",
])
def test_salutation_of_a_reply_letter(text):
    found = values(CONF, segment(text, paragraph=3), "PERSON", severity="private")
    assert len(found) == 1 and found[0] in text


@pytest.mark.parametrize("text, expected", [
    # officials named in their role are public: info, with the reason
    ("县长王建军主持召开会议", ["王建军"]),
    ("执法人员李强、孙涛出示了执法证件", ["李强", "孙涛"]),
    ("主持人：周敏", ["周敏"]),
    ("签发人：吴刚", ["吴刚"]),
    ("出席：黄伟、刘洋、陈晨", ["黄伟", "刘洋", "陈晨"]),
    ("由张华局长带队开展检查", ["张华"]),
    ("执勤民警：马超（警号012345）", ["马超"]),
    ("联系人：县财政局 孙丽，电话0878-1234567", ["孙丽"]),
])
def test_officials_in_role_are_info(text, expected):
    found = findings(CONF, text, "PERSON")
    assert [v for _, v, _, _, _ in found] == expected
    assert all(sev == "info" and not masked for _, _, sev, masked, _ in found)


@pytest.mark.parametrize("text, expected", [
    # masked names: info, masked
    ("申请人：张某某", ["张某某"]),
    ("户主：王*", ["王*"]),
    ("当事人李某", ["李某"]),
    ("举报人：欧阳××", ["欧阳××"]),
    ("鲁某某等12人：", ["鲁某某"]),
])
def test_masked_names_are_info(text, expected):
    found = findings(CONF, text, "PERSON")
    assert [v for _, v, _, _, _ in found] == expected
    assert all(sev == "info" and masked for _, _, sev, masked, _ in found)


@pytest.mark.parametrize("text", [
    # labels followed by verbs, not names
    "申请人应当提交书面申请",
    "当事人陈述、申辩的权利",
    "安排申请人查阅、抄录相关政府信息",
    "申请人曾多次反映",
    "当事人的合法权益",
    "村民委员会协助调查",
    "居民身份证号码",
    "或者告知申请人向有权更正的行政机关提出",
    "申请人向行政机关申请获取政府信息的",
    "当事人于收到决定书之日起十五日内缴纳罚款",
    "负责人任期届满的",
    "申请人解决实际困难",
    # words and places that look like names
    "开展安全检查", "张家口市", "王家村村民小组", "以武定县为例",
    "高速公路", "公安机关", "方案如下：",
    # label-like lines are not salutations
    "说明：", "附件：", "各乡镇人民政府：", "武定县人民政府：", "联系电话：",
    # an organisation after a label is not a person
    "当事人：武定县好运来餐饮有限公司",
    "（意向买方：楚雄丰源粮油贸易有限公司）",
    # law text
    "个人信息处理者应当对其个人信息处理活动负责，并采取必要措施保障所处理的个人信息的安全。",
    "行政机关收到政府信息公开申请，申请内容不明确的，应当给予指导和释明。",
])
def test_quiet(text):
    assert values(CONF, text, "PERSON", severity="private") == []


@pytest.mark.parametrize("text, expected", [
    # a phone number after an official's name does not make it private
    ("联系人：县民政局社会救助股 杨丽，联系电话：0878-8712136。", [("杨丽", "info")]),
    # a masked name followed by sex and birth stays masked
    ("张某，男，1980年出生，汉族，初中文化，农民。", [("张某", "info")]),
    ("原告刘某诉被告陈某某民间借贷纠纷一案。", [("刘某", "info"), ("陈某某", "info")]),
])
def test_readings_that_compete(text, expected):
    assert [(v, sev) for _, v, sev, _, _ in findings(CONF, text, "PERSON")] == expected


@pytest.mark.parametrize("text, expected", [
    # labels of citizens' hotline work orders, petitions, aid lists (Traditional too: 來電人, 聯絡人)
    ("来电人：欧阳志强", ["欧阳志强"]),
    ("來電人：司徒惠珍", ["司徒惠珍"]),
    ("诉求人：司马文静，诉求内容如下", ["司马文静"]),
    ("优抚对象：上官秀英", ["上官秀英"]),
    ("贵公司联络人李晓燕女士提交的材料已收到。", ["李晓燕"]),
    ("貴公司聯絡人陳曉雯女士提交的材料已收到。", ["陳曉雯"]),
    # kinship words of the grandparents' generation
    ("该生由祖母王桂英抚养。", ["王桂英"]),
    ("其外公皇甫德明已年满八十。", ["皇甫德明"]),
    # two-character surnames at the head of a numbered item, before a licence or certificate number
    ("一、诸葛明亮，驾驶证号：530102198703150012，驾驶小型轿车", ["诸葛明亮"]),
    ("二、赵金兰，证件号码530102198703150012", ["赵金兰"]),
    # a mobile number written right after the name
    ("户主联系方式：杨永福13577830000；李春梅15911780000", ["杨永福", "李春梅"]),
    # a household named by its head after the village
    ("经排查，下村村委会张德明户（户籍人口5人）对补偿有异议。", ["张德明"]),
    ("河东村民小组欧阳建华户、李明户已签订协议。", ["欧阳建华"]),
])
def test_more_labels_kinship_and_households(text, expected):
    assert values(CONF, text, "PERSON", severity="private") == expected


@pytest.mark.parametrize("text", [
    "全县建档立卡户，其中一组贫困户", "东村李家户", "本村共有农户56户", "脱贫户、监测户纳入帮扶",
])
def test_households_without_a_name_are_quiet(text):
    assert values(CONF, text, "PERSON") == []


@pytest.mark.parametrize("text, expected", [
    # 其 + one kinship character, the name followed by 家 (staying at a relative's home)
    ("现暂住在城关镇（其兄贺志刚家）。", ["贺志刚"]),
    ("由其母邝淑芬代为领取。", ["邝淑芬"]),
])
def test_short_kinship_words(text, expected):
    assert values(CONF, text, "PERSON", severity="private") == expected
