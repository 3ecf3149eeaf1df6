"""Word XML parts of a release copy: revisions accepted, comments, hidden runs and objects dropped, values blanked."""
from __future__ import annotations

from collections import Counter

from lxml import etree

from ..parsers.docx_format import W, Styles, concealment
from .match import Needles, blank, find_counted

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MARKERS = {W + t for t in ("commentRangeStart", "commentRangeEnd", "moveFromRangeStart", "moveFromRangeEnd",
                           "moveToRangeStart", "moveToRangeEnd", "rPrChange", "pPrChange", "sectPrChange",
                           "tblPrChange", "tblGridChange", "trPrChange", "tcPrChange", "numberingChange",
                           "cellIns", "cellDel", "cellMerge", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                           "customXmlDelRangeStart", "customXmlDelRangeEnd", "customXmlMoveFromRangeStart",
                           "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd")}
REMOVED = {W + "del", W + "moveFrom"}
UNWRAPPED = {W + "ins", W + "moveTo"}
PARAGRAPHS = {W + "p", A + "p"}
TEXTS = {W + "t", A + "t", W + "instrText"}


def _remove(el: etree._Element) -> None:
    """Remove an element, keeping its tail text (there is none in WordprocessingML, but be safe)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    for i, child in enumerate(list(el)):
        parent.insert(at + i, child)
    _remove(el)


def _cell_background(el: etree._Element) -> str | None:
    tc = next(el.iterancestors(W + "tc"), None)
    if tc is None:
        return None
    shd = tc.find(f"{W}tcPr/{W}shd")
    fill = shd.get(W + "fill") if shd is not None else None
    return fill if fill not in (None, "auto") else None


def clean_story(root: etree._Element, styles: Styles, dropped_ids: set[str], tally: Counter) -> None:
    """Strip concealed content from one Word story part, counting what went in `tally`."""
    # tracked changes: deleted rows, deletions and moves out go; insertions and moves in are accepted
    for tr in list(root.iter(W + "tr")):
        if tr.find(f"{W}trPr/{W}del") is not None:
            table = tr.getparent()
            _remove(tr)
            tally["tracked_change"] += 1
            if table is not None and table.tag == W + "tbl" and table.find(W + "tr") is None:
                _remove(table)        # Word will not open a table without rows
    for el in list(root.iter(*REMOVED)):
        if el.getparent() is not None and el.getparent().tag == W + "rPr":
            _remove(el)          # a deleted paragraph mark: only the marker
        elif el.getparent() is not None and el.getparent().tag == W + "trPr":
            continue
        else:
            _remove(el)
            tally["tracked_change"] += 1
    for el in list(root.iter(*UNWRAPPED)):
        if el.getparent() is not None and el.getparent().tag in (W + "rPr", W + "trPr"):
            _remove(el)
        else:
            _unwrap(el)
            tally["tracked_change"] += 1
    for el in list(root.iter(W + "delText", W + "delInstrText")):
        _remove(el.getparent() if el.getparent().tag == W + "r" else el)
    for el in list(root.iter(*MARKERS)):
        _remove(el)
    # comments: the reference runs (the comments part itself is dropped by the package)
    for ref in list(root.iter(W + "commentReference")):
        run = ref.getparent()
        _remove(run if run is not None and run.tag == W + "r" else ref)
        tally["comment_mark"] += 1
    # embedded objects and alternative chunks whose parts are dropped
    for obj in list(root.iter(W + "object", W + "altChunk")):
        _remove(obj.getparent() if obj.getparent().tag == W + "r" and len(obj.getparent()) <= 2 else obj)
        tally["embedded_object"] += 1
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if any(el.get(R_NS + a) in dropped_ids for a in ("id", "embed", "link")):
            _remove(el)
    # hidden, white and tiny runs, decided exactly as the parser decides them
    for p in list(root.iter(W + "p")):
        para = styles.paragraph_props(p.find(W + "pPr"), _cell_background(p))
        for r in list(p.iter(W + "r")):
            if next(r.iterancestors(W + "p")) is not p:
                continue
            kind = concealment(styles.run_props(r.find(W + "rPr"), para))
            if kind and any(c.tag != W + "rPr" for c in r):
                _remove(r)
                tally[kind] += 1


def blank_values(root: etree._Element, needles: Needles, counts: Counter) -> None:
    """Blank every needle in the part: across runs of one paragraph, then in any other text or attribute."""
    for p in list(root.iter(*PARAGRAPHS)):
        nodes = [t for t in p.iter(*TEXTS) if next(t.iterancestors(*PARAGRAPHS)) is p]
        for group in ([t for t in nodes if t.tag != W + "instrText"], [t for t in nodes if t.tag == W + "instrText"]):
            _blank_nodes(group, needles, counts)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and el.tag not in TEXTS:
            el.text = blank_counted(el.text, needles, counts)
        for key, value in el.attrib.items():
            new = blank_counted(value, needles, counts)
            if new != value:
                el.set(key, new)


def blank_counted(text: str, needles: Needles, counts: Counter) -> str:
    """`text` with the needles blanked, each needle's occurrences added to `counts` (one pass for all)."""
    spans, found = find_counted(text, needles)
    if not spans:
        return text
    counts.update(found)
    return blank(text, spans)


def _blank_nodes(nodes: list[etree._Element], needles: Needles, counts: Counter) -> None:
    if not nodes:
        return
    owners: list[tuple[etree._Element, int]] = []
    for node in nodes:
        owners.extend((node, i) for i in range(len(node.text or "")))
    text = "".join(node.text or "" for node in nodes)
    new = blank_counted(text, needles, counts)
    if new == text:
        return
    edits: dict[etree._Element, list[str]] = {}
    for (node, i), ch in zip(owners, new):
        edits.setdefault(node, list(node.text or ""))[i] = ch
    for node, chars in edits.items():
        node.text = "".join(chars)
        if node.tag == W + "t":
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
