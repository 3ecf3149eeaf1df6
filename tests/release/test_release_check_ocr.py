"""The release check reads every page image by OCR (its own limits, not a scan's) and refuses a target value still legible there."""
from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.limits import Limits
from reviewer.parsers import ocr
from reviewer.pipeline import NullScanner
from reviewer.release import RedactionTarget
from reviewer.release.verify import verify_copy

pytestmark = pytest.mark.skipif(not ocr.enabled(), reason="tesseract (OCR) is not installed")

PHONE = "13812345678"


def image_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF of page images without a text layer (what the release copy makes of a page holding a value)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for line in lines:
        page = Image.new("RGB", (1600, 120), "white")
        ImageDraw.Draw(page).text((10, 30), line, fill="black", font=ImageFont.load_default(size=60))
        c.drawImage(ImageReader(page), 40, 652, 520, 39)
        c.showPage()
    c.save()
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    writer.metadata = None                 # no Info dictionary, as in a release copy
    writer.write(str(path))
    return path


def test_value_legible_on_a_later_page_image_refuses_the_copy(tmp_path, monkeypatch):
    """No detector reports it (NullScanner) and the scan setting reads one page by OCR: the check reads both."""
    monkeypatch.setenv("REVIEWER_MAX_OCR_PAGES", "1")
    copy = image_pdf(tmp_path / "发布稿.pdf", ["NOTICE OF HEARING", f"TELEPHONE {PHONE}"])
    problems = verify_copy(copy, "pdf", [RedactionTarget(PHONE, "CN_MOBILE_PHONE", {"page": 2})], NullScanner())
    assert problems == ["手机号 138****5678（第 2 页图像中仍可辨认，OCR 复核）"]


def test_clean_page_images_pass(tmp_path):
    copy = image_pdf(tmp_path / "发布稿.pdf", ["NOTICE OF HEARING", "TELEPHONE ███████████"])
    assert verify_copy(copy, "pdf", [RedactionTarget(PHONE, "CN_MOBILE_PHONE", {"page": 2})], NullScanner()) == []


def test_release_check_pages_are_its_own_setting(tmp_path, monkeypatch):
    """REVIEWER_RELEASE_CHECK_OCR_PAGES bounds the check (here to the first page, so page 2 is not read)."""
    monkeypatch.setenv("REVIEWER_RELEASE_CHECK_OCR_PAGES", "1")
    copy = image_pdf(tmp_path / "发布稿.pdf", ["NOTICE OF HEARING", f"TELEPHONE {PHONE}"])
    assert verify_copy(copy, "pdf", [RedactionTarget(PHONE, "CN_MOBILE_PHONE", {"page": 2})], NullScanner()) == []


def test_release_check_limits_replace_the_scan_limits(monkeypatch):
    monkeypatch.setenv("REVIEWER_MAX_OCR_PAGES", "3")
    monkeypatch.setenv("REVIEWER_RELEASE_CHECK_SECONDS", "7200")
    limits = Limits.from_env().for_release_check()
    assert (limits.max_ocr_pages, limits.max_seconds) == (1000, 7200)
    assert Limits.from_env().max_ocr_pages == 3
