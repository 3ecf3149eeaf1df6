"""The holdout2 xlsx documents, each with its gold entities."""
from kit import *  # noqa: F401,F403 (the generator's vocabulary: Doc, writers, checksums, people)
from kit import ROOT, DOCS  # noqa: F401


def xlsx_docs():
    # --- long unmasked 低保 roster
    d = Doc("xlsx/隆回县2026年10月鸭田镇城乡低保对象花名册.xlsx", "低保花名册（60户，未脱敏）", "简",
            "60 households unmasked: 户主 name, ID (text), card (text), address to 村民小组, mobile stored as a number "
            "— the long-table leak")
    pp = People(2026101)
    vill = ["鸭田村", "杨家村", "新塘村", "云峰村", "龙家村", "胜利村"]
    wb = new_wb()
    ws = wb.active
    ws.title = "低保对象"
    ws["A1"] = "隆回县鸭田镇2026年10月城乡低保对象花名册"
    ws.append(["序号", "户主姓名", "身份证号码", "家庭人口", "保障类别", "月保障金（元）", "银行卡号", "家庭住址", "联系电话"])
    for k in range(1, 61):
        x = pp.person(villages=vill)
        ws.append([k, d.P(x["name"]), d.ID(x["id"]), pp.r.randint(1, 5), pp.r.choice(["A类", "B类", "C类"]),
                   pp.r.randint(18, 95) * 10, d.C(x["card"]), d.A(f"鸭田镇{x['village']}{x['group']}组"),
                   int(d.M(x["mobile"]))])
    ws.append([])
    ws.append(["", "制表：鸭田镇民政办", "", "", "", "", "", "", ""])
    for col, w in zip("ABCDEFGHI", [6, 10, 22, 8, 8, 12, 24, 24, 14]):
        ws.column_dimensions[col].width = w
    save_wb(d, wb)

    # --- hidden rows
    d = Doc("xlsx/岩口镇2026年11月临时救助审批结果公示.xlsx", "临时救助公示（隐藏行）", "简",
            "visible rows are masked; three refused applicants, unmasked, were hidden instead of deleted (hidden_row)")
    d.h("hidden_row")
    pp = People(2026111)
    vill = ["岩口村", "向家村", "水洞村", "茶山村"]
    wb = new_wb()
    ws = wb.active
    ws.title = "公示"
    ws.append(["岩口镇2026年11月临时救助审批结果公示"])
    ws.append(["序号", "姓名", "身份证号", "村（社区）", "联系电话", "救助事由", "审批结果", "金额（元）"])
    for k in range(1, 9):
        x = pp.person(villages=vill)
        ws.append([k, mask_name(x["name"]), mask_id(x["id"]), x["village"], mask_mob(x["mobile"]),
                   pp.r.choice(["突发重大疾病", "火灾", "意外伤害", "因学致困"]), "同意", pp.r.randint(10, 50) * 100])
    for k in range(9, 12):
        x = pp.person(villages=vill)
        ws.append([k, d.P(x["name"]), d.ID(x["id"]), d.A(f"岩口镇{x['village']}{x['group']}组"), d.M(x["mobile"]),
                   "家庭收入超标", "不予救助", 0])
        ws.row_dimensions[ws.max_row].hidden = True
    ws.append(["监督电话：", d.iL("0739-8611023")])
    save_wb(d, wb)

    # --- hidden sheet
    d = Doc("xlsx/司门前镇2026年特困人员救助供养对象名册.xlsx", "特困公示（隐藏工作表）", "简",
            "the published sheet is masked; a hidden sheet 原始数据 keeps names, IDs, mobiles and addresses (hidden_sheet)")
    d.h("hidden_sheet")
    pp = People(2026112)
    vill = ["司门前村", "黄金井村", "大湾村", "马落村", "三溪村"]
    wb = new_wb()
    ws = wb.active
    ws.title = "公示名单"
    ws.append(["司门前镇2026年特困人员救助供养对象公示"])
    ws.append(["序号", "姓名", "身份证号", "村", "供养方式", "月供养金（元）"])
    raw = wb.create_sheet("原始数据")
    raw.append(["序号", "姓名", "身份证号", "住址", "联系电话", "供养方式", "备注"])
    for k in range(1, 13):
        x = pp.person(villages=vill, age_min=1935, age_max=1965)
        way = pp.r.choice(["分散供养", "集中供养"])
        ws.append([k, mask_name(x["name"]), mask_id(x["id"]), x["village"], way, pp.r.choice([860, 1120])])
        raw.append([k, d.P(x["name"]), d.ID(x["id"]), d.A(f"司门前镇{x['village']}{x['group']}组"), d.M(x["mobile"]), way, ""])
    raw.sheet_state = "hidden"
    save_wb(d, wb)

    # --- hidden column
    d = Doc("xlsx/金石桥镇2026年耕地地力保护补贴发放表.xlsx", "补贴发放公示（隐藏列）", "简",
            "names visible with villages (村委会 level, not addresses) and masked cards; column D with the full IDs is "
            "hidden (hidden_column)")
    d.h("hidden_column")
    pp = People(2026113)
    vill = ["三星村", "金石村", "桐木村", "水口村"]
    wb = new_wb()
    ws = wb.active
    ws.title = "补贴发放"
    ws.append(["金石桥镇2026年耕地地力保护补贴发放公示表"])
    ws.append(["序号", "姓名", "所在村", "身份证号", "计贴面积（亩）", "补贴金额（元）", "一卡通账号"])
    for k in range(1, 16):
        x = pp.person(villages=vill)
        area = round(pp.r.uniform(0.8, 6.5), 2)
        ws.append([k, d.P(x["name"]), x["village"], d.ID(x["id"]), area, round(area * 106.5, 2), mask_card(x["card"])])
    ws.column_dimensions["D"].hidden = True
    ws.append([])
    ws.append(["", "补贴标准：每亩106.5元", "", "", "", "", ""])
    save_wb(d, wb)

    # --- award list with mobiles
    d = Doc("xlsx/隆回县2026年度最美护林员拟表彰人员名单.xlsx", "表彰名单（拟表彰）", "简",
            "names and ages of private rangers under 姓名, villages only, personal mobiles in a 联系电话 column written "
            "with dashes; the forestry bureau contact is public")
    recs = [("罗长生", "男", 58, "小沙江镇旺溪村", "187-7391-4402"), ("虎建华", "男", 46, "虎形山瑶族乡崇木凼村", "139-7393-0816"),
            ("沈腊梅", "女", 51, "麻塘山乡大托村", "152-7391-6627"), ("刘双喜", "男", 62, "罗洪镇白石村", "177-7390-3351"),
            ("奉运娥", "女", 44, "金石桥镇桐木村", "199-7392-8104"), ("钟石生", "男", 55, "七江镇樟木村", "135-7398-2479")]
    wb = new_wb()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["隆回县2026年度“最美护林员”拟表彰人员名单"])
    ws.append(["序号", "姓名", "性别", "年龄", "管护区域", "联系电话", "主要事迹"])
    for k, (n, s, age, v, m) in enumerate(recs, 1):
        ws.append([k, d.P(n), s, age, v, d.M(m), "连续多年管护区域内无森林火灾"])
    ws.append([])
    ws.append([f"公示期5天。联系人：县林业局{d.iP('魏小平')}，电话{d.iL('0739-8229751')}"])
    save_wb(d, wb)

    # --- duty roster with restricted marking
    d = Doc("xlsx/隆回县应急管理局2026年元旦春节期间值班安排表.xlsx", "值班表（内部使用）", "简",
            "RESTRICTED 「内部使用 严禁外传」 in row 2 under the title; officials in their role but their personal "
            "mobiles are personal data; the duty room's landline is public")
    wb = new_wb()
    ws = wb.active
    ws.title = "值班表"
    ws.append(["隆回县应急管理局2026年元旦春节期间领导带班及值班安排表"])
    ws.append([d.e("RESTRICTED_MARKING", "内部使用 严禁外传")])
    ws.append(["日期", "带班领导", "职务", "手机", "值班人员", "手机"])
    duty = [("12月31日", "魏建华", "局长", "13907396188", "石磊", "18673912045"),
            ("1月1日", "邓志华", "副局长", "13574921306", "袁芳", "15197342268"),
            ("2月16日", "刘海军", "副局长", "18907395512", "唐勇", "17769203318"),
            ("2月17日", "贺红梅", "总工程师", "13873913670", "罗敏", "19907390524")]
    for day, lead, job, m1, staff, m2 in duty:
        ws.append([day, d.iP(lead), job, d.M(m1), d.iP(staff), d.M(m2)])
    ws.append([f"值班室电话：{d.iL('0739-8238110')}（24小时）"])
    save_wb(d, wb)

    # --- secrecy marking after the table title
    d = Doc("xlsx/隆回县2026年重要目标安全防护力量部署表.xlsx", "涉密表格（秘密 ★ 1年，表题后）", "简",
            "loose SECRECY 「秘密 ★ 1年」 in the row right after the table title; private security guards with mobiles "
            "and the plates of two privately owned patrol cars (with and without ·); unit leaders in their role")
    wb = new_wb()
    ws = wb.active
    ws.title = "部署表"
    ws.append(["隆回县2026年重要目标安全防护力量部署表"])
    ws.append([d.e("SECRECY_MARKING", "秘密 ★ 1年")])
    ws.append(["目标名称", "责任单位", "带队负责人", "护卫人员", "护卫人员电话", "巡逻车辆"])
    ws.append(["白马水库大坝", "县水利局", d.iP("陈立军"), d.P("尹冬生"), d.M("15773901847"), d.PL("湘E·9F2L6")])
    ws.append(["县城自来水厂", "县住建局", d.iP("钟平"), d.P("龙海波"), d.M("18274928816"), "单位公务车"])
    ws.append(["220千伏变电站", "国网隆回县供电公司", d.iP("胡志强"), d.P("谢光辉"), d.M("13575402893"), "单位公务车"])
    ws.append(["县广播电视台发射塔", "县融媒体中心", d.iP("杨帆"), d.P("贺金龙"), d.M("173 7390 6631"), d.PL("湘E3Q7W1")])
    save_wb(d, wb)

    # --- Traditional medical aid list
    d = Doc("xlsx/隆回縣2026年9月醫療救助金發放明細表.xlsx", "医疗救助发放明细（繁体）", "繁",
            "Traditional headings and names (incl. 歐陽), full IDs, bank cards, mobiles written with spaces and addresses "
            "to 村民小組")
    pp = People(2026091)
    vill = ["大水田村", "清水村", "金星村", "楓林村", "黃金井村"]
    towns = {"大水田村": "六都寨鎮", "清水村": "六都寨鎮", "金星村": "橫板橋鎮", "楓林村": "橫板橋鎮", "黃金井村": "司門前鎮"}
    wb = new_wb()
    ws = wb.active
    ws.title = "發放明細"
    ws.append(["隆回縣2026年9月醫療救助金發放明細表"])
    ws.append(["序號", "姓名", "身份證號碼", "家庭住址", "救助金額（元）", "銀行卡號", "聯繫電話"])
    for k in range(1, 21):
        x = pp.person(villages=vill, trad=True)
        m = x["mobile"]
        ws.append([k, d.P(x["name"]), d.ID(x["id"]), d.A(f"{towns[x['village']]}{x['village']}{x['group']}組"),
                   pp.r.randint(5, 80) * 100, d.C(x["card"]), d.M(f"{m[:3]} {m[3:7]} {m[7:]}")])
    save_wb(d, wb)

    # --- statistics, quiet
    d = Doc("xlsx/隆回县2026年政府信息公开申请办理情况统计表.xlsx", "政务公开统计表", "简",
            "QUIET: statistics with 国家秘密, 商业秘密, 个人隐私, 内部事务信息, 过程性信息 as row labels and numbers "
            "everywhere; office phone public")
    wb = new_wb()
    ws = wb.active
    ws.title = "申请办理情况"
    ws.append(["隆回县2026年1-10月政府信息公开申请办理情况统计表"])
    ws.append(["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
    data = [("本年新收申请数量", 198, 12, 0, 1, 7, 3), ("上年结转申请数量", 4, 0, 0, 0, 1, 0),
            ("（一）予以公开", 93, 6, 0, 1, 3, 1), ("（二）部分公开", 27, 2, 0, 0, 1, 0),
            ("不予公开：1.属于国家秘密", 1, 0, 0, 0, 0, 0), ("不予公开：4.保护第三方合法权益（商业秘密、个人隐私）", 6, 1, 0, 0, 0, 0),
            ("不予公开：5.属于三类内部事务信息", 2, 0, 0, 0, 0, 0), ("不予公开：6.属于四类过程性信息", 3, 0, 0, 0, 1, 0),
            ("无法提供：本机关不掌握相关政府信息", 41, 2, 0, 0, 2, 1), ("不予处理：信访举报投诉类申请", 9, 0, 0, 0, 0, 1),
            ("结转下年度继续办理", 5, 0, 0, 0, 0, 0)]
    for row in data:
        ws.append(list(row) + [sum(row[1:])])
    ws.append([])
    ws.append([f"填报单位：隆回县人民政府办公室    联系电话：{d.iL('0739-8223601')}    填报日期：2026年11月10日"])
    save_wb(d, wb)
