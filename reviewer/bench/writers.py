"""Writers of bench documents: .txt, .docx (python-docx), .pdf (reportlab, STSong-Light) and .xlsx (openpyxl, streamed)."""
from __future__ import annotations

from pathlib import Path

from .textgen import TABLE_HEADER, TextGen

PDF_FONT = "STSong-Light"
PDF_LINE_WIDTH = 36 * 12      # points: 36 汉字 at 12 pt, more characters when a line holds digits
PDF_LINES_PER_PAGE = 38


def _bytes(lines: list[str]) -> int:
    return sum(len(s.encode("utf-8")) + 1 for s in lines)


TABLE_PLANTED = {2: "CN_RESIDENT_ID", 3: "CN_MOBILE_PHONE", 5: "BANK_CARD"}   # columns of TABLE_HEADER


def _plant_row(gen: TextGen, columns: range | list[int]) -> None:
    for c in columns:
        if c in TABLE_PLANTED:
            gen.plant(TABLE_PLANTED[c])


def write_txt(path: Path, gen: TextGen, paragraphs: int) -> dict:
    lines = gen.document(paragraphs)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"text_bytes": _bytes(lines), "paragraphs": len(lines), "planted": gen.planted}


def write_docx(path: Path, gen: TextGen, paragraphs: int, table_rows: int = 0) -> dict:
    import docx

    doc = docx.Document()
    lines = gen.document(paragraphs)
    for i, line in enumerate(lines):
        if i == 1:
            doc.add_heading(line, level=1)
        else:
            doc.add_paragraph(line)
    cells = 0
    if table_rows:
        table = doc.add_table(rows=table_rows + 1, cols=len(TABLE_HEADER))
        rows = [TABLE_HEADER] + [gen.table_row(n) for n in range(1, table_rows + 1)]
        _plant_row(gen, [c for _ in range(table_rows) for c in range(len(TABLE_HEADER))])
        for row, values in zip(table.rows, rows):
            for cell, value in zip(row.cells, values):
                cell.text = value
                lines.append(value)
                cells += 1
    doc.save(str(path))
    return {"text_bytes": _bytes(lines), "paragraphs": len(lines), "cells": cells, "planted": gen.planted}


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


def write_pdf(path: Path, gen: TextGen, pages: int, table_every: int = 0) -> dict:
    """`pages` A4 pages of wrapped prose; every `table_every`-th page a 公示 table with a shaded heading."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register_font()
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setAuthor("")
    c.setCreator("")
    c.setProducer("")
    text_bytes = 0
    pending: list[str] = []
    for page in range(1, pages + 1):
        if table_every and page % table_every == 0 and page != pages:
            text_bytes += _pdf_table_page(c, gen, height)
        else:
            y = height - 72
            for slot in range(PDF_LINES_PER_PAGE):
                if not pending:
                    before = dict(gen.planted)
                    para = gen.paragraph()
                    pending = _wrap(para)
                    if page == pages and len(pending) > PDF_LINES_PER_PAGE - slot:
                        gen.planted, pending = before, []   # would not fit: the document ends here
                        break
                line = pending.pop(0)
                c.setFont(PDF_FONT, 12)
                c.drawString(72, y, line)
                text_bytes += len(line.encode("utf-8")) + 1
                y -= 18
        c.showPage()
    c.save()
    return {"text_bytes": text_bytes, "pages": pages, "planted": gen.planted}


_WIDTHS: dict[str, float] = {}


def _wrap(para: str) -> list[str]:
    """Lines as a typesetter breaks them: by width (digits and Latin letters are narrower than 汉字)."""
    from reportlab.pdfbase import pdfmetrics

    lines, line, width = [], [], 0.0
    for ch in para:
        w = _WIDTHS.get(ch)
        if w is None:
            w = _WIDTHS[ch] = pdfmetrics.stringWidth(ch, PDF_FONT, 12)
        if line and width + w > PDF_LINE_WIDTH:
            lines.append("".join(line))
            line, width = [], 0.0
        line.append(ch)
        width += w
    if line:
        lines.append("".join(line))
    return lines


def _pdf_table_page(c, gen: TextGen, height: float) -> int:
    """A table page: grey heading band drawn first, then the text, then stroked cell borders."""
    cols = [60, 100, 170, 270, 360, 460]   # 序号 姓名 身份证号码 联系电话 金额 备注 (x positions)
    header = ["序号", "姓名", "身份证号码", "联系电话", "金额", "备注"]
    top = height - 72
    c.setFillGray(0.85)
    c.rect(55, top - 5, 480, 18, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(PDF_FONT, 10)
    written = 0
    for x, h in zip(cols, header):
        c.drawString(x, top, h)
        written += len(h.encode()) + 1
    y = top - 18
    for n in range(1, 36):
        row = gen.table_row(n)
        values = [row[0], row[1], row[2], row[3], row[6], row[7]]
        _plant_row(gen, [2, 3])
        for x, v in zip(cols, values):
            c.drawString(x, y, v)
            written += len(v.encode()) + 1
        y -= 18
    c.setLineWidth(0.5)
    c.grid([55, 95, 165, 265, 355, 455, 535], [top + 13 - 18 * i for i in range(0, 37)])
    return written


def write_xlsx(path: Path, gen: TextGen, rows: int, hidden_sheet: bool = False) -> dict:
    """A 公示 workbook written with openpyxl's write-only (streamed) mode."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("公示名单")
    ws.append(TABLE_HEADER)
    text_bytes = _bytes(TABLE_HEADER)
    cells = len(TABLE_HEADER)
    for n in range(1, rows + 1):
        row = gen.table_row(n)
        ws.append([n] + row[1:6] + [float(row[6])] + row[7:])  # 序号 and 金额 as numbers, as offices keep them
        _plant_row(gen, range(len(row)))
        nonempty = [v for v in row if v]
        text_bytes += _bytes(nonempty)
        cells += len(nonempty)
    total_rows = rows + 1
    if hidden_sheet:
        hidden = wb.create_sheet("原始数据")
        hidden.sheet_state = "hidden"
        for n in range(1, 21):
            row = gen.table_row(n)
            hidden.append(row)
            _plant_row(gen, range(len(row)))
            nonempty = [v for v in row if v]
            text_bytes += _bytes(nonempty)
            cells += len(nonempty)
        total_rows += 20
    wb.save(str(path))
    return {"text_bytes": text_bytes, "rows": total_rows, "cells": cells, "planted": gen.planted}
