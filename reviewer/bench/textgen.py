"""Seeded Chinese government prose for the bench corpus: notices, reports, 公示 rows, with personal data sprinkled in."""
from __future__ import annotations

import random

from .values import Values

AGENCIES = ("县人民政府办公室", "县民政局", "县人力资源和社会保障局", "县住房和城乡建设局", "县自然资源局",
            "县应急管理局", "县市场监督管理局", "县卫生健康局", "县教育体育局", "狮山镇人民政府",
            "近城镇人民政府", "县公安局交通管理大队", "县财政局", "县农业农村局")
TOWNS = ("狮山镇", "近城镇", "高桥镇", "猫街镇", "插甸镇", "田心乡", "发窝乡", "白路镇", "环州乡")
VILLAGES = ("大西邑村委会", "新村村委会", "福德村委会", "和尚庄村委会", "花箐村委会", "古柏村委会")
SUBJECTS = ("各乡镇人民政府", "县直各部门", "各村（社区）", "各有关单位", "全县各级各部门", "局属各单位")
VERBS = ("要切实加强", "应当进一步规范", "必须认真落实", "要持续推进", "应当严格执行", "要统筹做好",
         "要扎实开展", "应当及时完善", "要全面提升")
OBJECTS = ("政府信息公开审查工作", "安全生产隐患排查整治", "城乡居民最低生活保障审核确认",
           "农村危房改造资金管理", "行政执法公示制度", "基层政务公开标准化规范化建设",
           "重大行政决策公众参与", "特困人员救助供养", "防汛抗旱和地质灾害防治", "耕地保护和用途管制",
           "营商环境优化提升", "食品安全监督抽检", "义务教育控辍保学", "养老服务体系建设")
TAILS = ("确保各项工作落到实处。", "切实维护群众合法权益。", "不断提高人民群众满意度。",
         "形成工作合力。", "按时报送工作进展情况。", "做到应公开尽公开。", "防止泄露国家秘密和个人隐私。",
         "推动工作提质增效。", "建立健全长效机制。")
FACTS = ("截至{m}月底，全县共受理政府信息公开申请{n}件，办结{k}件。",
         "{y}年全县累计投入资金{n}万元，完成项目{k}个，惠及群众{n2}人。",
         "本次共排查隐患{n}处，已整改{k}处，整改率{p}%。",
         "全年主动公开政府信息{n}条，其中规范性文件{k}件。",
         "经{town}人民政府审核，{k}户{n}人符合条件，现予以公示，公示期为{d}个工作日。",
         "会议听取了{agency}关于{obj}的汇报，研究部署了下一步工作。")
PERSONAL = ("申请人{name}，身份证号码{id}，联系电话{mobile}，住址{addr}。",
            "当事人{name}（男，{age}岁），公民身份号码：{id}，现住{addr}。",
            "经核实，{name}的银行卡号为{card}，补助资金已于{m}月{d}日发放到位。",
            "信访人{name}反映的问题，请与经办人联系，电话{landline}，邮箱{email}。",
            "{name}，护照号码{passport}，因私出国境证照已集中保管。",
            "车牌号为{plate}的小型客车在{town}境内发生交通事故，驾驶人{name}受伤。",
            "{company}（统一社会信用代码：{credit}）因违反相关规定被处以罚款。",
            "联系人：{name}，手机：{mobile}。",
            "已脱敏：{masked_id}，电话{masked_mobile}。")
MARKINGS = ("秘密★1年", "内部资料 注意保存", "（征求意见稿）", "（此件不公开）")
COMPANIES = ("武定县鑫源石材有限公司", "云南好味来餐饮管理有限公司", "武定县金沙建筑工程有限公司",
             "楚雄州惠民农业发展有限公司")


# template field → the finding type its value must produce (names and addresses are not counted)
PLANTED_TYPES = {"id": "CN_RESIDENT_ID", "mobile": "CN_MOBILE_PHONE", "card": "BANK_CARD",
                 "landline": "CN_LANDLINE_PHONE", "email": "EMAIL_ADDRESS", "passport": "CN_PASSPORT",
                 "plate": "CN_LICENSE_PLATE", "credit": "ORG_CREDIT_CODE"}


class TextGen:
    """Paragraphs, titles and table rows drawn from one seeded random source.

    `planted` counts the identifiers written, by finding type: writers call `plant` for the table
    columns they actually write; prose counts itself as it is generated.
    """

    def __init__(self, seed: int, personal_share: float = 0.08):
        self.r = random.Random(seed)
        self.v = Values(self.r)
        self.personal_share = personal_share
        self.planted: dict[str, int] = {}

    def plant(self, ftype: str, n: int = 1) -> None:
        self.planted[ftype] = self.planted.get(ftype, 0) + n

    def address(self) -> str:
        r = self.r
        return (f"云南省楚雄州武定县{r.choice(TOWNS)}{r.choice(VILLAGES)}{r.randint(1, 12)}组"
                f"{r.randint(1, 99)}号")

    def fill(self, template: str) -> str:
        r, v = self.r, self.v
        fields = {"m": r.randint(1, 12), "n": r.randint(10, 9999), "k": r.randint(1, 99), "n2": r.randint(100, 90000),
                  "p": r.randint(80, 100), "y": r.randint(2019, 2024), "d": r.randint(1, 28),
                  "town": r.choice(TOWNS), "agency": r.choice(AGENCIES), "obj": r.choice(OBJECTS),
                  "age": r.randint(18, 80), "company": r.choice(COMPANIES)}
        if "{name" in template:
            fields["name"] = v.name()
        for key, make in (("id", v.resident_id), ("mobile", v.mobile), ("addr", self.address),
                          ("card", v.bank_card), ("landline", v.landline), ("email", v.email),
                          ("passport", v.passport), ("plate", v.plate), ("credit", v.credit_code),
                          ("masked_id", v.masked_id), ("masked_mobile", v.masked_mobile)):
            if "{" + key + "}" in template:
                fields[key] = make()
                if key in PLANTED_TYPES:
                    self.plant(PLANTED_TYPES[key])
        return template.format(**fields)

    def sentence(self) -> str:
        r = self.r
        if r.random() < self.personal_share:
            return self.fill(r.choice(PERSONAL))
        if r.random() < 0.4:
            return self.fill(r.choice(FACTS))
        return f"{r.choice(SUBJECTS)}{r.choice(VERBS)}{r.choice(OBJECTS)}，{r.choice(VERBS)}{r.choice(OBJECTS)}，{r.choice(TAILS)}"

    def paragraph(self, sentences: int | None = None) -> str:
        n = sentences or self.r.randint(2, 6)
        return "".join(self.sentence() for _ in range(n))

    def title(self) -> str:
        r = self.r
        kind = r.choice(("关于", "关于印发", "关于做好"))
        return f"{r.choice(AGENCIES)}{kind}{r.choice(OBJECTS)}的通知"

    def marking(self) -> str | None:
        return self.r.choice(MARKINGS) if self.r.random() < 0.03 else None

    def document(self, paragraphs: int) -> list[str]:
        """A titled document: optional marking, title, salutation, body paragraphs, signature, date."""
        out = []
        mark = self.marking()
        if mark:
            out.append(mark)
        out += [self.title(), self.r.choice(SUBJECTS) + "："]
        out += [self.paragraph() for _ in range(paragraphs)]
        out += [self.r.choice(AGENCIES), f"{self.r.randint(2019, 2024)}年{self.r.randint(1, 12)}月{self.r.randint(1, 28)}日"]
        return out

    def table_row(self, number: int) -> list[str]:
        """One row of a 公示 list: 序号, 姓名, 身份证号, 手机, 住址, 银行卡号, 金额, 备注."""
        v, r = self.v, self.r
        return [str(number), v.name(), v.resident_id(), v.mobile(), self.address(), v.bank_card(),
                f"{r.randint(100, 5000)}.00", r.choice(("新增", "续保", "调标", "", ""))]


TABLE_HEADER = ["序号", "姓名", "身份证号码", "联系电话", "家庭住址", "银行卡号", "金额（元）", "备注"]
