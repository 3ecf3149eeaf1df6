"""xlsx text outside the cells: comments (legacy and threaded), defined names, document properties, embedded files."""
from __future__ import annotations

import posixpath
import re
from typing import Iterator

from lxml import etree

from ..document import Location, Segment
from .ooxml import Package
from .xlsx_workbook import DefinedName, ns_of

CORE_FIELDS = {"creator": "author", "lastModifiedBy": "last_modified_by", "title": "title",
               "subject": "subject", "keywords": "keywords", "description": "comments",
               "category": "category"}
APP_FIELDS = {"Company": "company", "Manager": "manager"}
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')


def _local(elem: etree._Element) -> str:
    tag = elem.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text_of(elem: etree._Element) -> str:
    """All <t> text below elem (rich-text runs joined), phonetic runs left out."""
    parts = []
    for node in elem.iter():
        if _local(node) == "t" and _local(node.getparent()) != "rPh":
            parts.append(node.text or "")
    return "".join(parts)


# ---------------------------------------------------------------- comments
def read_persons(pkg: Package) -> dict[str, str]:
    """Threaded-comment authors: person id → display name (xl/persons/person.xml)."""
    out: dict[str, str] = {}
    for rel in pkg.relationships("xl/workbook.xml"):
        if rel.type == "person" and not rel.external and pkg.has(rel.target):
            for person in pkg.xml(rel.target).iter():
                if _local(person) == "person" and person.get("id"):
                    out[person.get("id")] = person.get("displayName", "")
    return out


def comment_segments(pkg: Package, sheet_part: str, sheet: str,
                     persons: dict[str, str]) -> Iterator[Segment]:
    """One segment per comment or reply; all comments on one cell are one concealed object."""
    threaded_refs: set[str] = set()
    rels = pkg.relationships(sheet_part)
    for rel in rels:
        if rel.type == "threadedComment" and not rel.external and pkg.has(rel.target):
            for tc in pkg.xml(rel.target).iter():
                if _local(tc) != "threadedComment":
                    continue
                ref = tc.get("ref", "")
                text = "".join(_text_of(t) if len(t) else (t.text or "")
                               for t in tc if _local(t) == "text").strip()
                threaded_refs.add(ref)
                if text:
                    yield _comment(text, sheet, ref, persons.get(tc.get("personId", "")) or None)
    for rel in rels:
        if rel.type == "comments" and not rel.external and pkg.has(rel.target):
            root = pkg.xml(rel.target)
            authors = [a.text or "" for a in root.iter() if _local(a) == "author"]
            for c in root.iter():
                if _local(c) != "comment" or c.get("ref", "") in threaded_refs:
                    continue
                text = "".join(_text_of(t) for t in c if _local(t) == "text").strip()
                aid = c.get("authorId")
                author = authors[int(aid)] if aid and aid.isdigit() and int(aid) < len(authors) else None
                if text:
                    yield _comment(text, sheet, c.get("ref", ""), author or None)


def _comment(text: str, sheet: str, ref: str, author: str | None) -> Segment:
    return Segment(text, Location("comment", sheet=sheet, cell=ref, author=author),
                   concealed="comment", group=f"comment:{sheet}!{ref}")


# ---------------------------------------------------------------- text boxes and shapes
def drawing_segments(pkg: Package, sheet_part: str, sheet: str, hidden_sheet: bool) -> Iterator[Segment]:
    """Text of shapes and text boxes drawn over a sheet; a shape marked hidden is concealed text."""
    for rel in pkg.relationships(sheet_part):
        if rel.type != "drawing" or rel.external or not pkg.has(rel.target):
            continue
        for shape in pkg.xml(rel.target).iter():
            if _local(shape) != "sp":
                continue
            paras = ["".join(t.text or "" for t in p.iter() if _local(t) == "t")
                     for p in shape.iter() if _local(p) == "p"]
            text = "\n".join(p for p in paras if p.strip())
            if not text:
                continue
            hidden = any(_local(e) == "cNvPr" and e.get("hidden", "0") in ("1", "true") for e in shape.iter())
            if hidden_sheet:
                yield Segment(text, Location("hidden_sheet", sheet=sheet), "hidden_sheet", f"sheet:{sheet}")
            elif hidden:
                yield Segment(text, Location("hidden_text", sheet=sheet), "hidden_text", f"shape:{sheet}")
            else:
                yield Segment(text, Location("sheet", sheet=sheet))


# ---------------------------------------------------------------- defined names
def defined_name_segments(names: list[DefinedName]) -> Iterator[Segment]:
    """Names whose value is a constant (text, number, array) rather than a cell reference."""
    for dn in names:
        if dn.name.lower().startswith("_xlnm.") or not dn.value:
            continue
        value = dn.value.lstrip("=").strip()
        quoted = _QUOTED.findall(value)
        if quoted:
            shown = "、".join(q.replace('""', '"') for q in quoted)
        elif _NUMBER.fullmatch(value) or value.startswith("{"):
            shown = value.strip("{}")
        else:
            continue
        if shown.strip():
            yield Segment(f"{dn.name}：{shown}", Location("metadata", field="defined_name"))


# ---------------------------------------------------------------- properties
def property_segments(pkg: Package) -> Iterator[Segment]:
    """Core, extended (company, manager) and custom document properties, one segment each when non-empty."""
    parts = {rel.type: rel.target for rel in pkg.relationships("") if not rel.external}
    core = parts.get("core-properties", "docProps/core.xml")
    app = parts.get("extended-properties", "docProps/app.xml")
    custom = parts.get("custom-properties", "docProps/custom.xml")
    for part, fields in ((core, CORE_FIELDS), (app, APP_FIELDS)):
        root = pkg.xml_if_present(part)
        if root is None:
            continue
        for child in root:
            name = fields.get(_local(child))
            value = (child.text or "").strip()
            if name and value:
                yield Segment(value, Location("metadata", field=name))
    root = pkg.xml_if_present(custom)
    if root is not None:
        for prop in root:
            value = " ".join((v.text or "").strip() for v in prop).strip()
            if value:
                yield Segment(f"{prop.get('name', '')}：{value}", Location("metadata", field="custom_property"))


# ---------------------------------------------------------------- embedded files
def embedded_files(pkg: Package) -> list[str]:
    return [n for n in pkg.names() if n.startswith("xl/embeddings/") and not n.endswith("/")]


def embedded_segment(part: str, sheet: str | None, hidden_sheet: bool) -> Segment:
    name = posixpath.basename(part)
    where = "hidden_sheet" if hidden_sheet else "sheet"
    return Segment(name, Location(where, sheet=sheet), concealed="embedded_file", group=f"embed:{part}")


def sheet_embeddings(pkg: Package, sheet_part: str) -> list[str]:
    """Embedded parts a worksheet links to (OLE objects and packages), directly or via its drawing."""
    found = []
    for rel in pkg.relationships(sheet_part):
        if rel.external:
            continue
        if rel.target.startswith("xl/embeddings/"):
            found.append(rel.target)
        elif rel.type == "drawing":
            found.extend(r.target for r in pkg.relationships(rel.target)
                         if not r.external and r.target.startswith("xl/embeddings/"))
    return found
