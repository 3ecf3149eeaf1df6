"""Shared pieces of the holdout2 generator: checksums, the gold record (Doc), writers per format, seeded people."""
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
