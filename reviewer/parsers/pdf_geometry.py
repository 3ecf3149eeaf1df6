"""PDF page objects in drawing order: which text objects, dark boxes, images and backgrounds a page holds."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points (y up)

MAX_FORM_DEPTH = 8
DARK_LEVEL = 128         # a fill whose every channel is below this (black, dark grey, navy) is a covering box;
                         # red seals and coloured highlights are not
MIN_COVER_SIDE = 3.0     # points: thinner filled shapes are rules and table borders, not boxes
OPAQUE_ALPHA = 200       # fill alpha (0-255) from which a box hides what is under it
WHITE_LEVEL = 242        # each channel at or above this is "white"
INVISIBLE_MODES = (3, 7)  # text render modes that paint nothing (7: clip only)
STROKE_MODES = (1, 2, 5, 6)  # text render modes that paint the glyphs' outlines
UNPAINTED = (0, 0, 0, 0)     # the stroke colour of text whose outlines are not painted (never looked at)
ZERO_WIDTH = 0.01        # points: pdfium's text page skips text objects narrower than this
TINY_TEXT = 1.5          # points: text smaller than this cannot be read on paper or on screen
SAME_COLOUR = 40         # text within this of its backdrop on every channel cannot be read
PAGE_WHITE = (255, 255, 255, 255)
Colour = tuple[int, int, int, int]


@dataclass(slots=True)
class TextObj:
    index: int
    mode: int
    fill: tuple[int, int, int, int]
    stroke: tuple[int, int, int, int]

    @property
    def invisible(self) -> bool:
        return self.mode in INVISIBLE_MODES

    @property
    def paint(self) -> Colour | None:
        """The colour the glyphs are painted in (fill, or stroke for outline-only text)."""
        if self.mode in (0, 2, 4, 6):
            return self.fill
        if self.mode in (1, 5):
            return self.stroke
        return None

    @property
    def white(self) -> bool:
        """Painted only in white (fill for fill modes, stroke for stroke modes)."""
        paints_fill = self.mode in (0, 2, 4, 6)
        paints_stroke = self.mode in STROKE_MODES
        if paints_fill and not is_white(self.fill):
            return False
        if paints_stroke and not is_white(self.stroke):
            return False
        return paints_fill or paints_stroke


@dataclass
class PageObjects:
    """What the page draws, in the order it draws it (`index` runs over forms' contents too)."""

    texts: dict[int, TextObj] = field(default_factory=dict)      # handle address -> text object
    text_boxes: list[tuple[int, Box]] = field(default_factory=list)
    covers: list[tuple[int, Box]] = field(default_factory=list)  # dark opaque boxes and opaque images
    # every opaque filled path (with its fill) and image (colour None), in drawing order
    backgrounds: list[tuple[int, Box, Colour | None]] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)
    count: int = 0
    page_box: Box | None = None  # the visible area (crop box): text outside it is never seen
    # a text object of a font not embedded in the PDF has bounds of width zero: its glyphs could not be
    # loaded (no system font has them), and pdfium's text page leaves such an object out (pdf_fallback.py)
    lost_text: bool = False

    def covers_text_drawn_before(self) -> bool:
        """Some cover overlaps a text object drawn before it (then the page needs the per-character check)."""
        for c_index, c_box in self.covers:
            for t_index, t_box in self.text_boxes:
                if t_index < c_index and _intersects(t_box, c_box):
                    return True
        return False

    def has_suspect_text(self, ocr_page: bool) -> bool:
        if any((t.invisible and not ocr_page) or t.white for t in self.texts.values()):
            return True
        if self.page_box is not None and any(not _inside(b, self.page_box) for _, b in self.text_boxes):
            return True
        if any(0 < b[3] - b[1] < TINY_TEXT for _, b in self.text_boxes):
            return True
        return self._text_on_its_own_colour()

    def _text_on_its_own_colour(self) -> bool:
        """Some text is drawn over an earlier box of (nearly) its own colour: black on black, say."""
        by_colour: dict[Colour, list[int]] = {}
        for t in self.texts.values():
            if t.paint is not None:
                by_colour.setdefault(t.paint, []).append(t.index)
        boxes = dict(self.text_boxes)
        for b_index, b_box, b_colour in self.backgrounds:
            if b_colour is None:
                continue
            for colour, indexes in by_colour.items():
                if same_colour(colour, b_colour) and any(
                        i > b_index and _intersects(boxes[i], b_box) for i in indexes):
                    return True
        return False

    def backdrop(self, x: float, y: float, before: int) -> Colour | None:
        """The colour under point (x, y) just before object `before` is drawn: the last box there,
        the page's white when there is none, None when it is a picture."""
        for b_index, b_box, b_colour in reversed(self.backgrounds):
            if b_index < before and contains_point(b_box, x, y):
                return b_colour
        return PAGE_WHITE

    def off_page(self, x: float, y: float) -> bool:
        return self.page_box is not None and not contains_point(self.page_box, x, y)

    def image_area(self, page_w: float, page_h: float) -> float:
        """Largest share of the page one image covers (a scan or an OCR'd page is one page-sized image)."""
        page = max(page_w * page_h, 1.0)
        return max((_area(b) / page for b in self.images), default=0.0)


def handle_key(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def read_objects(page) -> PageObjects:
    """Walk the page's objects (and forms' contents) once, with raw pdfium calls."""
    out = PageObjects()
    r = pdfium_c.FS_RECTF()
    if pdfium_c.FPDF_GetPageBoundingBox(page, r):
        out.page_box = (min(r.left, r.right), min(r.bottom, r.top), max(r.left, r.right), max(r.bottom, r.top))
    _walk(out, page, pdfium_c.FPDFPage_CountObjects(page), pdfium_c.FPDFPage_GetObject, None, 0)
    return out


_l, _b, _r, _t = (ctypes.c_float() for _ in range(4))
_cr, _cg, _cb, _ca = (ctypes.c_uint() for _ in range(4))
_fillmode, _stroke = ctypes.c_int(), ctypes.c_int()


def _walk(out: PageObjects, parent, count: int, get, matrix, depth: int) -> None:
    for i in range(count):
        obj = get(parent, i)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        index = out.count
        out.count += 1
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH:
                _walk(out, obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject,
                      _compose(_matrix_of(obj), matrix), depth + 1)
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, _l, _b, _r, _t):
            continue
        box = _transform((_l.value, _b.value, _r.value, _t.value), matrix)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            fill = _color(pdfium_c.FPDFPageObj_GetFillColor, obj)
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
            # the stroke colour counts only where the glyphs' outlines are painted
            stroke = _color(pdfium_c.FPDFPageObj_GetStrokeColor, obj) if mode in STROKE_MODES else UNPAINTED
            out.texts[handle_key(obj)] = TextObj(index, mode, fill, stroke)
            out.text_boxes.append((index, box))
            if box[2] - box[0] < ZERO_WIDTH and not out.lost_text:
                font = pdfium_c.FPDFTextObj_GetFont(obj)
                out.lost_text = bool(font) and not pdfium_c.FPDFFont_GetIsEmbedded(font)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            out.images.append(box)
            out.backgrounds.append((index, box, None))
            if not pdfium_c.FPDFPageObj_HasTransparency(obj):
                out.covers.append((index, box))
        else:  # path
            pdfium_c.FPDFPath_GetDrawMode(obj, _fillmode, _stroke)
            if not _fillmode.value:
                continue
            fill = _color(pdfium_c.FPDFPageObj_GetFillColor, obj)
            if fill[3] < OPAQUE_ALPHA:
                continue
            if box[2] - box[0] < MIN_COVER_SIDE or box[3] - box[1] < MIN_COVER_SIDE:
                continue  # rules and borders: too thin to be what text is read against
            out.backgrounds.append((index, box, fill))
            if max(fill[:3]) < DARK_LEVEL:
                out.covers.append((index, box))


def _color(fn, obj) -> tuple[int, int, int, int]:
    if not fn(obj, _cr, _cg, _cb, _ca):
        return (0, 0, 0, 255)
    return (_cr.value, _cg.value, _cb.value, _ca.value)


def same_colour(a: Colour, b: Colour) -> bool:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2])) <= SAME_COLOUR


def is_white(rgba: tuple[int, int, int, int]) -> bool:
    return min(rgba[:3]) >= WHITE_LEVEL


def _area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _intersects(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(a: Box, b: Box, slack: float = 1.0) -> bool:
    return a[0] >= b[0] - slack and a[1] >= b[1] - slack and a[2] <= b[2] + slack and a[3] <= b[3] + slack


def overlap_share(char: Box, cover: Box) -> float:
    """The share of a character's box that `cover` hides."""
    w = min(char[2], cover[2]) - max(char[0], cover[0])
    h = min(char[3], cover[3]) - max(char[1], cover[1])
    if w <= 0 or h <= 0:
        return 0.0
    return (w * h) / max(_area(char), 1e-6)


def contains_point(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


Matrix = tuple[float, float, float, float, float, float]


def _matrix_of(obj) -> Matrix | None:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return None
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix | None, outer: Matrix | None) -> Matrix | None:
    """inner then outer (PDF row-vector convention)."""
    if inner is None:
        return outer
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _transform(box: Box, m: Matrix | None) -> Box:
    if m is None:
        return box
    a, b, c, d, e, f = m
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (min(xs), min(ys), max(xs), max(ys))
