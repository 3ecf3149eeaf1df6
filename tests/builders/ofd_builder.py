"""Builds small OFD (GB/T 33190) packages for tests: pages of text lines, DocInfo, annotations, attachments."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = "http://www.ofdspec.org/2016"
FIXED_DATE = (2024, 5, 20, 9, 30, 0)


@dataclass
class Line:
    """A line of text on a page; `per_char` writes one TextObject per character, as some converters do."""

    text: str
    visible: bool = True
    per_char: bool = False
    size: float = 4.2
    width: float | None = None   # a justified line of a wrapping paragraph spans the whole text width


@dataclass
class Ofd:
    pages: list[list[Line | str]] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)          # Title, Author, Creator, CreationDate …
    custom: dict[str, str] = field(default_factory=dict)        # CustomDatas
    annotations: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # page -> [(type, remark)]
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    template: list[str] = field(default_factory=list)           # lines on the template page (红头)
    images: dict[int, bytes] = field(default_factory=dict)      # page index -> PNG drawn over the whole page


def _text_objects(lines: list[Line | str], start_id: int) -> tuple[str, int]:
    out, oid, y = [], start_id, 30.0
    for line in lines:
        line = Line(line) if isinstance(line, str) else line
        vis = "" if line.visible else ' Visible="false"'
        chunks = list(enumerate(line.text)) if line.per_char else [(0, line.text)]
        for col, chunk in chunks:
            x = 25.0 + col * line.size
            width = line.width if line.width and not line.per_char else line.size * len(chunk)
            out.append(f'<ofd:TextObject ID="{oid}" Boundary="{x} {y} {width} {line.size * 1.4}" Font="1" '
                       f'Size="{line.size}"{vis}><ofd:TextCode X="0" Y="{line.size}">{escape(chunk)}'
                       "</ofd:TextCode></ofd:TextObject>")
            oid += 1
        y += line.size * 2
    return "".join(out), oid


def build(path: Path, doc: Ofd) -> Path:
    """Write the OFD package: OFD.xml → Doc_0/Document.xml → Pages/Page_n/Content.xml, Annots, Attachs."""
    files: dict[str, str | bytes] = {}
    info = "".join(f"<ofd:{k}>{escape(v)}</ofd:{k}>" for k, v in doc.info.items())
    if doc.custom:
        info += "<ofd:CustomDatas>" + "".join(
            f"<ofd:CustomData Name={quoteattr(k)}>{escape(v)}</ofd:CustomData>" for k, v in doc.custom.items()
        ) + "</ofd:CustomDatas>"
    files["OFD.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
                        f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0a1b2c</ofd:DocID>{info}'
                        "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    oid = 100
    pages, template_ref = [], ""
    if doc.template:
        body, oid = _text_objects(doc.template, oid)
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = _page_xml(body, "")
        template_ref = '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
    for n, lines in enumerate(doc.pages):
        body, oid = _text_objects(lines, oid)
        if n in doc.images:
            files[f"Doc_0/Res/image_{n}.png"] = doc.images[n]
            body += (f'<ofd:ImageObject ID="{oid}" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" '
                     f'ResourceID="{700 + n}"/>')
            oid += 1
        tpl = '<ofd:Template TemplateID="2" ZOrder="Background"/>' if doc.template else ""
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = _page_xml(body, tpl)
        pages.append(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>')
    extra = ""
    if doc.annotations:
        extra += "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>"
        refs = []
        for page, annots in doc.annotations.items():
            items = "".join(f'<ofd:Annot ID="{900 + i}" Type="{t}" Creator="审核人"><ofd:Remark>{escape(r)}'
                            f'</ofd:Remark><ofd:Appearance Boundary="0 0 50 10"/></ofd:Annot>'
                            for i, (t, r) in enumerate(annots))
            files[f"Doc_0/Annots/Page_{page - 1}/Annotation.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot xmlns:ofd="{NS}">{items}</ofd:PageAnnot>')
            refs.append(f'<ofd:Page PageID="{10 + page - 1}"><ofd:FileLoc>Page_{page - 1}/Annotation.xml'
                        "</ofd:FileLoc></ofd:Page>")
        files["Doc_0/Annots/Annotations.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations xmlns:ofd="{NS}">{"".join(refs)}'
            "</ofd:Annotations>")
    if doc.attachments:
        extra += "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>"
        items = []
        for i, (name, data) in enumerate(doc.attachments):
            files[f"Doc_0/Attachs/{i}.bin"] = data
            items.append(f'<ofd:Attachment ID="{800 + i}" Name={quoteattr(name)} Format="txt" Size="{len(data)}">'
                         f"<ofd:FileLoc>{i}.bin</ofd:FileLoc></ofd:Attachment>")
        files["Doc_0/Attachs/Attachments.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Attachments xmlns:ofd="{NS}">{"".join(items)}'
            "</ofd:Attachments>")
    res_ref = ""
    if doc.images:
        media = "".join(f'<ofd:MultiMedia ID="{700 + n}" Type="Image" Format="PNG"><ofd:MediaFile>image_{n}.png'
                        "</ofd:MediaFile></ofd:MultiMedia>" for n in doc.images)
        files["Doc_0/DocumentRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" '
                                          f'BaseLoc="Res"><ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>')
        res_ref = "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{oid}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
        f"</ofd:PageArea>{res_ref}{template_ref}</ofd:CommonData><ofd:Pages>{''.join(pages)}</ofd:Pages>{extra}"
        "</ofd:Document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, FIXED_DATE), data if isinstance(data, bytes) else data.encode(),
                        compress_type=zipfile.ZIP_DEFLATED)
    return Path(path)


def _page_xml(body: str, template: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{template}<ofd:Content>'
            f'<ofd:Layer ID="1">{body}</ofd:Layer></ofd:Content></ofd:Page>')
