"""Text of one Word paragraph, walked in the XML: what a reader sees, and what is deleted, inserted, hidden or white."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .docx_format import W, RunProps, Styles, concealment

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

R, T, DEL_TEXT, TAB, BR, CR = W + "r", W + "t", W + "delText", W + "tab", W + "br", W + "cr"
NO_BREAK_HYPHEN, RPR, TXBX = W + "noBreakHyphen", W + "rPr", W + "txbxContent"
INS, DEL, MOVE_TO, MOVE_FROM = W + "ins", W + "del", W + "moveTo", W + "moveFrom"
DRAWING, PICT, OBJECT = W + "drawing", W + "pict", W + "object"
ALTERNATE, CHOICE, FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
MATH_TEXT = M + "t"
# never text: properties, field codes, and bookkeeping marks
SKIP = {W + "pPr", RPR, W + "sdtPr", W + "sdtEndPr", W + "customXmlPr", W + "smartTagPr",
        W + "instrText", W + "delInstrText", W + "fldData", W + "bookmarkStart", W + "bookmarkEnd",
        W + "commentRangeStart", W + "commentRangeEnd", W + "proofErr", W + "permStart", W + "permEnd"}
RUN_TEXT = {TAB: "\t", BR: "\n", CR: "\n", NO_BREAK_HYPHEN: "-"}
SYM = W + "sym"
# symbol-font characters (w:sym) that matter to a review: the ★ of a secrecy marking
SYMBOLS = {("wingdings", "ab"): "★", ("wingdings", "f0ab"): "★"}


@dataclass(slots=True)
class Concealed:
    """A stretch of a paragraph a reader of the published file does not see (or should not, unreviewed)."""

    kind: str                 # HIDDEN_CONTENT detail: tracked_change, hidden_text, white_text
    text: str
    group: str                # "del:<w:id>", "ins:<w:id>", "hidden_text:<where>", "white_text:<where>"
    author: str | None = None


@dataclass(slots=True)
class ParagraphText:
    """A paragraph's visible text, its concealed stretches, and the text boxes anchored in it."""

    text: str
    concealed: list[Concealed] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)


def choose(alternate: etree._Element) -> etree._Element | None:
    """The one branch of mc:AlternateContent to read: the first Choice with text, else the Fallback."""
    fallback = None
    for branch in alternate:
        if branch.tag == CHOICE:
            if next(branch.iter(TXBX, T), None) is not None:
                return branch
        elif branch.tag == FALLBACK:
            fallback = branch
    if fallback is not None:
        return fallback
    return next((b for b in alternate if b.tag == CHOICE), None)


class _Walker:
    def __init__(self, styles: Styles, paragraph: RunProps, where: str):
        self.styles = styles
        self.paragraph = paragraph
        self.where = where
        self.visible: list[str] = []
        self.concealed: list[Concealed] = []
        self.boxes: list[etree._Element] = []
        self._last_visible = True

    def walk(self, el: etree._Element, revision: tuple[str, str, str | None] | None) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP:
                continue
            if tag == R:
                self.run(child, revision)
            elif tag in (INS, MOVE_TO):
                inner = revision if revision and revision[0] == "del" else (
                    "ins", child.get(W + "id", ""), child.get(W + "author"))
                self.walk(child, inner)
            elif tag in (DEL, MOVE_FROM):
                self.walk(child, ("del", child.get(W + "id", ""), child.get(W + "author")))
            elif tag == ALTERNATE:
                branch = choose(child)
                if branch is not None:
                    self.walk(branch, revision)
            elif tag in (DRAWING, PICT, OBJECT):
                self.find_boxes(child)
            elif tag == MATH_TEXT:
                self.emit(child.text or "", revision, None)
            else:   # hyperlink, smartTag, sdt/sdtContent, customXml, fldSimple, bdo, dir, math…
                self.walk(child, revision)

    def run(self, r: etree._Element, revision: tuple[str, str, str | None] | None) -> None:
        props = self.styles.run_props(r.find(RPR), self.paragraph)
        hidden = concealment(props)
        parts: list[str] = []
        deleted: list[str] = []
        for child in r:
            tag = child.tag
            if tag == T:
                parts.append(child.text or "")
            elif tag == DEL_TEXT:
                deleted.append(child.text or "")
            elif tag in RUN_TEXT:
                parts.append(RUN_TEXT[tag])
            elif tag == SYM:
                key = ((child.get(W + "font") or "").lower(), (child.get(W + "char") or "").lower())
                parts.append(SYMBOLS.get(key, ""))
            elif tag in (DRAWING, PICT, OBJECT):
                self.find_boxes(child)
            elif tag == ALTERNATE:
                branch = choose(child)
                if branch is not None:
                    self.find_boxes(branch)
        if deleted:   # w:delText only ever holds deleted text
            rev = revision if revision and revision[0] == "del" else ("del", "", None)
            self.emit("".join(deleted), rev, hidden)
        if parts:
            self.emit("".join(parts), revision, hidden)

    def emit(self, text: str, revision: tuple[str, str, str | None] | None, hidden: str | None) -> None:
        if not text:
            return
        if revision and revision[0] == "del":
            piece = Concealed("tracked_change", text, f"del:{revision[1]}", revision[2])
        elif hidden:
            piece = Concealed(hidden, text, f"{hidden}:{self.where}")
        elif revision:
            piece = Concealed("tracked_change", text, f"ins:{revision[1]}", revision[2])
        else:
            self.visible.append(text)
            self._last_visible = True
            return
        last = self.concealed[-1] if self.concealed else None
        if last is not None and not self._last_visible and (last.kind, last.group) == (piece.kind, piece.group):
            last.text += text
        else:
            self.concealed.append(piece)
        self._last_visible = False

    def find_boxes(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == TXBX:
                self.boxes.append(child)
            elif tag == ALTERNATE:
                branch = choose(child)
                if branch is not None:
                    self.find_boxes(branch)
            else:
                self.find_boxes(child)


def read_paragraph(p: etree._Element, styles: Styles, where: str,
                   background: str | None = None) -> ParagraphText:
    """Read one w:p; `where` names the paragraph in hidden-text groups ("body:12", "表1 第2行第3列")."""
    walker = _Walker(styles, styles.paragraph_props(p.find(W + "pPr"), background), where)
    walker.walk(p, None)
    return ParagraphText("".join(walker.visible), walker.concealed, walker.boxes)
