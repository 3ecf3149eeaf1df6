"""Valid personal identifiers for the bench corpus: IDs with their check character, Luhn cards, phones, plates."""
from __future__ import annotations

import random

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
REGIONS = ("532328", "532301", "530102", "530111", "110105", "440305", "320106", "510107", "370202")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "秀兰桂英玉梅建华志明海燕丽华春华淑芬国强德明文军红梅永福家兴光荣正平晓东金凤绍云学文兴发云飞"
# number segments in use for personal mobiles (140–144 are IoT numbers, not phones)
MOBILE_PREFIXES = ("130", "133", "135", "136", "138", "139", "147", "150", "152", "158", "166", "177", "180",
                   "186", "187", "189", "191", "199")
PLATE_PROVINCES = "云京沪粤川贵桂湘"   # plates say 贵 for Guizhou, not 黔
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def luhn_complete(prefix: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:  # the check digit will sit right of `prefix`: double every other from here
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix + str((10 - total % 10) % 10)


class Values:
    """A seeded source of identifiers; every value it hands out is one the detectors should find."""

    def __init__(self, rnd: random.Random):
        self.r = rnd

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def resident_id(self) -> str:
        r = self.r
        first = (r.choice(REGIONS) + f"{r.randint(1950, 2005)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
                 + f"{r.randint(1, 999):03d}")
        return first + id_check_char(first)

    def mobile(self) -> str:
        return self.r.choice(MOBILE_PREFIXES) + self.digits(8)

    def landline(self) -> str:
        return self.r.choice(("0878-", "0871-", "010-", "021-")) + self.r.choice("2345678") + self.digits(6)

    def bank_card(self) -> str:
        return luhn_complete("6217" + self.digits(14))

    def email(self) -> str:
        return self.r.choice(("zhang", "li", "wang", "ynwd", "chen")) + self.digits(4) + "@" + \
            self.r.choice(("163.com", "qq.com", "126.com", "sina.com"))

    def passport(self) -> str:
        return "E" + self.digits(8)

    def plate(self) -> str:
        return self.r.choice(PLATE_PROVINCES) + self.r.choice(PLATE_LETTERS) + "·" + \
            self.r.choice(PLATE_LETTERS) + self.digits(4)

    def credit_code(self) -> str:
        first = "91" + self.r.choice(REGIONS) + "".join(self.r.choice(USCC_CHARS) for _ in range(9))
        total = sum(USCC_CHARS.index(c) * w for c, w in zip(first, USCC_WEIGHTS))
        return first + USCC_CHARS[(31 - total % 31) % 31]

    def name(self) -> str:
        given = self.r.choice(GIVEN) + (self.r.choice(GIVEN) if self.r.random() < 0.7 else "")
        return self.r.choice(SURNAMES) + given

    def masked_id(self) -> str:
        v = self.resident_id()
        return v[:6] + "********" + v[-4:]

    def masked_mobile(self) -> str:
        v = self.mobile()
        return v[:3] + "****" + v[-4:]
