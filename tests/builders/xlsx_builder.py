"""Build .xlsx test files with openpyxl, raw-XML edits for what it has no API for, and hostile variants."""
from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(first17: str) -> str:
    """An 18-digit 居民身份证号 with its ISO 7064 MOD 11-2 check character."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS))
    return first17 + "10X98765432"[total % 11]


def masked(id_number: str) -> str:
    return id_number[:4] + "*" * 10 + id_number[-4:]


# 低保 recipients: (name, full ID, address, monthly amount)
PEOPLE = [
    ("张三", resident_id("53232819870315001"), "某县某镇某村一组 12 号", 560),
    ("李四", resident_id("53232819650702002"), "某县某镇某村二组 3 号", 480),
    ("王五", resident_id("53232820010911003"), "某县某镇某村三组 7 号", 610),
    ("赵六", resident_id("53232819781224004"), "某县某镇某村四组 21 号", 520),
]
HEADER = ["序号", "姓名", "身份证号", "身份证号码", "家庭住址", "月保障金（元）"]


def dibao_sheet(ws, people=PEOPLE, title: str | None = "某镇 2026 年第一季度城乡低保公示名单") -> None:
    """The classic leak: a masked ID column shown, the full ID column D beside it (hidden by the caller)."""
    if title:
        ws.append([title])
    ws.append(HEADER)
    for i, (name, full, address, amount) in enumerate(people, 1):
        ws.append([i, name, masked(full), full, address, amount])


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def workbook(path: Path, build: Callable[[openpyxl.Workbook], None]) -> Path:
    """A workbook whose default sheet the callback fills (and may rename, hide, add to)."""
    wb = openpyxl.Workbook()
    build(wb)
    return save(wb, path)


def dibao_workbook(path: Path) -> Path:
    """Every concealment of the scenario at once: hidden column, row, sheets, comment, names, properties."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公示名单"
    dibao_sheet(ws)
    ws.column_dimensions["D"].hidden = True
    ws.row_dimensions[6].hidden = True
    ws["B3"].comment = Comment("该户 2025 年已退出，待核实", "王科员")
    raw = wb.create_sheet("原始数据")
    dibao_sheet(raw, title=None)
    raw.sheet_state = "hidden"
    backup = wb.create_sheet("备份")
    backup.append(["联系人", "电话"])
    backup.append(["张三", "13812345678"])
    backup.sheet_state = "veryHidden"
    wb.defined_names["联系人"] = DefinedName("联系人", attr_text='"张三 13812345678"')
    wb.defined_names["区域"] = DefinedName("区域", attr_text="'公示名单'!$A$1:$F$6")
    p = wb.properties
    p.creator, p.lastModifiedBy, p.title = "李明", "王科员", "低保公示"
    p.subject, p.keywords, p.description, p.category = "低保", "低保;公示", "内部核对用", "民政"
    wb.save(path)
    set_app_properties(path, company="某县民政局", manager="赵局长")
    return path


# ---------------------------------------------------------------- raw edits
def edit_zip(path: Path, edits: dict[str, Callable[[str], str]] | None = None,
             add: dict[str, bytes] | None = None) -> Path:
    """Rewrite parts of a saved workbook in place (text → text), and add new members."""
    edits, add = edits or {}, add or {}
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, data)
        for name, data in add.items():
            dst.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def set_app_properties(path: Path, company: str, manager: str) -> Path:
    """openpyxl writes a fresh app.xml on save: add Company and Manager by hand."""
    extra = f"<Company>{escape(company)}</Company><Manager>{escape(manager)}</Manager>"
    return edit_zip(path, {"docProps/app.xml": lambda x: x.replace("</Properties>", extra + "</Properties>")})


def sheet_xml_edit(path: Path, pattern: str, replacement: str, part: str = "xl/worksheets/sheet1.xml") -> Path:
    def edit(text: str) -> str:
        new, n = re.subn(pattern, replacement, text, count=1)
        assert n == 1, f"{pattern!r} not found in {part}"
        return new
    return edit_zip(path, {part: edit})


def shared_strings(path: Path) -> Path:
    """Turn openpyxl's inline strings into a sharedStrings part, as Excel and WPS write them."""
    table: list[str] = []

    def to_shared(text: str) -> str:
        def repl(m: re.Match) -> str:
            table.append(m.group(3))
            return f'<c{m.group(1)}t="s"{m.group(2)}><v>{len(table) - 1}</v></c>'
        return re.sub(r'<c([^>]*?)t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', repl, text)

    with zipfile.ZipFile(path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    edit_zip(path, {n: to_shared for n in sheets})
    return _add_shared_strings(path, [f"<si><t>{t}</t></si>" for t in table])


def _add_shared_strings(path: Path, items: list[str],
                        edits: dict[str, Callable[[str], str]] | None = None) -> Path:
    """Add xl/sharedStrings.xml (items are <si> elements) with its relationship and content type."""
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="{len(items)}" uniqueCount="{len(items)}">'
           + "".join(items) + "</sst>")
    rel = ('<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    ctype = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    return edit_zip(path, {**(edits or {}),
                           "xl/_rels/workbook.xml.rels": lambda x: x.replace("</Relationships>", rel),
                           "[Content_Types].xml": lambda x: x.replace("</Types>", ctype)},
                    add={"xl/sharedStrings.xml": sst.encode("utf-8")})


# ---------------------------------------------------------------- hostile files
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_file(path: Path, stream_names: list[str]) -> Path:
    """A minimal OLE compound file: header sector plus a directory sector naming the streams."""
    header = OLE_MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header = header.ljust(512, b"\x00")
    entries = b""
    for name in ["Root Entry", *stream_names]:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entries += raw.ljust(64, b"\x00") + struct.pack("<H", len(raw)) + b"\x02".ljust(62, b"\x00")
    path.write_bytes(header + entries.ljust(512 * ((len(entries) // 512) + 1), b"\x00"))
    return path


def encrypted_xlsx(path: Path) -> Path:
    """What Excel writes for a password-protected workbook: OLE with EncryptionInfo and EncryptedPackage."""
    return ole_file(path, ["EncryptionInfo", "EncryptedPackage"])


def legacy_xls(path: Path) -> Path:
    """An Excel 97-2003 .xls: an OLE container with a Workbook stream."""
    return ole_file(path, ["Workbook", "\x05SummaryInformation"])


def truncated(src: Path, dst: Path, keep: float = 0.6) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * keep)])
    return dst


def zip_bomb(path: Path, unpacked_mb: int = 4) -> Path:
    """A valid small workbook whose sheet part unpacks to megabytes of padding."""
    workbook(path, lambda wb: wb.active.append(["姓名", "住址"]))
    padding = " " * (unpacked_mb * 1024 * 1024)
    return edit_zip(path, {"xl/worksheets/sheet1.xml": lambda x: x.replace("<sheetData>", padding + "<sheetData>")})


# ---------------------------------------------------------------- large sheet for measurements
def big_sheet(path: Path, rows: int = 100_000, cols: int = 8) -> Path:
    """A 低保-style sheet of rows × cols written as Excel does (shared strings, numbers), streamed to disk."""
    names = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"]
    strings: list[str] = []
    index: dict[str, int] = {}

    def sst(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    heads = ["序号", "姓名", "身份证号码", "家庭住址", "联系电话", "人口", "月保障金", "备注"][:cols]
    body = io.StringIO()
    body.write('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main"><cols><col min="3" max="3" width="20" hidden="1"/></cols><sheetData>')
    body.write('<row r="1">' + "".join(f'<c r="{chr(65 + j)}1" t="s"><v>{sst(h)}</v></c>'
                                      for j, h in enumerate(heads)) + "</row>")
    for i in range(2, rows + 2):
        values = [("n", str(i - 1)), ("s", sst(names[i % 8])),
                  ("s", sst(resident_id(f"5323281987{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 1000:03d}"))),
                  ("s", sst(f"某县某镇某村{i % 50}组{i % 200}号")), ("n", str(13800000000 + i)),
                  ("n", str(i % 5 + 1)), ("n", f"{400 + i % 300}.5"), ("s", sst("无"))][:cols]
        body.write(f'<row r="{i}">')
        for j, (t, v) in enumerate(values):
            kind = ' t="s"' if t == "s" else ""
            body.write(f'<c r="{chr(65 + j)}{i}"{kind}><v>{v}</v></c>')
        body.write("</row>")
    body.write("</sheetData></worksheet>")
    workbook(path, lambda wb: None)
    return _add_shared_strings(path, [f"<si><t>{escape(s)}</t></si>" for s in strings],
                               {"xl/worksheets/sheet1.xml": lambda _x: body.getvalue()})


# ---------------------------------------------------------------- parts openpyxl cannot write
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def add_relationship(path: Path, rels_part: str, rel_id: str, rel_type: str, target: str) -> Path:
    """Add one relationship to a .rels part, creating the part when the source has none yet."""
    rel = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/>'
    with zipfile.ZipFile(path) as zf:
        exists = rels_part in zf.namelist()
    if exists:
        return edit_zip(path, {rels_part: lambda x: x.replace("</Relationships>", rel + "</Relationships>")})
    xml = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
           f'package/2006/relationships">{rel}</Relationships>')
    return edit_zip(path, add={rels_part: xml.encode("utf-8")})


def add_text_box(path: Path, text: str, hidden: bool = False) -> Path:
    """A text box (DrawingML shape) over the first sheet, hidden when asked."""
    flag = ' hidden="1"' if hidden else ""
    drawing = (
        '<?xml version="1.0" encoding="UTF-8"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/'
        'drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
        '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff>'
        '<xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink="">'
        f'<xdr:nvSpPr><xdr:cNvPr id="2" name="文本框 1"{flag}/>'
        '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/><xdr:txBody><a:bodyPr/>'
        f'<a:p><a:r><a:t>{escape(text)}</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/>'
        '</xdr:twoCellAnchor></xdr:wsDr>')
    ctype = ('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.drawing+xml"/></Types>')
    edit_zip(path, {"[Content_Types].xml": lambda x: x.replace("</Types>", ctype),
                    "xl/worksheets/sheet1.xml": lambda x: x.replace(
                        "</worksheet>", f'<drawing xmlns:r="{REL_NS}" r:id="rIdDr1"/></worksheet>')},
             add={"xl/drawings/drawing1.xml": drawing.encode("utf-8")})
    return add_relationship(path, "xl/worksheets/_rels/sheet1.xml.rels", "rIdDr1", f"{REL_NS}/drawing",
                            "../drawings/drawing1.xml")


def add_threaded_comment(path: Path, ref: str, text: str, person: str) -> Path:
    """An Excel 365 threaded comment on the first sheet, with its author in xl/persons/person.xml."""
    ns = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
    pid = "{6F3A2C1B-0000-4000-8000-000000000001}"
    persons = (f'<?xml version="1.0" encoding="UTF-8"?><personList xmlns="{ns}"><person displayName='
               f'"{escape(person)}" id="{pid}" userId="{escape(person)}" providerId="None"/></personList>')
    comments = (f'<?xml version="1.0" encoding="UTF-8"?><ThreadedComments xmlns="{ns}"><threadedComment '
                f'ref="{ref}" dT="2026-03-01T09:00:00.00" personId="{pid}" id="{{00000000-0000-4000-8000-'
                f'000000000002}}"><text>{escape(text)}</text></threadedComment></ThreadedComments>')
    edit_zip(path, add={"xl/persons/person.xml": persons.encode("utf-8"),
                        "xl/threadedComments/threadedComment1.xml": comments.encode("utf-8")})
    add_relationship(path, "xl/_rels/workbook.xml.rels", "rIdPerson",
                     "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml")
    return add_relationship(path, "xl/worksheets/_rels/sheet1.xml.rels", "rIdTc1",
                            "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
                            "../threadedComments/threadedComment1.xml")


if __name__ == "__main__":  # python -m tests.builders.xlsx_builder OUT.xlsx [ROWS] [COLS]
    import sys
    out = big_sheet(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:4]))
    print(f"{out}: {out.stat().st_size / 1048576:.1f} MB")


def add_pivot_cache(path: Path, source_sheet: str, fields: list[str], records: list[list],
                    save_records: bool = True) -> Path:
    """A pivot cache as Excel keeps it: the first field's text in sharedItems (records point at it by
    index), other text inline, numbers as <n>. The pivot table itself is left out: the cache is the leak."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    names = sorted({r[0] for r in records})
    shared = "".join(f'<s v="{escape(n)}"/>' for n in names)
    cache_fields = f'<cacheField name="{escape(fields[0])}"><sharedItems>{shared}</sharedItems></cacheField>' + "".join(
        f'<cacheField name="{escape(f)}"><sharedItems/></cacheField>' for f in fields[1:])
    definition = (f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheDefinition xmlns="{main}" '
                  f'xmlns:r="{REL_NS}" r:id="rIdRec" recordCount="{len(records)}"><cacheSource type="worksheet">'
                  f'<worksheetSource ref="A1:C{len(records) + 1}" sheet="{escape(source_sheet)}"/></cacheSource>'
                  f'<cacheFields count="{len(fields)}">{cache_fields}</cacheFields></pivotCacheDefinition>')

    def item(v) -> str:
        return f'<n v="{v}"/>' if isinstance(v, (int, float)) else f'<s v="{escape(str(v))}"/>'
    rows = "".join("<r>" + f'<x v="{names.index(r[0])}"/>' + "".join(item(v) for v in r[1:]) + "</r>"
                   for r in records)
    recs = (f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheRecords xmlns="{main}" '
            f'count="{len(records)}">{rows}</pivotCacheRecords>')
    add = {"xl/pivotCache/pivotCacheDefinition1.xml": definition.encode("utf-8")}
    if save_records:
        add["xl/pivotCache/pivotCacheRecords1.xml"] = recs.encode("utf-8")
    edit_zip(path, add=add)
    if save_records:
        add_relationship(path, "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", "rIdRec",
                         f"{REL_NS}/pivotCacheRecords", "pivotCacheRecords1.xml")
    return add_relationship(path, "xl/_rels/workbook.xml.rels", "rIdPc1", f"{REL_NS}/pivotCacheDefinition",
                            "pivotCache/pivotCacheDefinition1.xml")
