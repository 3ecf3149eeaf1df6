"""AddressRecognizer: detailed addresses at each level, addresses cut at 乡镇 (quiet), office addresses (info)."""
import pytest

from tests.detectors.names_markings_helpers import findings, segment, values

CONF = "addresses.yaml"


@pytest.mark.parametrize("text, expected", [
    # province … road, house number, building, flat
    ("住址：浙江省杭州市西湖区文三路478号华星大厦5楼502室", ["浙江省杭州市西湖区文三路478号华星大厦5楼502室"]),
    ("户籍地址：河南省郑州市金水区花园路3号院2号楼1单元301室", ["河南省郑州市金水区花园路3号院2号楼1单元301室"]),
    ("现住址贵州省遵义市红花岗区中华路88号", ["贵州省遵义市红花岗区中华路88号"]),
    # short forms of divisions (楚雄州, 云南) start the address too
    ("住所：云南楚雄州南华县龙川镇北街9号", ["云南楚雄州南华县龙川镇北街9号"]),
    # towns and villages not in the division data: the structure carries them
    ("家住城关镇东风社区建设路12号", ["城关镇东风社区建设路12号"]),
    ("住永胜乡新华村委会小河村民小组12号", ["永胜乡新华村委会小河村民小组12号"]),
    ("家住平安村3组", ["平安村3组"]),
    ("户籍地：元谋县黄瓜园镇苴林村委会下村村民小组", ["元谋县黄瓜园镇苴林村委会下村村民小组"]),
    # an estate, building and flat after the street
    ("现居住在幸福路西段阳光花园7栋2单元601室，", ["幸福路西段阳光花园7栋2单元601室"]),
    # Hong Kong, Taiwan; Traditional characters
    ("通信地址：香港九龍尖沙咀彌敦道100號10樓A室", ["香港九龍尖沙咀彌敦道100號10樓A室"]),
    ("住址：臺北市中正區重慶南路一段122號", ["臺北市中正區重慶南路一段122號"]),
    # two addresses in one sentence
    ("户籍地址武定县白路镇白路村委会大村村民小组5号，现住昆明市盘龙区北京路100号",
     ["武定县白路镇白路村委会大村村民小组5号", "昆明市盘龙区北京路100号"]),
])
def test_detailed_addresses(text, expected):
    assert values(CONF, text, "ADDRESS", severity="private") == expected


def test_address_in_a_table_cell():
    row = segment("1\t张三\t城关镇东街村委会上组5号", headers=["序号", "户主", "家庭住址"])
    assert values(CONF, row, "ADDRESS") == ["城关镇东街村委会上组5号"]


@pytest.mark.parametrize("text", [
    # cut at 乡镇/街道 or 村委会 level: already de-identified
    "住址：云南省武定县狮山镇",
    "所属乡镇：高桥镇",
    "勒外村委会",
    "位于狮山镇的武定县金象建材有限公司",
    "地址：武定县近城镇工业园区",
    # document numbers, articles, road markers, flats without a place
    "武政发〔2024〕12号", "国务院令第711号", "关于发布第3号公告的通知",
    "《中华人民共和国安全生产法》第一百一十四条",
    "在国道G108线K2395+600m处",
    "你反映同单元502室住户在装修中拆除承重墙",
    "检测报告（编号WDJC-2024-031）",
    "共有3栋楼",
    # a sequence number is a whole number after 第: 提案, 建议, 公告 numbers are not house numbers
    "关于市第五届政协二次会议第31号提案的办理意见",
    "对县人代会第105号建议的答复",
    # a level word alone names no place: a fragment of an address is not an address
    "他说所住小区5幢楼道堆放杂物",
    "反映本村3组水管破裂",
    # law text
    "第二十条 国家秘密的保密期限，应当根据事项的性质和特点确定。",
])
def test_quiet(text):
    assert values(CONF, text, "ADDRESS") == []


@pytest.mark.parametrize("text, expected", [
    # an office's address is public: info
    ("办公地址：南华县龙川镇人民路1号", "南华县龙川镇人民路1号"),
    ("联系地址：武定县狮山镇南屏路56号武定县市场监督管理局法规股", "武定县狮山镇南屏路56号"),
    ("信函寄至禄丰市金山镇龙城路2号市住房和城乡建设局", "禄丰市金山镇龙城路2号"),
    ("受理地点：县公安局出入境管理大队（元谋县元马镇龙川街18号政务服务中心一楼）", "元谋县元马镇龙川街18号政务服务中心一楼"),
    ("请与县人民政府办公室联系（地址：大姚县金碧镇新城路5号；电话：0878-6221234）", "大姚县金碧镇新城路5号"),
    # a meeting venue, a government building: public
    ("培训地点：州行政中心三楼报告厅", "州行政中心三楼"),
    ("请于上午9时到南华县龙川镇人民路1号办公楼3楼参加考试", "南华县龙川镇人民路1号办公楼3楼"),
])
def test_office_addresses_are_info(text, expected):
    found = findings(CONF, text, "ADDRESS")
    assert [(v, sev) for _, v, sev, _, _ in found] == [(expected, "info")]


def test_words_before_an_unlisted_town_are_not_part_of_the_address():
    text = "经查，当事人擅自占用狮山镇大西邑村委会核桃园村民小组56号院内集体土地"
    assert values(CONF, text, "ADDRESS") == ["狮山镇大西邑村委会核桃园村民小组56号院"]


@pytest.mark.parametrize("text", [
    "该项目涉及大西邑村委会4个村民小组",
    "确认你儿子享有近城村委会罗家村民小组集体经济组织成员资格",
])
def test_village_groups_in_sentences_are_not_addresses(text):
    assert values(CONF, text, "ADDRESS") == []


@pytest.mark.parametrize("text", [
    "全县共有村民小组1256个。",
    "各村民小组要组织群众开展环境整治。",
    "县城规划区面积18平方公里，辖11个乡镇、128个村（社区）。",
    "本工程位于狮山大道与文昌路交叉口东北角。",
])
def test_statistics_and_directions_are_not_addresses(text):
    assert values(CONF, text, "ADDRESS") == []


@pytest.mark.parametrize("text, expected", [
    ("住址：上海市浦东新区张江镇祖冲之路887弄72号", ["上海市浦东新区张江镇祖冲之路887弄72号"]),
    ("住所：四川省成都市武侯区人民南路四段12号6栋2单元3楼5号", ["四川省成都市武侯区人民南路四段12号6栋2单元3楼5号"]),
    ("住址：新疆维吾尔自治区乌鲁木齐市天山区解放北路88号", ["新疆维吾尔自治区乌鲁木齐市天山区解放北路88号"]),
    ("家庭住址：浙江省温州市乐清市柳市镇长虹村5组", ["浙江省温州市乐清市柳市镇长虹村5组"]),
    ("申请人住址为河北省石家庄市长安区建设北大街3号院", ["河北省石家庄市长安区建设北大街3号院"]),
])
def test_addresses_across_the_country(text, expected):
    assert values(CONF, text, "ADDRESS", severity="private") == expected


@pytest.mark.parametrize("text", [
    "全年新增农村低保11230户，发放资金3.2亿元。",
    "共有农户560户、2130人。",
])
def test_household_counts_are_not_addresses(text):
    assert values(CONF, text, "ADDRESS") == []
