"""Build the blind holdout corpus corpora/holdout2 (written 2026-11-27).

Run from the repository root:  .venv/bin/python corpora/holdout2/build.py
Deterministic: seeded tables, fixed Office/zip dates, reportlab invariant mode.
Every gold value is the very string the document text is built from (Doc.e / Doc.i),
never the result of a pattern search over the text.
"""
import io
import json
import random
import re
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
import openpyxl
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent
FIXED = datetime(2026, 11, 20, 9, 30, 0)
FIXED_ISO = "2026-11-20T09:30:00Z"
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"

# ---------------------------------------------------------------- checksums
def ric(region, birth, seq):
    """18-digit 居民身份证号: region (6), birth YYYYMMDD, seq (3 digits), MOD 11-2 check."""
    if region == "430524" and int(birth[:4]) < 1986:
        region = "432622"  # 隆回县 was 432622 (邵阳地区) until 1986
    body = f"{region}{birth}{seq:03d}"
    assert len(body) == 17
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * x for c, x in zip(body, w)) % 11
    return body + "10X98765432"[s]


def luhn(body):
    """append the Luhn check digit"""
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


USCC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc(body17):
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    s = sum(USCC_CH.index(c) * x for c, x in zip(body17, w))
    return body17 + USCC_CH[(31 - s % 31) % 31]


def bad_check(num17_plus):
    """an 18-digit number shaped like an ID whose last digit is NOT the MOD 11-2 check"""
    good = ric(num17_plus[:6], num17_plus[6:14], int(num17_plus[14:17]))
    for alt in "0123456789":
        v = good[:-1] + alt
        if alt != good[-1] and luhn(v[:-1]) != v:  # fails Luhn too, so it is no card number either
            return v


def fw(s):
    """full-width digits"""
    return s.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))


# ---------------------------------------------------------------- gold
DOCS = []


class Doc:
    def __init__(self, path, genre, script, tests):
        self.path, self.genre, self.script, self.tests = path, genre, script, tests
        self.entities, self.ignore, self.hidden, self.block = [], [], [], False
        DOCS.append(self)

    def e(self, typ, value):
        if {"type": typ, "value": value} not in self.entities:
            self.entities.append({"type": typ, "value": value})
        if typ in ("SECRECY_MARKING", "RESTRICTED_MARKING"):
            self.block = True
        return value

    def i(self, typ, value):
        if {"type": typ, "value": value} not in self.ignore:
            self.ignore.append({"type": typ, "value": value})
        return value

    def h(self, kind):
        if kind not in self.hidden:
            self.hidden.append(kind)

    # shorthands
    def P(self, v): return self.e("PERSON", v)
    def ID(self, v): return self.e("CN_RESIDENT_ID", v)
    def M(self, v): return self.e("CN_MOBILE_PHONE", v)
    def L(self, v): return self.e("CN_LANDLINE_PHONE", v)
    def A(self, v): return self.e("ADDRESS", v)
    def C(self, v): return self.e("BANK_CARD", v)
    def PL(self, v): return self.e("CN_LICENSE_PLATE", v)
    def EM(self, v): return self.e("EMAIL_ADDRESS", v)
    def PP(self, v): return self.e("CN_PASSPORT", v)
    def iP(self, v): return self.i("PERSON", v)
    def iL(self, v): return self.i("CN_LANDLINE_PHONE", v)
    def iA(self, v): return self.i("ADDRESS", v)

    def gold(self):
        return {"file": self.path, "entities": self.entities, "ignore": self.ignore,
                "hidden": self.hidden, "block": self.block}


# ---------------------------------------------------------------- writers
def out(path):
    p = ROOT / path
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def normalize_zip(p):
    """fixed entry dates and fixed dates inside the XML, so the build is byte-for-byte repeatable"""
    src = zipfile.ZipFile(p)
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name.endswith(".xml") or name.endswith(".rels"):
                t = data.decode("utf-8")
                t = re.sub(r'(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)', r"\g<1>" + FIXED_ISO + r"\2", t)
                t = re.sub(r'w:date="[^"]*"', f'w:date="{FIXED_ISO}"', t)
                data = t.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    p.write_bytes(buf.getvalue())


def write_txt(d, text, encoding="utf-8"):
    out(d.path).write_text(text.lstrip("\n"), encoding=encoding)


# --- docx: blocks are ("title"|"p"|"right"|"center", runs) or ("table", rows)
# runs: a str, or a list of str / ("hidden", t) / ("del", t) / ("ins", t) / ("comment", anchor, text, author)
_rev = [100]


def _tracked(par, kind, text, author):
    _rev[0] += 1
    if kind == "del":
        xml = (f'<w:del {nsdecls("w")} w:id="{_rev[0]}" w:author="{author}" w:date="{FIXED_ISO}">'
               f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')
    else:
        xml = (f'<w:ins {nsdecls("w")} w:id="{_rev[0]}" w:author="{author}" w:date="{FIXED_ISO}">'
               f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')
    par._p.append(parse_xml(xml))


def _fill(document, par, runs, size=None, bold=False, rev_author="管理员"):
    if isinstance(runs, str):
        runs = [runs]
    for r in runs:
        if isinstance(r, str):
            run = par.add_run(r)
        elif r[0] == "hidden":
            run = par.add_run(r[1])
            run.font.hidden = True
        elif r[0] in ("del", "ins"):
            _tracked(par, r[0], r[1], rev_author)
            continue
        elif r[0] == "comment":
            run = par.add_run(r[1])
            document.add_comment(run, text=r[2], author=r[3], initials=r[3][:1])
        else:
            raise ValueError(r)
        if size:
            run.font.size = Pt(size)
        if bold:
            run.bold = True


def write_docx(d, blocks, header=None, author="", last_by="", company=None, rev_author="管理员"):
    document = docx.Document()
    cp = document.core_properties
    cp.author = author
    cp.last_modified_by = last_by
    cp.title = ""
    cp.subject = ""
    cp.keywords = ""
    cp.comments = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    if header is not None:
        hp = document.sections[0].header.paragraphs[0]
        _fill(document, hp, header[1])
        if header[0] == "right":
            hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for b in blocks:
        kind = b[0]
        if kind == "table":
            rows = b[1]
            t = document.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, val in enumerate(row):
                    cell = t.cell(ri, ci)
                    par = cell.paragraphs[0]
                    _fill(document, par, val, size=10.5, bold=(ri == 0), rev_author=rev_author)
            continue
        par = document.add_paragraph()
        if kind == "title":
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fill(document, par, b[1], size=18, bold=True, rev_author=rev_author)
        elif kind == "center":
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fill(document, par, b[1], rev_author=rev_author)
        elif kind == "right":
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _fill(document, par, b[1], rev_author=rev_author)
        else:
            _fill(document, par, b[1], rev_author=rev_author)
    p = out(d.path)
    document.save(p)
    if company:
        _set_company(p, company)
    normalize_zip(p)


def _set_company(p, company):
    src = zipfile.ZipFile(p)
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/app.xml":
                t = data.decode("utf-8")
                if "<Company>" in t:
                    t = re.sub(r"<Company>[^<]*</Company>", f"<Company>{company}</Company>", t)
                else:
                    t = t.replace("</Properties>", f"<Company>{company}</Company></Properties>")
                data = t.encode("utf-8")
            z.writestr(name, data)
    p.write_bytes(buf.getvalue())


# --- pdf: items ("title", t) ("p", t or segments) ("right", t) ("center", t) ("table", rows, widths) ("gap",)
# segments: list of str / ("cover", t) -> drawn, then a filled black box drawn over it
def write_pdf(d, items, author="", land=False, size=11):
    p = out(d.path)
    pagesize = landscape(A4) if land else A4
    W, H = pagesize
    c = canvas.Canvas(str(p), pagesize=pagesize, invariant=1, pageCompression=0)
    c.setAuthor(author)
    c.setTitle("")
    c.setSubject("")
    c.setCreator("")
    c.setProducer("")
    margin = 56
    y = [H - margin]

    def newpage():
        c.showPage()
        y[0] = H - margin

    def need(h):
        if y[0] - h < margin:
            newpage()

    def line(segs, fs, x0=None, align="left"):
        if isinstance(segs, str):
            segs = [segs]
        width = sum(pdfmetrics.stringWidth(s if isinstance(s, str) else s[1], FONT, fs) for s in segs)
        x = margin if align == "left" else (W - margin - width if align == "right" else (W - width) / 2)
        if x0 is not None:
            x = x0
        need(fs * 1.7)
        y[0] -= fs * 1.7
        for s in segs:
            t = s if isinstance(s, str) else s[1]
            c.setFont(FONT, fs)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(x, y[0], t)
            w = pdfmetrics.stringWidth(t, FONT, fs)
            if not isinstance(s, str) and s[0] == "cover":
                c.rect(x - 1, y[0] - fs * 0.3, w + 2, fs * 1.25, stroke=0, fill=1)
            x += w

    def wrap(text, fs, width):
        lines, cur = [], ""
        for ch in text:
            if pdfmetrics.stringWidth(cur + ch, FONT, fs) > width:
                lines.append(cur)
                cur = ch
            else:
                cur += ch
        if cur:
            lines.append(cur)
        return lines

    for it in items:
        k = it[0]
        if k == "title":
            for t in wrap(it[1], 16, W - 2 * margin):
                line(t, 16, align="center")
            y[0] -= 6
        elif k in ("right", "center"):
            line(it[1], size, align=k)
        elif k == "gap":
            y[0] -= size
        elif k == "p":
            if isinstance(it[1], str):
                first = True
                for t in wrap(it[1], size, W - 2 * margin - (2 * size)):
                    line(t, size, x0=margin + (2 * size if first else 0))
                    first = False
            else:
                line(it[1], size, x0=margin)
        elif k == "table":
            rows, widths = it[1], it[2]
            fs = it[3] if len(it) > 3 else 9
            rh = fs * 2.0
            header = rows[0]

            def drow(row, bold=False):
                need(rh)
                top = y[0]
                y[0] -= rh
                x = margin
                for val, w in zip(row, widths):
                    segs = val if isinstance(val, list) else [val]
                    xx = x + 3
                    for s in segs:
                        t = s if isinstance(s, str) else s[1]
                        c.setFont(FONT, fs)
                        c.setFillColorRGB(0, 0, 0)
                        c.drawString(xx, y[0] + rh * 0.32, t)
                        tw = pdfmetrics.stringWidth(t, FONT, fs)
                        if not isinstance(s, str) and s[0] == "cover":
                            c.rect(xx - 1, y[0] + rh * 0.32 - fs * 0.3, tw + 2, fs * 1.25, stroke=0, fill=1)
                        xx += tw
                    c.rect(x, y[0], w, rh, stroke=1, fill=0)
                    x += w
                return top

            drow(header)
            for row in rows[1:]:
                if y[0] - rh < margin:
                    newpage()
                    drow(header)
                drow(row)
    c.showPage()
    c.save()


# --- xlsx
def new_wb(creator="", last_by=""):
    wb = openpyxl.Workbook()
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = last_by
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def save_wb(d, wb):
    p = out(d.path)
    wb.save(p)
    normalize_zip(p)


def put_rows(ws, rows, start=1):
    for r, row in enumerate(rows, start=start):
        for c_, v in enumerate(row, start=1):
            ws.cell(row=r, column=c_, value=v)


# ---------------------------------------------------------------- seeded people for the long tables
SURNAMES = ["刘", "罗", "曾", "谢", "肖", "邹", "彭", "唐", "戴", "袁", "魏", "阳", "钟", "周", "李", "王",
            "陈", "张", "杨", "黄", "胡", "邓", "孙", "龙", "蒋", "石", "尹", "贺", "欧阳", "姚"]
GIVEN_M = ["建国", "德成", "志强", "国平", "长生", "文斌", "红军", "满秋", "石生", "运财", "双喜", "冬生",
           "海波", "庆华", "祖明", "桂生", "友良", "金龙", "春林", "伏生", "光辉", "立新", "爱民", "仁杰"]
GIVEN_F = ["桂英", "秀兰", "满娥", "冬梅", "春花", "玉兰", "菊香", "腊梅", "小红", "淑珍", "月娥", "翠英",
           "美玲", "运娥", "金凤", "秋云", "爱华", "小芳", "丽娟", "碧云", "四妹", "新华", "细妹", "艳芳"]
MOBILE_SEG = ["139", "138", "135", "150", "152", "158", "187", "188", "177", "173", "180", "189", "199",
              "166", "191", "136", "186", "131", "132", "155", "156", "185", "198", "195", "147"]
CARD_BIN = ["6217995", "6228480", "6230901", "6217003", "6222023", "6215582"]
S2T_NAMES = str.maketrans({"刘": "劉", "罗": "羅", "谢": "謝", "邹": "鄒", "彭": "彭", "袁": "袁",
                           "钟": "鍾", "陈": "陳", "张": "張", "杨": "楊", "黄": "黃", "邓": "鄧",
                           "孙": "孫", "龙": "龍", "蒋": "蔣", "贺": "賀", "阳": "陽", "欧": "歐",
                           "国": "國", "长": "長", "红": "紅", "军": "軍", "财": "財", "双": "雙",
                           "庆": "慶", "华": "華", "桂": "桂", "兰": "蘭", "娥": "娥", "梅": "梅",
                           "凤": "鳳", "云": "雲", "爱": "愛", "娟": "娟", "艳": "艷", "龙": "龍",
                           "辉": "輝", "庆": "慶", "红": "紅", "满": "滿", "丽": "麗", "杰": "傑",
                           "业": "業", "强": "強", "伟": "偉", "东": "東", "贵": "貴", "运": "運",
                           "岁": "歲", "腊": "臘", "细": "細"})


class People:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.used = set()

    def person(self, region="430524", villages=None, trad=False, age_min=1940, age_max=2004):
        r = self.r
        while True:
            male = r.random() < 0.55
            name = r.choice(SURNAMES) + r.choice(GIVEN_M if male else GIVEN_F)
            if name not in self.used:
                self.used.add(name)
                break
        y = r.randint(age_min, age_max)
        m = r.randint(1, 12)
        dd = r.randint(1, 28)
        seq = r.randint(0, 499) * 2 + (1 if male else 0)
        pid = ric(region, f"{y}{m:02d}{dd:02d}", seq)
        mob = r.choice(MOBILE_SEG) + f"{r.randint(0, 99999999):08d}"
        card = luhn(r.choice(CARD_BIN) + "".join(str(r.randint(0, 9)) for _ in range(11)))
        v = r.choice(villages) if villages else None
        grp = r.randint(1, 12)
        if trad:
            name = name.translate(S2T_NAMES)
        return {"name": name, "male": male, "id": pid, "mobile": mob, "card": card, "village": v,
                "group": grp, "year": y}


def mask_name(n):
    return n[:2] + "*" if n.startswith(("欧阳", "歐陽")) else n[0] + "*" * (len(n) - 1)


def mask_id(i):
    return i[:6] + "********" + i[-4:]


def mask_mob(m):
    return m[:3] + "****" + m[-4:]


def mask_card(c_):
    return c_[:4] + " **** **** " + c_[-4:]


# ================================================================ TXT
def txt_docs():
    d = Doc("txt/隆市监罚〔2026〕41号_刘建军.txt", "行政处罚决定书（个体工商户）", "简",
            "natural person penalty: ID, home address to 室, mobile, wife named in a sentence; 个体户 credit code, "
            "18-digit case number failing MOD 11-2; 执法人员 and bureau phone/address public")
    case_no = bad_check("43052420260812004")
    write_txt(d, f"""
隆回县市场监督管理局
行政处罚决定书

隆市监罚〔2026〕41号

当事人：{d.P('刘建军')}
经营场所名称：隆回县桃洪镇建军副食品商行
统一社会信用代码：{uscc('92430524MA4Q7K3R2')}
公民身份号码：{d.ID(ric('430524', '19820615', 431))}
住所：{d.A('湖南省邵阳市隆回县桃洪镇东方红路128号3栋2单元402室')}
联系电话：{d.M('13975912846')}

    2026年8月12日，本局执法人员{d.iP('谢明辉')}、{d.iP('邹芳')}（执法证号：43050126011、43050126027）对当事人经营场所进行监督检查，发现当事人在货架上销售超过保质期的“老坛酸菜”牛肉面12箱。检查时当事人之妻{d.P('王秀兰')}在场并签字确认。本局于同日立案调查（案件编号：{case_no}）。
    经查，当事人于2026年7月20日从邵阳市某批发市场购进上述食品共20箱，进货价每箱42元，已销售8箱，销售价每箱50元，违法所得64元。
    以上事实有现场笔录、询问笔录、进货票据、照片等证据证实。
    本局认为，当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据该法第一百二十四条第一款第（五）项之规定，本局决定：
    一、没收超过保质期的食品12箱；
    二、没收违法所得64元；
    三、罚款人民币5000元。
    当事人应自收到本决定书之日起十五日内，到指定银行缴纳罚没款。逾期不缴纳的，每日按罚款数额的3%加处罚款。
    当事人如不服本决定，可在收到本决定书之日起六十日内向隆回县人民政府申请行政复议，也可以在六个月内依法向隆回县人民法院提起行政诉讼。

本局地址：{d.iA('隆回县桃洪镇花门东路56号')}
联系电话：{d.iL('0739-8232715')}

隆回县市场监督管理局
2026年9月2日
""")

    d = Doc("txt/隆回县2026年第三季度临时救助对象公示.txt", "临时救助公示（已脱敏）", "简",
            "QUIET: names as 张*/罗某某, IDs as 4+10 stars+4, mobiles 138****5678, villages only; "
            "the 经办人 and supervision phone are public")
    rows = [("1", "张*", "4305**********0021", "桃洪镇", "138****5678", "突发重大疾病", "3000"),
            ("2", "罗某某", "4305**********4316", "六都寨镇", "139****2046", "火灾", "5000"),
            ("3", "曾**", "4305**********1528", "荷香桥镇", "150****7731", "因学致困", "2000"),
            ("4", "欧阳*", "4305**********003X", "横板桥镇", "187****0912", "突发重大疾病", "4500"),
            ("5", "谢某某", "4305**********6624", "滩头镇", "177****3305", "交通事故", "3500"),
            ("6", "彭*", "4305**********2817", "岩口镇", "199****6470", "生活必需支出突增", "1500")]
    body = "\n".join("{:<4}{:<8}{:<22}{:<10}{:<14}{:<18}{}".format(*r) for r in rows)
    write_txt(d, f"""
隆回县民政局关于2026年第三季度临时救助对象的公示

    根据《社会救助暂行办法》和《湖南省临时救助实施办法》有关规定，经个人申请、乡镇（街道）审核、县民政局审批，现将2026年第三季度临时救助对象予以公示。为保护个人隐私，公示内容已作去标识化处理。

序号 姓名    身份证号              乡镇      联系电话      救助事由          金额（元）
{body}

    公示期为2026年10月9日至10月15日。如有异议，请于公示期内向县民政局社会救助股反映。
    监督电话：{d.iL('0739－8236612')}    经办人：{d.iP('唐丽')}

隆回县民政局
2026年10月8日
""")

    d = Doc("txt/隆住建信复〔2026〕23号_罗桂英.txt", "信访答复意见书", "简",
            "salutation 罗桂英同志：; ID, 村民小组 address, mobile with spaces, home landline with a full-width dash; "
            "neighbour and son named in sentences; 经办人 and office phone public")
    write_txt(d, f"""
隆回县住房和城乡建设局
信访事项答复意见书

隆住建信复〔2026〕23号

{d.P('罗桂英')}同志：
    您（身份证号：{d.ID(fw(ric('430524', '19671108', 312)))}，住{d.A('隆回县六都寨镇大水田村第七村民小组')}）于2026年9月3日通过“12345”政务服务便民热线反映：邻居{d.P('曾德文')}在自家房屋东侧违规加建三层砖混结构房屋，影响您家采光，且存在安全隐患。我局受理后，于9月10日会同六都寨镇人民政府进行了现场调查，现答复如下：
    一、经核查，{d.P('曾德文')}户加建房屋未取得乡村建设规划许可证，属违法建设。六都寨镇人民政府已于9月15日下达《责令限期改正通知书》，责令其于10月15日前自行拆除第三层。
    二、关于您反映的采光问题，经现场测量，加建部分与您家房屋间距为4.2米，不符合《湖南省农村村民住房建设管理办法》的要求，将一并整改到位。
    三、您儿子{d.P('阳小军')}来电提出的补偿要求，属于民事纠纷，建议双方协商解决，协商不成的，可依法向人民法院提起诉讼。
    我局已将上述处理情况电话告知您本人（联系电话：{d.M('139 7392 4186')}，家中座机：{d.L('0739－8461253')}）。
    如对本答复意见不服，可自收到本意见书之日起30日内向隆回县人民政府信访工作联席会议办公室申请复查。

经办人：{d.iP('袁志刚')}    联系电话：{d.iL('0739-8223105')}

隆回县住房和城乡建设局
2026年9月28日
""")

    d = Doc("txt/关于做好2026年度保密自查自评工作的通知.txt", "通知（提及保密）", "简",
            "QUIET: a 保密 notice naming 绝密/机密/秘密, 工作秘密, 内部资料, 此件不公开 in sentences and quoting the "
            "marking format 「机密★5年」 inside a sentence; the 保密办 contact is public")
    write_txt(d, f"""
中共隆回县委保密委员会办公室
关于做好2026年度保密自查自评工作的通知

各乡镇党委、政府，县直各单位：
    根据《中华人民共和国保守国家秘密法》及其实施条例和上级保密工作部门的部署，现就做好2026年度保密自查自评工作通知如下：
    一、自查范围。各单位产生、接收、保管的国家秘密载体，包括标注绝密、机密、秘密级的纸质文件、电子文件和涉密计算机、移动存储介质；各单位的工作秘密事项和标注“内部资料”“此件不公开”的文件资料也应一并纳入检查。
    二、重点内容。（一）定密是否准确，密级标志是否规范。国家秘密标志应由密级、★和保密期限组成，如“机密★5年”，不得只标“★”或自行创设标志；（二）涉密文件是否按规定登记、传递、保管和销毁；（三）政府信息公开前是否履行保密审查程序，是否存在将涉密或者敏感信息在政府网站发布的情况；（四）涉密人员离岗离职是否按规定办理脱密期管理。
    三、工作要求。各单位要对照《保密自查自评表》逐项自查，发现问题立即整改。自查中发现泄露国家秘密的，应当立即采取补救措施并在24小时内报告县委保密办。
    四、报送时间。请于2026年12月10日前将自查报告（纸质件加盖公章）报送县委保密办，自查报告不得通过互联网电子邮箱传送。
    联系人：{d.iP('邓卫东')}    联系电话：{d.iL('0739-8228050')}

中共隆回县委保密委员会办公室
2026年11月18日
""")

    d = Doc("txt/荷香桥镇党委会议纪要〔2026〕9号.txt", "会议纪要（内部资料 请勿外传）", "简",
            "RESTRICTED 「内部资料　请勿外传」 on line 1 (ideographic space); officials as 阳志平书记 / attendees public; "
            "a villager with his mobile and a household head named in the discussion")
    write_txt(d, f"""
{d.e('RESTRICTED_MARKING', '内部资料　请勿外传')}

中共荷香桥镇委员会会议纪要
〔2026〕9号

    2026年10月21日上午，{d.iP('阳志平')}书记在镇政府三楼会议室主持召开镇党委会议，研究近期重点工作。纪要如下：
    一、关于石门村道路硬化项目。会议听取了{d.iP('王海燕')}副镇长的汇报。石门村村民{d.P('谢满秋')}（电话{d.M('18773946215')}）多次反映项目占用其责任田未予补偿。会议要求由国土所牵头，10月底前与户主{d.P('谢石生')}一户协商确定补偿方案。
    二、关于秋冬季森林防火工作。会议要求各村落实“林长制”，严格野外用火管理，镇应急办每日报告火情。
    三、关于镇敬老院改造。会议同意追加预算8.6万元，由镇财政所按程序办理。
    出席：{d.iP('阳志平')}、{d.iP('刘国强')}、{d.iP('王海燕')}、{d.iP('钟华')}、{d.iP('曾丽')}
    列席：{d.iP('唐建明')}（镇国土所所长）
    记录：{d.iP('袁芳')}

中共荷香桥镇委员会办公室
2026年10月22日印发
""")

    d = Doc("txt/隆安委办〔2026〕17号_六都寨镇7·14道路交通事故调查通报.txt", "事故调查通报", "简",
            "drivers （男，45岁） with ID, private car plate with ·, new-energy plate, victim's 村民小组 address, relative's mobile; "
            "the company truck's plate and the investigating officials are public")
    write_txt(d, f"""
隆回县安全生产委员会办公室
关于六都寨镇“7·14”较大道路交通事故调查情况的通报

隆安委办〔2026〕17号

各乡镇人民政府，县安委会各成员单位：
    2026年7月14日16时20分许，在S217线六都寨镇清水村路段发生一起三车相撞的较大道路交通事故，造成3人死亡、2人受伤，直接经济损失约286万元。经调查，现将有关情况通报如下：
    一、事故经过
    当日，驾驶人{d.P('曾德胜')}（男，45岁，身份证号{d.ID(ric('430524', '19810322', 651))}）驾驶{d.PL('湘E·7H3K9')}小型普通客车由北向南行驶，在超越前方车辆时驶入对向车道，与隆回县顺达运输有限公司所属{d.i('CN_LICENSE_PLATE', '湘E52178')}重型仓栅式货车（驾驶人{d.P('罗志强')}，男，38岁）发生碰撞，后又与{d.P('袁立新')}驾驶的{d.PL('湘ED20571')}纯电动轿车相撞。
    事故造成{d.P('曾德胜')}车上乘客{d.P('彭冬梅')}（女，61岁，家住{d.A('六都寨镇清水村5组')}）等3人当场死亡。伤者家属{d.P('彭海波')}（联系电话：{d.M('158-7391-2604')}）已妥善安置。
    二、事故原因
    （一）直接原因：{d.P('曾德胜')}违法超车、超速行驶，且该车核载7人实载9人。
    （二）间接原因：顺达运输有限公司安全生产主体责任落实不到位，动态监控流于形式；六都寨镇交通安全劝导站未按规定开展劝导。
    三、责任追究
    县公安局已对{d.P('曾德胜')}依法立案侦查；对顺达运输有限公司罚款人民币50万元；对六都寨镇分管负责人{d.iP('刘志刚')}进行约谈。
    事故调查组组长由县应急管理局局长{d.iP('魏建华')}担任，县公安局交警大队大队长{d.iP('周文')}任副组长。
    四、工作要求
    各地各部门要深刻吸取事故教训，立即开展道路运输安全隐患排查整治。

隆回县安全生产委员会办公室
2026年9月10日
""")

    d = Doc("txt/隆自然資依復〔2026〕5號_鍾嘉欣.txt", "政府信息公开申请答复书（繁体，香港居民）", "繁",
            "Traditional: a Hong Kong resident's 回鄉證 number, a Hong Kong address to 室, +86 mobile with spaces, "
            "personal e-mail; family house to 村民小組 and 號 and her father; office contacts public")
    write_txt(d, f"""
隆回縣自然資源局
政府信息公開申請答覆書

隆自然資依復〔2026〕5號

{d.P('鍾嘉欣')}女士：
    本機關於2026年10月9日收到您通過郵寄方式提交的《政府信息公開申請表》（港澳居民來往內地通行證號碼：{d.PP('H60381247')}；通訊地址：{d.A('香港九龍旺角彌敦道612號華僑商業大廈8樓C室')}；聯繫電話：{d.M('+86 186 7390 2451')}；電子郵箱：{d.EM('chungkayan88@gmail.com')}），申請公開「{d.A('隆回縣北山鎮龍山村第三村民小組鍾家院子23號')}房屋所在地塊的征收批覆文件及補償標準」。
    經審查，現答覆如下：
    一、您申請的征收批覆文件《湖南省人民政府關於隆回縣2025年度第12批次城鎮建設用地的批覆》已在湖南省自然資源廳門戶網站主動公開，您可自行查閱。
    二、您申請的補償標準，本機關已隨本答覆書向您提供《隆回縣征收集體土地地上附著物和青苗補償標準》複印件一份。
    三、您申請中涉及的被征收戶{d.P('鍾國華')}（您的父親）的個人補償明細，屬於第三方個人信息，依據《中華人民共和國政府信息公開條例》第十五條，本機關已書面徵求其意見，其同意向您提供，現一併提供。
    如對本答覆不服，可以在收到本答覆之日起60日內向隆回縣人民政府申請行政覆議，或者在6個月內向人民法院提起行政訴訟。
    聯繫地址：{d.iA('隆回縣桃洪鎮金山大道188號')}    聯繫電話：{d.iL('0739－8225316')}

隆回縣自然資源局
2026年10月28日
""")

    d = Doc("txt/隆回县人民政府办公室2026年上半年政务公开工作总结.txt", "工作总结", "简",
            "QUIET: work report with statistics, 文号, 依申请公开 figures, 个人隐私/保密审查 as words; the office's "
            "public e-mail and phone")
    write_txt(d, f"""
隆回县人民政府办公室2026年上半年政务公开工作总结

    2026年上半年，县政府办公室坚持以公开为常态、不公开为例外，深入贯彻《中华人民共和国政府信息公开条例》，全县政务公开工作取得新进展。现将有关情况总结如下：
    一、主动公开情况。上半年，县政府门户网站共发布各类信息6872条，其中政策文件148件、政策解读93篇（图解41篇、视频解读12个），规范性文件备案审查通过率100%。财政预决算、“三公”经费、重大建设项目、公共资源配置等重点领域信息均按时公开。
    二、依申请公开情况。共受理政府信息公开申请127件（当面申请31件、网络申请84件、信函申请12件），按时办结127件，其中予以公开58件、部分公开19件、不予公开7件（涉及国家秘密1件、第三方个人隐私5件、过程性信息1件），因行政复议被纠错0件。
    三、保密审查机制。坚持“先审查、后公开”和“一事一审”原则，上半年共审查拟公开信息7013条，退回修改211条，主要问题为公示名单未对身份证号码、手机号码等个人信息进行去标识化处理。
    四、平台建设。完成政府网站集约化改造，政务新媒体账号由46个整合至23个，12345热线知识库新增条目1540条。
    五、存在问题。部分单位对“公开属性”源头认定不严，个别公示表格附件存在隐藏工作表、批注未清理的情况。
    下半年，我们将重点抓好基层政务公开标准目录动态更新，开展公示信息“回头看”专项检查。

    政府信息公开工作机构：隆回县人民政府办公室政务公开股
    办公地址：{d.iA('隆回县桃洪镇金山大道1号县政府办公楼5楼')}
    电子邮箱：{d.i('EMAIL_ADDRESS', 'lhxzwgk@longhui.gov.cn')}    电话：{d.iL('0739-8223601')}

隆回县人民政府办公室
2026年7月6日
""")

    d = Doc("txt/隆政办函〔2026〕58号_重点信访人员稳控.txt", "涉密公文（秘密★2年）", "简",
            "SECRECY 「秘密★2年」 on line 2 after 份号 000047, 特急 on line 3; the list carries IDs (one old 15-digit), "
            "addresses to 组/号/室, mobiles and a home landline; 包保 officials public")
    write_txt(d, f"""
000047
{d.e('SECRECY_MARKING', '秘密★2年')}
特急

隆回县人民政府办公室
隆政办函〔2026〕58号

关于做好国庆期间重点信访人员稳控工作的通知

各有关乡镇人民政府，县信访局、县公安局：
    国庆期间，为确保全县社会大局稳定，现将需重点做好稳控工作的人员及包保责任通知如下：
    1. {d.P('戴运财')}，男，1963年2月生，身份证号{d.ID(' '.join([(x := ric('430524', '19630218', 737))[:6], x[6:14], x[14:]]))}，住{d.A('隆回县司门前镇黄金井村8组')}，电话{d.M('13647398210')}。因土地确权纠纷多次赴省进京上访。包保责任人：司门前镇镇长{d.iP('贺光明')}。
    2. {d.P('尹月娥')}，女，身份证号{d.ID('432622580917062')}，住{d.A('隆回县桃洪镇沙洲路47号')}，家庭电话{d.L('0739-8316472')}。因其子{d.P('龙仁杰')}交通事故赔偿问题反复上访。包保责任人：桃洪镇党委副书记{d.iP('罗晓辉')}。
    3. {d.P('石海波')}，男，身份证号{d.ID(ric('430524', '19780530', 259))}，现居{d.A('长沙市芙蓉区五一大道389号2栋1805室')}，手机{d.M('18874125836')}，驾驶{d.PL('湘A·5N2P8')}小型轿车，持有因私护照{d.PP('EH4302617')}，电子邮箱{d.EM('shihaibo0530@qq.com')}。因工程款纠纷扬言赴京。包保责任人：县住建局局长{d.iP('周国栋')}。
    各包保单位要落实“五包一”责任，每日零报告。发现异常动向的，立即报告县委政法委（值班电话：{d.iL('0739-8231110')}）。

隆回县人民政府办公室
2026年9月25日
""")


# ================================================================ DOCX
def docx_docs():
    d = Doc("docx/隆人社监罚〔2026〕7号_宏达建筑劳务.docx", "劳动保障监察行政处罚决定书（单位）", "简",
            "company penalty: credit code is not an ID; 法定代表人 private with mobile; the workers appear as 邹某某 in "
            "the text but a Word comment by the clerk holds the real name, ID and mobile (comment)")
    d.h("comment")
    d.iP("李娟")  # comment author (the clerk)
    blocks = [
        ("title", "隆回县人力资源和社会保障局"),
        ("title", "劳动保障监察行政处罚决定书"),
        ("center", "隆人社监罚〔2026〕7号"),
        ("p", "被处罚单位：隆回县宏达建筑劳务有限公司"),
        ("p", f"统一社会信用代码：{uscc('91430524MA4R2T8L5')}"),
        ("p", f"地址：{d.iA('隆回县桃洪镇大桥路66号')}"),
        ("p", f"法定代表人：{d.P('肖国平')}    联系电话：{d.M('18973921547')}    电子邮箱：{d.EM('xiaoguoping1972@126.com')}"),
        ("p", ["    2026年6月至8月，你单位在承建隆回县第二中学学生宿舍楼项目期间，拖欠", ("comment", "邹某某",
               f"原件姓名：{d.P('邹长生')}，身份证{d.ID(ric('430524', '19751206', 451))}，电话{d.M('15080926371')}，已电话核实。", "李娟"),
               "等12名农民工工资共计人民币18.64万元。本局劳动保障监察员", d.iP("彭立"), "、", d.iP("钟海"),
               "于2026年9月4日向你单位送达《劳动保障监察限期改正指令书》，你单位逾期未改正。"]),
        ("p", "    上述事实有投诉材料、工资发放表、询问笔录等证据证明。你单位的行为违反了《保障农民工工资支付条例》第二十八条的规定。依据该条例第五十五条第一款第（一）项，本局决定：责令限期支付拖欠工资，并处罚款人民币5万元。"),
        ("p", "    你单位应自收到本决定书之日起15日内将罚款缴至指定银行。如不服本决定，可于收到本决定书之日起60日内向隆回县人民政府申请行政复议，或者在6个月内向人民法院提起行政诉讼。"),
        ("right", "隆回县人力资源和社会保障局"),
        ("right", "2026年10月16日"),
    ]
    write_docx(d, blocks)

    d = Doc("docx/滩头镇2026年农村危房改造补助资金公示.docx", "危房改造补助公示（修订痕迹）", "简",
            "Word table of 户主 names and addresses to 村民小组 with masked IDs; in two rows a tracked change deleted the "
            "full ID and inserted the masked one — the deleted IDs are still in the file (tracked_change)")
    d.h("tracked_change")
    ppl = [("钟德成", "19560314", 571, "白竹坪村3组", "拆除重建", "35000"),
           ("欧阳秀兰", "19490809", 282, "白竹坪村7组", "维修加固", "12000"),
           ("阳长生", "19620125", 193, "坪上村2组", "拆除重建", "35000"),
           ("魏菊香", "19580722", 404, "坪上村11组", "维修加固", "10000"),
           ("胡金龙", "19701003", 615, "双江村4组", "拆除重建", "30000"),
           ("贺四妹", "19440217", 46, "双江村9组", "维修加固", "15000")]
    rows = [["序号", "户主姓名", "身份证号", "家庭住址", "改造方式", "补助金额（元）"]]
    for k, (n, b, s, addr, way, amt) in enumerate(ppl, 1):
        pid = ric("430524", b, s)
        masked = mask_id(pid)
        if k in (2, 5):
            idcell = [("del", d.ID(pid)), ("ins", masked)]
        else:
            idcell = masked
        rows.append([str(k), d.P(n), idcell, d.A("滩头镇" + addr), way, amt])
    blocks = [("title", "滩头镇2026年农村危房改造补助资金公示"),
              ("p", "    根据《隆回县2026年农村危房改造实施方案》，经农户申请、村级评议、镇级审核、县级审批，现将第一批农村危房改造补助对象及补助资金予以公示："),
              ("table", rows),
              ("p", f"    公示期7天（2026年11月2日至11月8日）。如有异议，请向滩头镇人民政府反映。监督电话：{d.iL('0739-8571206')}。"),
              ("right", "滩头镇人民政府"), ("right", "2026年11月1日")]
    write_docx(d, blocks, rev_author="滩头镇民政办")

    d = Doc("docx/隆回县城区机动车停放服务收费管理办法（征求意见稿）.docx", "征求意见稿", "简",
            "DRAFT 「征求意见稿」 in the title (review, not block); office e-mail and phone public; 个人信息/商业秘密 "
            "as words; document author and last editor are the drafter (metadata)")
    d.h("metadata")
    d.iP("陈晓燕")
    blocks = [("title", ["隆回县城区机动车停放服务收费管理办法（", d.e("DRAFT_MARKING", "征求意见稿"), "）"]),
              ("p", "    第一条 为规范城区机动车停放服务收费行为，维护停车者和经营者的合法权益，根据《中华人民共和国价格法》《湖南省定价目录》等规定，结合本县实际，制定本办法。"),
              ("p", "    第二条 本办法适用于本县城区范围内道路停车泊位、公共停车场和专用停车场的机动车停放服务收费管理。"),
              ("p", "    第三条 道路停车泊位实行政府定价，白天（7:00—20:00）首小时内小型车2元，超过1小时每小时加收1元；夜间（20:00—次日7:00）每次不超过5元。新能源汽车首小时免费。"),
              ("p", "    第四条 停车经营者采集车辆号牌、停车时段等信息的，应当遵守个人信息保护的规定，不得泄露、出售或者非法向他人提供；经营者报送的成本资料涉及商业秘密的，价格主管部门应当依法保密。"),
              ("p", "    第五条 本办法自2027年1月1日起施行，有效期5年。"),
              ("p", f"    公众可于2026年12月15日前通过电子邮箱{d.i('EMAIL_ADDRESS', 'lhfgjsfg@163.com')}或电话{d.iL('0739-8223962')}反馈意见。"),
              ("right", "隆回县发展和改革局"), ("right", "2026年11月16日")]
    write_docx(d, blocks, author="陈晓燕", last_by="陈晓燕")

    d = Doc("docx/隆发改〔2026〕19号_征地拆迁遗留问题情况报告.docx", "涉密公文（机密★3年，页眉）", "简",
            "SECRECY 「机密★3年」 only in the page header; 份号 on the first body line; a household being expropriated "
            "with mobile; officials in their role")
    blocks = [("p", "000018"),
              ("title", "隆回县发展和改革局"),
              ("title", "关于全县重大项目征地拆迁遗留问题的情况报告"),
              ("center", "隆发改〔2026〕19号"),
              ("p", "县委、县人民政府："),
              ("p", "    截至2026年10月底，全县列入省市重点的17个重大项目中，有4个项目因征地拆迁遗留问题影响施工进度，涉及农户63户、企业2家。现将有关情况报告如下："),
              ("p", f"    一、隆回至洞口高速公路连接线项目。涉及桃洪镇罗白村被征收户{d.P('袁满秋')}（电话 {d.M('150 7398 2264')}）等5户，因对房屋评估价格有异议拒绝签约，其中{d.P('袁满秋')}户提出按商品房价格补偿，诉求明显过高。县自然资源局副局长{d.iP('刘海洋')}已带队上门协调6次。"),
              ("p", "    二、城南污水处理厂二期项目。涉及两家企业厂房搬迁，补偿资金缺口约2300万元，建议从土地出让收益中统筹解决。"),
              ("p", "    三、下一步建议。对无理诉求坚持依法依规，对确有困难的依政策帮扶，必要时依法申请强制执行。"),
              ("right", "隆回县发展和改革局"), ("right", "2026年11月3日")]
    write_docx(d, blocks, header=("right", [d.e("SECRECY_MARKING", "机密★3年")]))

    d = Doc("docx/桃洪镇党政联席会议纪要〔2026〕4号.docx", "会议纪要（隐藏文字）", "简",
            "minutes name the applicant only as 肖某某; a hidden run (w:vanish) still holds her name, ID, mobile and "
            "address (hidden_text); attendees are officials")
    d.h("hidden_text")
    blocks = [("title", "桃洪镇党政联席会议纪要"),
              ("center", "〔2026〕4号"),
              ("p", f"    2026年11月5日，镇党委书记{d.iP('罗建平')}主持召开党政联席会议，镇长{d.iP('黄伟')}及班子成员参加。会议研究了以下事项："),
              ("p", ["    一、关于罗白村村民肖某某申请低保的问题。",
                     ("hidden", f"（{d.P('肖桂英')}，身份证{d.ID(ric('430524', '19790421', 152))}，电话{d.M('17773905162')}，住{d.A('桃洪镇罗白村6组')}）"),
                     "会议认为，该户家庭成员中有一人患重大疾病，家庭人均收入低于当地低保标准，同意按程序报县民政局审批。"]),
              ("p", "    二、关于镇区农贸市场提质改造。会议同意按照“政府主导、市场运作”方式推进，12月底前完成招标。"),
              ("p", "    三、关于冬季安全生产。会议要求各村（社区）开展燃气、用电安全检查，做到不漏一户。"),
              ("p", f"    出席：{d.iP('罗建平')}、{d.iP('黄伟')}、{d.iP('刘志勇')}、{d.iP('王艳')}、{d.iP('曾凡')}"),
              ("p", f"    记录：{d.iP('戴小兰')}"),
              ("right", "桃洪镇党政办公室"), ("right", "2026年11月6日")]
    write_docx(d, blocks)

    d = Doc("docx/隆回縣2025年度優秀農民工表彰名單.docx", "表彰名单（繁体）", "繁",
            "Traditional: names of private persons in a Word table under 姓名, with 性別 and 工作單位; the county "
            "government and its 文號 are public")
    names = [("鄧國華", "男", "隆回縣宏達建築勞務有限公司鋼筋班組長"), ("劉春花", "女", "湖南隆盛電子科技有限公司操作工"),
             ("歐陽建軍", "男", "隆回縣金銀花種植專業合作社技術員"), ("羅冬梅", "女", "隆回縣人民醫院護工"),
             ("曾慶華", "男", "廣東省東莞市長安鎮某五金製品廠車間主任"), ("陽滿娥", "女", "隆回縣桃洪鎮家政服務中心家政員"),
             ("龍運財", "男", "隆回縣滬昆高鐵站保潔公司保潔員"), ("謝翠英", "女", "隆回縣辣椒醬加工廠包裝工")]
    rows = [["序號", "姓名", "性別", "工作單位及職務"]] + [[str(k), d.P(n), s, u] for k, (n, s, u) in enumerate(names, 1)]
    blocks = [("title", "隆回縣人民政府"),
              ("title", "關於表彰2025年度優秀農民工的決定"),
              ("center", "隆政發〔2026〕3號"),
              ("p", "各鄉鎮人民政府，縣直各單位："),
              ("p", "    2025年，全縣廣大農民工積極投身經濟社會建設，湧現出一批愛崗敬業、技術精湛的先進典型。為弘揚勞動精神，經各單位推薦、縣人社局審核並公示，縣人民政府決定授予以下8名同志「隆回縣優秀農民工」稱號，並給予每人獎勵人民幣2000元："),
              ("table", rows),
              ("p", "    希望受表彰的同志珍惜榮譽，再創佳績。"),
              ("right", "隆回縣人民政府"), ("right", "2026年4月28日")]
    write_docx(d, blocks)

    d = Doc("docx/隆回县2026年事业单位公开招聘拟聘用人员公示.docx", "招聘拟聘用人员公示", "简",
            "names under 姓名 (incl. 欧阳), 准考证号 and 岗位代码 as long digit strings, an 18-digit 报名流水号 that "
            "fails MOD 11-2; 毕业院校; the supervision phone is public")
    recs = [("欧阳慧敏", "女", "1998.03", "湖南师范大学", "LH2026-013", "20260510231"),
            ("唐浩然", "男", "1997.11", "中南大学", "LH2026-021", "20260510417"),
            ("钟雨欣", "女", "2000.06", "邵阳学院", "LH2026-021", "20260510502"),
            ("邹家豪", "男", "1996.08", "湘潭大学", "LH2026-034", "20260511106"),
            ("阳思琪", "女", "1999.01", "湖南中医药大学", "LH2026-047", "20260511328"),
            ("罗文轩", "男", "1998.12", "长沙理工大学", "LH2026-052", "20260511609")]
    rows = [["序号", "姓名", "性别", "出生年月", "毕业院校", "岗位代码", "准考证号", "报名流水号"]]
    for k, (n, s, b, u, post, z) in enumerate(recs, 1):
        rows.append([str(k), d.P(n), s, b, u, post, z, bad_check(f"43052420260512{k:03d}")])
    blocks = [("title", "隆回县2026年事业单位公开招聘拟聘用人员公示"),
              ("p", "    根据《隆回县2026年事业单位公开招聘工作人员公告》，经笔试、面试、体检和考察，现将拟聘用人员名单公示如下："),
              ("table", rows),
              ("p", f"    公示期为2026年8月20日至8月26日。监督电话：县人社局{d.iL('0739-8224169')}，县纪委监委驻县人社局纪检监察组{d.iL('0739-8226055')}。"),
              ("right", "隆回县人力资源和社会保障局"), ("right", "2026年8月19日")]
    write_docx(d, blocks)

    d = Doc("docx/隆卫健〔2026〕12号_输入性疟疾病例处置报告.docx", "内部报告（工作秘密 + 此件不公开）", "简",
            "RESTRICTED 「工作秘密」 on line 1 and 「（此件不公开）」 in the 附注 line; a patient's name, age, ID, address to "
            "号 and his wife's mobile; the doctor and officials named in their role")
    blocks = [("p", [d.e("RESTRICTED_MARKING", "工作秘密")]),
              ("title", "隆回县卫生健康局"),
              ("title", "关于一例输入性疟疾病例处置情况的报告"),
              ("center", "隆卫健〔2026〕12号"),
              ("p", "县人民政府："),
              ("p", f"    2026年10月27日，县人民医院报告一例疑似疟疾病例。患者{d.P('唐伏生')}，男，52岁，身份证号{d.ID(ric('430524', '19740318', 631))}，现住{d.A('隆回县金石桥镇石桥社区建设街18号')}，护照号码{d.PP('E72039415')}，2026年10月从非洲某国务工返乡，家中电话{d.L('（0739）8417326')}。经县疾控中心实验室检测，确诊为恶性疟。"),
              ("p", f"    患者入院后由县人民医院感染科主任医师{d.iP('刘仁杰')}负责救治，目前病情稳定。县疾控中心已对其妻{d.P('王翠英')}（联系电话：{d.M('130 1628 5947')}）及同行返乡人员开展流行病学调查和血检，结果均为阴性。"),
              ("p", "    下一步，我局将加强境外返乡人员健康监测，落实“1-3-7”工作规范。"),
              ("p", "    特此报告。"),
              ("right", "隆回县卫生健康局"), ("right", "2026年10月30日"),
              ("p", ["（", d.e("RESTRICTED_MARKING", "此件不公开"), "）"])]
    write_docx(d, blocks)

    d = Doc("docx/六都寨镇2026年第二季度农村低保动态调整公示（已脱敏）.docx", "低保公示（已脱敏）", "简",
            "QUIET: a Word table masked the way local rules require (张*, 李某某, 欧阳*, IDs 4+10 stars+4 and 6+8 stars+4, "
            "mobiles 138****5678, villages only); the 经办人 and supervision phone are public")
    rows = [["序号", "户主", "身份证号", "村", "联系电话", "调整类型", "月保障金（元）"],
            ["1", "张*", "4305**********0011", "大水田村", "138****5678", "新增", "420"],
            ["2", "李某某", "432622********2846", "清水村", "139****0357", "新增", "380"],
            ["3", "欧阳*", "4305**********511X", "清水村", "152****6613", "提标", "510"],
            ["4", "罗**", "430524********3027", "六都寨村", "187****2290", "退出", "0"],
            ["5", "曾某某", "4326**********1833", "石田村", "—", "降标", "260"]]
    blocks = [("title", "六都寨镇2026年第二季度农村低保动态调整公示"),
              ("p", "    根据《湖南省最低生活保障工作规程》，经入户调查、民主评议和县民政局审核确认，现将第二季度农村低保动态调整情况公示如下（个人信息已按规定作去标识化处理）："),
              ("table", rows),
              ("p", f"    公示期7天。监督电话：{d.iL('0739-8521030')}    经办人：{d.iP('石燕')}"),
              ("right", "六都寨镇人民政府"), ("right", "2026年7月3日")]
    write_docx(d, blocks)


# ================================================================ PDF
def pdf_docs():
    d = Doc("pdf/隆自然资罚〔2026〕15号_钟双喜.pdf", "行政处罚决定书（黑框遮盖）", "简",
            "the published copy was 'redacted' by drawing black boxes over the ID and the home address — the text is "
            "still in the content stream (covered_text); name visible; officers and office phone public")
    d.h("covered_text")
    items = [("title", "隆回县自然资源局"), ("title", "行政处罚决定书"), ("center", "隆自然资罚〔2026〕15号"), ("gap",),
             ("p", f"当事人：{d.P('钟双喜')}    性别：男"),
             ("p", ["身份证号码：", ("cover", d.ID(ric('430524', '19710802', 561)))]),
             ("p", ["住址：", ("cover", d.A('隆回县高平镇大坪村11组'))]),
             ("p", f"    2026年5月，当事人未经批准，擅自占用高平镇大坪村集体耕地建设住宅，占地面积186平方米。本局执法人员{d.iP('黄志军')}、{d.iP('曾晓东')}于2026年6月3日现场勘测并立案调查。"),
             ("p", "    本局认为，当事人的行为违反了《中华人民共和国土地管理法》第四十四条、第六十二条的规定，依据该法第七十八条，决定：一、责令当事人退还非法占用的土地；二、限当事人在收到本决定书之日起30日内自行拆除在非法占用的土地上新建的建筑物和其他设施，恢复土地原状。"),
             ("p", "    当事人如不服本决定，可在收到本决定书之日起60日内向隆回县人民政府申请行政复议，也可以在6个月内直接向人民法院提起行政诉讼。"),
             ("p", f"    联系电话：{d.iL('0739-8225318')}"), ("gap",),
             ("right", "隆回县自然资源局"), ("right", "2026年7月15日")]
    write_pdf(d, items)

    d = Doc("pdf/隆回县城区道路照明提质改造项目中标公告.pdf", "政府采购中标公告", "简",
            "procurement notice: company credit code, 项目编号, the purchaser's and agency's contacts and phones "
            "(public), bid-evaluation experts (private persons) and the winner's project manager; 采购人代表 public")
    items = [("title", "隆回县城区道路照明提质改造项目中标（成交）结果公告"), ("gap",),
             ("p", "一、项目编号：LHCG-2026-0318（招标文件编号：HNHX-2026-LH-047）"),
             ("p", "二、项目名称：隆回县城区道路照明提质改造项目"),
             ("p", "三、中标（成交）信息"),
             ("p", "    供应商名称：湖南光耀照明工程有限公司"),
             ("p", f"    统一社会信用代码：{uscc('91430103MA4L8K2C6')}"),
             ("p", f"    供应商地址：{d.iA('长沙市天心区芙蓉南路二段128号现代广场1栋1606室')}"),
             ("p", "    中标（成交）金额：人民币叁佰陆拾捌万伍仟元整（¥3,685,000.00）"),
             ("p", f"    项目负责人：{d.P('邓海波')}（一级建造师，注册编号：湘1432016201612345）"),
             ("p", "四、主要标的信息：LED路灯灯具1260套，智能单灯控制器1260套，施工工期90日历天。"),
             ("p", f"五、评审专家（单一来源采购人员）名单：{d.iP('谢文斌')}、{d.iP('罗立新')}、{d.iP('肖红军')}、{d.iP('邹美玲')}、{d.iP('阳光辉')}（采购人代表）"),
             ("p", "六、代理服务收费标准及金额：按国家计委计价格〔2002〕1980号文件标准收取，金额4.21万元。"),
             ("p", "七、公告期限：自本公告发布之日起1个工作日。"),
             ("p", "八、凡对本次公告内容提出询问，请按以下方式联系。"),
             ("p", f"    采购人：隆回县城市管理和综合执法局    地址：{d.iA('隆回县桃洪镇沙洲路16号')}    联系人：{d.iP('黄先生')}    电话：{d.iL('0739-8237716')}"),
             ("p", f"    采购代理机构：湖南恒信项目管理有限公司    联系人：{d.iP('曾雯')}    电话：{d.iL('0731-85521347')}"),
             ("gap",), ("right", "湖南恒信项目管理有限公司"), ("right", "2026年9月18日")]
    write_pdf(d, items)

    d = Doc("pdf/隆回县2026年10月城乡医疗救助资金发放公示.pdf", "医疗救助公示（银行卡黑框）", "简",
            "names visible with villages only (not addresses); the bank-card column was blacked out with filled "
            "rectangles over text that is still there (covered_text)")
    d.h("covered_text")
    pp = People(202610)
    villages = ["大水田村", "清水村", "白竹坪村", "坪上村", "双江村", "罗白村", "黄金井村", "石门村", "大坪村"]
    rows = [["序号", "姓名", "性别", "乡镇", "村（社区）", "救助类别", "救助金额（元）", "银行卡号"]]
    towns = ["六都寨镇", "六都寨镇", "滩头镇", "滩头镇", "滩头镇", "桃洪镇", "司门前镇", "荷香桥镇", "高平镇"]
    for k in range(1, 13):
        x = pp.person(villages=villages)
        town = towns[villages.index(x["village"])]
        rows.append([str(k), d.P(x["name"]), "男" if x["male"] else "女", town, x["village"], pp.r.choice(["住院", "门诊慢特病", "住院", "重特大疾病"]),
                     str(pp.r.randint(8, 90) * 100), [("cover", d.C(x["card"]))]])
    items = [("title", "隆回县2026年10月城乡医疗救助资金发放公示"),
             ("p", "    根据《隆回县城乡医疗救助实施办法》，经申请、审核、审批，现将2026年10月城乡医疗救助资金发放情况公示如下（资金已通过“一卡通”发放）："),
             ("table", rows, [30, 62, 34, 62, 66, 72, 72, 140], 9),
             ("gap",), ("p", f"    监督电话：{d.iL('0739-8236612')}"), ("right", "隆回县医疗保障局"), ("right", "2026年11月5日")]
    write_pdf(d, items)

    d = Doc("pdf/橫板橋鎮2026年房屋徵收補償公示.pdf", "房屋征收补偿公示（繁体）", "繁",
            "Traditional: expropriated owners with full IDs and house locations to 組 and 號; amounts; the county "
            "office's supervision phone is public")
    owners = [("劉德成", "19590412", 173, "金星村4組18號", "186.5", "412,360"),
              ("羅秀蘭", "19630905", 248, "金星村4組21號", "142.0", "318,900"),
              ("曾國平", "19700117", 335, "金星村6組3號", "203.8", "476,120"),
              ("陽滿娥", "19520630", 426, "橫板橋社區迎賓路57號", "98.6", "265,480"),
              ("鍾長生", "19810228", 519, "金星村6組9號", "176.2", "398,750"),
              ("歐陽冬生", "19670813", 117, "楓林村2組", "121.4", "287,300")]
    rows = [["序號", "被徵收人", "身份證號碼", "房屋坐落", "建築面積（㎡）", "補償金額（元）"]]
    for k, (n, b, s, addr, area, amt) in enumerate(owners, 1):
        rows.append([str(k), d.P(n), d.ID(ric("430524", b, s)), d.A("橫板橋鎮" + addr), area, amt])
    items = [("title", "橫板橋鎮2026年隆回至新化公路擴建項目房屋徵收補償公示"),
             ("p", "    根據《國有土地上房屋徵收與補償條例》及《隆回縣集體土地上房屋徵收補償安置辦法》，現將隆回至新化公路擴建項目第一批被徵收房屋補償情況公示如下："),
             ("table", rows, [30, 60, 130, 150, 70, 80], 9),
             ("p", f"    公示期為2026年6月1日至6月7日。對公示內容有異議的，請在公示期內向鎮徵收辦反映，監督電話：{d.iL('0739-8581130')}。"),
             ("right", "橫板橋鎮人民政府"), ("right", "2026年5月30日")]
    write_pdf(d, items)

    d = Doc("pdf/隆回縣應急管理局2026年第三季度安全生產執法檢查情況通報.pdf", "执法检查通报（繁体，无个人信息）", "繁",
            "QUIET, Traditional: enforcement report naming companies, an enforcement official in his role, 商業秘密 as a "
            "word, the bureau's phone; no personal data")
    items = [("title", "隆回縣應急管理局"), ("title", "關於2026年第三季度安全生產執法檢查情況的通報"), ("gap",),
             ("p", "各鄉鎮人民政府，縣安委會各成員單位，各有關企業："),
             ("p", "    第三季度，我局共檢查生產經營單位142家次，發現一般事故隱患516項，已整改498項，整改率96.5%；立案查處違法行為23起，罰款人民幣87.4萬元，責令停產停業整頓3家。"),
             ("p", "    檢查中發現的主要問題：一是部分煙花爆竹批發企業超量儲存；二是部分非煤礦山未按規定開展安全風險辨識；三是部分企業特種作業人員無證上崗。湖南隆盛電子科技有限公司、隆回縣金山建材有限公司已被列入重點監管名單。"),
             ("p", f"    檢查工作由局黨委委員、副局長{d.i('PERSON', '鄧志華')}帶隊。對企業提供的工藝參數等涉及商業秘密的資料，檢查人員均已依法保密。"),
             ("p", "    第四季度，我局將以「打非治違」為重點，持續開展安全生產執法檢查。"),
             ("p", f"    舉報電話：12350    聯繫電話：{d.iL('0739-8238120')}"),
             ("right", "隆回縣應急管理局"), ("right", "2026年10月12日")]
    write_pdf(d, items)

    d = Doc("pdf/隆回县2026年防汛抗旱应急预案（讨论稿）.pdf", "应急预案（讨论稿）", "简",
            "DRAFT 「讨论稿」 in the title; 防汛 officials in their role; a private reservoir keeper with his mobile")
    items = [("title", f"隆回县2026年防汛抗旱应急预案（{d.e('DRAFT_MARKING', '讨论稿')}）"), ("gap",),
             ("p", "1 总则"),
             ("p", "    1.1 编制目的：做好水旱灾害突发事件防范与处置工作，保证抗洪抢险、抗旱救灾工作高效有序进行，最大程度减少人员伤亡和财产损失。"),
             ("p", "    1.2 编制依据：《中华人民共和国防洪法》《中华人民共和国防汛条例》《湖南省实施〈中华人民共和国防洪法〉办法》等。"),
             ("p", "2 组织指挥体系"),
             ("p", f"    县防汛抗旱指挥部指挥长由县人民政府县长{d.iP('周建国')}担任，常务副指挥长由分管副县长{d.iP('罗晓军')}担任。指挥部办公室设在县水利局，24小时值班电话：{d.iL('0739-8222340')}。"),
             ("p", "3 重点防护对象"),
             ("p", f"    全县小（1）型以上水库42座。其中白马水库由巡查员{d.P('石冬生')}（手机 {d.M('19873920415')}）负责日常巡查，汛期实行24小时值守。"),
             ("p", "4 预警与响应"),
             ("p", "    按照洪涝灾害的严重程度和影响范围，应急响应分为四级。Ⅳ级响应由指挥部办公室主任签发。"),
             ("gap",), ("right", "隆回县防汛抗旱指挥部办公室"), ("right", "2026年3月")]
    write_pdf(d, items)

    d = Doc("pdf/隆组〔2026〕8号_乡镇领导班子考察情况报告.pdf", "涉密公文（机密★5年）", "简",
            "SECRECY 「机密★5年」 on line 2 after 份号 000006, 加急 on line 3; cadres in their role; a private informant "
            "with mobile")
    items = [("p", "000006"), ("p", d.e("SECRECY_MARKING", "机密★5年")), ("p", "加急"), ("gap",),
             ("title", "中共隆回县委组织部"), ("title", "关于2026年部分乡镇领导班子调整人选考察情况的报告"), ("center", "隆组〔2026〕8号"),
             ("p", "县委："),
             ("p", f"    根据县委常委会议安排，县委组织部派出3个考察组，对拟提拔的7名乡镇领导班子人选进行了考察。现将有关情况报告如下："),
             ("p", f"    一、{d.iP('王建军')}同志，现任六都寨镇党委副书记，拟任镇长人选。民主推荐得票率87.3%，考察中未发现影响使用的问题。"),
             ("p", f"    二、{d.iP('刘晓燕')}同志，现任县财政局副局长，拟任滩头镇党委副书记人选。考察期间收到署名举报一件，举报人{d.P('罗秋云')}（手机 {d.M('13187396024')}）反映其违规参与土地招拍挂，经核查，反映问题不属实。"),
             ("p", "    三、其余5名人选情况详见附件。"),
             ("gap",), ("right", "中共隆回县委组织部"), ("right", "2026年8月6日")]
    write_pdf(d, items)

    d = Doc("pdf/隆回县2026年考试录用公务员拟录用人员公示.pdf", "考录拟录用人员公示（PDF作者属性）", "简",
            "names under 姓名, 12-digit 准考证号, 职位代码, 毕业院校; the PDF Author property is the clerk's name (metadata)")
    d.h("metadata")
    d.iP("周丽萍")
    recs = [("谢雨轩", "女", "243053010215", "乡镇机关综合管理", "湖南农业大学"),
            ("陈博文", "男", "243053010633", "乡镇机关综合管理", "湖南科技大学"),
            ("钟思远", "男", "243053011207", "县财政局财务管理", "湖南大学"),
            ("司马婧", "女", "243053011419", "县司法局法律事务", "中南财经政法大学"),
            ("彭子涵", "女", "243053012022", "县统计局统计调查", "吉首大学")]
    rows = [["序号", "姓名", "性别", "准考证号", "招录职位", "毕业院校"]]
    for k, (n, s, z, job, u) in enumerate(recs, 1):
        rows.append([str(k), d.P(n), s, z, job, u])
    items = [("title", "隆回县2026年考试录用公务员拟录用人员公示"),
             ("p", "    根据湖南省2026年考试录用公务员工作安排，经笔试、面试、体检和考察，现将隆回县拟录用人员名单予以公示："),
             ("table", rows, [30, 60, 34, 90, 130, 120], 9),
             ("p", f"    公示时间：2026年7月25日至7月31日（5个工作日）。监督电话：{d.iL('0739-8228167')}。"),
             ("right", "中共隆回县委组织部  隆回县人力资源和社会保障局"), ("right", "2026年7月24日")]
    write_pdf(d, items, author="周丽萍")


# ================================================================ XLSX
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


# ================================================================ README + gold
README_HEAD = """# holdout2 — blind holdout corpus

Written blind on 2026-11-27: the documents and their gold were composed without reading the detectors
(`detectors/`), their tests (`tests/detectors/`) or the other corpora (only `corpora/README.md` for the
table format and annotation conventions), and without running the scanner on them; no document or gold
entry was changed after any scan output was seen. Use it to measure accuracy honestly — do not tune the
detectors on it; if you do, it stops being a holdout and a new one has to be written.

The documents imitate what the offices of a county in Hunan (隆回县, 邵阳市) publish or draft. All names,
numbers and addresses are invented; identity numbers pass MOD 11-2 with real region codes and birth dates
(plus one old 15-digit number), bank cards pass Luhn, 统一社会信用代码 pass GB 32100, mobiles use real
segments and landlines real area codes (0739 邵阳, 0731 长沙).

Score it from the repository root:

```
python ../shared/tools/score.py --corpus corpora/holdout2 --cmd ".venv/bin/reviewer scan --format jsonl"
```

Rebuild (deterministic; the committed files are what is scored): `.venv/bin/python corpora/holdout2/build.py`.
Every gold value is the literal string the generator put into the document (`Doc.e` / `Doc.i` in
`build.py`), never the result of a pattern search over the text; `build.py` then checks that each value
occurs in the text extracted from the file and that its checksums hold.

Annotation follows `corpora/README.md`: `entities` must be found, `ignore` may be found (officials named in
their role, offices' published phones/addresses/e-mails, company addresses, company vehicles, the drafter
named in document properties), anything else reported above `info` is a false alarm. Addresses are
annotated only down to 号/室/村民小组; villages (村) and towns are not addresses. SENSITIVE_PERSONAL and
ORG_CREDIT_CODE are not annotated (not scored). `block` is true exactly when a SECRECY or RESTRICTED marking
is present. `hidden` lists the concealed content the file really has.

"""


def check(d):
    """the gold values must occur in what the file really contains, and checksums must hold"""
    from stdnum.cn import ric as sric
    p = ROOT / d.path
    if d.path.endswith(".txt"):
        text = p.read_text(encoding="utf-8")
    elif d.path.endswith(".docx"):
        z = zipfile.ZipFile(p)
        text = ""
        for n in z.namelist():
            if n.startswith("word/") and n.endswith(".xml"):
                xml = z.read(n).decode("utf-8")
                text += re.sub(r"<[^>]+>", "", xml) + " ".join(re.findall(r'w:author="([^"]*)"', xml))
        text += re.sub(r"<[^>]+>", " ", z.read("docProps/core.xml").decode("utf-8"))
    elif d.path.endswith(".xlsx"):
        wb = openpyxl.load_workbook(p)
        text = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    else:
        import pdfplumber
        with pdfplumber.open(p) as pdf:
            text = "\n".join(pg.extract_text() or "" for pg in pdf.pages) + str(pdf.metadata)
    flat = re.sub(r"\s", "", text)
    for e in d.entities + d.ignore:
        v = e["value"]
        assert v in text or re.sub(r"\s", "", v) in flat, (d.path, e)
        if e["type"] == "CN_RESIDENT_ID":
            raw = v.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X")).replace(" ", "")
            assert len(raw) == 15 or sric.is_valid(raw), (d.path, v)
        if e["type"] == "BANK_CARD":
            raw = v.replace(" ", "")
            assert luhn(raw[:-1]) == raw and raw.startswith("62"), (d.path, v)
        if e["type"] == "CN_MOBILE_PHONE":
            raw = re.sub(r"\D", "", v)
            raw = raw[2:] if len(raw) == 13 else raw
            assert len(raw) == 11 and raw[:3] in set(MOBILE_SEG) | {"130", "133", "134", "137", "151", "153", "157", "159", "176", "181", "182", "183", "184", "189"}, (d.path, v)


def main():
    txt_docs()
    docx_docs()
    pdf_docs()
    xlsx_docs()
    names = [Path(d.path).name for d in DOCS]
    assert len(names) == len(set(names))
    for d in DOCS:
        check(d)
    with open(ROOT / "gold.jsonl", "w", encoding="utf-8") as f:
        for d in DOCS:
            f.write(json.dumps(d.gold(), ensure_ascii=False) + "\n")
    lines = [README_HEAD, "## Documents\n",
             "| file | genre | script | what it tests | entities | block | hidden |", "|---|---|---|---|---|---|---|"]
    for d in DOCS:
        lines.append(f"| `{d.path}` | {d.genre} | {d.script} | {d.tests} | {len(d.entities)} | "
                     f"{'yes' if d.block else ''} | {' '.join(d.hidden)} |")
    from collections import Counter
    cnt = Counter(e["type"] for d in DOCS for e in d.entities)
    fmt = Counter(d.path.split("/")[0] for d in DOCS)
    lines += ["", "## Totals", "",
              f"{len(DOCS)} documents ({', '.join(f'{k} {v}' for k, v in sorted(fmt.items()))}); "
              f"{sum(d.block for d in DOCS)} block; {sum(not d.entities for d in DOCS)} with nothing to find; "
              f"{sum(d.script == '繁' for d in DOCS)} in Traditional script; "
              f"{sum(bool(d.hidden) for d in DOCS)} with concealed content or identifying properties.", "",
              "| type | gold entities |", "|---|---|"]
    lines += [f"| {t} | {n} |" for t, n in sorted(cnt.items())]
    lines += [f"| total | {sum(cnt.values())} |", ""]
    (ROOT / "README.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(DOCS)} documents, {sum(cnt.values())} entities")
    for t, n in sorted(cnt.items()):
        print(f"  {t}: {n}")


if __name__ == "__main__":
    main()
