"""Builds small .pptx packages for tests: slides of text boxes and tables, hidden slides/shapes, notes, comments."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NSDECL = f'xmlns:p="{P_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}"'
DATE = (2024, 5, 20, 9, 30, 0)


@dataclass
class Slide:
    texts: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None
    hidden: bool = False
    hidden_shape: str | None = None
    notes: list[str] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)   # (author, text)


def _sp(sid: int, paragraphs: list[str], hidden: bool = False) -> str:
    paras = "".join(f"<a:p><a:r><a:t>{escape(t)}</a:t></a:r></a:p>" for t in paragraphs)
    hid = ' hidden="1"' if hidden else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="文本框 {sid}"{hid}/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            f"</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>{paras}</p:txBody></p:sp>")


def _table(sid: int, rows: list[list[str]]) -> str:
    trs = "".join("<a:tr>" + "".join(f"<a:tc><a:txBody><a:bodyPr/><a:p><a:r><a:t>{escape(c)}</a:t></a:r></a:p>"
                                     "</a:txBody></a:tc>" for c in row) + "</a:tr>" for row in rows)
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{sid}" name="表格 {sid}"/><p:cNvGraphicFramePr/>'
            f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm/><a:graphic><a:graphicData '
            f'uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>{trs}</a:tbl></a:graphicData>'
            "</a:graphic></p:graphicFrame>")


def build(path: Path, slides: list[Slide], author: str | None = None, extra: dict[str, bytes] | None = None,
          master: list[str] | None = None) -> Path:
    """Write the package; `master` puts text boxes on the slide master (shown on every slide) beside a title prompt."""
    files: dict[str, str | bytes] = {}
    types = ['<Default Extension="xml" ContentType="application/xml"/>',
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.presentationml.presentation.main+xml"/>']
    pres_rels, ids, authors = [], [], {}
    for n, slide in enumerate(slides, start=1):
        shapes = _sp(2, slide.texts) if slide.texts else ""
        if slide.table:
            shapes += _table(3, slide.table)
        if slide.hidden_shape:
            shapes += _sp(4, [slide.hidden_shape], hidden=True)
        show = ' show="0"' if slide.hidden else ""
        files[f"ppt/slides/slide{n}.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><p:sld {NSDECL}{show}>'
                                             f"<p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sld>")
        rels = []
        if slide.notes:
            image = _sp(2, ["幻灯片图像"]).replace("<p:nvPr/>", '<p:nvPr><p:ph type="sldImg"/></p:nvPr>')
            body = _sp(3, slide.notes).replace("<p:nvPr/>", '<p:nvPr><p:ph type="body"/></p:nvPr>')
            files[f"ppt/notesSlides/notesSlide{n}.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8"?><p:notes {NSDECL}><p:cSld><p:spTree>'
                f"{image}{body}</p:spTree></p:cSld></p:notes>")
            rels.append(f'<Relationship Id="rId1" Type="{REL}notesSlide" Target="../notesSlides/notesSlide{n}.xml"/>')
        if slide.comments:
            cms = ""
            for i, (who, text) in enumerate(slide.comments):
                aid = authors.setdefault(who, len(authors))
                cms += (f'<p:cm authorId="{aid}" dt="2024-05-20T09:30:00" idx="{i + 1}"><p:pos x="10" y="10"/>'
                        f"<p:text>{escape(text)}</p:text></p:cm>")
            files[f"ppt/comments/comment{n}.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><p:cmLst {NSDECL}>'
                                                     f"{cms}</p:cmLst>")
            rels.append(f'<Relationship Id="rId2" Type="{REL}comments" Target="../comments/comment{n}.xml"/>')
        if master:
            rels.append(f'<Relationship Id="rId3" Type="{REL}slideLayout" Target="../slideLayouts/slideLayout1.xml"/>')
        files[f"ppt/slides/_rels/slide{n}.xml.rels"] = _rels(rels)
        pres_rels.append(f'<Relationship Id="rId{n + 10}" Type="{REL}slide" Target="slides/slide{n}.xml"/>')
        ids.append(f'<p:sldId id="{255 + n}" r:id="rId{n + 10}"/>')
    if master:
        prompt = _sp(2, ["单击此处编辑母版标题样式"]).replace("<p:nvPr/>", '<p:nvPr><p:ph type="title"/></p:nvPr>')
        files["ppt/slideMasters/slideMaster1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><p:sldMaster {NSDECL}><p:cSld><p:spTree>{prompt}'
            f'{_sp(3, master)}</p:spTree></p:cSld></p:sldMaster>')
        files["ppt/slideLayouts/slideLayout1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><p:sldLayout {NSDECL}><p:cSld><p:spTree/></p:cSld></p:sldLayout>')
        files["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = _rels(
            [f'<Relationship Id="rId1" Type="{REL}slideMaster" Target="../slideMasters/slideMaster1.xml"/>'])
    if authors:
        files["ppt/commentAuthors.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><p:cmAuthorLst {NSDECL}>' + "".join(
                f'<p:cmAuthor id="{i}" name={quoteattr(n)} initials="" lastIdx="1" clrIdx="0"/>'
                for n, i in authors.items()) + "</p:cmAuthorLst>")
    files["ppt/presentation.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><p:presentation {NSDECL}>'
                                     f"<p:sldIdLst>{''.join(ids)}</p:sldIdLst></p:presentation>")
    files["ppt/_rels/presentation.xml.rels"] = _rels(pres_rels)
    files["_rels/.rels"] = _rels([f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="ppt/presentation.xml"/>'])
    if author:
        files["docProps/core.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{escape(author)}</dc:creator></cp:coreProperties>")
    files["[Content_Types].xml"] = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                                    f'openxmlformats.org/package/2006/content-types">{"".join(types)}</Types>')
    files.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, DATE), data if isinstance(data, bytes) else data.encode(),
                        compress_type=zipfile.ZIP_DEFLATED)
    return Path(path)


def _rels(items: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{"".join(items)}</Relationships>')
