"""A small line markup for writing .docx documents by hand, with comments, tracked changes and hidden runs.

Markup, one paragraph a line:
  # 标题            centred bold title          ## 文号      centred plain
  > 落款            right-aligned               < 文字       flush left, no indent
  | a | b | c |     table row (consecutive rows form one table)
  anything else     body paragraph with a first-line indent
Inline, inside any paragraph:
  {{hidden:文字}}               a run with w:vanish (hidden text)
  {{comment:锚文字|批注内容}}     a comment anchored on the run
  {{del:文字}} {{ins:文字}}      a tracked deletion / insertion (w:del / w:ins)
"""
import re
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from common import FIXED_DT, normalise_zip

INLINE = re.compile(r"\{\{(hidden|comment|del|ins):(.*?)\}\}")
REV_AUTHOR = "Administrator"
_rev_id = [100]


def new_document(author: str = "", editor: str = "") -> docx.Document:
    d = docx.Document()
    cp = d.core_properties
    cp.author, cp.last_modified_by = author, editor
    cp.title = cp.subject = cp.keywords = cp.category = cp.comments = ""
    cp.created = cp.modified = cp.last_printed = FIXED_DT
    cp.revision = 1
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(15)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    return d


def _east_asian(run, font: str) -> None:
    run.font.name = font
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _revision(p, kind: str, text: str) -> None:
    _rev_id[0] += 1
    wrap = OxmlElement(f"w:{kind}")
    wrap.set(qn("w:id"), str(_rev_id[0]))
    wrap.set(qn("w:author"), REV_AUTHOR)
    wrap.set(qn("w:date"), "2024-05-20T09:30:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    wrap.append(r)
    p._p.append(wrap)


def fill(d, p, text: str, bold: bool = False, size: float | None = None, font: str | None = None) -> None:
    """Add the runs of one marked-up line to paragraph p."""
    pos = 0
    for m in list(INLINE.finditer(text)) + [None]:
        plain = text[pos:m.start() if m else len(text)]
        if plain:
            r = p.add_run(plain)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
            if font:
                _east_asian(r, font)
        if m is None:
            break
        kind, body = m.groups()
        if kind == "hidden":
            r = p.add_run(body)
            r.font.hidden = True
        elif kind == "comment":
            anchor, note = body.split("|", 1)
            r = p.add_run(anchor)
            d.add_comment(r, text=note, author=REV_AUTHOR, initials="A")
        else:
            _revision(p, kind, body)
        pos = m.end()


def write_body(d, markup: str, container=None) -> None:
    """Write the marked-up lines into the document body (or a header/footer container)."""
    target = container if container is not None else d
    rows: list[list[str]] = []

    def flush_table():
        if not rows:
            return
        t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        t.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                para = t.cell(i, j).paragraphs[0]
                fill(d, para, cell, bold=(i == 0), size=10.5)
        rows.clear()

    for line in markup.strip("\n").splitlines():
        line = line.rstrip()
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
            continue
        flush_table()
        if not line.strip():
            continue
        p = target.add_paragraph()
        line = line.strip("\u3000 ") if not line.startswith(("#", ">", "<")) else line
        if line.startswith("## "):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fill(d, p, line[3:])
        elif line.startswith("# "):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fill(d, p, line[2:], bold=True, size=22, font="方正小标宋简体")
        elif line.startswith("> "):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fill(d, p, line[2:])
        elif line.startswith("< "):
            fill(d, p, line[2:])
        else:
            p.paragraph_format.first_line_indent = Pt(30)
            fill(d, p, line)
    flush_table()


def set_header(d, text: str, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    hdr = d.sections[0].header
    p = hdr.paragraphs[0]
    p.alignment = align
    fill(d, p, text, size=12, font="黑体")


def save(d, path: Path, company: str = "") -> None:
    d.save(path)
    normalise_zip(path, company=company)
