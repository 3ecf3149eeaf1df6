"""Seeded generator for the long 低保/救助 tables: realistic families of 武定县, with valid IDs and cards.

Every value a table prints comes from here, and the gold for those tables is built from the same rows,
so the annotation lists exactly what the file holds.
"""
import random
from dataclasses import dataclass

from checks import id_check_char, luhn_complete

SURNAMES = (["李"] * 9 + ["张"] * 6 + ["王"] * 5 + ["杨"] * 6 + ["普"] * 4 + ["起"] * 2 + ["马"] * 3 + ["罗"] * 4 +
            ["陈"] * 3 + ["刘"] * 2 + ["何"] * 2 + ["周", "赵", "苏", "施", "毕", "鲁", "段", "沙", "龙", "胡", "鲍",
                                             "吕", "自", "那", "金", "常", "黄", "吴", "孙", "朱", "字", "者",
                                             "欧阳", "欧阳", "司马", "诸葛"])
MALE = "国华建明志永正文德学光荣富福贵成祥林海云飞春开顺忠良昌俊兴发有才家增世忠绍伟"
FEMALE = "秀英兰芬珍华丽梅花玉凤琼艳春芳桂美金红娟琴慧云霞萍燕莲菊"
TOWNS = {
    "猫街镇": {"小村村委会": ["大村", "新村", "河边"], "猫街村委会": ["上街", "下街", "箐口"],
            "新华村委会": ["大平掌", "松树林", "小新村"]},
    "高桥镇": {"勒外村委会": ["大平地", "大麦地", "干龙潭"], "以口夸村委会": ["以口夸", "新房子"]},
    "插甸镇": {"插甸村委会": ["老街", "新村", "沙沟"], "石腊它村委会": ["石腊它", "大箐"]},
    "发窝乡": {"发窝村委会": ["发窝", "尹嘎拉", "老青山"], "大西村委会": ["大西", "小西"]},
    "田心乡": {"田心村委会": ["田心", "迤纳"], "水城村委会": ["水城", "上马鞍山"]},
    "万德镇": {"万德村委会": ["中村", "下村"], "马德坪村委会": ["马德坪", "大村"]},
}
MOBILE_PREFIX = ["139", "138", "158", "187", "151", "135", "136", "182", "183", "150", "152", "159", "188",
                 "177", "180", "199", "157", "147"]
CARD_PREFIX = ["621779", "622823", "623059", "621775", "622848", "621799"]


@dataclass
class Family:
    name: str
    sex: str
    birth: str          # YYYYMMDD
    id18: str
    size: int
    amount: int         # 元/月
    card: str
    town: str
    village: str        # 村委会
    group: str          # 村民小组
    house: str          # 门牌, may be empty
    mobile: str         # may be empty

    @property
    def address(self) -> str:
        return f"{self.town}{self.village}{self.group}村民小组{self.house}"


def families(seed: int, n: int, towns=None, mobile_share: float = 0.8) -> list[Family]:
    rng = random.Random(seed)
    towns = towns or list(TOWNS)
    out, names, ids = [], set(), set()
    while len(out) < n:
        sex = rng.choice("mf")
        surname = rng.choice(SURNAMES)
        pool = MALE if sex == "m" else FEMALE
        given = rng.choice(pool) + (rng.choice(pool) if len(surname) == 1 and rng.random() < 0.85 else "")
        name = surname + given
        if name in names:
            continue
        y, m, d = rng.randint(1940, 1995), rng.randint(1, 12), rng.randint(1, 28)
        seq = rng.randint(1, 499) * 2 - (1 if sex == "m" else 0)
        first = f"532328{y}{m:02d}{d:02d}{seq:03d}"
        id18 = first + id_check_char(first)
        if id18 in ids:
            continue
        names.add(name)
        ids.add(id18)
        town = rng.choice(towns)
        village = rng.choice(sorted(TOWNS[town]))
        group = rng.choice(TOWNS[town][village])
        house = f"{rng.randint(1, 88)}号" if rng.random() < 0.6 else ""
        size = rng.choice([1, 1, 2, 2, 3, 3, 4, 5])
        amount = size * rng.choice([320, 350, 410, 460])
        card_prefix = rng.choice(CARD_PREFIX)
        length = rng.choice([19, 19, 19, 16])
        body = "".join(str(rng.randint(0, 9)) for _ in range(length - 1 - len(card_prefix)))
        card = luhn_complete(card_prefix + body)
        mobile = (rng.choice(MOBILE_PREFIX) + "".join(str(rng.randint(0, 9)) for _ in range(8))
                  if rng.random() < mobile_share else "")
        out.append(Family(name, sex, f"{y}{m:02d}{d:02d}", id18, size, amount, card, town, village, group, house,
                          mobile))
    return out


def mask_id(s: str) -> str:
    return s[:6] + "*" * 8 + s[-4:]


def mask_mobile(s: str) -> str:
    return s[:3] + "****" + s[-4:] if s else ""


def mask_name(s: str) -> str:
    return s[:2] + "*" if s[:2] in ("欧阳", "司马", "诸葛") else s[0] + "*" * (len(s) - 1)
