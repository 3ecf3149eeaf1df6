"""Build the binary documents of the held-out corpus from the hand-written content below.

    /work/main/.venv/bin/python corpora/holdout/build/build.py

Deterministic: fixed document-property dates, fixed zip member timestamps,
reportlab invariant mode, no randomness.  The .txt documents are hand-written
files in ../txt and are not produced here.  The gold is ../gold.jsonl (hand-written).
"""
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
FIXED = dt.datetime(2026, 10, 30, 8, 0, 0)
ZIP_TIME = (2026, 10, 30, 8, 0, 0)
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"


# ---------------------------------------------------------------- helpers
def normalize_zip(path):
    """Rewrite a .docx/.xlsx with fixed member timestamps and fixed dcterms dates."""
    src = zipfile.ZipFile(path)
    members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>2026-10-30T08:00:00Z\g<3>", data)
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(zi, data)
    Path(path).write_bytes(buf.getvalue())


def new_doc(author=""):
    d = Document()
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = ""
    cp.subject = ""
    cp.keywords = ""
    cp.comments = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED
    st = d.styles["Normal"]
    st.font.name = "SimSun"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    st.font.size = Pt(12)
    return d


def save_doc(d, name):
    p = ROOT / "docx" / name
    d.save(p)
    normalize_zip(p)


def para(d, text="", align=None, bold=False, size=None):
    p = d.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
    if align == "c":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "r":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def comment(d, run, text, author, initials):
    c = d.add_comment(run, text=text, author=author, initials=initials)
    c._comment_elm.date = dt.datetime(2026, 10, 29, 9, 30, tzinfo=dt.timezone.utc)
    return c


def _rev(tag, rid, author, text, deleted):
    el = OxmlElement(tag)
    el.set(qn("w:id"), str(rid))
    el.set(qn("w:author"), author)
    el.set(qn("w:date"), "2026-10-28T10:15:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    el.append(r)
    return el


def tracked_delete(p, text, author, rid):
    p._p.append(_rev("w:del", rid, author, text, True))


def tracked_insert(p, text, author, rid):
    p._p.append(_rev("w:ins", rid, author, text, False))


def table(d, rows, style="Table Grid", header_bold=True):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = style
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            cell = t.cell(i, j)
            cell.text = ""
            r = cell.paragraphs[0].add_run(str(val))
            if i == 0 and header_bold:
                r.bold = True
    return t


# ---------------------------------------------------------------- docx
def d01():
    """医疗救助审批表: a form table with diagnosis, ID with lower-case x, card in groups of 4; comment; author."""
    d = new_doc("李红梅")
    para(d, "元谋县城乡医疗救助审批表", "c", True, 16)
    para(d, "编号：YJ-2026-0153　　　　　　　　　　　　填表日期：2026年10月12日")
    rows = [
        ["申请人姓名", "慕容志强", "性别", "男"],
        ["公民身份号码", "53232819740212009x", "联系电话", "151 8780 3264"],
        ["家庭住址", "元谋县老城乡丙月村委会新村村民小组46号", "救助类别", "低保对象"],
        ["开户银行", "元谋县农村信用合作联社老城信用社", "银行卡号", "6217 9956 3000 2464"],
        ["患病情况", "2026年3月确诊原发性肝癌，在楚雄州人民医院住院行介入治疗3次", "住院时间", "2026.3.8—2026.9.21"],
        ["医疗总费用（元）", "186,420.55", "基本医保及大病保险报销（元）", "131,870.12"],
        ["申请救助金额（元）", "30,000.00", "核定救助金额（元）", "27,275.49"],
        ["村（社区）意见", "情况属实，同意上报。　村委会主任：杨光荣", "", ""],
        ["乡镇审核意见", "经入户核查，同意救助。　经办人：李红梅", "", ""],
        ["县医疗保障局审批意见", "同意按27,275.49元给予救助。", "", ""],
    ]
    t = d.add_table(rows=len(rows), cols=4)
    t.style = "Table Grid"
    target = None
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            r = t.cell(i, j).paragraphs[0].add_run(val)
            if i == 4 and j == 1:
                target = r
    for i in (7, 8, 9):
        a = t.cell(i, 1).merge(t.cell(i, 3))
    comment(d, target, "已电话核实：申请人妻子东方丽娟 13708785129 陪护，家中另有一子在读高中。", "李红梅", "LHM")
    para(d, "")
    para(d, "说明：本表一式三份，县医疗保障局、乡镇、村（社区）各存一份。")
    save_doc(d, "h_d01_yiliao_jiuzhu_shenpibiao.docx")


def d02():
    """政府常务会议纪要: secrecy marking in the page header; tracked changes; author."""
    d = new_doc("何俊")
    hp = d.sections[0].header.paragraphs[0]
    hp.text = "秘密★1年"
    para(d, "元谋县人民政府常务会议纪要", "c", True, 18)
    para(d, "〔2026〕第12次", "c")
    para(d, "元谋县人民政府办公室　　　　　　　　　　　　　　　2026年10月27日")
    para(d, "　　2026年10月26日上午，县长张晓东在县政府第一会议室主持召开县人民政府第12次常务会议。副县长杨建明、李春燕、马文斌，县政府办公室主任何俊出席会议。县自然资源局、县住房和城乡建设局、元马镇人民政府主要负责同志列席会议。现将会议议定事项纪要如下：")
    para(d, "　　一、研究元马镇城南片区城中村改造项目征收补偿遗留问题", bold=True)
    para(d, "　　会议听取了元马镇人民政府关于城南片区城中村改造项目征收补偿进展情况的汇报。截至10月20日，项目涉及的312户被征收人已签约309户。对被征收人普春华（身份证号532328195808230070）提出的按商业用房标准补偿其临街房屋的诉求，会议认为其房屋登记用途为住宅，不符合按商业用房补偿的条件，由元马镇人民政府依法作出书面答复，并做好解释疏导工作。")
    p = para(d, "　　")
    p.add_run("会议要求，元马镇人民政府要严格依法依规推进，")
    tracked_delete(p, "经核实，普春华之子普建伟（电话18287801136）曾多次到州、省上访，由县公安局落实稳控措施，", "何俊", 1)
    tracked_insert(p, "坚持阳光征收，", "何俊", 2)
    p.add_run("确保11月底前完成全部签约。")
    para(d, "　　二、研究2027年县级财政预算编制工作", bold=True)
    para(d, "　　会议原则同意县财政局提出的2027年县级财政预算编制方案，要求坚持过紧日子，严控一般性支出，优先保障“三保”支出。")
    para(d, "　　出席：张晓东　杨建明　李春燕　马文斌")
    para(d, "　　列席：县自然资源局、县住房和城乡建设局、县财政局、元马镇人民政府")
    para(d, "　　记录：何俊")
    para(d, "分送：县委办公室，县人大常委会办公室，县政协办公室，各乡镇人民政府，县直有关部门。")
    save_doc(d, "h_d02_changwu_huiyi_jiyao.docx")


def d03():
    """行政许可决定书 for an 个体工商户: the operator is a private person."""
    d = new_doc("")
    para(d, "元谋县市场监督管理局", "c", True, 16)
    para(d, "准予行政许可决定书", "c", True, 18)
    para(d, "元市监许准字〔2026〕第0382号", "c")
    para(d, "赵永红同志：")
    para(d, "　　你（单位）于2026年9月2日提出的食品经营许可申请，本机关已于2026年9月2日受理。经审查，你（单位）的申请符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第一款、《食品经营许可和备案管理办法》第二十五条的规定，本机关决定准予行政许可。")
    para(d, "　　许可事项如下：")
    table(d, [
        ["项目", "内容"],
        ["经营者名称", "元谋县金沙江畔小吃店（个体工商户）"],
        ["统一社会信用代码", "92532328MA6P8L7Q1Y"],
        ["经营者", "赵永红"],
        ["经营者身份证号", "532328198602020215"],
        ["经营场所", "元谋县元马镇龙川路56号附3号"],
        ["联系电话", "158-8780-4412"],
        ["主体业态", "小型餐饮"],
        ["经营项目", "热食类食品制售"],
        ["许可证编号", "JY25323280012345"],
        ["有效期", "2026年9月8日至2031年9月7日"],
    ])
    para(d, "　　请于收到本决定书之日起10个工作日内，到县政务服务中心市场监管窗口领取《食品经营许可证》。")
    para(d, "　　　　　　　　　　　　　　　　　　　　　元谋县市场监督管理局")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　　2026年9月8日")
    para(d, "（此件公开发布）")
    save_doc(d, "h_d03_xingzheng_xuke_jueding.docx")


def d04():
    """人事任免通知: officials only (public), names followed by (男，1968年5月生)."""
    d = new_doc("")
    para(d, "元谋县人民政府", "c", True, 20)
    para(d, "元政任〔2026〕7号", "c")
    para(d, "元谋县人民政府关于王志刚等同志职务任免的通知", "c", True, 16)
    para(d, "各乡镇人民政府，县直各部门：")
    para(d, "　　经县人民政府研究决定：")
    para(d, "　　任命王志刚（男，1968年5月生）为县农业农村局局长；")
    para(d, "　　任命欧阳丽（女，彝族，1981年11月生）为县民政局副局长（试用期一年）；")
    para(d, "　　任命司马俊杰（男，1985年2月生）为县政务服务管理局副局长（试用期一年）；")
    para(d, "　　免去李成林的县水务局副局长职务，另有任用。")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　元谋县人民政府")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　2026年10月16日")
    para(d, "（此件公开发布）")
    save_doc(d, "h_d04_renshi_renmian.docx")


def d05():
    """退役军人优抚名单: table without header row, ID split in groups of 4; hidden text (w:vanish)."""
    d = new_doc("")
    para(d, "元谋县2026年第四季度重点优抚对象定期抚恤补助发放名单", "c", True, 15)
    para(d, "填报单位：元谋县退役军人事务局（盖章）　　　　　　单位：元/月")
    rows = [
        ["1", "司马国庆", "在乡复员军人", "532328195201070015", "元马镇能禹村委会下村村民小组", "1980"],
        ["2", "欧阳德华", "带病回乡退伍军人", "532328194503030014", "黄瓜园镇苴林村委会小村村民小组12号", "1150"],
        ["3", "罗正兴", "参战退役人员", "532328197707070337", "元马镇", "960"],
        ["4", "张德福", "在乡复员军人", "532328195705050771", "老城乡", "1980"],
        ["5", "李兰", "残疾军人（八级）", "5323 2819 9102 2800 4X", "羊街镇朵腊村委会", "1310"],
    ]
    t = d.add_table(rows=len(rows), cols=6)
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            t.cell(i, j).paragraphs[0].add_run(val)
    hid = t.cell(3, 5).paragraphs[0].add_run("　代领卡号6228480880055443324")
    hid.font.hidden = True
    para(d, "合计：7380元")
    p = para(d, "审核人：县退役军人事务局优抚股　　　制表日期：2026年10月9日")
    h2 = p.add_run("（内部核对：张德福之子张建平，手机13887896502，每季度到镇代领）")
    h2.font.hidden = True
    save_doc(d, "h_d05_youfu_duixiang_mingdan.docx")


def d06():
    """学生资助公示: minors' names, IDs, guardian phones; a reviewer comment."""
    d = new_doc("")
    para(d, "元谋县第二中学", "c", True, 16)
    para(d, "2026年秋季学期义务教育家庭经济困难学生生活补助拟资助名单公示", "c", True, 14)
    para(d, "　　根据《元谋县学生资助工作实施细则》，经学生申请、班级评议、学校资助工作领导小组审核，拟对以下学生给予生活补助，现予公示。公示期5个工作日。")
    t = table(d, [
        ["序号", "班级", "学生姓名", "身份证号", "家庭住址", "资助档次", "监护人电话"],
        ["1", "七（3）班", "杨子涵", "532328201303060027", "元马镇丙间村委会丙间村民小组", "一档", "15087821406"],
        ["2", "八（1）班", "王梓萱", "532328201205170046", "元马镇华竹路17号", "二档", "139-8782-6614"],
        ["3", "九（2）班", "马浩宇", "532328201110190036", "黄瓜园镇", "一档", "18288014573"],
        ["4", "七（5）班", "李想", "532328201308220018", "物茂乡", "二档", "—"],
    ])
    comment(d, t.cell(1, 2).paragraphs[0].runs[0],
            "该生父母双亡，由祖母杨秀珍抚养，孤儿身份不宜公示，建议删除本行。", "学生资助办", "ZZB")
    para(d, "　　监督电话：0878-8213790（学校资助办）　　0878-8212415（县学生资助管理中心）")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　元谋县第二中学")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　2026年10月21日")
    save_doc(d, "h_d06_xuesheng_zizhu_gongshi.docx")


def d07():
    """意见征集: （征求意见稿） in the title; public contact of the office."""
    d = new_doc("")
    para(d, "元谋县城区生活垃圾分类管理办法", "c", True, 18)
    para(d, "（征求意见稿）", "c", True, 14)
    para(d, "第一章　总则", "c", True)
    para(d, "　　第一条　为加强城区生活垃圾分类管理，改善人居环境，根据《中华人民共和国固体废物污染环境防治法》《云南省城乡生活垃圾管理条例》等规定，结合本县实际，制定本办法。")
    para(d, "　　第二条　本办法适用于元马镇建成区范围内生活垃圾的分类投放、收集、运输、处理及其监督管理活动。")
    para(d, "　　第三条　生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。")
    para(d, "第二章　分类投放", "c", True)
    para(d, "　　第四条　产生生活垃圾的单位和个人是生活垃圾分类投放的责任人，应当按照规定分类投放。")
    para(d, "　　第五条　住宅小区实行物业管理的，物业服务企业为管理责任人；未实行物业管理的，社区居民委员会为管理责任人。")
    para(d, "第三章　附则", "c", True)
    para(d, "　　第六条　本办法自2027年1月1日起施行。")
    para(d, "")
    para(d, "意见反馈方式", bold=True)
    para(d, "　　公众可于2026年11月30日前通过以下方式提出意见建议：")
    para(d, "　　1．电子邮件：ymxzjjcjg@126.com（邮件主题请注明“垃圾分类办法意见”）；")
    para(d, "　　2．信函：元谋县元马镇龙川街102号县住房和城乡建设局城建股（邮编651300）；")
    para(d, "　　3．电话：0878-8213567（工作日9:00—17:00）。")
    para(d, "　　联系人：县住房和城乡建设局城建股　马晓燕")
    save_doc(d, "h_d07_zhengqiu_yijian_gao.docx")


def d08():
    """请示 with （此件不公开） in the 附注; a private person (男，1964年7月生); em-dash landline; salutation 同志."""
    d = new_doc("")
    para(d, "元谋县民政局", "c", True, 20)
    para(d, "元民请〔2026〕23号　　　　　　　　　　　　　　签发人：杨志坚")
    para(d, "元谋县民政局关于给予鲁文斌家庭临时救助的请示", "c", True, 15)
    para(d, "县人民政府：")
    para(d, "　　羊街镇朵腊村委会村民鲁文斌（男，1964年7月生，身份证号532328196407170059），住元谋县羊街镇朵腊村委会上朵腊村民小组31号，家庭座机0878—7216058。2026年9月其房屋因山体滑坡全部倒塌，妻子在事故中受重伤，现在州医院救治，家庭陷入困境。")
    para(d, "　　经羊街镇人民政府入户核实，该户符合《元谋县临时救助实施办法》规定的急难型临时救助条件，救助额度超出我局审批权限。为此，恳请县人民政府批准给予该户一次性临时救助20,000元，由县级临时救助资金列支，直接发放至鲁文斌本人银行账户（农业银行6228480880033110）。")
    para(d, "　　妥否，请批示。")
    para(d, "　　附件：致鲁文斌同志的告知书（代拟稿）")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　元谋县民政局")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　2026年10月14日")
    para(d, "（此件不公开）")
    para(d, "（联系人：社会救助股　施丽娟；联系电话：0878-8212133）")
    d.add_page_break()
    para(d, "附件", bold=True)
    para(d, "告知书", "c", True, 15)
    para(d, "鲁文斌同志：")
    para(d, "　　你户临时救助申请已经县人民政府批准，救助金20,000元将于10个工作日内打入你本人账户，请注意查收。")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　元谋县民政局")
    save_doc(d, "h_d08_qingshi_cijian_bu_gongkai.docx")


def d09():
    """Traditional script: reply to a Taiwan compatriot; tracked deletion and insertion hold personal data."""
    d = new_doc("")
    para(d, "元謀縣農業農村局", "c", True, 18)
    para(d, "關於臺胞吳佩珊女士諮詢設施農業用地備案事項的答覆函", "c", True, 14)
    para(d, "元農函〔2026〕58號", "c")
    para(d, "吳佩珊女士：")
    p = para(d, "　　您於2026年10月5日通過電子郵件（wu.peishan@hinet.net）來函諮詢在")
    p.add_run("元謀縣物茂鄉虎溪村委會羅兀村民小組")
    p.add_run("租賃土地建設育苗大棚所需辦理的設施農業用地備案事項")
    tracked_delete(p, "（您提供的臺灣居民居住證號碼為830000199206150027）", "農業農村局 辦公室", 11)
    p.add_run("。現答覆如下：")
    para(d, "　　一、根據《自然資源部 農業農村部關於設施農業用地管理有關問題的通知》，育苗大棚屬於作物種植設施用地，按農用地管理，不需辦理建設用地審批手續。")
    para(d, "　　二、設施農業用地由經營者與農村集體經濟組織協商一致後，簽訂用地協議，經鄉鎮人民政府備案後即可動工。備案材料包括：用地協議、設施建設方案、土地復墾承諾書。")
    p = para(d, "　　三、具體事宜請與物茂鄉人民政府農業農村服務中心聯繫")
    tracked_insert(p, "，辦理時請預留您本人內地手機17787804523以便通知", "農業農村局 辦公室", 12)
    p.add_run("。")
    para(d, "　　感謝您對元謀農業發展的關注。")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　元謀縣農業農村局")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　2026年10月19日")
    para(d, "（聯繫人：李志偉，聯繫電話：0878-8212600）")
    save_doc(d, "h_d09_taibao_sheshi_nongye_dafu.docx")


def d10():
    """GB/T 9704-1999 style: 「秘密」 alone at the top right of the first page."""
    d = new_doc("")
    para(d, "秘密", "r", True, 16)
    p = para(d, "元谋县人民政府文件", "c", True, 26)
    p.runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)
    para(d, "元政发〔2026〕31号", "c")
    para(d, "元谋县人民政府关于印发丙间水库工程建设征地移民社会稳定风险应急处置预案的通知", "c", True, 15)
    para(d, "各乡镇人民政府，县直各有关部门：")
    para(d, "　　现将《丙间水库工程建设征地移民社会稳定风险应急处置预案》印发给你们，请认真贯彻执行。")
    para(d, "　　一、风险研判。丙间水库淹没区涉及元马镇丙间、能禹2个村委会11个村民小组，需搬迁安置286户1,043人。经排查，存在不稳定因素的户主12户，其中对补偿标准分歧较大的为丙间村委会杨天顺户（户主电话13769252310），该户曾组织部分群众到施工现场阻工。")
    para(d, "　　二、处置原则。坚持依法处置、属地管理、分级负责，做到早发现、早报告、早处置。")
    para(d, "　　三、组织领导。成立应急处置指挥部，由副县长马文斌任指挥长，县水务局局长段文忠、元马镇镇长鲁建华任副指挥长。")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　元谋县人民政府")
    para(d, "　　　　　　　　　　　　　　　　　　　　　　2026年7月6日")
    save_doc(d, "h_d10_miji_youshangjiao_1999.docx")


# ---------------------------------------------------------------- pdf
def new_pdf(name, author="", size=A4, title=""):
    c = canvas.Canvas(str(ROOT / "pdf" / name), pagesize=size, invariant=1)
    c.setAuthor(author)
    c.setCreator("")
    c.setTitle(title)
    c.setSubject("")
    return c


def text(c, x, y, s, size=11, color=(0, 0, 0)):
    c.setFillColorRGB(*color)
    c.setFont(FONT, size)
    c.drawString(x, y, s)
    c.setFillColorRGB(0, 0, 0)


def centered(c, y, s, size=16, width=A4[0]):
    c.setFont(FONT, size)
    c.drawCentredString(width / 2, y, s)


def lines(c, x, y, items, size=11, lead=19):
    for s in items:
        text(c, x, y, s, size)
        y -= lead
    return y


def grid(c, x, y, widths, rows, size=9.5, h=20):
    """Draw a ruled table with its top-left corner at (x, y); returns the cell boxes and the bottom y."""
    c.setLineWidth(0.6)
    boxes = []
    for i, row in enumerate(rows):
        cx = x
        top = y - i * h
        rb = []
        for w, val in zip(widths, row):
            c.rect(cx, top - h, w, h, stroke=1, fill=0)
            text(c, cx + 3, top - h + 6, str(val), size)
            rb.append((cx, top - h, w, h))
            cx += w
        boxes.append(rb)
    return boxes, y - len(rows) * h


def p01():
    """残疾人两项补贴名单 (pdf table); the ID column is covered by black boxes, text still underneath."""
    W, H = landscape(A4)
    c = new_pdf("h_p01_canji_liangxiang_butie.pdf", size=(W, H))
    centered(c, H - 50, "元马镇2026年10月困难残疾人生活补贴和重度残疾人护理补贴发放名单", 15, W)
    text(c, 40, H - 78, "填报单位：元马镇社会事务办公室（盖章）　　　　　　　　　　　　　　　　　　单位：元/月", 10)
    rows = [
        ["序号", "姓名", "性别", "残疾类别", "等级", "公民身份号码", "所在村（社区）", "补贴类型", "标准"],
        ["1", "东方雨", "女", "视力", "一级", "532328199001010120", "丙间村委会丙间村民小组", "护理补贴", "100"],
        ["2", "段国富", "男", "肢体", "二级", "532328196708280091", "能禹村委会下村村民小组", "生活+护理", "185"],
        ["3", "普秀芬", "女", "听力", "二级", "532328193805250026", "华竹社区", "生活补贴", "95"],
        ["4", "张家明", "男", "智力", "二级", "532328198505050172", "龙川社区", "护理补贴", "90"],
        ["5", "李琼", "女", "精神", "一级", "532328197812150080", "小雷宰村委会", "生活+护理", "195"],
    ]
    widths = [36, 62, 36, 62, 42, 150, 170, 80, 50]
    boxes, bottom = grid(c, 40, H - 95, widths, rows)
    c.setFillColorRGB(0, 0, 0)
    for rb in boxes[1:]:
        bx, by, bw, bh = rb[5]
        c.rect(bx + 1, by + 1, bw - 2, bh - 2, stroke=0, fill=1)
    text(c, 40, bottom - 25, "合计：665元。　　审核人：元马镇社会事务办公室　　　　公示期：2026年10月15日至10月21日", 10)
    text(c, 40, bottom - 45, "监督电话：0878-8211366", 10)
    c.showPage()
    c.save()


def p02():
    """「工作秘密」 in the header line of every page."""
    c = new_pdf("h_p02_gongzuo_mimi_yemei.pdf")
    W, H = A4
    pages = [
        [("c", "元谋县信访工作联席会议办公室", 18), ("c", "关于召开2026年第四季度全县信访形势分析会的通知", 14),
         ("l", "各乡镇信访工作联席会议成员单位，县直有关部门：", 11),
         ("l", "　　经县信访工作联席会议召集人同意，定于2026年11月5日召开第四季度全县", 11),
         ("l", "信访形势分析会。现将有关事项通知如下：", 11),
         ("l", "　　一、会议时间：2026年11月5日（星期四）上午9:00，会期半天。", 11),
         ("l", "　　二、会议地点：县行政中心四楼第二会议室。", 11),
         ("l", "　　三、参会人员：县委常委、政法委书记罗建国；副县长杨建明；各乡镇分管", 11),
         ("l", "信访工作领导；县直有关部门分管领导。", 11),
         ("l", "　　四、会议议程：（一）通报前三季度全县信访形势；（二）各乡镇汇报重复信访", 11),
         ("l", "积案化解情况；（三）研究部署元旦、春节期间信访维稳工作。", 11)],
        [("l", "　　五、有关要求", 11),
         ("l", "　　（一）各乡镇于11月3日前将本辖区重复信访积案化解台账报县信访局督查股。", 11),
         ("l", "　　（二）参会人员不得请假，确因特殊情况不能参会的，须向召集人请假。", 11),
         ("l", "　　（三）会议材料会后收回，不得带离会场。", 11),
         ("l", "　　联系人：县信访局督查股　刘婷　　联系电话：0878-8212930", 11),
         ("r", "元谋县信访工作联席会议办公室", 11), ("r", "2026年10月28日", 11)],
    ]
    for n, items in enumerate(pages, 1):
        text(c, 60, H - 40, "工作秘密　注意保管", 10)
        text(c, W - 120, H - 40, f"第{n}页 共{len(pages)}页", 9)
        c.setLineWidth(0.5)
        c.line(60, H - 46, W - 60, H - 46)
        y = H - 90
        for kind, s, size in items:
            if kind == "c":
                centered(c, y, s, size)
                y -= 32
            elif kind == "r":
                c.setFont(FONT, size)
                c.drawRightString(W - 80, y, s)
                y -= 22
            else:
                text(c, 60, y, s, size)
                y -= 22
        c.showPage()
    c.save()


def p03():
    """食品安全抽检通报: companies only (SAFE); company addresses are not personal."""
    W, H = landscape(A4)
    c = new_pdf("h_p03_shipin_choujian_tongbao.pdf", size=(W, H))
    centered(c, H - 50, "元谋县市场监督管理局食品安全监督抽检信息通告（2026年第6期）", 15, W)
    lines(c, 40, H - 80, [
        "　　近期，县市场监督管理局组织抽检粮食加工品、食用油、餐饮食品等4大类食品52批次，抽样检验项目合格样品49批次，不合格样品3批次。",
        "不合格产品信息如下：",
    ], 10.5)
    rows = [
        ["序号", "被抽样单位名称", "被抽样单位地址", "样品名称", "不合格项目", "检验结果", "标准值"],
        ["1", "元谋县龙川农贸市场盛丰粮油经营部", "元谋县元马镇龙川路12号农贸市场B区18号", "散装花生油", "酸价（KOH）", "4.6mg/g", "≤3mg/g"],
        ["2", "元谋鑫源餐饮管理有限公司", "元谋县元马镇迎宾路88号", "复用餐饮具（碗）", "阴离子合成洗涤剂", "0.042mg/100cm²", "不得检出"],
        ["3", "元谋县金沙江畔小吃店", "元谋县元马镇龙川路56号附3号", "米线", "脱氢乙酸及其钠盐", "0.11g/kg", "不得使用"],
    ]
    _, bottom = grid(c, 40, H - 125, [36, 190, 220, 100, 110, 90, 70], rows, 9)
    lines(c, 40, bottom - 25, [
        "　　对抽检中发现的不合格食品，县市场监督管理局已责令相关经营者立即下架、召回，并依法立案调查。",
        "　　消费者如发现不合格食品，请拨打投诉举报电话12315。",
        "　　附件：1．本次检验项目　2．食品安全监督抽检合格产品信息",
    ], 10.5)
    c.setFont(FONT, 10.5)
    c.drawRightString(W - 60, bottom - 110, "元谋县市场监督管理局　2026年9月30日")
    c.showPage()
    c.save()


def p04():
    """村务公开栏: 宅基地审批公示; householders' phones drawn in white."""
    c = new_pdf("h_p04_cunwu_gongkai_zhaijidi.pdf")
    W, H = A4
    centered(c, H - 55, "能禹村委会村务公开栏", 18)
    centered(c, H - 82, "2026年第三季度农村村民住宅用地（宅基地）审批结果公示", 12.5)
    lines(c, 50, H - 112, [
        "　　根据《云南省农村村民住宅用地审批办法》，经村民小组会议讨论、村委会审查、元马镇",
        "人民政府审批，下列农户宅基地申请已获批准，现予公示：",
    ], 10.5)
    rows = [
        ["序号", "户主", "申请类型", "宅基地位置", "面积（㎡）", "审批结果"],
        ["1", "杨正兴", "分户新建", "元马镇能禹村委会上村村民小组", "120", "批准"],
        ["2", "马丽芬", "原址翻建", "元马镇能禹村委会中村村民小组", "96", "批准"],
        ["3", "鲁明", "分户新建", "元马镇能禹村委会下村村民小组", "150", "批准"],
    ]
    _, bottom = grid(c, 50, H - 160, [36, 60, 70, 190, 70, 70], rows, 9.5)
    lines(c, 50, bottom - 25, [
        "　　公示时间：2026年10月8日至10月15日。对公示内容有异议的，请向村务监督委员会反映。",
        "　　村务监督委员会主任：施有才　　　　村委会主任：罗文科",
    ], 10.5)
    text(c, 50, bottom - 90, "户主联系方式（村委会存档）：杨正兴13577831250；马丽芬15911783026；鲁明13708781962", 8, (1, 1, 1))
    c.setFont(FONT, 10.5)
    c.drawRightString(W - 60, bottom - 120, "能禹村民委员会　2026年10月8日")
    c.showPage()
    c.save()


def p05():
    """Traditional script reply to a Macao resident; a sticky-note annotation with personal data."""
    c = new_pdf("h_p05_aomen_jumin_yanglao_dafu.pdf")
    W, H = A4
    centered(c, H - 60, "元謀縣人力資源和社會保障局", 17)
    centered(c, H - 88, "關於澳門居民甄美玲女士申請參加城鄉居民基本養老保險的答覆", 12.5)
    y = lines(c, 55, H - 125, [
        "甄美玲女士：",
        "　　您於2026年9月24日提交的參加城鄉居民基本養老保險申請收悉。您持有港澳居民來往內地",
        "通行證（證件號碼M18204657），現居住地址為澳門氹仔柯維納馬路250號海洋花園8座15樓C。",
        "　　根據《香港澳門臺灣居民在內地（大陸）參加社會保險暫行辦法》第四條規定，在內地（大陸）",
        "居住且辦理港澳臺居民居住證的未就業港澳臺居民，可以在居住地按規定參加城鄉居民基本養老",
        "保險。經核查，您尚未辦理港澳臺居民居住證，暫不符合參保條件。",
        "　　請您先向居住地公安機關申領港澳臺居民居住證，取得後持證件到縣政務服務中心社保窗口",
        "辦理參保登記。",
        "　　特此答覆。",
    ], 10.5, 21)
    c.setFont(FONT, 10.5)
    c.drawRightString(W - 70, y - 20, "元謀縣人力資源和社會保障局")
    c.drawRightString(W - 70, y - 42, "2026年10月11日")
    text(c, 55, y - 80, "（聯繫電話：0878-8213022）", 10)
    c.textAnnotation("經辦人備註：申請人內地手機13908781763，內地暫住元謀縣元馬鎮金沙江路88號5棟1單元601室（其姐甄美華家）。",
                     Rect=(W - 150, H - 160, W - 130, H - 140), relative=0)
    c.showPage()
    c.save()


def p06():
    """信访事项处理意见书: salutation 「尊敬的李秀英女士：」, landline （0871）6312 3456, address down to 室."""
    c = new_pdf("h_p06_xinfang_chuli_yijianshu.pdf")
    W, H = A4
    centered(c, H - 60, "元谋县住房和城乡建设局", 17)
    centered(c, H - 90, "信访事项处理意见书", 16)
    text(c, W / 2 - 60, H - 112, "元住建信〔2026〕第19号", 10.5)
    y = lines(c, 55, H - 145, [
        "尊敬的李秀英女士：",
        "　　您于2026年9月10日通过国家信访信息系统提出的信访事项（信访件编号：",
        "5323282026091000873）我局已于9月12日受理。您反映：您已故丈夫赵德明生前在元马镇",
        "城南片区的房屋被征收后，安置房至今未交付。您的身份证号码530102198806302525，现住",
        "昆明市五华区人民中路168号2栋1单元501室，联系电话（0871）6312 3456。",
        "　　经调查核实：城南片区安置房一期工程因施工单位资金问题停工，现已由县城投公司接管续建，",
        "预计2027年3月交付。您的安置房源为一期6栋2单元，已在安置协议中锁定。",
        "　　处理意见：您反映的安置房未按期交付问题属实。在交付前，由元马镇人民政府按协议约定",
        "标准继续向您发放过渡安置费。",
        "　　如对本处理意见不服，可自收到本意见书之日起30日内向元谋县人民政府申请复查。",
    ], 10.5, 21)
    c.setFont(FONT, 10.5)
    c.drawRightString(W - 70, y - 20, "元谋县住房和城乡建设局")
    c.drawRightString(W - 70, y - 42, "2026年10月9日")
    text(c, 55, y - 75, "（经办人：信访股　普国强　电话：0878-8212345）", 10)
    c.showPage()
    c.save()


def p07():
    """耕地地力保护补贴公示, masked except one row; PDF Author names a person."""
    c = new_pdf("h_p07_gengdi_butie_gongshi.pdf", author="农经站 赵永刚", title="耕地地力保护补贴公示")
    W, H = A4
    centered(c, H - 55, "老城乡2026年耕地地力保护补贴面积及金额公示", 14)
    text(c, 50, H - 82, "村委会：丙月村委会　　　补贴标准：每亩97.50元", 10.5)
    rows = [
        ["序号", "户主", "身份证号", "村民小组", "补贴面积（亩）", "补贴金额（元）"],
        ["1", "施文", "5323**********0033", "大村", "4.20", "409.50"],
        ["2", "刘家富", "5323**********0418", "大村", "6.85", "667.88"],
        ["3", "马春兰", "5323**********1026", "新村", "3.10", "302.25"],
        ["4", "王桂芬", "532328196006060166", "新村", "5.00", "487.50"],
        ["5", "欧阳建国", "5323**********0051", "上村", "7.35", "716.63"],
    ]
    _, bottom = grid(c, 50, H - 100, [36, 70, 140, 70, 90, 90], rows, 9.5)
    lines(c, 50, bottom - 25, [
        "　　公示期7天。对公示内容有异议的，请向老城乡农业农村服务中心反映。",
        "　　监督电话：0878-8231056",
    ], 10.5)
    c.setFont(FONT, 10.5)
    c.drawRightString(W - 60, bottom - 90, "老城乡人民政府　2026年9月16日")
    c.showPage()
    c.save()


# ---------------------------------------------------------------- xlsx
def new_wb(creator=""):
    wb = Workbook()
    pr = wb.properties
    pr.creator = creator
    pr.lastModifiedBy = creator
    pr.created = FIXED
    pr.modified = FIXED
    pr.title = None
    return wb


def save_wb(wb, name):
    p = ROOT / "xlsx" / name
    wb.save(p)
    normalize_zip(p)


def fill(ws, rows, start=1):
    for i, row in enumerate(rows, start):
        for j, v in enumerate(row, 1):
            ws.cell(row=i, column=j, value=v)


def x01():
    """农村危房改造补助公示 (xlsx): full IDs and phones visible; bank card column hidden; creator is an office."""
    wb = new_wb("黄瓜园镇村镇规划建设服务中心")
    ws = wb.active
    ws.title = "公示名单"
    ws["A1"] = "黄瓜园镇2026年农村危房改造补助对象公示表"
    ws.merge_cells("A1:I1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    fill(ws, [
        ["序号", "户主姓名", "公民身份号码", "家庭住址", "家庭人口", "联系电话", "改造方式", "补助金额（元）", "一卡通账号"],
        [1, "何正华", "532328196601010315", "黄瓜园镇苴林村委会大麦地村民小组", 4, "13529871046", "拆除重建", 35000, "6217003760012344"],
        [2, "鲁秀英", "532328195508080322", "黄瓜园镇苴林村委会小村村民小组", 2, "15287832290", "修缮加固", 12000, "6228480880019879"],
        [3, "马有福", "532328194301120011", "黄瓜园镇星宿村委会上组村民小组", 1, "", "修缮加固", 12000, "6230520980001354"],
        [4, "慕容春梅", "532328199305170086", "黄瓜园镇星宿村委会下组村民小组", 3, "18208786315", "拆除重建", 35000, "6222022504007892"],
        ["合计", "", "", "", 10, "", "", 94000, ""],
    ], start=2)
    ws.column_dimensions["I"].hidden = True
    for col, w in zip("ABCDEFGH", [6, 10, 22, 34, 8, 14, 10, 14]):
        ws.column_dimensions[col].width = w
    ws["A9"] = "公示期：2026年10月12日至10月18日。监督电话：0878-8241032（黄瓜园镇村镇规划建设服务中心）"
    save_wb(wb, "h_x01_weifang_gaizao_buzhu.xlsx")


def x02():
    """城乡低保公示: visible sheet masked; the unmasked register is a hidden sheet."""
    wb = new_wb("")
    ws = wb.active
    ws.title = "公示"
    fill(ws, [
        ["元马镇2026年10月城乡低保动态调整（新增）公示"],
        ["序号", "户主", "身份证号", "所在社区（村）", "保障人数", "月保障金（元）"],
        [1, "陶*华", "5323**********0030", "华竹社区", 3, 1260],
        [2, "施*兰", "5323**********1024", "能禹村委会", 2, 620],
        [3, "杨*明", "5323**********0032", "龙川社区", 1, 710],
    ])
    hs = wb.create_sheet("底册")
    fill(hs, [
        ["户主", "身份证号", "手机", "家庭住址", "致贫原因", "银行卡号"],
        ["陶国华", "532328196805120030", "13578120457", "元马镇华竹社区华竹路17号", "尿毒症维持性透析", "6214838712007899"],
        ["施玉兰", "532328197508221024", "15198726630", "元马镇能禹村委会中村村民小组", "丧偶，两子女在读", "6217003760098764"],
        ["杨发明", "532328198311260032", "18869820134／家中0878-8237415", "元马镇龙川街56号3幢2单元101室", "精神残疾二级", "6230520980044685"],
    ])
    hs.sheet_state = "hidden"
    save_wb(wb, "h_x02_dibao_yincang_gongzuobiao.xlsx")


def x03():
    """高龄津贴发放名单: deceased recipients' rows hidden; a cell comment with a relative's phone; an old 15-digit ID."""
    wb = new_wb("")
    ws = wb.active
    ws.title = "10月"
    fill(ws, [
        ["序号", "姓名", "性别", "出生年月", "身份证号", "村（社区）", "年龄段", "发放金额"],
        [1, "普正才", "男", "1933.04", "532328193304150035", "能禹", "90-99岁", 200],
        [2, "何翠英", "女", "1936.09", "532328193609210027", "丙间", "90-99岁", 200],
        [3, "司马光福", "男", "1934.01", "532328193401070053", "华竹", "90-99岁", 200],
        [4, "陈秀兰", "女", "1939.12", "532328193912300041", "龙川", "80-89岁", 100],
        [5, "李凤仙", "女", "1947.07", "532328470720006", "小雷宰", "75-79岁", 50],
        ["", "合计", "", "", "", "", "", 750],
    ])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].hidden = True
    ws["B4"].comment = Comment("老人于9月去世，待核销。其女司马兰芳（13987812045）代领至9月。", "民政办")
    ws["B6"].comment = Comment("户籍迁入未满一年，待核实", "民政办")
    ws.column_dimensions["E"].width = 22
    save_wb(wb, "h_x03_gaoling_jintie_mingdan.xlsx")


def x04():
    """公益性岗位人员名单: no header row, full-width digits in IDs, phones with spaces."""
    wb = new_wb("")
    ws = wb.active
    ws.title = "Sheet1"
    fill(ws, [
        [1, "杨正华", "男", "５３２３２８１９７００３１５００７２", "护林员", "能禹村委会", "139 8780 2231", 800],
        [2, "苏丽", "女", "５３２３２８１９９２０８１１００４９", "保洁员", "华竹社区", "187 8780 1195", 800],
        [3, "段家旺", "男", "53232819790223005x", "河道巡查员", "丙间村委会", "151 2581 7702", 800],
        [4, "施文华", "男", "532328198609180035", "护路员", "小雷宰村委会", "", 800],
    ])
    save_wb(wb, "h_x04_gongyixing_gangwei.xlsx")


def x05():
    """非法营运车辆查处台账: private plates (incl. a new-energy plate) and company vehicles."""
    wb = new_wb("")
    ws = wb.active
    ws.title = "台账"
    fill(ws, [
        ["查处日期", "号牌号码", "车辆类型", "车辆所有人/当事人", "联系电话", "违法行为", "处理结果"],
        ["2026-08-02", "云E5A7T2", "小型轿车", "罗建明", "15287816630", "未取得道路运输经营许可擅自从事旅客运输", "罚款10000元"],
        ["2026-08-09", "云AD12345", "小型新能源轿车", "鲁春花", "13888147702", "网约车未取得营运证", "罚款5000元"],
        ["2026-08-17", "云E·8H2M1", "小型普通客车", "欧阳志明", "18787820913", "非法营运", "罚款10000元"],
        ["2026-08-21", "云E·0X312", "大型普通客车", "元谋县通达运输有限责任公司", "0878-8212091", "班线客车不按规定线路行驶", "责令改正，罚款2000元"],
    ])
    ws["A7"] = "制表：县交通运输综合行政执法大队　0878-8219876"
    save_wb(wb, "h_x05_feifa_yingyun_taizhang.xlsx")


def x06():
    """Traditional script: 港澳臺人才補貼申請名單 with passports, permits, e-mails."""
    wb = new_wb("")
    ws = wb.active
    ws.title = "申請名單"
    fill(ws, [
        ["元謀縣2026年度港澳臺及海外人才安家補貼申請人員名單"],
        ["序號", "姓名", "證件類型", "證件號碼", "電子郵箱", "內地聯繫電話", "工作單位", "擬補貼金額（萬元）"],
        [1, "鄭家豪", "往來港澳通行證", "C39475821", "kh.cheng@netvigator.com", "+86 188 8780 3312", "雲南元謀熱區農業科技有限公司", 5],
        [2, "林怡君", "護照", "EB4729163", "yichun.lin@gmail.com", "13628781054", "元謀縣人民醫院", 8],
        [3, "黃志強", "護照", "E12873465", "wong.chikeung@yahoo.com.hk", "15825190263", "楚雄師範學院元謀教學點", 5],
    ])
    save_wb(wb, "h_x06_gangaotai_rencai_butie.xlsx")


def x07():
    """部门预算公开表: SAFE (amounts only, office contact)."""
    wb = new_wb("")
    ws = wb.active
    ws.title = "收支总表"
    fill(ws, [
        ["元谋县民政局2026年部门收支总表"],
        ["", "", "", "单位：万元"],
        ["收入", "", "支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算拨款收入", 8632.45, "一、一般公共服务支出", 12.30],
        ["二、政府性基金预算拨款收入", 120.00, "二、社会保障和就业支出", 8560.15],
        ["三、国有资本经营预算拨款收入", 0, "三、卫生健康支出", 60.00],
        ["四、事业收入", 0, "四、住房保障支出", 120.00],
        ["本年收入合计", 8752.45, "本年支出合计", 8752.45],
    ])
    ws.merge_cells("A1:D1")
    ws2 = wb.create_sheet("说明")
    ws2["A1"] = "本表按《地方预决算公开操作规程》编制，不涉及国家秘密。咨询电话：0878-8212133；地址：元谋县元马镇龙川街90号"
    save_wb(wb, "h_x07_bumen_yusuan_gongkai.xlsx")


if __name__ == "__main__":
    for f in (d01, d02, d03, d04, d05, d06, d07, d08, d09, d10,
              p01, p02, p03, p04, p05, p06, p07,
              x01, x02, x03, x04, x05, x06, x07):
        f()
    print("built", len(list((ROOT / "docx").glob("*.docx"))), "docx,",
          len(list((ROOT / "pdf").glob("*.pdf"))), "pdf,", len(list((ROOT / "xlsx").glob("*.xlsx"))), "xlsx")
