"""HTML pages: visible text in reading order, tables by row, hidden elements and comments as concealed, <meta> as properties."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree
from lxml import html as lhtml

from ..document import Cell, Location, ParseContext, Segment
from ..errors import CorruptFileError, UnsafeXmlError
from .txt import decode

SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "object", "iframe", "canvas"}
BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "h1", "h2", "h3",
          "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption",
          "form", "fieldset", "legend", "caption", "ul", "ol", "dl", "table", "br", "hr", "body", "center",
          "option", "label", "summary", "details"}
META_FIELDS = {"author": "author", "keywords": "keywords", "description": "description",
               "generator": "application", "publisher": "company", "copyright": "company"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])", re.I)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
CHECK_EVERY = 500


def _decode(data: bytes, name: str) -> str:
    found = CHARSET.search(data[:4096])
    if found:
        enc = found.group(1).decode("ascii").lower()
        enc = {"gb2312": "gb18030", "gbk": "gb18030"}.get(enc, enc)
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)[0]


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    data = path.read_bytes()
    if ENTITY_DECL.search(data[:65536]):
        raise UnsafeXmlError(f"“{path.name}”在 DOCTYPE 中声明了实体（可能是“实体扩展炸弹”），已拒绝处理。"
                             "请从网站后台或编辑器重新导出该网页后提交。")
    text = _decode(data, path.name)
    parser = lhtml.HTMLParser(remove_comments=False, no_network=True, huge_tree=False,
                              remove_blank_text=False)
    try:
        root = lhtml.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFileError(f"“{path.name}”无法解析为网页（{exc}）。请确认文件内容后重新提交。") from exc
    if any("Excessive depth" in str(e.message) for e in parser.error_log):
        raise UnsafeXmlError(f"“{path.name}”的标签嵌套过深，已拒绝处理。请从网站后台或编辑器重新导出该网页后提交。")
    yield from _Walker(ctx).walk(root)
    yield from _head(root)


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    if el.tag == "input" and (el.get("type") or "").lower() == "hidden":
        return True
    return bool(HIDDEN_STYLE.search(el.get("style") or ""))


def _hidden_text(el: etree._Element) -> str:
    if el.tag == "input":
        return (el.get("value") or "").strip()
    parts = [t for t in el.itertext() if t.strip()]
    return " ".join(" ".join(p.split()) for p in parts)


class _Walker:
    """Iterative walk (no recursion: deep nesting cannot exhaust the stack) that yields segments."""

    def __init__(self, ctx: ParseContext):
        self.ctx = ctx
        self.buf: list[str] = []
        self.paragraph = 0
        self.hidden = 0
        self.comments = 0
        self.tables = 0
        self.seen = 0

    def flush(self) -> Iterator[Segment]:
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if text:
            yield Segment(text, Location("body", paragraph=self.paragraph))
            self.paragraph += 1

    def walk(self, root: etree._Element) -> Iterator[Segment]:
        stack: list[tuple[etree._Element, bool]] = [(root, False)]
        while stack:
            el, leaving = stack.pop()
            if leaving:                                   # after the children: the element's tail
                if el.tag in BLOCKS:
                    yield from self.flush()
                if el.tail:
                    self.buf.append(el.tail)
                continue
            self.seen += 1
            if self.seen % CHECK_EVERY == 0:
                self.ctx.check_deadline()
            if isinstance(el, etree._Comment):
                yield from self._comment(el)
                continue
            if not isinstance(el.tag, str) or el.tag in SKIP:
                if el.tail:
                    self.buf.append(el.tail)
                continue
            if _is_hidden(el):
                yield from self._hidden(el)
                continue
            if el.tag == "table":
                yield from self.flush()
                yield from self._table(el)
                if el.tail:
                    self.buf.append(el.tail)
                continue
            if el.tag in BLOCKS:
                yield from self.flush()
            if el.tag == "img" and el.get("alt"):
                self.buf.append(" " + el.get("alt") + " ")
            if el.text:
                self.buf.append(el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
        yield from self.flush()

    def _comment(self, el: etree._Element) -> Iterator[Segment]:
        text = " ".join((el.text or "").split())
        if text:
            self.comments += 1
            yield Segment(text, Location("comment", paragraph=self.comments - 1), concealed="comment",
                          group=f"html-comment-{self.comments}")
        if el.tail:
            self.buf.append(el.tail)

    def _hidden(self, el: etree._Element) -> Iterator[Segment]:
        text = _hidden_text(el)
        if text:
            self.hidden += 1
            yield Segment(text, Location("hidden_text", paragraph=self.hidden - 1), concealed="hidden_text",
                          group=f"html-hidden-{self.hidden}")
        if el.tail:
            self.buf.append(el.tail)

    def _table(self, table: etree._Element) -> Iterator[Segment]:
        """One segment per row, cells joined by a tab, the first row's cells as column headings."""
        self.tables += 1
        headers: list[str] = []
        rows = [tr for tr in table.iter("tr") if _own_table(tr) is table]
        for r, tr in enumerate(rows, start=1):
            texts, cells, pos = [], [], 0
            for c, td in enumerate((x for x in tr if x.tag in ("td", "th")), start=1):
                if _is_hidden(td):
                    yield from self._hidden(td)
                    continue
                value = " ".join(" ".join(t.split()) for t in td.itertext() if t.strip())
                cells.append(Cell(pos, f"表{self.tables} 第{r}行第{c}列",
                                  headers[c - 1] if c - 1 < len(headers) else None))
                texts.append(value)
                pos += len(value) + 1
            if r == 1:
                headers = texts[:]
            line = "\t".join(texts)
            if line.strip():
                yield Segment(line, Location("table", paragraph=self.paragraph), cells=cells)
                self.paragraph += 1


def _own_table(tr: etree._Element) -> etree._Element | None:
    return next((a for a in tr.iterancestors("table")), None)


def _head(root: etree._Element) -> Iterator[Segment]:
    """Comments in <head> (left by an editor or a CMS template), the title and the <meta> properties."""
    head = root.find("head")
    for i, comment in enumerate(head.iter(etree.Comment) if head is not None else ()):
        text = " ".join((comment.text or "").split())
        if text:
            yield Segment(text, Location("comment"), concealed="comment", group=f"html-head-{i}")
    title = root.find(".//title")
    if title is not None and (title.text or "").strip():
        yield Segment(title.text.strip(), Location("metadata", field="title"))
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name in META_FIELDS and content:
            yield Segment(content, Location("metadata", field=META_FIELDS[name]))
