"""The words around a name that say whose it is: labels of private persons, officials' titles and duty labels."""
from __future__ import annotations

import re

# A private person named after these (当事人：李春华, 村民杨正明, 其丈夫毕国华).
PRIVATE_LABELS = """
姓名 名字 当事人 申请人 被申请人 复议申请人 复查申请人 第三人 户主 户主姓名 举报人 投诉人 信访人 来访人 来信人
反映人 委托代理人 代理人 法定代表人 经营者 业主 负责人 实际控制人 股东 死者 伤者 遇难者 遇难人员 受害人 被害人
受伤人员 死亡人员 犯罪嫌疑人 嫌疑人 被告人 原告 被告 驾驶人 驾驶员 司机 乘客 村民 居民 住户 农户 群众 患者 病人
病例 监护人 家属 代表人 牵头人 目击者 证人 被处罚人 被征收人 被征地户 被检查人 被调查人 被询问人 被执行人
承租人 出租人 申报人 报告人 求助人 救助对象 受助人 供养对象 低保对象 困难群众 租户 购房人 买受人 卖方 买方
操作工 工人 员工 职工 农民工 保安 场长 总经理 副总经理 经理 董事长 会计 出纳 厨师 店主 老板 个体户 务工人员
学生 考生 儿童 老人 丈夫 妻子 儿子 女儿 父亲 母亲 之子 之女 之妻 其子 其女 其夫 其妻 孙子 孙女 哥哥 弟弟
姐姐 妹妹 堂姐 堂兄 堂弟 堂妹 表哥 表姐 表弟 表妹 配偶 前妻 前夫 亲属 邻居 户籍人口 持卡人 收款人 开户人
失主 借款人 出借人 贷款人 报案人 车主 房主 受伤者 承包人 发包人 参保人 被保险人 投保人 纳税人 缴款人
来电人 来电者 来电群众 诉求人 咨询人 留言人 求助者 反映人 投诉者 举报者 联络人 被监护人 抚养人 赡养人 家长 学生家长
优抚对象 抚恤对象 补助对象 资助对象 受资助人 受助学生 帮扶对象 安置对象 搬迁户 户籍人 驾驶者 当事司机 乘车人
祖母 祖父 外祖母 外祖父 奶奶 爷爷 外婆 外公 叔叔 伯父 伯母 舅舅 舅妈 姑姑 姨妈 婶婶 儿媳 女婿 胞兄 胞弟 胞姐 胞妹
其父 其母 其兄 其弟 其姐 其妹 其孙 其侄
被征收户 被征收户主 被拆迁人 被拆迁户 被搬迁户 被安置人 动迁户 拆迁户
""".split()

# An official named in role after these (执法人员：张磊, 出席：李辉、马建新, 县长李辉).
OFFICIAL_LABELS = """
执法人员 执法员 执勤民警 民警 警员 办案人员 办案民警 承办人 经办人 审核人 审批人 签发人 核稿人 拟稿人 校对人 印发人
主持人 记录人 记录 出席 列席 参会人员 参加人员 出席人员 列席人员 缺席 请假 检查人员 调查人员 工作人员 调查组组长
县长 副县长 市长 副市长 州长 副州长 镇长 副镇长 乡长 副乡长 区长 副区长 省长 副省长 书记 副书记 局长 副局长
主任 副主任 科长 副科长 股长 副股长 所长 副所长 大队长 中队长 支队长 站长 副站长 院长 副院长 庭长 检察长 厅长
处长 部长 主席 副主席 委员 秘书长 组长 副组长 队长 审判员 书记员 检察官 法官 讲解人 发言人 新闻发言人
""".split()

# Titles written after the name: 李辉局长, 张立新书记.
TITLES_AFTER = """
县长 副县长 市长 副市长 州长 镇长 副镇长 乡长 书记 副书记 局长 副局长 主任 副主任 科长 股长 所长 站长 院长 部长
处长 厅长 主席 同志 委员 组长 队长 大队长
""".split()

# Kinship words: a name follows them directly even before a verb (你儿子欧阳志华享有…)
KINSHIP = set("""
丈夫 妻子 儿子 女儿 父亲 母亲 之子 之女 之妻 其子 其女 其夫 其妻 孙子 孙女 哥哥 弟弟 姐姐 妹妹 堂姐 堂兄 堂弟 堂妹
表哥 表姐 表弟 表妹 配偶 前妻 前夫 祖母 祖父 外祖母 外祖父 奶奶 爷爷 外婆 外公 叔叔 伯父 伯母 舅舅 舅妈 姑姑 姨妈
婶婶 儿媳 女婿 胞兄 胞弟 胞姐 胞妹 其父 其母 其兄 其弟 其姐 其妹 其孙 其侄
""".split())

# Job titles: a name never lies inside one (总工程师 holds 程师, 会计师 holds 计师)
JOB_TITLES = frozenset("""
工程师 会计师 经济师 审计师 统计师 农艺师 畜牧师 兽医师 药剂师 律师 教师 医师 技师 讲师 科员 办事员 干事 调研员
""".split())
JOB_TITLE_ENDS = frozenset(w[-1] for w in JOB_TITLES)
_JOB_TITLE_SIZES = tuple(sorted({len(w) for w in JOB_TITLES}))


def inside_title(text: str, start: int, end: int) -> bool:
    """text[start:end] is the tail of a job title that begins before it (程师 in 总工程师)."""
    return text[end - 1:end] in JOB_TITLE_ENDS and any(
        end - k < start and text[end - k:end] in JOB_TITLES for k in _JOB_TITLE_SIZES if k <= end)


# Ambiguous: the state's own contact person or a private one (decided by what is nearby).
CONTACT_LABELS = ["联系人", "联络人"]

ORG_WORD = re.compile(r"(?:人民政府|政府|委员会|办公室|管理局|局|委|办|中心|大队|支队|股|科|室|所|站|院)\s*$")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")


def trie_regex(words) -> str:
    """One regular expression for a word list, factored as a trie (申(?:请人|报人)…): Python's re then
    tries one branch per character instead of every word at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _alternation(words) -> str:
    return trie_regex(set(words))


LABEL_KIND: dict[str, str] = {}
for _w in PRIVATE_LABELS:
    LABEL_KIND[_w] = "private"
for _w in OFFICIAL_LABELS:
    LABEL_KIND.setdefault(_w, "official")
for _w in CONTACT_LABELS:
    LABEL_KIND[_w] = "contact"

# label, an optional parenthesis (法定代表人（负责人、经营者）：), an optional colon and spaces
LABEL_RE = re.compile(
    f"(?P<label>{_alternation(LABEL_KIND)})(?P<paren>[（(][^）)]{{1,12}}[）)])?(?P<colon>\\s*[：:])?\\s*")
TITLE_AFTER_RE = re.compile(f"(?:{_alternation(TITLES_AFTER)})")
# cheap gate for LABEL_RE: the last character of a label, then (after a colon) a surname character
LABEL_ENDS = "".join(sorted({w[-1] for w in LABEL_KIND}))
