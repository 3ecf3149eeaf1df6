"""Builds corpora/formats: OFD, pptx, HTML, legacy .doc/.xls/.wps/.et/.ppt and scanned versions of corpus documents.

Run from the repository root: .venv/bin/python corpora/formats/build.py [FOLDER...]  (default: every folder)
Each version's gold is the original's gold line, less what the new form cannot carry (a scan keeps only what is
printed on the page), plus the concealed content the build adds. Needs LibreOffice (Impress for ppt/) for the
legacy versions.
"""
from __future__ import annotations

import html as htmlmod
import io
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from reviewer.document import ParseContext  # noqa: E402
from reviewer.parsers import pdf as pdf_parser  # noqa: E402
from tests.builders import ofd_builder, pptx_builder, scan_builder  # noqa: E402
from tests.builders.legacy_builder import to_legacy  # noqa: E402

CORPUS = ROOT / "corpora"
OUT = CORPUS / "formats"
GOLD = {json.loads(l)["file"]: json.loads(l) for l in open(CORPUS / "gold.jsonl", encoding="utf-8")}
WRAP = 40            # characters per printed line (OFD pages, scanned pages)

OFD_DOCS = ["txt/武市监处罚〔2024〕15号_李春华.txt", "txt/武住建信复〔2024〕8号.txt",
            "txt/武政办发〔2024〕21号_重点人员稳控.txt", "txt/狮山镇大西邑村委会征地补偿安置公示.txt",
            "txt/武自然資依復〔2024〕3號_陳志明.txt"]
PPTX_DOCS = ["txt/县政府第5次常务会议纪要.txt", "txt/2024年事业单位公开招聘拟聘用人员公示（第一批）.txt",
             "txt/武安委办〔2024〕11号_5·08机械伤害事故通报.txt"]
HTML_DOCS = ["txt/高桥镇2024年特困人员救助供养对象公示.txt", "txt/武信處〔2024〕6號_林淑芬.txt",
             "txt/武定县城镇生活垃圾分类管理办法（征求意见稿）.txt"]
LEGACY_DOCS = [("docx/武人社信复〔2024〕14号_欠薪信访处理意见.docx", "doc", ".doc"),
               ("docx/狮山镇党政联席会议纪要〔2024〕7号.docx", "doc", ".doc"),
               ("docx/武國安辦〔2024〕2號_情況通報.docx", "doc", ".wps"),
               ("docx/武财依复〔2024〕5号_吴海燕.docx", "doc", ".doc"),
               ("xlsx/万德镇2024年4月临时救助审批结果公示.xlsx", "xls", ".xls"),
               ("xlsx/2024年国庆节期间领导带班值班安排表.xlsx", "xls", ".et")]
PPT_DOCS = ["txt/武定县民政局2023年工作总结.txt"]      # a 工作汇报 deck saved by PowerPoint 97-2003
SCANNED_PDFS = ["pdf/武城執罰〔2024〕21號_楊麗華.pdf", "pdf/武组〔2024〕15号_换届考察情况报告.pdf",
                "pdf/武政办通〔2024〕44号_因私出国境证照集中保管.pdf", "pdf/武自然资罚〔2024〕7号.pdf"]
SCANNED_OFD = ["pdf/2024年度考试录用公务员拟录用人员公示.pdf"]     # scanned pages packed as an OFD of page images
SCANNED_IMAGES = [("txt/武市监处罚〔2024〕15号_李春华.txt", ".png"), ("txt/武人武〔2023〕17号_民兵应急分队.txt", ".jpg")]

# concealed content the build adds, with the entity it hides (valid check digits)
EXTRA_ID = "532328198811203026"
EXTRA_PHONE = "13987651234"
PPT_NOTE_PERSON, PPT_NOTE_PHONE = "何金凤", "15887810462"
PPT_HIDDEN_PERSON, PPT_HIDDEN_ID = "普玉珍", "532328196804121525"
PPT_HIDDEN_ADDRESS = "武定县插甸镇大竹园村委会上村村民小组15号"


def norm(s: str) -> str:
    return re.sub(r"[\s\-·・.（）()：:，,]", "", unicodedata.normalize("NFKC", s)).upper()


def lines_of(rel: str) -> list[str]:
    return [l.rstrip() for l in (CORPUS / rel).read_text(encoding="utf-8").splitlines()]


def wrap(line: str, width: int = WRAP) -> list[str]:
    """Printed lines of at most `width` characters, never breaking inside a run of digits or letters."""
    out, rest = [], line.replace("\t", "  ")
    while len(rest) > width:
        cut = width
        while cut > 0 and rest[cut - 1].isascii() and rest[cut - 1].isalnum() and rest[cut].isascii() \
                and rest[cut].isalnum():
            cut -= 1
        cut = cut or width
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out


def gold_for(rel: str, new_file: str, entities_kept=None, add_entities=(), hidden=None) -> dict:
    g = GOLD[rel]
    entities = [e for e in g["entities"] if entities_kept is None or entities_kept(e)]
    ignore = [e for e in g["ignore"] if entities_kept is None or entities_kept(e)]
    return {"file": new_file, "entities": entities + list(add_entities), "ignore": ignore,
            "hidden": list(g["hidden"] if hidden is None else hidden), "block": g["block"], "source": rel}


def visible_only(text: str):
    flat = norm(text)
    return lambda e: norm(e["value"]) in flat


def stem(rel: str) -> str:
    return Path(rel).stem


# ---------------------------------------------------------------- OFD
def build_ofd() -> list[dict]:
    out = []
    for i, rel in enumerate(OFD_DOCS):
        printed = []
        for line in (l.strip() for l in lines_of(rel) if l.strip()):
            pieces = wrap(line)   # a wrapped paragraph is justified: every line but its last spans the width
            printed += [ofd_builder.Line(p, width=WRAP * 4.2) for p in pieces[:-1]] + [pieces[-1]]
        pages = [printed[k:k + 30] for k in range(0, len(printed), 30)]
        doc = ofd_builder.Ofd(pages=pages, info={"Title": stem(rel), "Creator": "Suwell OFD Writer"})
        extra, hidden = [], []
        if i == 1:   # a reviewer's annotation left in the file, and the drafter as DocInfo author
            doc.annotations = {1: [("Highlight", f"请核实：申请人另留手机 {EXTRA_PHONE}")]}
            doc.info["Author"] = "杨志刚"
            extra, hidden = [{"type": "CN_MOBILE_PHONE", "value": EXTRA_PHONE}], ["annotation", "metadata"]
        name = f"ofd/{stem(rel)}_版式.ofd"
        ofd_builder.build(OUT / name, doc)
        out.append(gold_for(rel, name, add_entities=extra, hidden=hidden))
    return out


# ---------------------------------------------------------------- pptx
def build_pptx() -> list[dict]:
    out = []
    for i, rel in enumerate(PPTX_DOCS):
        paras = [l.strip() for l in lines_of(rel) if l.strip()]
        slides = [pptx_builder.Slide(paras[k:k + 8]) for k in range(0, len(paras), 8)]
        extra, hidden = [], []
        if i == 1:   # speaker notes and a comment the drafter forgot
            slides[0].notes = [f"讲稿备注：联系人身份证号 {EXTRA_ID}"]
            slides[-1].comments = [("审核员甲", f"手机号 {EXTRA_PHONE} 是否删去？")]
            extra = [{"type": "CN_RESIDENT_ID", "value": EXTRA_ID}, {"type": "CN_MOBILE_PHONE", "value": EXTRA_PHONE}]
            hidden = ["hidden_text", "comment"]
        name = f"pptx/{stem(rel)}_演示.pptx"
        pptx_builder.build(OUT / name, slides)
        out.append(gold_for(rel, name, add_entities=extra, hidden=hidden))
    return out


# ---------------------------------------------------------------- HTML
def build_html() -> list[dict]:
    out = []
    for i, rel in enumerate(HTML_DOCS):
        paras = [l.strip() for l in lines_of(rel) if l.strip()]
        body = []
        for p in paras:
            if "\t" in p:
                cells = "".join(f"<td>{htmlmod.escape(c)}</td>" for c in p.split("\t"))
                body.append(f"<table><tr>{cells}</tr></table>")
            else:
                body.append(f"<p>{htmlmod.escape(p)}</p>")
        extra, hidden = [], []
        if i == 0:   # an editor's note left as an HTML comment, and a block hidden by CSS
            body.insert(2, f"<!-- 编辑备注：原稿联系人手机 {EXTRA_PHONE}，发布前核实 -->")
            body.insert(4, f'<div style="display:none">备用：身份证号 {EXTRA_ID}</div>')
            extra = [{"type": "CN_MOBILE_PHONE", "value": EXTRA_PHONE}, {"type": "CN_RESIDENT_ID", "value": EXTRA_ID}]
            hidden = ["comment", "hidden_text"]
        title = htmlmod.escape(paras[0])
        page = (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
                '<meta name="generator" content="政府网站集约化平台"><style>p{line-height:2}</style></head>\n'
                "<body>\n" + "\n".join(body) + "\n</body></html>\n")
        name = f"html/{stem(rel)}_网页.html"
        (OUT / name).write_text(page, encoding="utf-8")
        out.append(gold_for(rel, name, add_entities=extra, hidden=hidden))
    return out


# ---------------------------------------------------------------- legacy
def build_legacy() -> list[dict]:
    out = []
    for rel, fmt, suffix in LEGACY_DOCS:
        name = f"legacy/{stem(rel)}_旧版{suffix}"
        to_legacy(CORPUS / rel, fmt, OUT / name)
        out.append(gold_for(rel, name))
    return out


# ---------------------------------------------------------------- ppt
def build_ppt() -> list[dict]:
    """A 工作汇报 deck as .pptx, converted by LibreOffice Impress to PowerPoint 97-2003 (.ppt)."""
    out = []
    for rel in PPT_DOCS:
        paras = [l.strip() for l in lines_of(rel) if l.strip()]
        slides = [pptx_builder.Slide(paras[k:k + 8]) for k in range(0, len(paras), 8)]
        # the speaker's notes name the family to call back; a case slide hidden from the show
        slides[0].notes = [f"讲稿备注：会后请联系低保对象家属{PPT_NOTE_PERSON}核实情况，联系电话 {PPT_NOTE_PHONE}。"]
        slides.insert(2, pptx_builder.Slide(["典型个案（内部讨论，不放映）",
                                             f"低保对象：{PPT_HIDDEN_PERSON}，身份证号 {PPT_HIDDEN_ID}",
                                             f"家庭住址：{PPT_HIDDEN_ADDRESS}"], hidden=True))
        extra = [{"type": "PERSON", "value": PPT_NOTE_PERSON}, {"type": "CN_MOBILE_PHONE", "value": PPT_NOTE_PHONE},
                 {"type": "PERSON", "value": PPT_HIDDEN_PERSON}, {"type": "CN_RESIDENT_ID", "value": PPT_HIDDEN_ID},
                 {"type": "ADDRESS", "value": PPT_HIDDEN_ADDRESS}]
        name = f"ppt/{stem(rel)}_旧版演示.ppt"
        source = OUT / "ppt" / "_tmp.pptx"
        pptx_builder.build(source, slides)
        to_legacy(source, "ppt", OUT / name)
        source.unlink()
        out.append(gold_for(rel, name, add_entities=extra, hidden=["hidden_text"]))
    return out


# ---------------------------------------------------------------- scanned
def page_text(pdf_path: Path) -> str:
    """What is printed on the pages (not covered, not hidden): the text a scan can show."""
    segs = pdf_parser.parse(pdf_path, ParseContext())
    return "\n".join(s.text for s in segs if not s.concealed and s.location.part in ("body", "table", "header",
                                                                                      "footer"))


def txt_to_pdf(rel: str, out: Path) -> list[str]:
    """Print a text document on A4 pages; returns the lines printed on the first page."""
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    y, page, first = A4[1] - 60, 1, []
    for line in lines_of(rel):
        for piece in wrap(line.strip()) if line.strip() else [""]:
            if y < 60:
                c.showPage()
                y, page = A4[1] - 60, page + 1
            c.setFont(scan_builder.FONT, 12)
            c.drawString(56, y, piece)
            first += [piece] if page == 1 else []
            y -= 22
    c.showPage()
    c.save()
    return first


def build_scanned() -> list[dict]:
    out = []
    for rel in SCANNED_PDFS:
        name = f"scanned/{stem(rel)}_扫描件.pdf"
        scan_builder.rasterise(CORPUS / rel, OUT / name, dpi=150)
        out.append(gold_for(rel, name, entities_kept=visible_only(page_text(CORPUS / rel)), hidden=[]))
    for rel in SCANNED_OFD:
        pictures = []
        for picture in scan_builder.page_images(CORPUS / rel, dpi=150):
            buf = io.BytesIO()
            picture.save(buf, "PNG")
            pictures.append(buf.getvalue())
        name = f"scanned/{stem(rel)}_扫描版式.ofd"
        ofd_builder.build(OUT / name, ofd_builder.Ofd(pages=[[] for _ in pictures], images=dict(enumerate(pictures))))
        out.append(gold_for(rel, name, entities_kept=visible_only(page_text(CORPUS / rel)), hidden=[]))
    for rel, suffix in SCANNED_IMAGES:
        src = OUT / "scanned" / "_tmp.pdf"
        first_page = txt_to_pdf(rel, src)
        picture = scan_builder.page_images(src, dpi=150)[0]
        src.unlink()
        name = f"scanned/{stem(rel)}_第1页{suffix}"
        picture.save(OUT / name, quality=85) if suffix == ".jpg" else picture.save(OUT / name)
        out.append(gold_for(rel, name, entities_kept=visible_only("\n".join(first_page)), hidden=[]))
    return out


BUILDS = {"ofd": build_ofd, "pptx": build_pptx, "html": build_html, "legacy": build_legacy, "ppt": build_ppt,
          "scanned": build_scanned}


def main(only: list[str]) -> None:
    """Rebuild the folders named (all by default); the other folders' files and gold lines stay as they are."""
    unknown = set(only) - set(BUILDS)
    assert not unknown, f"no such folder: {sorted(unknown)}; choose from {list(BUILDS)}"
    kept = {} if not only else {json.loads(l)["file"]: json.loads(l) for l in open(OUT / "gold.jsonl", encoding="utf-8")}
    everything = []
    for sub, build in BUILDS.items():
        if only and sub not in only:
            everything += [g for f, g in kept.items() if f.split("/", 1)[0] == sub]
            continue
        shutil.rmtree(OUT / sub, ignore_errors=True)
        (OUT / sub).mkdir(parents=True)
        lines = build()
        everything += lines
        with open(OUT / sub / "gold.jsonl", "w", encoding="utf-8") as fh:
            for g in lines:
                fh.write(json.dumps({**g, "file": g["file"].split("/", 1)[1]}, ensure_ascii=False) + "\n")
        print(f"{sub}: {len(lines)} documents")
    with open(OUT / "gold.jsonl", "w", encoding="utf-8") as fh:
        for g in everything:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    names = [Path(g["file"]).name for g in everything] + [Path(f).name for f in GOLD]
    assert len(names) == len(set(names)), "basenames must be unique across corpora/"


if __name__ == "__main__":
    main(sys.argv[1:])
