"""Fonts a PDF does not embed: while the parser reads text, pdfium lays CJK ones out with a light stand-in font."""
# Why: a font not embedded in the PDF (reportlab's STSong-Light, many 公文 from older tools) is
# drawn with a font of the system. pdfium loads that font's glyph for every character twice, once
# when it loads the page (text object bounds) and once when it builds the text page (character
# boxes), and the system's CJK font is a CFF-outline Noto CJK of 65,000 glyphs: loading them is four
# fifths of reading such a page (~65 pages/s instead of ~1,000).
#
# Reading text needs none of those outlines. What pdfium reports comes from the PDF itself: the
# characters from its CMaps, their advances from the font's /W widths (a CID font's widths never
# come from the system font), ascent and descent from its font descriptor. Only glyph bounding boxes
# come from the substitute. So while the parser reads (`reading_text()`), a CJK font that is not
# embedded is mapped to STAND_IN: a TrueType font built here of three box glyphs (WIDE, HALF, THIN),
# each about the box of the real glyphs it stands for and inside their advance. A character's loose
# box stays its advance from the PDF, and text objects keep about the bounds real glyphs give them:
# pdfium's text page judges from those whether a page's lines run across or down, and where one line
# ends. Everything else, and every other caller of pdfium (the release copy renders pages), gets the
# system's fonts as before: the switch is per thread, and pdfium keys the faces it caches by the name
# the font info reports, which is the stand-in's own.
#
# A side effect on servers without a CJK font (pdf_fallback.py): the stand-in has a glyph for every
# character, so pdfium no longer drops a one-character object of such a font from its text page.
from __future__ import annotations

import ctypes
import struct
import threading
from contextlib import contextmanager
from typing import Iterator

import pypdfium2.raw as pdfium_c

STAND_IN_NAME = b"ReviewerTextMetrics"
UNITS_PER_EM = 1000
# The stand-in's glyph boxes (left, bottom, right, top in thousandths of an em): across, about those
# of the Noto CJK font the system would use, each inside the advance of the characters it stands for;
# up, no higher than the ascent CJK fonts declare (0.75 em and more; pdfium adds 1/64 to a glyph's
# top), so that a line's loose boxes run from the font's descent to its ascent, about an em, whatever
# its characters (a taller glyph would raise the box of the lines it starts or ends, and pdf_lines.py
# takes a box's height for the size of its text).
GLYPH_TOP = 729
WIDE = (38, -77, 966, GLYPH_TOP)     # characters set full width: 汉字, kana, 한글, fullwidth forms, 。，、
HALF = (50, -14, 420, GLYPH_TOP)     # Latin letters and digits of about half an em (every digit, A, a, s, z…)
THIN = (50, -14, 220, GLYPH_TOP)     # the rest: i l f j r t I J, punctuation, spaces, other scripts
GLYPHS = (WIDE, WIDE, HALF, THIN)   # glyph 0 is .notdef
# code points East Asian typesetting sets full width (Unicode East_Asian_Width W and F, main blocks)
WIDE_RANGES = ((0x1100, 0x115F), (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F),
               (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD))
HALF_CHARS = "0123456789ABCDEFGHKLMNOPQRSTUVWXYZabcdeghkmnopqsuvwxyz"
# FX_Charset values pdfium passes for CID fonts of the Adobe-GB1, -CNS1, -Japan1 and -Korea1 collections
CJK_CHARSETS = frozenset({128, 129, 134, 136})
_TTCF = 0x74746366   # pdfium asks for the 'ttcf' table to tell a font collection

_reading = threading.local()


@contextmanager
def reading_text() -> Iterator[None]:
    """Within: pdfium calls made by this thread lay CJK fonts not embedded out with the stand-in."""
    before = getattr(_reading, "on", False)
    _reading.on = True
    try:
        yield
    finally:
        _reading.on = before


def _table_checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _glyph(box: tuple[int, int, int, int]) -> bytes:
    """A hollow box (two contours: outer, inner), padded to four bytes."""
    left, lo, right, hi = box
    t = 10
    points = [(left, lo), (left, hi), (right, hi), (right, lo),
              (left + t, lo + t), (right - t, lo + t), (right - t, hi - t), (left + t, hi - t)]
    xs, ys, px, py = [], [], 0, 0
    for x, y in points:
        xs.append(x - px); ys.append(y - py)
        px, py = x, y
    out = struct.pack(">hhhhh", 2, left, lo, right, hi) + struct.pack(">HHH", 3, 7, 0)
    out += bytes([1] * len(points)) + struct.pack(f">{len(xs)}h", *xs) + struct.pack(f">{len(ys)}h", *ys)
    return out + b"\0" * (-len(out) % 4)


def _groups() -> list[tuple[int, int, int]]:
    """(first, last, glyph) covering all of Unicode: WIDE_RANGES glyph 1, HALF_CHARS 2, the rest 3."""
    special = [(first, last, 1) for first, last in WIDE_RANGES]
    for cp in sorted(map(ord, HALF_CHARS)):
        if special and special[-1][2] == 2 and special[-1][1] == cp - 1:
            special[-1] = (special[-1][0], cp, 2)
        else:
            special.append((cp, cp, 2))
    out, start = [], 0
    for first, last, glyph in sorted(special):
        if first > start:
            out.append((start, first - 1, 3))
        out.append((first, last, glyph))
        start = last + 1
    return out + [(start, 0x10FFFF, 3)]


def _name_table() -> bytes:
    """The family name (Windows, Unicode, en-US), so that pdfium and FreeType can tell the stand-in."""
    name = STAND_IN_NAME.decode().encode("utf-16-be")
    return struct.pack(">HHH", 0, 1, 18) + struct.pack(">6H", 3, 1, 0x409, 1, len(name), 0) + name


def _stand_in_font() -> bytes:
    """The stand-in as a TrueType font: the GLYPHS boxes, every code point mapped to one of them."""
    glyphs = [_glyph(box) for box in GLYPHS]
    groups = _groups()
    cmap = struct.pack(">HHIII", 13, 0, 16 + 12 * len(groups), 0, len(groups))  # format 13: ranges → one glyph
    cmap += b"".join(struct.pack(">III", *g) for g in groups)
    loca = [0]
    for g in glyphs:
        loca.append(loca[-1] + len(g))
    x_min, y_min = min(b[0] for b in GLYPHS), min(b[1] for b in GLYPHS)
    x_max, y_max = max(b[2] for b in GLYPHS), max(b[3] for b in GLYPHS)
    tables = {
        b"cmap": struct.pack(">HHHHI", 0, 1, 3, 10, 12) + cmap,   # one subtable: Windows, UCS-4
        b"glyf": b"".join(glyphs),
        b"head": struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0x000B,
                             UNITS_PER_EM, 0, 0, x_min, y_min, x_max, y_max, 0, 8, 2, 0, 0),
        b"hhea": struct.pack(">IhhhHhhhhhhhhhhhH", 0x00010000, y_max, y_min, 0, UNITS_PER_EM,
                             0, 0, x_max, 1, 0, 0, 0, 0, 0, 0, 0, len(GLYPHS)),
        b"hmtx": b"".join(struct.pack(">Hh", UNITS_PER_EM, box[0]) for box in GLYPHS),
        b"loca": struct.pack(f">{len(loca)}H", *(offset // 2 for offset in loca)),
        b"maxp": struct.pack(">I14H", 0x00010000, len(GLYPHS), 8, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
        b"name": _name_table(),
    }
    count = len(tables)
    entry = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, entry * 16, entry.bit_length() - 1, (count - entry) * 16)
    offset = len(header) + 16 * count
    records, body = b"", b""
    for tag, data in sorted(tables.items()):
        records += struct.pack(">4sIII", tag, _table_checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + records + body


STAND_IN = _stand_in_font()
_stand_in_buffer = ctypes.create_string_buffer(STAND_IN, len(STAND_IN))
_STAND_IN_HANDLE = ctypes.addressof(_stand_in_buffer)   # any non-null pointer pdfium hands back to us
_installed: list = []   # the font info pdfium holds and its callbacks: they must outlive every call


_install_lock = threading.Lock()


def ensure_installed() -> None:
    """install() with pdfium's own font info, unless a font info was installed already."""
    with _install_lock:   # scans run in threads (reviewer/jobs.py): pdfium must get one font info
        if not _installed:
            install()


def install(system=None) -> None:
    """Give pdfium a font info that answers as `system` (pdfium's own for this platform by default),
    except for CJK fonts while this thread is `reading_text()`. Call before opening documents."""
    if system is None:
        system = pdfium_c.FPDF_GetDefaultSystemFontInfo().contents
    base = ctypes.byref(system)
    info = pdfium_c.FPDF_SYSFONTINFO()
    info.version = 1
    kinds = dict(pdfium_c.FPDF_SYSFONTINFO._fields_[1:])
    callbacks = []

    def on(name, fn):
        callbacks.append(kinds[name](fn))
        setattr(info, name, callbacks[-1])

    on("Release", lambda this: system.Release(base) if system.Release else None)
    on("EnumFonts", lambda this, mapper: system.EnumFonts(base, mapper) if system.EnumFonts else None)

    def map_font(this, weight, italic, charset, pitch, face, exact):
        if charset in CJK_CHARSETS and getattr(_reading, "on", False):
            return _STAND_IN_HANDLE
        return system.MapFont(base, weight, italic, charset, pitch, face, exact) if system.MapFont else None

    def get_font_data(this, handle, table, buffer, size):
        if handle != _STAND_IN_HANDLE:
            return system.GetFontData(base, handle, table, buffer, size) if system.GetFontData else 0
        if table == _TTCF:
            return 0
        if table != 0:
            return 0
        if buffer and size >= len(STAND_IN):
            ctypes.memmove(buffer, STAND_IN, len(STAND_IN))
        return len(STAND_IN)

    def get_face_name(this, handle, buffer, size):
        if handle != _STAND_IN_HANDLE:
            return system.GetFaceName(base, handle, buffer, size) if system.GetFaceName else 0
        name = STAND_IN_NAME + b"\0"
        if buffer and size >= len(name):
            ctypes.memmove(buffer, name, len(name))
        return len(name)

    def get_charset(this, handle):
        if handle != _STAND_IN_HANDLE:
            return system.GetFontCharset(base, handle) if system.GetFontCharset else 0
        return 134

    def delete_font(this, handle):
        if handle != _STAND_IN_HANDLE and system.DeleteFont:
            system.DeleteFont(base, handle)

    on("MapFont", map_font)
    on("GetFont", lambda this, face: system.GetFont(base, face) if system.GetFont else None)
    on("GetFontData", get_font_data)
    on("GetFaceName", get_face_name)
    on("GetFontCharset", get_charset)
    on("DeleteFont", delete_font)
    pdfium_c.FPDF_SetSystemFontInfo(ctypes.byref(info))
    _installed[:] = [info, system, callbacks]
