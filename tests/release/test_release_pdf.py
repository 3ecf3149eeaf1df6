"""Release copies of PDF: values removed from the content (not covered), a failed black box fixed, notes, attachments and properties gone."""
from __future__ import annotations

import zlib
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from reviewer.pipeline import NullScanner, scan_file
from reviewer.release import RedactionTarget, make_release_copy
from reviewer.release.pdf_verify import pdf_texts
from tests.builders.pdf_builder import PdfBuilder, add_attachment, add_file_annotation, add_note
from tests.release.helpers import survivors

ID = "530102198703150011"
TARGETS = [RedactionTarget(ID, "CN_RESIDENT_ID", {"part": "body", "page": 1}),
           RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"part": "body", "page": 1}),
           RedactionTarget("王小明", "PERSON", {"part": "body", "page": 1})]
CONCEALED = ["13900001111", "请核实此人住址", "审核员乙", "附件里的身份证", "王起草", "县民政局内部", "XMPJS",
             "XMP-DRAFTER", "app.alert"]
PAGE2 = "第二页：本页没有个人信息，应当保留文字。"


def build(tmp_path: Path) -> Path:
    b = PdfBuilder(tmp_path / "公示.pdf", metadata={"author": "王起草", "title": "县民政局内部", "creator": "WPS"})
    b.line("关于发放临时救助金的公示")
    b.line(f"申请人王小明，身份证号码：{ID}。")
    b.line("联系电话：1381234")          # a value wrapped across two lines
    b.line("5678，住址另行通知。")
    b.line("以上公示期为七天。")
    b.new_page()
    b.line(PAGE2)
    b.new_page()
    line = b.line("被遮盖的手机号 13900001111 之后的文字")
    b.box_over("被遮盖的手机号 ", "13900001111", line)      # the classic failed redaction
    b.line("第三页末尾的说明文字。")
    path = b.save()
    add_note(path, 2, "请核实此人住址", author="审核员乙")
    add_attachment(path, "名单.txt", "附件里的身份证 530102198703150011".encode())
    add_file_annotation(path, 2, "备注.txt", "附件里的身份证".encode())
    return _add_script_and_xmp(path)


def _add_script_and_xmp(path: Path) -> Path:
    """A document-level JavaScript and an XMP packet naming the drafter (what Acrobat keeps after "remove author")."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    from pypdf.actions import JavaScript
    writer.add_open_action(JavaScript("app.alert('XMPJS-13900001111');"))
    xmp = DecodedStreamObject()
    xmp.set_data('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>王起草 XMP-DRAFTER</dc:creator></x:xmpmeta>'.encode())
    xmp[NameObject("/Type")], xmp[NameObject("/Subtype")] = NameObject("/Metadata"), NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = path.with_name("公示-终稿.pdf")
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("pdf")
    src = build(tmp_path)
    return src, make_release_copy(src, "pdf", TARGETS, tmp_path / "发布稿.pdf", scanner=NullScanner())


def _raw_streams(path: Path) -> list[bytes]:
    """Every stream of the file inflated by hand (zlib), plus the bytes as stored."""
    data = path.read_bytes()
    out = [data]
    at = 0
    while (at := data.find(b"stream", at)) >= 0:
        start = at + len(b"stream")
        start += 2 if data[start:start + 2] == b"\r\n" else 1
        try:
            out.append(zlib.decompressobj().decompress(data[start:start + 20_000_000]))
        except zlib.error:
            pass
        at = start
    return out


def test_source_has_the_failed_redaction(tmp_path: Path):
    report = scan_file(build(tmp_path), scanner=NullScanner())
    concealed = {f.detail: f for f in report.findings if f.type == "HIDDEN_CONTENT"}
    assert "covered_text" in concealed and "13900001111" in concealed["covered_text"].text
    assert concealed["covered_text"].location.page == 3


def test_no_value_and_no_concealed_text_by_any_library(released):
    _, result = released
    texts = {f"{where} #{i}": text for i, (where, text) in enumerate(pdf_texts(result.path))}
    assert survivors(texts, [t.text for t in TARGETS] + CONCEALED) == []
    values = [t.text for t in TARGETS] + CONCEALED
    for blob in _raw_streams(result.path):
        for v in values:
            assert v.encode() not in blob and v.encode("utf-16-be") not in blob


def test_pdfplumber_and_pypdf_read_no_value(released):
    _, result = released
    with pdfplumber.open(str(result.path)) as pdf:
        plumber = [p.extract_text() or "" for p in pdf.pages]
    reader = PdfReader(str(result.path))
    pypdf_text = [p.extract_text() or "" for p in reader.pages]
    assert plumber[0] == "" and plumber[2] == ""                     # pages 1 and 3 are images
    assert PAGE2 in plumber[1] and PAGE2 in pypdf_text[1].replace(" ", "")  # page 2 keeps its text
    assert len(reader.pages) == 3
    assert all(ID not in t for t in plumber + pypdf_text)


def test_notes_attachments_and_properties_gone(released):
    _, result = released
    reader = PdfReader(str(result.path))
    assert not reader.metadata
    assert "/Names" not in reader.trailer["/Root"] and "/Metadata" not in reader.trailer["/Root"]
    assert all("/Annots" not in p for p in reader.pages)
    report = scan_file(result.path, scanner=NullScanner())
    assert report.status == "ok"
    assert [f.type for f in report.findings if f.type in ("HIDDEN_CONTENT", "DOCUMENT_METADATA")] == []


def test_blacked_out_boxes_cover_the_values_on_the_image(released):
    """Page 1 as an image: dark pixels where the ID was, the title line still light between its characters."""
    import pypdfium2 as pdfium
    _, result = released
    image = pdfium.PdfDocument(str(result.path))[0].render(scale=1).to_pil().convert("L")
    # second line: baseline 750 pt from the bottom (y 92 from the top), the ID from x ≈ 228 to 336
    y = round(image.height - 750 - 4)
    assert all(image.getpixel((x, y)) < 40 for x in range(236, 324))
    title = [image.getpixel((x, y - 20)) for x in range(72, 300)]        # the title line above is text
    assert min(title) < 100 and max(title) > 200


def test_removed_lines(released):
    _, result = released
    text = "\n".join(result.removed)
    assert "已删除 身份证号：5301**********0011" in text and "138****5678" in text
    assert "第 1 页已转为图像" in text and "第 3 页已转为图像" in text and "被遮盖的文字" in text
    assert "第 2 页" not in text.replace("第 2 页的注释", "")
    assert "已删除注释" in text and "附件" in text and "文档属性" in text
    assert "已删除脚本和自动动作" in text and "已删除 XMP 元数据" in text


def hidden_layer_pdf(tmp_path: Path) -> Path:
    """A page whose second line sits in an optional-content layer switched off by default."""
    from pypdf import PdfWriter
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject,
                               TextStringObject)
    b = PdfBuilder(tmp_path / "图层-原稿.pdf")
    b.line("图层页：这一行是看得见的。")
    src = b.save()
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    ocg = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/OCG"),
                                               NameObject("/Name"): TextStringObject("备注层")}))
    page = writer.pages[0]
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    resources = page["/Resources"]
    resources[NameObject("/Properties")] = DictionaryObject({NameObject("/L1"): ocg})
    resources["/Font"][NameObject("/FH")] = font
    stream = DecodedStreamObject()
    stream.set_data(b"/OC /L1 BDC BT /FH 12 Tf 72 600 Td (LAYER 13912345678) Tj ET EMC")
    page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(stream)])
    writer._root_object[NameObject("/OCProperties")] = DictionaryObject({
        NameObject("/OCGs"): ArrayObject([ocg]),
        NameObject("/D"): DictionaryObject({NameObject("/OFF"): ArrayObject([ocg])})})
    with open(tmp_path / "图层.pdf", "wb") as fh:
        writer.write(fh)
    return tmp_path / "图层.pdf"


def test_hidden_layer_page_is_rendered_without_the_layer(tmp_path: Path):
    src = hidden_layer_pdf(tmp_path)
    with pdfplumber.open(str(src)) as pdf:
        assert "13912345678" in pdf.pages[0].extract_text()        # in the file, not on screen
    result = make_release_copy(src, "pdf", [], tmp_path / "发布稿.pdf", scanner=NullScanner())
    assert any("隐藏图层" in line for line in result.removed)
    texts = dict((f"{w}#{i}", t) for i, (w, t) in enumerate(pdf_texts(result.path)))
    assert survivors(texts, ["13912345678", "LAYER"]) == []
    for blob in _raw_streams(result.path):
        assert b"13912345678" not in blob


def form_pdf(tmp_path: Path) -> Path:
    """Two pages with filled form fields: a phone number on page 1, an approval code on page 2."""
    from reportlab.pdfgen import canvas as rl_canvas
    path = tmp_path / "申请表单.pdf"
    c = rl_canvas.Canvas(str(path))
    c.drawString(72, 760, "Phone:")
    c.acroForm.textfield(name="phone", value="13812345678", x=130, y=750, width=160, height=20)
    c.showPage()
    c.drawString(72, 760, "Code:")
    c.acroForm.textfield(name="code", value="APPROVED-2024", x=130, y=750, width=160, height=20)
    c.showPage()
    c.save()
    return path


def test_filled_form_fields_are_flattened_then_redacted(tmp_path: Path):
    src = form_pdf(tmp_path)
    target = RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"part": "body", "page": 1})
    result = make_release_copy(src, "pdf", [target], tmp_path / "发布稿.pdf", scanner=NullScanner())
    texts = {f"{w}#{i}": t for i, (w, t) in enumerate(pdf_texts(result.path))}
    assert survivors(texts, ["13812345678"]) == []
    with pdfplumber.open(str(result.path)) as pdf:
        assert "APPROVED-2024" in (pdf.pages[1].extract_text() or "")     # the kept field is page text now
    assert "/AcroForm" not in PdfReader(str(result.path)).trailer["/Root"]
    assert any("表单域" in line for line in result.removed)


def test_value_only_in_a_page_image_is_covered_by_its_finding_box(tmp_path: Path):
    """A scanned page: no text layer; the value is blacked out where OCR places it inside the finding's box."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas
    import pypdfium2 as pdfium
    from reviewer.parsers import ocr
    scan = Image.new("RGB", (1600, 120), "white")
    ImageDraw.Draw(scan).text((10, 30), "TELEPHONE NUMBER 13812345678", fill="black",
                              font=ImageFont.load_default(size=60))
    path = tmp_path / "扫描件.pdf"
    c = rl_canvas.Canvas(str(path), pagesize=(595, 842))
    c.drawImage(ImageReader(scan), 40, 652, 520, 39)          # the line sits 151–190 pt from the top, text 167–179
    c.save()
    target = RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"part": "body", "page": 1, "bbox": [40, 151, 560, 190]})
    result = make_release_copy(path, "pdf", [target], tmp_path / "发布稿.pdf", scanner=NullScanner())
    assert any("图像中的内容" in line for line in result.removed)
    image = pdfium.PdfDocument(str(result.path))[0].render(scale=1).to_pil().convert("L")
    number = [image.getpixel((x, y)) for x in range(250, 362, 4) for y in range(166, 181, 2)]
    assert max(number) < 40                                      # the number is under black
    label = [image.getpixel((x, y)) for x in range(45, 140, 2) for y in range(167, 180, 2)]
    if ocr.enabled():                                            # OCR placed it: the label stays readable
        assert max(label) > 200 and min(label) < 100
