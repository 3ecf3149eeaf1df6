"""Build test PDFs with reportlab (Chinese text, boxes, white/invisible text, images) and alter them with pypdf."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"  # a CID font every PDF reader has; pypdfium2 extracts it as readable Chinese
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H = A4
LEFT, TOP, LEADING = 72, PAGE_H - 72, 20


@dataclass
class PdfBuilder:
    """A PDF under construction: lines of text flow down each page; boxes and images go on top of them."""

    path: Path
    metadata: dict[str, str] = field(default_factory=dict)
    font_size: float = 12

    def __post_init__(self) -> None:
        self.canvas = canvas.Canvas(str(self.path), pagesize=A4, invariant=1)
        # reportlab writes author "anonymous" by default: keep test files free of it unless asked for
        self.canvas.setAuthor(self.metadata.get("author", ""))
        self.canvas.setCreator(self.metadata.get("creator", ""))
        self.canvas.setTitle(self.metadata.get("title", ""))
        self.canvas.setSubject(self.metadata.get("subject", ""))
        self.canvas.setKeywords(self.metadata.get("keywords", ""))
        self.canvas.setProducer(self.metadata.get("producer", ""))
        self.y = TOP
        self.started = False

    def line(self, text: str, *, rgb: tuple[float, float, float] = (0, 0, 0), mode: int = 0,
             x: float = LEFT) -> tuple[float, float, float, float]:
        """Write one line; returns its box in PDF points (x0, y0, x1, y1), y up."""
        c = self.canvas
        c.saveState()  # the render mode is graphics state: keep it from leaking into later lines
        obj = c.beginText(x, self.y)
        obj.setFont(FONT, self.font_size)
        obj.setFillColorRGB(*rgb)
        obj.setTextRenderMode(mode)
        obj.textOut(text)
        c.drawText(obj)
        c.restoreState()
        width = pdfmetrics.stringWidth(text, FONT, self.font_size)
        box = (x, self.y - 3, x + width, self.y + self.font_size)
        self.y -= LEADING
        self.started = True
        return box

    def row(self, cells: list[tuple[float, str]]) -> None:
        """A table row: each (x, text) drawn separately on one baseline, as Word draws cells."""
        for x, text in cells:
            self.canvas.setFont(FONT, self.font_size)
            self.canvas.drawString(x, self.y, text)
        self.y -= LEADING
        self.started = True

    def one_by_one(self, text: str, x: float = LEFT) -> None:
        """One line drawn a character at a time, each its own text object (as some 公文 tools and
        PDF printers do), advancing by the character's width."""
        for ch in text:
            self.canvas.setFont(FONT, self.font_size)
            self.canvas.drawString(x, self.y, ch)
            x += pdfmetrics.stringWidth(ch, FONT, self.font_size)
        self.y -= LEADING
        self.started = True

    def wrap(self, text: str, width: float = 432, indent: int = 2) -> list[str]:
        """`text` broken into lines `width` points wide, as a word processor does (the first line
        indented by `indent` characters)."""
        lines, current, limit = [], "", width - indent * self.font_size
        for ch in text:
            if pdfmetrics.stringWidth(current + ch, FONT, self.font_size) > limit:
                lines.append(current)
                current, limit = "", width
            current += ch
        lines.append(current)
        return lines

    def paragraph(self, text: str, width: float = 432, indent: int = 2) -> list[str]:
        """Write `text` wrapped at `width` points (first line indented by `indent` characters, every
        other line flush left); returns the lines."""
        lines = self.wrap(text, width, indent)
        for i, line in enumerate(lines):
            self.line(line, x=LEFT + (indent * self.font_size if i == 0 else 0))
        return lines

    def page_number(self, n: int) -> None:
        """「- n -」 centred at the foot of the page, as 公文 print it."""
        self.canvas.setFont(FONT, self.font_size)
        self.canvas.drawCentredString(PAGE_W / 2, 40, f"- {n} -")

    def field(self, name: str, tooltip: str = "") -> None:
        """A fillable text field on this line (filled with fill_form after saving)."""
        self.canvas.acroForm.textfield(name=name, tooltip=tooltip or None, value="x", x=300, y=self.y - 5,
                                       width=200, height=20)
        self.y -= LEADING + 10

    def box_over(self, text_before: str, covered: str, box_line: tuple[float, float, float, float], *,
                 rgb: tuple[float, float, float] = (0, 0, 0)) -> None:
        """Draw a filled rectangle over `covered`, which follows `text_before` on the line `box_line`."""
        self.rect(*self.span(text_before, covered, box_line), rgb=rgb)

    def span(self, text_before: str, covered: str, box_line: tuple[float, float, float, float]
             ) -> tuple[float, float, float, float]:
        """x, y, width, height of `covered` on a line written by `line()`, a point wider each side."""
        x0 = box_line[0] + pdfmetrics.stringWidth(text_before, FONT, self.font_size)
        w = pdfmetrics.stringWidth(covered, FONT, self.font_size)
        return (x0 - 1, box_line[1], w + 2, box_line[3] - box_line[1] + 2)

    def rect(self, x: float, y: float, w: float, h: float, *, rgb: tuple[float, float, float] = (0, 0, 0)) -> None:
        self.canvas.setFillColorRGB(*rgb)
        self.canvas.rect(x, y, w, h, fill=1, stroke=0)
        self.canvas.setFillColorRGB(0, 0, 0)

    def image(self, x: float, y: float, w: float, h: float, *, grey: int = 200) -> None:
        """An opaque image (a flat grey picture, as a scanner or a photo would leave)."""
        from PIL import Image
        from reportlab.lib.utils import ImageReader
        img = Image.new("RGB", (max(1, int(w // 4)), max(1, int(h // 4))), (grey, grey, grey))
        self.canvas.drawImage(ImageReader(img), x, y, w, h)
        self.started = True

    def scanned_page(self) -> None:
        """A page that is only a picture of a page, as a scanner makes."""
        self.image(0, 0, PAGE_W, PAGE_H)

    def ocr_page(self, lines: list[str]) -> None:
        """A scanned page as OCR software leaves it: the page image, then the recognised text, invisible."""
        self.scanned_page()
        for text in lines:
            self.line(text, mode=3)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.y = TOP

    def save(self) -> Path:
        self.canvas.save()
        return self.path


def text_pdf(path: Path, pages: list[list[str]], **metadata: str) -> Path:
    """A plain PDF: each page a list of lines."""
    b = PdfBuilder(path, metadata=metadata)
    for i, lines in enumerate(pages):
        if i:
            b.new_page()
        for text in lines:
            b.line(text)
    return b.save()


def _rewrite(path: Path, out: Path | None, change) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    change(writer)
    target = out or path
    with open(target, "wb") as fh:
        writer.write(fh)
    return target


def add_note(path: Path, page: int, contents: str, author: str | None = None, *,
             subtype: str = "/Text", out: Path | None = None) -> Path:
    """Add a sticky note (or /FreeText) annotation to page `page` (1-based)."""
    def change(writer: PdfWriter) -> None:
        annot = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (400, 700, 430, 730)]),
            NameObject("/Contents"): TextStringObject(contents),
        })
        if subtype == "/FreeText":
            annot[NameObject("/DA")] = TextStringObject("/Helv 10 Tf 0 g")
        if author is not None:
            annot[NameObject("/T")] = TextStringObject(author)
        writer.add_annotation(page - 1, annot)
    return _rewrite(path, out, change)


def add_file_annotation(path: Path, page: int, name: str, data: bytes, *, out: Path | None = None) -> Path:
    """Attach a file to a page as a /FileAttachment annotation (the paper-clip icon)."""
    def change(writer: PdfWriter) -> None:
        from pypdf.generic import DecodedStreamObject
        stream = DecodedStreamObject()
        stream.set_data(data)
        stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
        filespec = DictionaryObject({
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(name),
            NameObject("/UF"): TextStringObject(name),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(stream)}),
        })
        annot = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (500, 700, 520, 720)]),
            NameObject("/FS"): writer._add_object(filespec),
        })
        writer.add_annotation(page - 1, annot)
    return _rewrite(path, out, change)


def fill_form(path: Path, values: dict[str, str], *, out: Path | None = None) -> Path:
    """Type values into the text fields made with PdfBuilder.field (reportlab cannot write Chinese ones)."""
    def change(writer: PdfWriter) -> None:
        writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    return _rewrite(path, out, change)


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmp:CreatorTool="{tool}">
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def add_xmp(path: Path, author: str, tool: str = "WPS Office", *, out: Path | None = None) -> Path:
    """Give the document an (uncompressed) XMP packet naming an author and the creating program."""
    def change(writer: PdfWriter) -> None:
        from pypdf.generic import DecodedStreamObject
        stream = DecodedStreamObject()
        stream.set_data(XMP.format(author=author, tool=tool).encode("utf-8"))
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    return _rewrite(path, out, change)


def add_attachment(path: Path, name: str, data: bytes, *, out: Path | None = None) -> Path:
    """Embed a file in the document's /EmbeddedFiles name tree."""
    return _rewrite(path, out, lambda w: w.add_attachment(name, data))


def encrypt(path: Path, user_password: str, owner_password: str, *, out: Path | None = None) -> Path:
    """Encrypt with AES-128; an empty user password gives an owner-only (permissions) protection."""
    def change(writer: PdfWriter) -> None:
        writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    return _rewrite(path, out, change)


def truncate(path: Path, out: Path, keep: float = 0.6) -> Path:
    data = path.read_bytes()
    out.write_bytes(data[: int(len(data) * keep)])
    return out


def bench(pages: int = 300, out: Path | None = None) -> None:
    """Build a `pages`-page 公文-like PDF (22 lines of 28 characters, 16 pt) and time the parser and `reviewer scan`."""
    import os
    import subprocess
    import sys
    import tempfile
    import time

    from reviewer.document import ParseContext
    from reviewer.parsers import pdf

    path = out or Path(tempfile.mkdtemp()) / f"bench{pages}.pdf"
    text = "各乡镇人民政府县直各部门根据中华人民共和国政府信息公开条例现将二〇二四年度工作安排通知如下请认真贯彻落实"
    b = PdfBuilder(path, font_size=16)
    for i in range(pages):
        if i:
            b.new_page()
        b.y = 760
        for j in range(22):
            b.line(text[(i + j) % 20:][:28])
    b.save()
    wall, cpu = time.perf_counter(), time.process_time()
    ctx = ParseContext()
    chars = sum(len(s.text) for s in pdf.parse(path, ctx))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"parser: {ctx.pages} pages, {chars} characters: {ctx.pages / cpu:.0f} pages/s per core (CPU time), "
          f"{ctx.pages / wall:.0f} pages/s wall")
    exe = Path(sys.executable).with_name("reviewer")
    before = os.times()
    started = time.perf_counter()
    subprocess.run([str(exe), "scan", str(path), "--format", "jsonl"], check=False, capture_output=True)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    print(f"reviewer scan (with detectors and start-up): {pages / cpu:.0f} pages/s per core (CPU time), "
          f"{pages / wall:.0f} pages/s wall")


if __name__ == "__main__":
    import sys
    bench(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
