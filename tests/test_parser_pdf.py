"""The PDF parser: page text in order, covered/white/invisible text, notes, attachments, properties, bad PDFs."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from reviewer.document import ParseContext
from reviewer.errors import (CorruptFileError, EncryptedPdfError, LimitExceededError, NoTextLayerError,
                             ParseTimeoutError)
from reviewer.limits import Limits
from reviewer.parsers import pdf
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.pdf_builder import (PdfBuilder, add_attachment, add_file_annotation, add_note,
                                        encrypt, text_pdf, truncate)

ID = "530102198703150011"
PHONE = "13812345678"


def parse(path: Path, **limits) -> tuple[list, ParseContext]:
    ctx = ParseContext(limits=Limits(**limits)) if limits else ParseContext()
    return list(pdf.parse(path, ctx)), ctx


def body(segments) -> list[str]:
    return [s.text for s in segments if s.location.part == "body"]


def concealed(segments, kind: str) -> list:
    return [s for s in segments if s.concealed == kind]


def scan(path: Path) -> dict:
    return scan_file(path, scanner=NullScanner()).to_dict()


# --- page text -------------------------------------------------------------------------------

def test_pages_in_order_with_locations(tmp_path):
    path = text_pdf(tmp_path / "通知.pdf", [
        ["关于做好2024年政府信息公开工作的通知", "各乡镇人民政府，县直各部门："],
        ["二、工作要求", "请于3月31日前报送。"],
        ["某某县人民政府办公室", "2024年1月5日"],
    ])
    segments, ctx = parse(path)
    assert ctx.pages == 3
    assert body(segments) == ["关于做好2024年政府信息公开工作的通知", "各乡镇人民政府，县直各部门：",
                              "二、工作要求", "请于3月31日前报送。", "某某县人民政府办公室", "2024年1月5日"]
    locs = [s.location for s in segments]
    assert [(l.page, l.paragraph) for l in locs] == [(1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1)]
    first, second = locs[0].bbox, locs[1].bbox
    # x0, top, x1, bottom in points from the top-left corner: line 2 sits below line 1
    assert first[0] == pytest.approx(72, abs=2) and first[1] < first[3] < second[1] < second[3]
    assert all(s.concealed is None for s in segments)


def test_scan_record_counts_pages_and_characters(tmp_path):
    path = text_pdf(tmp_path / "a.pdf", [["第一页"], ["第二页"]])
    rec = scan(path)
    assert (rec["status"], rec["format"], rec["verdict"]) == ("ok", "pdf", "clear")
    assert rec["stats"]["pages"] == 2 and rec["stats"]["chars"] == len("第一页\n第二页")


# --- covered text (a failed redaction) ---------------------------------------------------------

def _covered_pdf(path: Path, *, rgb=(0, 0, 0), cover: str = "box") -> Path:
    b = PdfBuilder(path)
    b.line("申请人信息")
    line = b.line(f"身份证号：{ID}，电话{PHONE}")
    if cover == "box":
        b.box_over("身份证号：", ID, line, rgb=rgb)
    elif cover == "image":
        b.image(*b.span("身份证号：", ID, line))
    elif cover == "rule":  # a strike-through line: thin, drawn after the text
        b.rect(line[0], (line[1] + line[3]) / 2, 200, 1, rgb=rgb)
    return b.save()


@pytest.mark.parametrize("rgb, cover", [
    # dark boxes and opaque images drawn after the text hide it: the text is still in the file
    ((0, 0, 0), "box"),
    ((0.3, 0.3, 0.3), "box"),
    ((0, 0, 0.4), "box"),
    (None, "image"),
])
def test_dark_box_or_image_over_text_is_covered_text(tmp_path, rgb, cover):
    path = _covered_pdf(tmp_path / "公示.pdf", rgb=rgb or (0, 0, 0), cover=cover)
    segments, _ = parse(path)
    covered = concealed(segments, "covered_text")
    assert [s.text for s in covered] == [ID]
    assert covered[0].location.part == "covered_text" and covered[0].location.page == 1
    assert covered[0].group == "covered:1" and covered[0].location.bbox is not None
    # the covered number is no longer part of the visible line
    assert body(segments) == ["申请人信息", f"身份证号：，电话{PHONE}"]


@pytest.mark.parametrize("rgb, cover", [
    # not a cover: white (a table or text-box background) and coloured boxes (red seals, highlights)
    ((1, 1, 1), "box"),
    ((1, 0, 0), "box"),
    ((1, 1, 0.6), "box"),
    # thin rules (strike-through, underline, table borders) hide nothing
    ((0, 0, 0), "rule"),
])
def test_light_boxes_and_rules_leave_text_in_the_body(tmp_path, rgb, cover):
    segments, _ = parse(_covered_pdf(tmp_path / "a.pdf", rgb=rgb, cover=cover))
    assert not concealed(segments, "covered_text")
    assert body(segments)[1] == f"身份证号：{ID}，电话{PHONE}"


def test_box_drawn_before_text_is_a_background(tmp_path):
    b = PdfBuilder(tmp_path / "a.pdf")
    b.rect(60, b.y - 6, 300, 24, rgb=(0, 0, 0))
    b.line("深色底上的白字标题", rgb=(1, 1, 1))
    b.line("正文第一段")
    segments, _ = parse(b.save())
    assert body(segments) == ["深色底上的白字标题", "正文第一段"]
    assert not concealed(segments, "covered_text") and not concealed(segments, "white_text")


@pytest.mark.parametrize("box_rgb, text_rgb, kind", [
    # Word's black highlight under black text: a failed redaction with the box drawn first
    ((0, 0, 0), (0, 0, 0), "covered_text"),
    ((0.1, 0.1, 0.3), (0.15, 0.1, 0.35), "covered_text"),
    # white text on a white box: as unreadable as on the white page
    ((1, 1, 1), (1, 1, 1), "white_text"),
    # readable: black on grey shading or on a white table cell, white on a dark band
    ((0.8, 0.8, 0.8), (0, 0, 0), None),
    ((1, 1, 1), (0, 0, 0), None),
    ((0, 0, 0.5), (1, 1, 1), None),
])
def test_text_on_a_box_of_its_own_colour(tmp_path, box_rgb, text_rgb, kind):
    b = PdfBuilder(tmp_path / "a.pdf")
    b.line("申请人信息")
    b.rect(60, b.y - 6, 400, 24, rgb=box_rgb)
    b.line(f"身份证号：{ID}", rgb=text_rgb)
    segments, _ = parse(b.save())
    hidden = [(s.text, s.concealed) for s in segments if s.concealed]
    if kind is None:
        assert hidden == [] and body(segments) == ["申请人信息", f"身份证号：{ID}"]
    else:
        assert hidden == [(f"身份证号：{ID}", kind)] and body(segments) == ["申请人信息"]


def test_box_inside_a_form_xobject_still_covers(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from tests.builders.pdf_builder import FONT
    b = PdfBuilder(tmp_path / "a.pdf")
    line = b.line(f"联系电话：{PHONE}")
    c = b.canvas
    c.beginForm("redaction")
    c.rect(0, 0, 70, 16, fill=1, stroke=0)
    c.endForm()
    c.saveState()
    c.translate(line[0] + pdfmetrics.stringWidth("联系电话：", FONT, 12) - 1, line[1])
    c.doForm("redaction")
    c.restoreState()
    segments, _ = parse(b.save())
    assert [s.text for s in concealed(segments, "covered_text")] == [PHONE]
    assert body(segments) == ["联系电话："]


def test_covered_text_is_one_hidden_content_finding_per_page(tmp_path):
    b = PdfBuilder(tmp_path / "名单.pdf")
    for name in ("张三", "李四"):
        line = b.line(f"{name} 身份证号：{ID}")
        b.box_over(f"{name} 身份证号：", ID, line)
    rec = scan(b.save())
    hidden = [f for f in rec["findings"] if f["type"] == "HIDDEN_CONTENT"]
    assert [(f["detail"], f["location"]["part"], f["location"]["page"]) for f in hidden] == [
        ("covered_text", "covered_text", 1)]
    assert hidden[0]["text"] == ID
    assert rec["verdict"] == "review"


# --- white and invisible text -----------------------------------------------------------------

@pytest.mark.parametrize("rgb, mode", [
    ((1, 1, 1), 0),        # white on a white page
    ((0, 0, 0), 3),        # render mode 3: invisible
    ((0.99, 0.99, 0.99), 0),  # near-white
])
def test_white_or_invisible_text_is_concealed(tmp_path, rgb, mode):
    b = PdfBuilder(tmp_path / "a.pdf")
    b.line("正文内容")
    b.line("内部资料 不得外传", rgb=rgb, mode=mode)
    segments, _ = parse(b.save())
    white = concealed(segments, "white_text")
    assert [s.text for s in white] == ["内部资料 不得外传"]
    assert (white[0].location.part, white[0].group) == ("hidden_text", "white:1")
    assert body(segments) == ["正文内容"]


def test_ocr_layer_of_a_scanned_page_is_body_text(tmp_path):
    b = PdfBuilder(tmp_path / "扫描件.pdf")
    b.ocr_page(["关于印发工作方案的通知", "各有关单位："])
    segments, ctx = parse(b.save())
    assert body(segments) == ["关于印发工作方案的通知", "各有关单位："]
    assert not concealed(segments, "white_text") and not concealed(segments, "covered_text")
    # the reviewer is told the text was recognised by software, not typed
    assert ctx.notes == ["第1页是扫描页，文字取自文件自带的文字识别（OCR）层，可能有识别错误，需人工核对"]


# --- annotations, attachments, properties -------------------------------------------------------

@pytest.mark.parametrize("subtype", ["/Text", "/FreeText"])
def test_annotation_with_contents_and_author(tmp_path, subtype):
    path = text_pdf(tmp_path / "a.pdf", [["第一页"], ["第二页"]])
    add_note(path, 2, f"此处删去申请人电话{PHONE}", author="王科长", subtype=subtype)
    segments, _ = parse(path)
    notes = concealed(segments, "annotation")
    assert [(s.text, s.location.part, s.location.page, s.location.author, s.group) for s in notes] == [
        (f"此处删去申请人电话{PHONE}", "annotation", 2, "王科长", "annot:2:0")]
    assert body(segments) == ["第一页", "第二页"]


def test_annotation_is_a_hidden_content_finding_naming_its_author(tmp_path):
    path = text_pdf(tmp_path / "a.pdf", [["正文"]])
    add_note(path, 1, "请核实", author="王科长")
    rec = scan(path)
    [f] = [f for f in rec["findings"] if f["type"] == "HIDDEN_CONTENT"]
    assert (f["detail"], f["text"], f["location"]["author"]) == ("annotation", "请核实", "王科长")
    assert "王科长" in f["explanation"]


def test_popup_without_contents_is_not_reported(tmp_path):
    path = text_pdf(tmp_path / "a.pdf", [["正文"]])
    add_note(path, 1, "", author="王科长")
    segments, _ = parse(path)
    assert not concealed(segments, "annotation")


@pytest.mark.parametrize("attach", ["document", "page"])
def test_attached_file_is_reported_by_name(tmp_path, attach):
    path = text_pdf(tmp_path / "a.pdf", [["正文"]])
    if attach == "document":
        add_attachment(path, "低保名单.xlsx", b"PK\x03\x04 data")
    else:
        add_file_annotation(path, 1, "低保名单.xlsx", b"PK\x03\x04 data")
    segments, _ = parse(path)
    files = concealed(segments, "embedded_file")
    assert [s.text for s in files] == ["低保名单.xlsx"]
    assert files[0].location.part == "annotation"
    assert files[0].location.page == (1 if attach == "page" else None)


def test_metadata_fields(tmp_path):
    path = text_pdf(tmp_path / "a.pdf", [["正文"]], author="张三", creator="WPS 文字", title="关于X的通知",
                    subject="政务公开", keywords="低保 公示", producer="Acme PDF")
    segments, _ = parse(path)
    meta = {s.location.field: s.text for s in segments if s.location.part == "metadata"}
    # a PDF's /Creator is the program that made it: reported as creator_tool, not as a person
    assert meta == {"author": "张三", "creator_tool": "WPS 文字", "title": "关于X的通知",
                    "subject": "政务公开", "keywords": "低保 公示", "producer": "Acme PDF"}
    rec = scan(path)
    assert [(f["type"], f["detail"], f["text"]) for f in rec["findings"]] == [
        ("DOCUMENT_METADATA", "author", "张三")]


@pytest.mark.parametrize("info_author, expected", [
    # the author was cleared in the properties dialog but survives in the XMP packet
    ("", [("author", "李晓梅"), ("creator_tool", "WPS Office")]),
    # the same author in both places is reported once
    ("李晓梅", [("author", "李晓梅"), ("creator_tool", "WPS Office")]),
    # different authors: both are reported
    ("王五", [("author", "王五"), ("author", "李晓梅"), ("creator_tool", "WPS Office")]),
])
def test_xmp_metadata(tmp_path, info_author, expected):
    from tests.builders.pdf_builder import add_xmp
    path = add_xmp(text_pdf(tmp_path / "a.pdf", [["正文"]], author=info_author), "李晓梅")
    segments, _ = parse(path)
    assert [(s.location.field, s.text) for s in segments if s.location.part == "metadata"] == expected


def test_placeholder_properties_are_not_reported(tmp_path):
    path = text_pdf(tmp_path / "a.pdf", [["正文"]], author="anonymous", title="untitled")
    segments, _ = parse(path)
    assert [s for s in segments if s.location.part == "metadata"] == []


# --- scanned pages ---------------------------------------------------------------------------------

@pytest.fixture
def no_ocr(monkeypatch):
    """Scanned pages as on a machine without OCR (REVIEWER_OCR=0): refused or noted, never guessed."""
    monkeypatch.setenv("REVIEWER_OCR", "0")


def test_scanned_pdf_has_no_text_layer(tmp_path, no_ocr):
    b = PdfBuilder(tmp_path / "扫描件.pdf")
    b.scanned_page()
    b.new_page()
    b.scanned_page()
    with pytest.raises(NoTextLayerError) as err:
        parse(b.save())
    assert err.value.code == "no_text_layer"
    assert "扫描件.pdf" in err.value.message and "OCR" in err.value.message and "人工" in err.value.message


def test_partly_scanned_pdf_gets_a_note_naming_the_pages(tmp_path, no_ocr):
    b = PdfBuilder(tmp_path / "a.pdf")
    for page in range(1, 6):
        if page > 1:
            b.new_page()
        if page in (3, 5):
            b.scanned_page()
        else:
            b.line(f"第{page}页正文")
    segments, ctx = parse(b.save())
    assert body(segments) == ["第1页正文", "第2页正文", "第4页正文"]
    assert ctx.notes == ["第3、5页没有文字层（可能是扫描页），需人工审查"]
    rec = scan(b.path)
    assert rec["notes"] == ctx.notes and rec["status"] == "ok"


# --- bad PDFs ----------------------------------------------------------------------------------

def test_password_protected_pdf(tmp_path):
    path = encrypt(text_pdf(tmp_path / "加密.pdf", [["正文"]]), "secret", "owner")
    with pytest.raises(EncryptedPdfError) as err:
        parse(path)
    assert err.value.code == "encrypted_pdf"
    assert "加密.pdf" in err.value.message and "取消密码" in err.value.message


def test_owner_password_only_pdf_is_read(tmp_path):
    path = encrypt(text_pdf(tmp_path / "a.pdf", [["可以打开的正文"]]), "", "owner")
    segments, _ = parse(path)
    assert body(segments) == ["可以打开的正文"]


@pytest.mark.parametrize("damage", [
    "truncated",        # a download that stopped half-way
    "garbage",          # a PDF header and then nothing a reader can use
])
def test_damaged_pdf_is_corrupt_file(tmp_path, damage):
    clean = text_pdf(tmp_path / "clean.pdf", [["正文"]] * 3)
    bad = tmp_path / "坏文件.pdf"
    if damage == "truncated":
        truncate(clean, bad, keep=0.6)
    else:
        bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    with pytest.raises(CorruptFileError) as err:
        parse(bad)
    assert err.value.code == "corrupt_file"
    assert "坏文件.pdf" in err.value.message and "重新导出" in err.value.message


def test_page_limit_names_the_file_limit_and_setting(tmp_path):
    path = text_pdf(tmp_path / "长文件.pdf", [["一"], ["二"], ["三"]])
    with pytest.raises(LimitExceededError) as err:
        parse(path, max_pages=2)
    assert err.value.code == "limit_exceeded"
    assert all(bit in err.value.message for bit in ("长文件.pdf", "3 页", "2 页", "REVIEWER_MAX_PAGES"))


def test_deadline_is_checked_per_page(tmp_path):
    path = text_pdf(tmp_path / "a.pdf", [["一"], ["二"]])
    ctx = ParseContext(deadline=time.monotonic() - 1)
    with pytest.raises(ParseTimeoutError):
        list(pdf.parse(path, ctx))


@pytest.mark.parametrize("make, code", [
    # each error reaches the report record with its code; the record names the file
    (lambda p: encrypt(text_pdf(p, [["x"]]), "pw", "pw"), "encrypted_pdf"),
    (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<") or p, "corrupt_file"),
])
def test_errors_become_report_records(tmp_path, make, code):
    path = tmp_path / "申请表.pdf"
    make(path)
    rec = scan(path)
    assert rec["status"] == "error" and rec["error"]["code"] == code and rec["verdict"] is None
    assert "申请表.pdf" in rec["error"]["message"]


# --- wrapped lines -------------------------------------------------------------------------------

LONG = ("根据群众举报，我局执法人员依法检查。经查，当事人张三（身份证号：" + ID + "，联系电话：" + PHONE + "）于2024年3月在某某村违法占用耕地"
        "建设住宅，占地面积共计二百一十平方米，违反了《中华人民共和国土地管理法》的有关规定。")


def test_wrapped_paragraph_is_one_segment_so_split_numbers_are_whole(tmp_path):
    b = PdfBuilder(tmp_path / "决定书.pdf")
    b.line("行政处罚决定书", x=250)
    wrapped = b.paragraph(LONG)
    b.line("特此决定。")
    assert len(wrapped) >= 3 and not any(ID in line for line in wrapped)  # the ID is split by a wrap
    segments, _ = parse(b.save())
    assert body(segments) == ["行政处罚决定书", LONG, "特此决定。"]
    para = segments[1].location
    assert para.paragraph == 1 and para.bbox[3] - para.bbox[1] > 2 * LEADING_PT


LEADING_PT = 18


def _cut_inside(b: PdfBuilder, lead: str, value: str, tail: str) -> tuple[str, list[str]]:
    """A paragraph 「lead…value tail」 padded so that the wrap falls between two Latin letters
    of `value`; returns the text and its lines."""
    from reportlab.pdfbase import pdfmetrics
    from tests.builders.pdf_builder import FONT
    width = 432 - 2 * b.font_size
    for pad in range(60):
        text = lead + "某" * pad + value + tail
        first = ""
        for ch in text:
            if pdfmetrics.stringWidth(first + ch, FONT, b.font_size) > width:
                break
            first += ch
        cut = len(first) - len(lead) - pad
        if 0 < cut < len(value) and value[cut - 1].isalpha() and value[cut].isalpha():
            return text, b.paragraph(text)
    raise AssertionError("no padding cuts the value")


@pytest.mark.parametrize("value", ["li3040@qq.com", "91530102MA6K7XJY3T", "zhang.san@example.gov.cn"])
def test_identifier_cut_by_a_wrap_is_joined_without_a_space(tmp_path, value):
    b = PdfBuilder(tmp_path / "a.pdf")
    text, lines = _cut_inside(b, "经核实，申请人提供的联系方式为", value, "，请于五个工作日内回复。")
    assert len(lines) == 2 and value not in lines[0] and value not in lines[1]
    segments, _ = parse(b.save())
    assert body(segments) == [text]


SPLIT_ID = "530102198703150012"


def _across_pages(path: Path, *, numbers: bool = False, second_indent: int = 0, second_prefix: str = "",
                  end: str = "", between: str = "") -> tuple[Path, str, str]:
    """A paragraph whose ID number the page break cuts after 「530102198」: page 1 ends with the line
    that reaches the right margin with it, page 2 goes on flush left with 「703150012」. `between`
    "table" or "prose" puts a page of that in between."""
    b = PdfBuilder(path)
    b.line("行政处罚决定书", x=250)
    tail = "，联系电话：" + PHONE + "）于2024年3月在某某村违法占用耕地建设住宅，违反了土地管理法的有关规定。"
    for pad in range(160):   # whole characters and half-width digits, to move the cut by half a character
        text = "经查，当事人张三（住某" + "某" * (pad // 2) + "村" + "1" * (pad % 2) + "组，身份证号：" + SPLIT_ID + tail
        lines = b.wrap(text)
        cut = next((i for i, line in enumerate(lines) if line.endswith(SPLIT_ID[:9])), None)
        if cut is not None and cut >= 1:
            break
    else:
        raise AssertionError("no padding cuts the ID after 9 digits")
    first = "".join(lines[:cut + 1]) + end
    for i, line in enumerate(lines[:cut + 1]):
        b.line(line + (end if i == cut else ""), x=72 + (24 if i == 0 else 0))
    if numbers:
        b.page_number(1)
    b.new_page()
    if between == "table":
        for n in range(1, 6):
            b.row([(72, f"{n}、张三"), (150, "53010219870315001X"), (290, PHONE), (380, "云南省昆明市五华区")])
        b.new_page()
    elif between == "prose":
        b.paragraph(LONG)
        b.new_page()
    rest = lines[cut + 1:]
    rest[0] = second_prefix + rest[0]
    for i, line in enumerate(rest):
        b.line(line, x=72 + (second_indent if i == 0 else 0))
    b.paragraph("特此决定。")
    if numbers:
        b.page_number(2)
    return b.save(), first, "".join(rest)


@pytest.mark.parametrize("numbers", [False, True])
def test_paragraph_going_on_over_a_page_break_is_one_segment(tmp_path, numbers):
    path, first, rest = _across_pages(tmp_path / "a.pdf", numbers=numbers)
    assert first.endswith("530102198") and rest.startswith("703150012")
    segments, _ = parse(path)
    texts = body(segments)
    assert first + rest in texts and "特此决定。" in texts
    joined = next(s for s in segments if s.text == first + rest)
    assert joined.location.page == 1 and joined.location.paragraph == 1
    assert joined.location.bbox[3] < 842 - 72   # the box of its start, on page 1
    rec = scan_file(path).to_dict()
    ids = [f for f in rec["findings"] if SPLIT_ID in f["text"]]
    assert ids and ids[0]["location"]["page"] == 1, rec["findings"]


def test_paragraph_going_on_after_a_page_of_table_is_one_segment(tmp_path):
    """A table set on a page of its own between the two halves of a paragraph (a float)."""
    path, first, rest = _across_pages(tmp_path / "a.pdf", between="table")
    texts = body(parse(path)[0])
    assert first + rest in texts
    assert sum("53010219870315001X" in t for t in texts) == 5   # the table's rows, as before


def test_paragraph_does_not_go_on_over_a_page_of_prose(tmp_path):
    path, first, rest = _across_pages(tmp_path / "a.pdf", between="prose")
    texts = body(parse(path)[0])
    assert first in texts and rest in texts


@pytest.mark.parametrize("change", [dict(second_indent=24), dict(second_prefix="二、"), dict(end="。")])
def test_a_new_paragraph_at_the_top_of_a_page_stays_apart(tmp_path, change):
    path, first, rest = _across_pages(tmp_path / "a.pdf", **change)
    texts = body(parse(path)[0])
    assert first in texts and rest in texts


def test_email_cut_by_a_page_break_is_one_segment(tmp_path):
    """「…邮箱wang9611@1」 ends page 1 at the right margin; 「63.com。…」 starts page 2: not a heading 「63.」."""
    email = "wang9611@163.com"
    b = PdfBuilder(tmp_path / "a.pdf")
    for pad in range(80):
        text = "信访人田学正反映的" + "某" * (pad // 2) + "1" * (pad % 2) + "问题，请与经办人联系，邮箱" + email + "。特此告知。"
        lines = b.wrap(text, indent=0)
        cut = next((i for i, line in enumerate(lines) if line.endswith("wang9611@1")), None)
        if cut is not None:
            break
    else:
        raise AssertionError("no padding cuts the address after 「@1」")
    for line in lines[:cut + 1]:
        b.line(line)
    b.new_page()
    for line in lines[cut + 1:]:
        b.line(line)
    texts = body(parse(b.save())[0])
    assert "".join(lines) in texts, texts


def test_headings_at_the_top_of_a_page():
    from reviewer.parsers.pdf_lines import HEADING
    assert all(HEADING.match(t) for t in ("3.总则", "1. 概述", "12、工作要求", "二、任务", "（三）", "第五条"))
    assert not any(HEADING.match(t) for t in ("63.com。县直各部门", "26.com，电话", "2024年"))


def test_running_english_text_keeps_its_space_at_a_wrap(tmp_path):
    b = PdfBuilder(tmp_path / "a.pdf")
    b.line("The annual report on government information disclosure of the county people's", x=72)
    b.line("government was published in May.", x=72)
    segments, _ = parse(b.save())
    assert "people's government was" in " ".join(body(segments))


def test_two_paragraphs_stay_apart(tmp_path):
    b = PdfBuilder(tmp_path / "a.pdf")
    first = b.paragraph(LONG)
    second = b.paragraph("二、" + LONG)
    assert len(first) > 1 and len(second) > 1
    segments, _ = parse(b.save())
    assert body(segments) == [LONG, "二、" + LONG]


def test_table_rows_are_not_joined(tmp_path):
    b = PdfBuilder(tmp_path / "名单.pdf")
    b.paragraph("下列人员符合条件，现予公示，公示期为五个工作日，如有异议请向县民政局反映。联系电话：0878-8712136。")
    rows = [("1", "张三", ID, "大西邑村委会核桃园村民小组56号"),
            ("2", "李四", "53232819700224320X", "大西邑村委会核桃园村民小组7号")]
    for row in rows:
        b.row(list(zip((72, 100, 160, 300), row)))
    segments, _ = parse(b.save())
    assert body(segments)[1:] == [" ".join(r) for r in rows]


# --- form fields and text off the page -----------------------------------------------------------

def test_filled_form_fields_are_read_with_their_labels(tmp_path):
    from tests.builders.pdf_builder import fill_form
    b = PdfBuilder(tmp_path / "申请表.pdf")
    b.line("政府信息公开申请表")
    for name, tooltip in (("applicant_id", "身份证号"), ("name", ""), ("empty", "备注")):
        b.field(name, tooltip)
    path = fill_form(b.save(), {"applicant_id": ID, "name": "张三", "empty": ""})
    segments, _ = parse(path)
    fields = [(s.text, s.location.part, s.location.cell, s.location.page) for s in segments
              if s.location.cell is not None]
    assert fields == [(f"身份证号：{ID}", "body", "身份证号", 1), ("name：张三", "body", "name", 1)]
    assert not [s for s in segments if s.concealed]


@pytest.mark.parametrize("x, y", [
    (700, 400),    # right of the page
    (72, -200),    # below it
])
def test_text_outside_the_page_is_hidden_text(tmp_path, x, y):
    b = PdfBuilder(tmp_path / "a.pdf")
    b.line("正文")
    b.y = y
    b.line(f"联系电话{PHONE}", x=x)
    segments, _ = parse(b.save())
    hidden = [(s.text, s.concealed, s.location.part, s.group) for s in segments if s.concealed]
    assert hidden == [(f"联系电话{PHONE}", "hidden_text", "hidden_text", "hidden:1")]
    assert body(segments) == ["正文"]


@pytest.mark.parametrize("size, hidden", [
    (0.5, True),    # too small to read: hidden text
    (6, False),     # footnote size: read as body text
])
def test_tiny_text(tmp_path, size, hidden):
    b = PdfBuilder(tmp_path / "a.pdf")
    b.line("正文")
    b.font_size = size
    b.line(f"联系电话{PHONE}")
    segments, _ = parse(b.save())
    found = [(s.text, s.concealed) for s in segments if s.concealed]
    assert found == ([(f"联系电话{PHONE}", "hidden_text")] if hidden else [])
    assert body(segments) == (["正文"] if hidden else ["正文", f"联系电话{PHONE}"])


def test_ragged_line_that_ends_short_because_the_next_word_did_not_fit(tmp_path):
    # left-aligned text: 「联系电」 ends the line a little short of the edge because 「话：138…」 moved down
    b = PdfBuilder(tmp_path / "a.pdf")
    b.line("当事人张三，男，汉族，住武定县狮山镇大西邑村委会核桃园村民小组五十六号，联系电")
    b.line(f"话：{PHONE}。")
    b.line("二、违法事实")
    segments, _ = parse(b.save())
    assert body(segments)[0] == f"当事人张三，男，汉族，住武定县狮山镇大西邑村委会核桃园村民小组五十六号，联系电话：{PHONE}。"


@pytest.mark.parametrize("first, second", [
    # a short line never joins the next across a sentence end or between two numbers
    ("会议定于2024年3月5日在县政府三楼会议室召开，请各单位准时参加。", "二、参会人员"),
    ("各单位联系人及电话报县政府办公室，联系电话：0878-8712136", "2024年3月1日"),
])
def test_short_lines_that_end_a_paragraph_stay_apart(tmp_path, first, second):
    from reportlab.pdfbase import pdfmetrics
    from tests.builders.pdf_builder import FONT
    b = PdfBuilder(tmp_path / "a.pdf")
    b.line(first)
    b.line(second)
    # a line further down sets the right edge 2.5 characters past the end of `first`
    b.y -= 100
    edge = pdfmetrics.stringWidth(first, FONT, 12) + 30
    b.line("文" * int(edge // 12) + "0" * int(edge % 12 // 6))
    segments, _ = parse(b.save())
    assert body(segments)[:2] == [first, second]


def test_wrapped_table_cells_rejoin_their_row(tmp_path):
    # a narrow ID column: the number wraps inside its cell, and so does the address
    b = PdfBuilder(tmp_path / "公示.pdf", font_size=10)
    b.row([(72, "序号"), (110, "姓名"), (170, "身份证号"), (300, "住址")])
    b.row([(72, "1"), (110, "李四"), (170, "5323281970022"), (300, "大西邑村委会核桃")])
    b.y += 8
    b.row([(170, "4320X"), (300, "园村民小组56号")])
    b.row([(72, "2"), (110, "王五"), (170, "532328195410087438"), (300, "猫街镇小村村委会")])
    segments, _ = parse(b.save())
    assert body(segments) == ["序号 姓名 身份证号 住址", "1 李四 53232819700224320X 大西邑村委会核桃园村民小组56号",
                              "2 王五 532328195410087438 猫街镇小村村委会"]


# --- a PDF from a real word processor ---------------------------------------------------------------

@pytest.mark.slow
def test_pdf_exported_by_libreoffice_from_a_docx(tmp_path):
    """A .docx with a wrapped paragraph, a table with a narrow ID column, a black highlight over black
    text and white text, exported to PDF by LibreOffice (embedded subset fonts, real layout)."""
    import shutil
    import subprocess
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Cm, RGBColor
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    doc = Document()
    doc.add_paragraph(LONG * 2)
    p = doc.add_paragraph("涂黑的号码：")
    run = p.add_run("532328197003220894")
    run.font.highlight_color = WD_COLOR_INDEX.BLACK
    run.font.color.rgb = RGBColor(0, 0, 0)
    p.add_run("（已处理）")
    table = doc.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for j, (value, width) in enumerate(zip(("1", "53232819700224320X", "大西邑村委会核桃园村民小组56号"),
                                           (Cm(1.5), Cm(2.2), Cm(4)))):
        table.cell(1, j).text = value
        for row in table.rows:
            row.cells[j].width = width
    doc.add_paragraph("备注：").add_run("内部资料请勿外传").font.color.rgb = RGBColor(255, 255, 255)
    doc.core_properties.author = "李晓梅"
    doc.save(tmp_path / "决定书.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "决定书.docx")],
                   check=True, capture_output=True, timeout=180)
    segments, _ = parse(tmp_path / "决定书.pdf")
    text = body(segments)
    # the paragraph comes back whole, with both copies of the ID and phone number intact
    assert any(t.count(ID) == 2 and t.count(PHONE) == 2 for t in text)
    # the ID that wrapped in its narrow cell is whole again, in its row
    assert any("53232819700224320X" in t and "核桃园村民小组56号" in t.replace(" ", "") for t in text)
    assert [(s.text, s.concealed) for s in segments if s.concealed] == [
        ("532328197003220894", "covered_text"), ("内部资料请勿外传", "white_text")]
    assert ("author", "李晓梅") in [(s.location.field, s.text) for s in segments if s.location.part == "metadata"]


# --- servers without a CJK font --------------------------------------------------------------

# Run in a fresh interpreter: pdfium told there are no system fonts at all (an FPDF_SYSFONTINFO that
# knows none, behind the parser's own, pdf_fonts.py), as on a fresh Debian without fonts-noto-cjk.
# pdfium finds fonts by scanning font directories itself, not through fontconfig, so FONTCONFIG_FILE
# cannot hide them.
_NO_FONTS = """
import json, sys
import pypdfium2.raw as c
info, keep = c.FPDF_SYSFONTINFO(), []
info.version = 1
for name, kind in c.FPDF_SYSFONTINFO._fields_[1:]:   # every callback answers 0 / NULL: no font
    keep.append(kind(lambda *a: 0))
    setattr(info, name, keep[-1])
from reviewer.parsers import pdf_fonts
pdf_fonts.install(info)
import pypdfium2 as pdfium
from pathlib import Path
from reviewer.document import ParseContext
from reviewer.parsers import pdf
from reviewer.pipeline import scan_file
doc = pdfium.PdfDocument(sys.argv[1])
textpage = doc[0].get_textpage()
raw = textpage.get_text_range()
segments = [{"text": s.text, "part": s.location.part, "page": s.location.page, "concealed": s.concealed}
            for s in pdf.parse(Path(sys.argv[1]), ParseContext())]
record = scan_file(Path(sys.argv[1])).to_dict()
print(json.dumps({"pdfium": raw, "segments": segments, "scan": record}, ensure_ascii=False, default=str))
"""


def parse_without_fonts(path: Path) -> tuple[str, list[dict], dict]:
    """pdfium's own text of page 1, the parser's segments and the scan record (with detectors), in a
    process where pdfium has no system fonts."""
    import json
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", _NO_FONTS, str(path)], capture_output=True, text=True,
                          cwd=root, check=True)
    out = json.loads(done.stdout)
    return out["pdfium"], out["segments"], out["scan"]


def _one_by_one_pdf(path: Path) -> Path:
    b = PdfBuilder(path)
    b.one_by_one("文件密级：秘密★10年")
    b.one_by_one("关于2024年度政府信息公开工作的通知")
    b.row([(72, "性别"), (200, "男"), (300, "密级"), (400, "秘")])
    b.line("白色的字", rgb=(1, 1, 1))
    return b.save()


def test_text_drawn_one_character_at_a_time(tmp_path):
    segments, _ = parse(_one_by_one_pdf(tmp_path / "a.pdf"))
    assert body(segments) == ["文件密级：秘密★10年", "关于2024年度政府信息公开工作的通知", "性别 男 密级 秘"]
    assert [s.text for s in concealed(segments, "white_text")] == ["白色的字"]


def test_one_character_objects_without_a_system_cjk_font(tmp_path):
    path = _one_by_one_pdf(tmp_path / "a.pdf")
    raw, segments, _ = parse_without_fonts(path)
    assert "秘密" not in raw and "男" not in raw   # pdfium alone loses them: the condition is reproduced
    assert [s["text"] for s in segments if s["part"] == "body"] == [
        "文件密级：秘密★10年", "关于2024年度政府信息公开工作的通知", "性别 男 密级 秘"]
    assert [s["text"] for s in segments if s["concealed"] == "white_text"] == ["白色的字"]


def test_secrecy_marking_found_without_a_system_cjk_font(tmp_path):
    from reviewer.pipeline import scan_file
    path = _one_by_one_pdf(tmp_path / "a.pdf")
    _, _, without_fonts = parse_without_fonts(path)
    for record in (scan_file(path).to_dict(), without_fonts):
        markings = [f for f in record["findings"] if "秘密" in f["text"]]
        assert markings and markings[0]["location"]["page"] == 1, record["findings"]


def test_paragraphs_joined_over_page_breaks_stay_bounded(tmp_path, monkeypatch):
    """Full lines without punctuation on every page would make the whole document one paragraph."""
    monkeypatch.setattr(pdf, "MAX_JOINED_CHARS", 300)
    b = PdfBuilder(tmp_path / "a.pdf")
    line = "各乡镇人民政府县直各部门根据政府信息公开条例现将年度工作安排通知如下请认真贯彻落实"[:36]
    for page in range(6):
        if page:
            b.new_page()
        for _ in range(4):
            b.line(line)
    texts = body(parse(b.save())[0])
    assert "".join(texts) == line * 24
    assert all(len(t) <= 300 for t in texts) and 1 < len(texts) < 24
