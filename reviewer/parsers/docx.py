"""docx parser: every story of a Word file in reading order, including what a reader of the published file does not see."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..document import Location, ParseContext, Segment
from .docx_blocks import StoryReader
from .docx_format import W, Styles
from .docx_props import embedded_files, metadata, page_count
from .docx_text import read_paragraph
from ..errors import CorruptFileError, UnsupportedFormatError
from .ooxml import Package

DOCUMENT = "word/document.xml"
BODY, ROOT = W + "body", W + "document"
STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
NOTE_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
CHECK_EVERY = 200    # body blocks between deadline checks


def _natural(name: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def _parts(pkg: Package, rel_type: str) -> list[str]:
    """Parts the main document links with `rel_type`, each once, header1 before header2 before header10."""
    found = {r.target for r in pkg.relationships(DOCUMENT)
             if r.type == rel_type and not r.external and pkg.has(r.target)}
    return sorted(found, key=_natural)


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    """Headers, body, footers, notes, comments, properties and embedded files of a .docx, as segments."""
    with Package(path, ctx.limits) as pkg:
        pkg.open(DOCUMENT).close()      # a .docx without its main part is corrupt: say so first
        styles = Styles(pkg.xml_if_present("word/styles.xml"))
        headers = StoryReader("header", styles)
        for part in _parts(pkg, "header"):
            yield from headers.read(pkg.xml(part))
        yield from _body(pkg, StoryReader("body", styles), ctx)
        footers = StoryReader("footer", styles)
        for part in _parts(pkg, "footer"):
            yield from footers.read(pkg.xml(part))
        notes = StoryReader("footnote", styles)
        for rel_type in ("footnotes", "endnotes"):
            for part in _parts(pkg, rel_type):
                ctx.check_deadline()
                for note in pkg.xml(part):
                    if note.get(W + "type") not in NOTE_SEPARATORS:
                        yield from notes.read(note)
        for part in _parts(pkg, "comments"):
            ctx.check_deadline()
            yield from _comments(pkg.xml(part), styles)
        yield from metadata(pkg)
        yield from embedded_files(pkg)
        ctx.pages = page_count(pkg)


def _body(pkg: Package, reader: StoryReader, ctx: ParseContext) -> Iterator[Segment]:
    """Stream word/document.xml block by block, dropping each block once read."""
    blocks = 0
    for _event, el in pkg.iter_xml(DOCUMENT, events=("end",)):
        parent = el.getparent()
        if parent is None:
            _check_root(el, pkg.path.name)
            continue
        if parent.tag != BODY:
            continue
        blocks += 1
        if blocks % CHECK_EVERY == 0:
            ctx.check_deadline()
        yield from reader.block(el)
        el.clear()
        while el.getprevious() is not None:
            del parent[0]


def _check_root(root: etree._Element, name: str) -> None:
    """Never pass a document whose text we could not see as clear: say why instead."""
    if root.tag == ROOT:
        return
    if isinstance(root.tag, str) and root.tag.startswith("{%s}" % STRICT_NS):
        raise UnsupportedFormatError(
            f"“{name}”是“Strict Open XML”格式的 Word 文档，暂不能审查。"
            "请在 Word 中“另存为”→“Word 文档(*.docx)”后重新提交。")
    raise CorruptFileError(f"“{name}”的正文部件 word/document.xml 不是 Word 正文。请从原始软件重新保存后提交。")


def _comments(root: etree._Element, styles: Styles) -> Iterator[Segment]:
    """One concealed segment per comment, its paragraphs joined by newlines, with the comment's author."""
    for n, comment in enumerate(root.iter(W + "comment")):
        lines = []
        for p in comment.iter(W + "p"):
            para = read_paragraph(p, styles, f"comment:{n}")
            lines.append(para.text + "".join(c.text for c in para.concealed if c.kind != "tracked_change"
                                             or not c.group.startswith("del:")))
        text = "\n".join(lines).strip()
        if text:
            yield Segment(text, Location("comment", paragraph=n, author=comment.get(W + "author")),
                          concealed="comment", group=f"comment:{comment.get(W + 'id', n)}")
