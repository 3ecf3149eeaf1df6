"""Excel workbooks of the corpus (openpyxl), each with its hand-written or row-derived gold annotation."""
import random

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side

from common import (ADDR, CARD, DRAFT, ID, MOB, PER, RESTRICT, SECRET, TEL, FIXED_DT, Doc, normalise_zip)
from checks import id_check_char, is_valid_id18, luhn_ok
from rows import families, mask_id, mask_mobile, mask_name

DOCS = []
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def workbook(creator: str = "") -> Workbook:
    wb = Workbook()
    p = wb.properties
    p.creator = creator
    p.lastModifiedBy = creator or None
    p.created = p.modified = FIXED_DT
    p.title = p.subject = p.description = p.keywords = None
    return wb


def sheet_table(ws, title: str, head: list, body: list, *, widths=None, note: str | None = None,
                marking: str | None = None):
    """Title row (merged), optional marking row, header row, body rows, optional footnote."""
    n = len(head)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).font = Font(name="宋体", size=14, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    if marking:
        ws.append([marking])
    ws.append(head)
    hr = ws.max_row
    for j in range(1, n + 1):
        c = ws.cell(hr, j)
        c.font = Font(name="宋体", bold=True)
        c.border = BOX
        c.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in body:
        ws.append(row)
        for j in range(1, n + 1):
            ws.cell(ws.max_row, j).border = BOX
    if note:
        ws.append([])
        ws.append([note])
    for j, w in enumerate(widths or [], 1):
        ws.column_dimensions[ws.cell(hr, j).column_letter].width = w
    ws.freeze_panes = ws.cell(hr + 1, 1)
    return hr


def save(wb: Workbook, path, company: str = "") -> None:
    wb.save(path)
    normalise_zip(path, company=company)


def xlsx_doc(name, genre, script, tests, build, **gold):
    DOCS.append(Doc(f"xlsx/{name}", genre, script, tests, build, **gold))


def sex(f):
    return "男" if f.sex == "m" else "女"


# ---------------------------------------------------------------- 150 户低保花名册（全量）
_F150 = families(seed=31, n=150)


def _dibao150(path):
    wb = workbook()
    ws = wb.active
    ws.title = "低保花名册"
    body = [[i, f.name, f.id18, f.size, f.amount, f.card, f"武定县{f.address}", int(f.mobile) if f.mobile else None]
            for i, f in enumerate(_F150, 1)]
    sheet_table(ws, "武定县2024年第二季度城乡最低生活保障对象花名册", ["序号", "户主姓名", "身份证号", "家庭人口",
                "保障金额（元/月）", "银行卡号", "住址", "联系电话"], body,
                widths=[6, 10, 21, 9, 12, 23, 42, 14], note="制表：县民政局社会救助股　　审核：　　　　2024年6月30日")
    save(wb, path)


xlsx_doc("武定县2024年二季度城乡低保对象花名册.xlsx", "低保公示名单（xlsx 150 户）", "简",
         "150 families, every row unmasked: name, ID (text), household size, amount, bank card (text), address to "
         "村民小组/号, mobile stored as a number; the long-table leak seen in inspections",
         _dibao150,
         entities=[e for f in _F150 for e in ((PER, f.name), (ID, f.id18), (CARD, f.card))] +
                  [(MOB, f.mobile) for f in _F150 if f.mobile] +
                  list(dict.fromkeys((ADDR, f"武定县{f.address}") for f in _F150)))

# ---------------------------------------------------------------- 低保公示：脱敏列 + 隐藏的全号列
_F_CHADIAN = families(seed=41, n=20, towns=["插甸镇"])


def _hidden_column(path):
    wb = workbook()
    ws = wb.active
    ws.title = "公示名单"
    body = [[i, f.name, mask_id(f.id18), f.id18, f.size, f.amount, f.village] for i, f in enumerate(_F_CHADIAN, 1)]
    sheet_table(ws, "插甸镇2024年新增农村低保对象公示名单", ["序号", "户主姓名", "身份证号码", "身份证号码（原）",
                "保障人口", "月保障金（元）", "村委会"], body, widths=[6, 10, 21, 21, 9, 12, 14],
                note="公示期：2024年5月13日至5月19日　监督电话：0878-8771018")
    ws.column_dimensions["D"].hidden = True
    save(wb, path)


xlsx_doc("插甸镇2024年新增农村低保对象公示名单.xlsx", "低保公示名单（隐藏列）", "简",
         "the visible ID column is masked, but the column beside it with the full IDs is only hidden (hidden_column); "
         "names are visible",
         _hidden_column,
         entities=[e for f in _F_CHADIAN for e in ((PER, f.name), (ID, f.id18))],
         ignore=[(TEL, "0878-8771018")] + list(dict.fromkeys((ADDR, f.village) for f in _F_CHADIAN)),
         hidden=["hidden_column"])

# ---------------------------------------------------------------- 特困公示：隐藏工作表
_F_FAWO = families(seed=51, n=15, towns=["发窝乡"])
_F_FAWO[0].id18 = _F_FAWO[0].id18[:6] + _F_FAWO[0].id18[8:17]   # an elderly man's old 15-digit card, never renewed


def _hidden_sheet(path):
    wb = workbook()
    ws = wb.active
    ws.title = "公示"
    body = [[i, mask_name(f.name), sex(f), mask_id(f.id18), f.village, "分散供养"] for i, f in enumerate(_F_FAWO, 1)]
    sheet_table(ws, "发窝乡2024年特困人员救助供养对象公示", ["序号", "姓名", "性别", "身份证号", "村委会", "供养方式"],
                body, widths=[6, 10, 6, 21, 14, 10], note="监督电话：0878-8781062")
    raw = wb.create_sheet("原始数据")
    raw.append(["姓名", "性别", "身份证号", "联系电话", "家庭住址"])
    for f in _F_FAWO:
        raw.append([f.name, sex(f), f.id18, f.mobile, f"武定县{f.address}"])
    raw.sheet_state = "hidden"
    save(wb, path)


xlsx_doc("发窝乡2024年特困人员救助供养对象公示.xlsx", "特困公示（隐藏工作表）", "简",
         "the published sheet is masked; a hidden sheet 原始数据 keeps names, IDs, mobiles and addresses (hidden_sheet)",
         _hidden_sheet,
         entities=[e for f in _F_FAWO for e in ((PER, f.name), (ID, f.id18))] +
                  list(dict.fromkeys((ADDR, f"武定县{f.address}") for f in _F_FAWO)) +
                  [(MOB, f.mobile) for f in _F_FAWO if f.mobile],
         ignore=[(TEL, "0878-8781062")] + list(dict.fromkeys((ADDR, f.village) for f in _F_FAWO)),
         hidden=["hidden_sheet"])

# ---------------------------------------------------------------- 临时救助发放表：隐藏行
_F_WANDE = families(seed=61, n=16, towns=["万德镇"])
_HIDDEN_ROWS = (4, 9, 13)        # indexes into _F_WANDE whose rows are unmasked and hidden


def _hidden_rows(path):
    wb = workbook()
    ws = wb.active
    ws.title = "Sheet1"
    body = []
    for i, f in enumerate(_F_WANDE):
        if i in _HIDDEN_ROWS:
            body.append([i + 1, f.name, f.id18, f.mobile, "因病", f.size * 1500, "经复核不予救助"])
        else:
            body.append([i + 1, mask_name(f.name), mask_id(f.id18), mask_mobile(f.mobile), "因病" if i % 2 else "因灾",
                         f.size * 1000, ""])
    hr = sheet_table(ws, "万德镇2024年4月临时救助审批结果公示", ["序号", "姓名", "身份证号", "联系电话", "救助事由",
                     "救助金额（元）", "备注"], body, widths=[6, 10, 21, 14, 10, 12, 16])
    for i in _HIDDEN_ROWS:
        ws.row_dimensions[hr + 1 + i].hidden = True
    save(wb, path)


xlsx_doc("万德镇2024年4月临时救助审批结果公示.xlsx", "临时救助公示（隐藏行）", "简",
         "visible rows are masked; three rows of refused applicants, unmasked, were hidden instead of deleted "
         "(hidden_row)",
         _hidden_rows,
         entities=[e for i in _HIDDEN_ROWS for e in ((PER, _F_WANDE[i].name), (ID, _F_WANDE[i].id18))] +
                  [(MOB, _F_WANDE[i].mobile) for i in _HIDDEN_ROWS if _F_WANDE[i].mobile],
         hidden=["hidden_row"])

# ---------------------------------------------------------------- 耕地地力保护补贴：单元格批注
_F_SUBSIDY = families(seed=81, n=12, towns=["高桥镇"])


def _comment(path):
    wb = workbook()
    ws = wb.active
    ws.title = "补贴发放"
    body = [[i, f.name, f"{f.village}{f.group}村民小组", round(f.size * 2.35, 2), round(f.size * 2.35 * 96.5, 2),
             f.card[:4] + "*" * (len(f.card) - 8) + f.card[-4:]] for i, f in enumerate(_F_SUBSIDY, 1)]
    hr = sheet_table(ws, "高桥镇2024年耕地地力保护补贴发放公示", ["序号", "户主", "所在村组", "补贴面积（亩）",
                     "补贴金额（元）", "一卡通账号"], body, widths=[6, 10, 22, 12, 12, 24])
    ws.cell(hr + 3, 2).comment = Comment("户主变更：原户主周德明已于2024年1月去世，补贴改发其子周永福，"
                                         "一卡通6230525648334990362，电话13529801147。", "Administrator")
    save(wb, path)


xlsx_doc("高桥镇2024年耕地地力保护补贴发放公示.xlsx", "补贴发放公示（单元格批注）", "简",
         "farmers' names with 村民小组 visible (a subsidy list publishes names), masked card numbers; a cell comment holds "
         "a dead farmer's and his son's names, the son's card and mobile (comment)",
         _comment,
         entities=[(PER, f.name) for f in _F_SUBSIDY] +
                  list(dict.fromkeys((ADDR, f"{f.village}{f.group}村民小组") for f in _F_SUBSIDY)) +
                  [(PER, "周德明"), (PER, "周永福"), (CARD, "6230525648334990362"), (MOB, "13529801147")],
         hidden=["comment"])

# ---------------------------------------------------------------- 教师招聘拟聘用名单（初稿，作者元数据）
_TEACHERS = [("张思源", "女", "1999.03", "本科", "云南师范大学", "武定县第一中学", "数学"),
             ("李浩宇", "男", "1998.10", "硕士", "西南大学", "武定县第一中学", "物理"),
             ("起文静", "女", "2000.06", "本科", "楚雄师范学院", "武定民族中学", "语文"),
             ("司马远航", "男", "1997.12", "本科", "曲靖师范学院", "武定县第二中学", "体育"),
             ("何佳琪", "女", "2001.02", "本科", "云南民族大学", "狮山镇中心学校", "英语"),
             ("普晓宇", "男", "1999.08", "本科", "红河学院", "插甸镇中心学校", "数学"),
             ("罗婉清", "女", "2000.11", "本科", "玉溪师范学院", "高桥镇中心学校", "音乐"),
             ("段明哲", "男", "1998.05", "硕士", "云南大学", "武定县第一中学", "化学")]


def _teachers(path):
    wb = workbook("杨晓琳")
    ws = wb.active
    ws.title = "拟聘用"
    body = [[i, *t[:4], t[4], t[5], t[6]] for i, t in enumerate(_TEACHERS, 1)]
    sheet_table(ws, "武定县2024年公开招聘中小学教师拟聘用人员名单（初稿）", ["序号", "姓名", "性别", "出生年月",
                "学历", "毕业院校", "拟聘学校", "学科"], body, widths=[6, 10, 6, 10, 8, 16, 18, 8])
    save(wb, path, company="武定县教育体育局")


xlsx_doc("2024年公开招聘中小学教师拟聘用人员名单（初稿）.xlsx", "招聘拟聘用人员名单（初稿）", "简",
         "DRAFT 「初稿」 in the sheet's title row; names incl. 司马; creator/last-modified-by and company properties set "
         "(metadata)",
         _teachers,
         entities=[(DRAFT, "初稿")] + [(PER, t[0]) for t in _TEACHERS],
         ignore=[(PER, "杨晓琳")],
         hidden=["metadata"])

# ---------------------------------------------------------------- 繁体：临时救助发放明细（全量）
_TRAD = [  # 姓名, 性別, 住址, 救助事由, 金額 — written by hand in Traditional; ID/card/mobile from the seeded generator
    ("張國華", "男", "武定縣獅山鎮西和村委會上西和村民小組27號", "因病", 5000),
    ("楊秀蘭", "女", "武定縣獅山鎮大西邑村委會核桃園村民小組", "因病", 6000),
    ("歐陽麗娟", "女", "武定縣近城鎮近城村委會羅家村民小組12號", "因災", 3000),
    ("羅國強", "男", "武定縣貓街鎮小村村委會大村村民小組8號", "因意外事故", 8000),
    ("馬鳳蓮", "女", "武定縣高橋鎮勒外村委會大平地村民小組", "因病", 4500),
    ("趙興發", "男", "武定縣插甸鎮插甸村委會老街村民小組33號", "因學", 2000),
    ("劉麗華", "女", "武定縣萬德鎮萬德村委會中村村民小組5號", "因病", 5500),
    ("陳永貴", "男", "武定縣田心鄉水城村委會迤納村民小組", "因災", 3000),
    ("黃淑芬", "女", "武定縣發窩鄉大西村委會小西村民小組19號", "因病", 7000),
    ("諸葛明亮", "男", "武定縣白路鎮白路村委會新街村民小組41號", "因意外事故", 6000)]
_TRAD_F = families(seed=71, n=len(_TRAD), mobile_share=1.0)
_TRAD_RNG = random.Random(71)
_TRAD_ROWS = []
for _t, _f in zip(_TRAD, _TRAD_F):   # IDs made here so that the sex digit matches 性別
    _seq = _TRAD_RNG.randint(1, 499) * 2 - (1 if _t[1] == "男" else 0)
    _first = f"532328{_f.birth}{_seq:03d}"
    _TRAD_ROWS.append((*_t, _first + id_check_char(_first), _f.card, _f.mobile))


def _traditional(path):
    wb = workbook()
    ws = wb.active
    ws.title = "發放明細"
    body = [[i, r[0], r[1], r[5], r[2], r[3], r[4], r[6], r[7]] for i, r in enumerate(_TRAD_ROWS, 1)]
    sheet_table(ws, "武定縣2024年3月臨時救助金發放明細表", ["序號", "姓名", "性別", "身份證號碼", "住址", "救助事由",
                "金額（元）", "銀行卡號", "聯繫電話"], body, widths=[6, 10, 6, 21, 40, 12, 10, 23, 14],
                note="經辦：縣民政局社會救助股　電話：0878-8712136")
    save(wb, path)


xlsx_doc("武定縣2024年3月臨時救助金發放明細表.xlsx", "临时救助发放明细（繁体）", "繁",
         "Traditional headings and names (incl. 歐陽, 諸葛), full IDs, bank cards, mobiles and addresses to 村民小組/號",
         _traditional,
         entities=[e for r in _TRAD_ROWS for e in ((PER, r[0]), (ID, r[5]), (ADDR, r[2]), (CARD, r[6]), (MOB, r[7]))],
         ignore=[(TEL, "0878-8712136")])

# ---------------------------------------------------------------- 已脱敏低保名单（安全）
_F_MASKED = families(seed=91, n=40)


def _masked(path):
    wb = workbook()
    ws = wb.active
    ws.title = "公示"
    body = [[i, mask_name(f.name), mask_id(f.id18), f.size, f.amount, f.town, mask_mobile(f.mobile) or "—"]
            for i, f in enumerate(_F_MASKED, 1)]
    sheet_table(ws, "武定县2024年第三季度城乡低保对象动态调整公示（新增）", ["序号", "户主", "身份证号", "保障人口",
                "月保障金（元）", "乡镇", "联系电话"], body, widths=[6, 8, 21, 9, 12, 10, 14],
                note="依据《云南省最低生活保障审核确认办法》，公示信息已作去标识化处理。监督电话：0878-8712136")
    save(wb, path)


xlsx_doc("2024年三季度城乡低保动态调整公示（已脱敏）.xlsx", "低保公示（已脱敏）", "简",
         "SAFE: 40 rows masked the way the rules require (李*, 532328********1234, 139****5678, town only)",
         _masked,
         ignore=[(TEL, "0878-8712136")])

# ---------------------------------------------------------------- 政务公开统计表（安全）
def _stats(path):
    wb = workbook()
    ws = wb.active
    ws.title = "依申请公开"
    body = [["本年新收申请数量", 36, 2, 0, 0, 0, 38], ["上年结转申请数量", 1, 0, 0, 0, 0, 1],
            ["予以公开", 16, 1, 0, 0, 0, 17], ["部分公开", 6, 0, 0, 0, 0, 6],
            ["不予公开—属于国家秘密", 1, 0, 0, 0, 0, 1], ["不予公开—保护第三方合法权益（商业秘密、个人隐私）", 1, 1, 0, 0, 0, 2],
            ["不予公开—属于四类过程性信息", 1, 0, 0, 0, 0, 1], ["无法提供", 8, 0, 0, 0, 0, 8],
            ["不予处理", 2, 0, 0, 0, 0, 2], ["结转下年度继续办理", 1, 0, 0, 0, 0, 1]]
    sheet_table(ws, "2023年政府信息公开申请办理情况统计表", ["项目", "自然人", "商业企业", "科研机构", "社会公益组织",
                "其他", "总计"], body, widths=[44, 8, 10, 10, 12, 8, 8],
                note="填报单位：武定县人民政府办公室　联系电话：0878-8712018")
    ws2 = wb.create_sheet("主动公开")
    sheet_table(ws2, "2023年主动公开政府信息情况", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                [["规章", 0, 0, 0], ["行政规范性文件", 12, 3, 65], ["行政许可", 1286, None, None],
                 ["行政处罚", 2175, None, None], ["行政强制", 63, None, None]], widths=[20, 14, 14, 14])
    save(wb, path)


xlsx_doc("2023年政府信息公开统计表.xlsx", "政务公开统计表", "简",
         "SAFE: two sheets of statistics; 国家秘密, 商业秘密, 个人隐私 as row labels; office phone public",
         _stats,
         ignore=[(TEL, "0878-8712018")])

# ---------------------------------------------------------------- 内部资料：值班表（干部手机）
_DUTY = [("2024-10-01", "李辉", "县长", "13908781001"), ("2024-10-02", "马建新", "副县长", "13887821562"),
         ("2024-10-03", "张晓东", "副县长", "15087807733"), ("2024-10-04", "陈丽华", "县政府办主任", "13759072219"),
         ("2024-10-05", "刘国庆", "县发展改革局局长", "18908782416"), ("2024-10-06", "普文斌", "县应急管理局副局长",
                                                              "13577813098"),
         ("2024-10-07", "杨绍华", "县信访局局长", "15825009961")]


def _duty(path):
    wb = workbook()
    ws = wb.active
    ws.title = "值班表"
    sheet_table(ws, "2024年国庆节期间县人民政府领导带班及值班安排表", ["日期", "带班领导", "职务", "手机"],
                [list(r) for r in _DUTY], widths=[12, 10, 20, 14], marking="内部资料　注意保存",
                note="县政府总值班室：0878-8712000（24小时）")
    save(wb, path)


xlsx_doc("2024年国庆节期间领导带班值班安排表.xlsx", "值班表（内部资料）", "简",
         "RESTRICTED 「内部资料 注意保存」 in row 2 under the title; officials in their roles, but their personal mobiles "
         "are personal data; the duty room's line is public",
         _duty,
         entities=[(RESTRICT, "内部资料　注意保存")] + [(MOB, r[3]) for r in _DUTY],
         ignore=[(PER, r[1]) for r in _DUTY] + [(TEL, "0878-8712000")],
         block=True)

# ---------------------------------------------------------------- 征地补偿：veryHidden 工作表
_F_BAILU = families(seed=101, n=18, towns=["万德镇", "插甸镇"])


def _contract(i: int) -> str:
    """合同备案号: 532328 + date + serial, nudged so it passes neither MOD 11-2 nor Luhn."""
    base = f"53232820240506{i:04d}"
    while is_valid_id18(base) or luhn_ok(base):
        base = base[:-1] + str((int(base[-1]) + 3) % 10)
    return base


_CONTRACTS = [_contract(i) for i in range(1, len(_F_BAILU) + 1)]


def _very_hidden(path):
    wb = workbook()
    ws = wb.active
    ws.title = "补偿明细"
    body = [[i, f.name, f"WDZD-2024-{i:03d}", _CONTRACTS[i - 1], round(f.size * 1.37, 2),
             round(f.size * 1.37 * 68000), "已签约"] for i, f in enumerate(_F_BAILU, 1)]
    sheet_table(ws, "武定县2024年第3批次城镇建设用地征收补偿明细", ["序号", "被征收户", "协议编号", "合同备案号",
                "征收面积（亩）", "补偿金额（元）", "状态"], body, widths=[6, 10, 14, 21, 12, 14, 8])
    bank = wb.create_sheet("打卡")
    bank.append(["户主", "身份证号", "开户行", "卡号"])
    for f in _F_BAILU:
        bank.append([f.name, f.id18, "武定县农村信用合作联社", f.card])
    bank.sheet_state = "veryHidden"
    save(wb, path)


xlsx_doc("2024年第3批次城镇建设用地征收补偿明细.xlsx", "征地补偿公示（veryHidden 工作表）", "简",
         "visible sheet: names and 18-digit 合同备案号 that look like IDs but fail the check; a veryHidden sheet "
         "(not listed in Excel's unhide dialog) holds IDs and bank cards (hidden_sheet)",
         _very_hidden,
         entities=[e for f in _F_BAILU for e in ((PER, f.name), (ID, f.id18), (CARD, f.card))],
         hidden=["hidden_sheet"],
         decoys=_CONTRACTS)

# ---------------------------------------------------------------- 秘密★3年（表格标题后）
_RANGERS = [("狮山镇", "西和林区", "龙正华", "13887005321"), ("近城镇", "近城林区", "鲁家福", "15187820064"),
            ("猫街镇", "大箐林区", "普成林", "18287832290"), ("发窝乡", "老青山林区", "沙国荣", "13578217703"),
            ("万德镇", "马德坪林区", "自文华", "15825085146")]


def _secret_table(path):
    wb = workbook()
    ws = wb.active
    ws.title = "部署表"
    body = [[r[0], r[1], "县森林消防专业扑火队第" + str(i) + "分队", 25 + i, r[2], r[3]] for i, r in enumerate(_RANGERS, 1)]
    sheet_table(ws, "武定县2024年森林草原防灭火重点区域及扑火力量部署表", ["乡镇", "重点区域", "前置力量", "人数",
                "护林员（向导）", "手机"], body, widths=[10, 14, 28, 6, 14, 14], marking="秘密★3年")
    save(wb, path)


xlsx_doc("2024年森林草原防灭火重点区域及扑火力量部署表.xlsx", "涉密表格（秘密★3年，表题后）", "简",
         "SECRECY 「秘密★3年」 in the row right after the table title (how tables carry it); forest rangers (private) with "
         "mobiles",
         _secret_table,
         entities=[(SECRET, "秘密★3年")] + [e for r in _RANGERS for e in ((PER, r[2]), (MOB, r[3]))],
         block=True)
