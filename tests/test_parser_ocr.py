"""OCR of scanned PDFs and images: text with page, box and confidence; the note to check by hand; limits and bad images."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from reviewer.document import ParseContext
from reviewer.errors import ParseTimeoutError
from reviewer.limits import Limits
from reviewer.parsers import image, ocr, pdf
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.scan_builder import huge_png, scanned_pdf, text_pages
from tests.builders.scan_builder import image as image_file

ID = "532328196505089510"
PHONE = "13908785521"
PAGES = [["秘密★1年", f"申请人：王建国 身份证号码：{ID}"], [f"联系电话：{PHONE}"]]
needs_ocr = pytest.mark.skipif(not ocr.enabled(), reason="OCR engine (rapidocr-onnxruntime) not installed")
pytestmark = [pytest.mark.slow]


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    return scanned_pdf(tmp_path_factory.mktemp("scan") / "扫描件.pdf", PAGES)


@pytest.fixture(scope="module")
def scanned_read(scanned) -> tuple[list, ParseContext]:
    """The scanned PDF read once (OCR takes seconds)."""
    if not ocr.enabled():
        pytest.skip("OCR engine not installed")
    ctx = ParseContext()
    return list(pdf.parse(scanned, ctx)), ctx


@needs_ocr
def test_scanned_pdf_is_read_by_ocr_with_locations(scanned_read):
    segments, ctx = scanned_read
    body = [s for s in segments if s.location.part == "body"]
    assert body[0].text.replace(" ", "") == "秘密★1年"
    assert any(ID in digits(s.text) for s in body if s.location.page == 1)
    assert any(PHONE in digits(s.text) for s in body if s.location.page == 2)
    for s in body:
        x0, top, x1, bottom = s.location.bbox
        # the box is in PDF points from the top-left corner of the 440×170 pt page
        assert 0 <= x0 < x1 <= 440 and 0 <= top < bottom <= 170
        assert 0.5 <= s.location.confidence <= 1
    note = next(n for n in ctx.notes if "OCR" in n)
    assert note.startswith("本文件为扫描件，文字经 OCR 识别，置信度") and note.endswith("请人工复核")


@pytest.fixture(scope="module")
def scanned_record(scanned) -> dict:
    """The scanned PDF scanned end to end with the real detectors, once."""
    if not ocr.enabled():
        pytest.skip("OCR engine not installed")
    return scan_file(scanned).to_dict()


def test_confidence_is_in_the_report(scanned_record):
    record = scanned_record
    assert record["status"] == "ok" and record["stats"]["pages"] == 2
    found = [f for f in record["findings"] if f["type"] == "CN_RESIDENT_ID"]
    assert found and found[0]["location"]["page"] == 1 and 0.5 <= found[0]["location"]["confidence"] <= 1
    assert any("扫描件" in n for n in record["notes"])


def test_marking_stamped_on_a_scanned_first_page_is_caught(scanned_record):
    """End to end with the real detectors: the marking and the ID number on the picture are found."""
    record = scanned_record
    types = {f["type"] for f in record["findings"]}
    assert "SECRECY_MARKING" in types and "CN_RESIDENT_ID" in types
    assert record["verdict"] == "block"


def test_without_ocr_a_scan_stays_an_error(scanned, monkeypatch):
    monkeypatch.setenv("REVIEWER_OCR", "0")
    record = scan_file(scanned, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "no_text_layer" and "扫描件.pdf" in record["error"]["message"]


def test_engine_missing_keeps_the_error(scanned, monkeypatch):
    monkeypatch.setattr(ocr, "_engine", lambda: None)
    assert scan_file(scanned, scanner=NullScanner()).to_dict()["error"]["code"] == "no_text_layer"


@needs_ocr
def test_ocr_page_limit_leaves_the_rest_to_a_person(scanned):
    ctx = ParseContext(limits=Limits(max_ocr_pages=1))
    segments = list(pdf.parse(scanned, ctx))
    assert {s.location.page for s in segments if s.location.part == "body"} == {1}
    assert any("REVIEWER_MAX_OCR_PAGES" in n and "第2页未识别" in n for n in ctx.notes)


@needs_ocr
def test_only_the_scanned_page_of_a_mixed_pdf_is_ocred(tmp_path):
    from pypdf import PdfReader, PdfWriter
    text = text_pages(tmp_path / "text.pdf", [["第一页是文字"]])
    scan = scanned_pdf(tmp_path / "scan.pdf", [[f"联系电话：{PHONE}"]])
    writer = PdfWriter()
    for src in (text, scan):
        for page in PdfReader(src).pages:
            writer.add_page(page)
    mixed = tmp_path / "混合.pdf"
    with open(mixed, "wb") as fh:
        writer.write(fh)
    ctx = ParseContext()
    segments = list(pdf.parse(mixed, ctx))
    assert [s.location.confidence is None for s in segments if s.location.part == "body"][0]
    assert any(PHONE in digits(s.text) and s.location.page == 2 for s in segments)
    assert any("第2页" in n and "OCR" in n for n in ctx.notes)


def test_ocr_respects_the_deadline(scanned):
    ctx = ParseContext()
    ctx.deadline = time.monotonic() - 1
    with pytest.raises(ParseTimeoutError):
        list(ocr.read_pdf(__import__("pypdfium2").PdfDocument(str(scanned)), scanned, ctx, [1, 2]))


# --- images ------------------------------------------------------------------------------------

@needs_ocr
@pytest.mark.parametrize("name", ["身份证复印件.png", "现场照片.jpg", "扫描.tiff"])
def test_images_are_read(tmp_path, name):
    path = image_file(tmp_path / name, ["机密★5年", f"手机 {PHONE}"])
    ctx = ParseContext()
    segments = list(image.parse(path, ctx))
    assert segments[0].text.replace(" ", "") == "机密★5年"
    assert any(PHONE in digits(s.text) for s in segments)
    assert segments[0].location.bbox[0] < segments[0].location.bbox[2]      # pixels of the image
    assert any("本文件为图片" in n for n in ctx.notes)


def test_image_without_ocr_is_refused_with_advice(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_OCR", "0")
    path = image_file(tmp_path / "照片.png", ["正文"])
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "no_text_layer" and "照片.png" in record["error"]["message"]


@needs_ocr
@pytest.mark.parametrize("name, make, code", [
    # a tiny file declaring a 40000×40000 canvas: refused before it is decoded
    ("炸弹.png", lambda p: huge_png(p), "limit_exceeded"),
    # cut in half
    ("截断.png", lambda p: p.write_bytes(image_file(p.with_name("ok.png"), ["正文"]).read_bytes()[:3000]),
     "corrupt_file"),
    ("空.jpg", lambda p: p.write_bytes(b""), "empty_file"),
    ("文本.png", lambda p: p.write_text("不是图片"), "wrong_extension"),
])
def test_bad_images(tmp_path, name, make, code):
    path = tmp_path / name
    make(path)
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["status"] == "error" and record["error"]["code"] == code and name in record["error"]["message"]


def test_merge_rows_joins_a_label_and_its_value():
    label = ocr.OcrLine("身份证号码：", (10, 100, 120, 130), 0.99)
    value = ocr.OcrLine(ID, (130, 102, 400, 128), 0.9)
    below = ocr.OcrLine("住址：", (10, 150, 80, 180), 1.0)
    merged = ocr.merge_rows([value, below, label])
    assert [m.text for m in merged] == [f"身份证号码： {ID}", "住址："]
    assert merged[0].box == (10, 100, 400, 130)



@needs_ocr
def test_exif_author_of_an_image_is_metadata(tmp_path):
    from PIL import Image
    path = image_file(tmp_path / "a.png", ["正文"])
    shot = tmp_path / "现场照片.jpg"
    picture = Image.open(path)
    exif = picture.getexif()
    exif[0x9C9D] = "王建国".encode("utf-16-le") + b"\0\0"   # XPAuthor, as Windows writes a Chinese author
    picture.convert("RGB").save(shot, exif=exif)
    segments = list(image.parse(shot, ParseContext()))
    assert [(s.text, s.location.field) for s in segments if s.location.part == "metadata"] == [("王建国", "author")]
