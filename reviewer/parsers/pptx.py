"""PowerPoint .pptx: slides in show order (tables by row), hidden slides and shapes, speaker notes, comments, properties."""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..document import Cell, Location, ParseContext, Segment
from ..errors import CorruptFileError, LimitExceededError
from .docx_props import metadata
from .ooxml import Package

PRESENTATION = "ppt/presentation.xml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
NOTE_SKIP = {"sldImg", "sldNum", "dt", "hdr", "ftr"}    # placeholders of a notes page that are not notes


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    with Package(path, ctx.limits) as pkg:
        if not pkg.has(PRESENTATION):
            raise CorruptFileError(f"“{path.name}”缺少演示文稿主体（{PRESENTATION}），文件不完整。"
                                   "请用 PowerPoint/WPS 演示重新保存后提交。")
        rels = {r.id: r.target for r in pkg.relationships(PRESENTATION) if not r.external}
        order = [rels.get(s.get(R_ID)) for s in pkg.xml(PRESENTATION).iter(P + "sldId")]
        slides = [s for s in order if s and pkg.has(s)]
        ctx.pages = len(slides)
        if len(slides) > ctx.limits.max_pages:
            raise LimitExceededError(f"“{path.name}”共 {len(slides)} 张幻灯片，超过 {ctx.limits.max_pages} 上限"
                                     "（REVIEWER_MAX_PAGES）。请拆分后分别提交。")
        authors = _authors(pkg)
        designs: set[str] = set()
        for number, part in enumerate(slides, start=1):
            ctx.check_deadline()
            root = pkg.xml(part)
            hidden = root.get("show") == "0"
            yield from _slide(root, number, hidden)
            for rel in pkg.relationships(part):
                if rel.external or not pkg.has(rel.target):
                    continue
                if rel.type == "notesSlide":
                    yield from _notes(pkg.xml(rel.target), number)
                elif rel.type == "comments":
                    yield from _comments(pkg.xml(rel.target), number, authors, rel.target)
                elif rel.type == "slideLayout":
                    yield from _design(pkg, rel.target, number, designs)
        yield from metadata(pkg)
        for name in pkg.names():
            if name.startswith("ppt/embeddings/") and not name.endswith("/"):
                yield Segment(posixpath.basename(name), Location("body"), concealed="embedded_file",
                              group=f"embedded:{name}")


def _design(pkg: Package, layout: str, number: int, seen: set[str]) -> Iterator[Segment]:
    """Text drawn on every slide by its layout and master (「内部资料」 in a corner), each part once.

    Placeholders are skipped: their text is the prompt (「单击此处编辑母版标题样式」), replaced on the slide.
    """
    parts = [layout] + [r.target for r in pkg.relationships(layout) if r.type == "slideMaster" and not r.external]
    for part in parts:
        if part in seen or not pkg.has(part):
            continue
        seen.add(part)
        for i, sp in enumerate(pkg.xml(part).iter(P + "sp")):
            if next(sp.iter(P + "ph"), None) is not None:
                continue
            text = " ".join(t for t in (_para_text(p).strip() for p in sp.iter(A + "p")) if t)
            if text:
                yield Segment(text, Location("header", paragraph=i, page=number))


def _para_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(A + "t"))


def _slide(root: etree._Element, number: int, hidden_slide: bool) -> Iterator[Segment]:
    """Text of every shape and table on a slide, in document order (PowerPoint's z-order)."""
    paragraph = 0
    hidden_group = f"pptx-hidden-slide-{number}"
    for el in root.iter(P + "sp", P + "graphicFrame", P + "pic"):
        c_nv = next((c for c in el.iter(P + "cNvPr")), None)
        hidden_shape = c_nv is not None and c_nv.get("hidden") in ("1", "true")
        concealed = "hidden_text" if hidden_slide or hidden_shape else None
        part = "hidden_text" if concealed else "body"
        group = hidden_group if hidden_slide else f"pptx-hidden-shape-{number}-{c_nv.get('id') if c_nv is not None else paragraph}"
        if el.tag == P + "graphicFrame":
            for tbl in el.iter(A + "tbl"):
                for seg in _table(tbl, number, part, paragraph):
                    seg.concealed, seg.group = concealed, group if concealed else None
                    yield seg
                    paragraph += 1
            continue
        for p in el.iter(A + "p"):
            text = _para_text(p).strip()
            if text:
                yield Segment(text, Location(part, paragraph=paragraph, page=number), concealed=concealed,
                              group=group if concealed else None)
                paragraph += 1


def _table(tbl: etree._Element, number: int, part: str, start: int) -> Iterator[Segment]:
    headers: list[str] = []
    for r, tr in enumerate(tbl.iter(A + "tr"), start=1):
        texts, cells, pos = [], [], 0
        for c, tc in enumerate(tr.iter(A + "tc"), start=1):
            value = " ".join(_para_text(p).strip() for p in tc.iter(A + "p") if _para_text(p).strip())
            cells.append(Cell(pos, f"第{number}张幻灯片表格 第{r}行第{c}列",
                              headers[c - 1] if c - 1 < len(headers) else None))
            texts.append(value)
            pos += len(value) + 1
        if r == 1:
            headers = texts[:]
        if any(texts):
            yield Segment("\t".join(texts), Location("table" if part == "body" else part,
                                                     paragraph=start, page=number), cells=cells)
            start += 1


def _notes(root: etree._Element, number: int) -> Iterator[Segment]:
    """Speaker notes: kept in the file and shown to anyone who opens it, though not in the slide show."""
    paragraph = 0
    for sp in root.iter(P + "sp"):
        ph = next((x for x in sp.iter(P + "ph")), None)
        if ph is not None and ph.get("type") in NOTE_SKIP:
            continue
        for p in sp.iter(A + "p"):
            text = _para_text(p).strip()
            if text:
                yield Segment(text, Location("hidden_text", paragraph=paragraph, page=number),
                              concealed="hidden_text", group=f"pptx-notes-{number}")
                paragraph += 1


def _authors(pkg: Package) -> dict[str, str]:
    """Comment authors by id, from the classic commentAuthors.xml and the modern authors.xml."""
    out: dict[str, str] = {}
    for part in ("ppt/commentAuthors.xml", "ppt/authors.xml"):
        root = pkg.xml_if_present(part)
        for el in root.iter() if root is not None else ():
            if _local(el) in ("cmAuthor", "author") and el.get("id") is not None:
                out[el.get("id")] = el.get("name") or el.get("initials") or ""
    return out


def _comments(root: etree._Element, number: int, authors: dict[str, str], part: str) -> Iterator[Segment]:
    for i, cm in enumerate(el for el in root.iter() if _local(el) == "cm"):
        texts = [t.text or "" for t in cm.iter() if _local(t) in ("text", "t")]
        text = " ".join(t.strip() for t in texts if t.strip())
        if text:
            yield Segment(text, Location("comment", paragraph=i, page=number,
                                         author=authors.get(cm.get("authorId") or "") or None),
                          concealed="comment", group=f"pptx-comment-{part}-{i}")
