"""The review record as an A4 PDF: reportlab platypus, Chinese in the built-in STSong-Light CID font."""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import TITLE, ReviewRecord

FONT = "STSong-Light"       # every PDF reader maps it to a Song face; pdfplumber reads it back as Chinese
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH = A4[0] - 40 * mm
GRID = colors.black
SHADE = colors.HexColor("#EDEDED")


def _style(size: float = 10.5, **kw) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{sorted(kw)}", fontName=FONT, fontSize=size, leading=size * 1.45,
                          wordWrap="CJK", **kw)


BODY, SMALL, LABEL = _style(), _style(9), _style(10.5, alignment=TA_CENTER)
TITLE_STYLE = _style(20, alignment=TA_CENTER, spaceAfter=4 * mm)
OFFICE_STYLE = _style(12, alignment=TA_CENTER, spaceAfter=2 * mm)
HEAD_STYLE = _style(12, spaceBefore=5 * mm, spaceAfter=2 * mm)


def P(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def _grid(extra: list | None = None) -> TableStyle:
    return TableStyle([("GRID", (0, 0), (-1, -1), 0.6, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
                      + (extra or []))


def _facts(r: ReviewRecord) -> Table:
    label_w = 24 * mm
    widths = [label_w, WIDTH / 2 - label_w, label_w, WIDTH / 2 - label_w]
    rows = [
        [P("文件标题", LABEL), P(r.title), "", ""],
        [P("文件名", LABEL), P(r.filename), P("版本", LABEL), P(f"第 {r.version_number} 版")],
        [P("SHA-256", LABEL), P(r.sha256, SMALL), "", ""],
        [P("上传人", LABEL), P(r.uploaded_by), P("上传时间", LABEL), P(r.uploaded_at)],
        [P("审查人", LABEL), P(r.reviewed_by), P("审查时间", LABEL), P(r.reviewed_at)],
        [P("签发人", LABEL), P(r.signed_by), P("签发时间", LABEL), P(r.signed_at)],
        [P("公开属性", LABEL), P(r.disclosure), "", ""],
        [P("法律依据", LABEL), P(r.basis or "—"), "", ""],
    ]
    spans = [("SPAN", (1, i), (3, i)) for i in (0, 2, 6, 7)]
    shade = [("BACKGROUND", (c, 0), (c, -1), SHADE) for c in (0,)] + \
            [("BACKGROUND", (2, i), (2, i), SHADE) for i in (1, 3, 4, 5)]
    return Table(rows, colWidths=widths, style=_grid(spans + shade))


def _findings(r: ReviewRecord) -> Table:
    widths = [12 * mm, 38 * mm, 44 * mm, 14 * mm]
    widths.append(WIDTH - sum(widths))
    rows: list[list] = [[P(h, LABEL) for h in ("序号", "内容（已遮蔽）", "位置", "处理", "理由")]]
    style = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    n = 0
    for type_label, items in r.groups():
        style += [("SPAN", (0, len(rows)), (-1, len(rows))), ("BACKGROUND", (0, len(rows)), (-1, len(rows)), SHADE)]
        rows.append([P(f"{type_label}（{len(items)} 项）"), "", "", "", ""])
        for f in items:
            n += 1
            rows.append([P(str(n), LABEL), P(f.shown), P(f.location_label, SMALL), P(f.resolution, LABEL),
                         P(f.reason or "—", SMALL)])
    if not r.findings:
        style.append(("SPAN", (0, 1), (-1, 1)))
        rows.append([P("未发现需要处理的内容。"), "", "", "", ""])
    return Table(rows, colWidths=widths, style=_grid(style), repeatRows=1)


def _opinion(r: ReviewRecord) -> Table:
    rows = [[P("审查意见", LABEL), P(r.comment or "—")],
            [P("审查人签字", LABEL), P(f"{r.reviewed_by}\n\n签字：____________    日期：{r.reviewed_at or '____年__月__日'}")],
            [P("签发人签字", LABEL), P(f"{r.signed_by}\n\n签字：____________    日期：{r.signed_at or '____年__月__日'}")]]
    return Table(rows, colWidths=[24 * mm, WIDTH - 24 * mm], style=_grid([("BACKGROUND", (0, 0), (0, -1), SHADE)]))


def _page(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{TITLE}　第 {doc.page} 页")
    canvas.restoreState()


def render(record: ReviewRecord) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=TITLE, author="", creator="", subject=record.title,
                            invariant=1)
    story: list = []
    if record.office:
        story.append(P(record.office, OFFICE_STYLE))
    story += [P(TITLE, TITLE_STYLE), _facts(record), P("审查发现及处理", HEAD_STYLE),
              P(record.summary(), SMALL), Spacer(1, 2 * mm), _findings(record), P("审查意见与签字", HEAD_STYLE),
              _opinion(record)]
    doc.build(story, onFirstPage=_page, onLaterPages=_page)
    return buf.getvalue()
