"""Hostile and broken Office files: each becomes one error record naming the file and what to do, never a crash."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reviewer.errors import CorruptFileError, UnsafeXmlError
from reviewer.limits import Limits
from reviewer.parsers.ooxml import parse_xml
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.docx_builder import DocxBuilder, ole_file, rewrite_zip

ROOT = Path(__file__).resolve().parent.parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
                  + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
                  + f']><w:document {W}><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>')


def nested_document(depth: int) -> bytes:
    """A word/document.xml whose paragraph sits inside `depth` levels of elements."""
    inner = depth - 4     # w:document, w:body, w:p, w:r
    return (f'<w:document {W}><w:body><w:p><w:r>' + "<w:x>" * inner + "</w:x>" * inner
            + "<w:t>深</w:t></w:r></w:p></w:body></w:document>").encode()


def damage_member(src: Path, dst: Path, member: str) -> Path:
    """Flip bytes in the middle of one member's compressed data, leaving the zip directory intact."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + info.compress_size // 2, start + info.compress_size // 2 + 16):
        data[i] ^= 0xFF
    dst.write_bytes(bytes(data))
    return dst


@pytest.fixture
def clean(tmp_path) -> Path:
    return DocxBuilder().paragraph("申请人：张三").comment("张三", "核实", "审核员").save(tmp_path / "clean.docx")


def _document_xml(clean: Path) -> bytes:
    with zipfile.ZipFile(clean) as zf:
        return zf.read("word/document.xml")


# name → how to make it from the clean file, and the error code it must get
HOSTILE = {
    # nothing there
    "空文件.docx": (lambda clean, p: p.write_bytes(b""), "empty_file"),
    # not a Word file at all, only named like one
    "not_a_zip.docx": (lambda clean, p: p.write_text("这不是 Word 文件", encoding="utf-8"), "wrong_extension"),
    # a download cut short in the middle: the zip directory at the end is gone
    "truncated.docx": (lambda clean, p: p.write_bytes(clean.read_bytes()[:len(clean.read_bytes()) // 2]),
                       "corrupt_file"),
    # the zip directory survives, but the main part is cut in half or its bytes are damaged
    "half_part.docx": (lambda clean, p: rewrite_zip(clean, p, replace={
        "word/document.xml": _document_xml(clean)[:len(_document_xml(clean)) // 2]}), "corrupt_file"),
    "damaged_part.docx": (lambda clean, p: damage_member(clean, p, "word/document.xml"), "corrupt_file"),
    "broken_rels.docx": (lambda clean, p: rewrite_zip(clean, p, replace={
        "word/_rels/document.xml.rels": b"<Relationships"}), "corrupt_file"),
    # a zip bomb: 11 MB of zeros packed into a few KB
    "bomb.docx": (lambda clean, p: rewrite_zip(clean, p, add={"word/media/image1.bin": b"\0" * (11 << 20)}),
                  "zip_bomb"),
    # XML attacks inside a well-formed package
    "billion_laughs.docx": (lambda clean, p: rewrite_zip(clean, p, replace={
        "word/document.xml": BILLION_LAUGHS.encode()}), "unsafe_xml"),
    "deep.docx": (lambda clean, p: rewrite_zip(clean, p, replace={"word/document.xml": nested_document(400)}),
                  "unsafe_xml"),
    # password-protected, and the old binary format
    "加密.docx": (lambda clean, p: ole_file(p, ["EncryptionInfo", "EncryptedPackage"]), "encrypted"),
    "旧版.doc": (lambda clean, p: ole_file(p, ["WordDocument", "1Table"]), "legacy_format"),
    "旧版改名.docx": (lambda clean, p: ole_file(p, ["WordDocument", "1Table"]), "legacy_format"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_is_one_error_record_naming_the_file(tmp_path, clean, name):
    make, code = HOSTILE[name]
    path = tmp_path / name
    make(clean, path)
    report = scan_file(path, scanner=NullScanner())
    assert (report.status, report.error["code"]) == ("error", code), report.error
    assert f"“{name}”" in report.error["message"]
    assert report.findings == [] and report.verdict is None


@pytest.mark.parametrize("limits, code", [
    # the unpacked-size ceiling, lowered for the test, refuses a 2 MB member
    (Limits(max_unpacked_mb=1), "zip_bomb"),
    # nesting beyond a lowered depth limit
    (Limits(max_xml_depth=16), "unsafe_xml"),
])
def test_configured_limits_apply(tmp_path, clean, limits, code):
    path = rewrite_zip(clean, tmp_path / "受限.docx", replace={"word/document.xml": nested_document(20)},
                       add={"word/media/image1.bin": b"\0" * (2 << 20)} if code == "zip_bomb" else None)
    report = scan_file(path, scanner=NullScanner(), limits=limits)
    assert (report.status, report.error["code"]) == ("error", code)
    assert "“受限.docx”" in report.error["message"]


def test_nesting_within_the_limit_is_read(tmp_path, clean):
    path = rewrite_zip(clean, tmp_path / "ok.docx", replace={"word/document.xml": nested_document(16)})
    report = scan_file(path, scanner=NullScanner(), limits=Limits(max_xml_depth=16))
    assert report.status == "ok" and report.chars > 0


# ---------------------------------------------------------------- the hardened XML helper (docx and xlsx)
@pytest.mark.parametrize("xml, error, says", [
    # any DTD is refused: entity expansion, external entities, even an empty one
    (BILLION_LAUGHS.encode(), UnsafeXmlError, "DTD"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', UnsafeXmlError, "DTD"),
    (b'<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>', UnsafeXmlError, "DTD"),
    (b'<!DOCTYPE r [<!ENTITY % a "<!ENTITY x \'y\'>"><!ENTITY % b "%a;%a;">%b;]><r/>', UnsafeXmlError, "拒绝"),
    ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>'.encode("utf-16"),
     UnsafeXmlError, "DTD"),
    # nesting past the limit
    (b"<a>" * 33 + b"</a>" * 33, UnsafeXmlError, "32 层"),
    # broken XML
    (b"<a><b></a>", CorruptFileError, "损坏"),
    (b"", CorruptFileError, "损坏"),
])
def test_parse_xml_refuses(xml, error, says):
    with pytest.raises(error) as caught:
        parse_xml(io.BytesIO(xml), "表格.xlsx", "xl/workbook.xml", Limits(max_xml_depth=32))
    assert "“表格.xlsx”" in caught.value.message and "xl/workbook.xml" in caught.value.message
    assert says in caught.value.message


def test_parse_xml_reads_a_normal_part():
    root = parse_xml(io.BytesIO(b"<a>" * 32 + b"x" + b"</a>" * 32), "f.docx", "p.xml", Limits(max_xml_depth=32))
    assert root.tag == "a" and "".join(root.itertext()) == "x"


# ---------------------------------------------------------------- one batch, bad files beside a good one
def test_batch_goes_on_past_bad_files(tmp_path, clean):
    names = ["billion_laughs.docx", "加密.docx", "truncated.docx", "空文件.docx"]
    for name in names:
        HOSTILE[name][0](clean, tmp_path / name)
    good = DocxBuilder().paragraph("正文", "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>").save(tmp_path / "好.docx")
    inputs = [str(tmp_path / names[0]), str(good)] + [str(tmp_path / n) for n in names[1:]]
    reviewer = Path(sys.executable).with_name("reviewer")
    done = subprocess.run([str(reviewer), "scan", "--format", "jsonl", *inputs], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["path"] for r in records] == inputs
    assert [r["status"] for r in records] == ["error", "ok", "error", "error", "error"]
    assert [r["error"]["code"] for r in records if r["error"]] == [
        "unsafe_xml", "encrypted", "corrupt_file", "empty_file"]
    assert ("HIDDEN_CONTENT", "hidden_text") in [(f["type"], f["detail"]) for f in records[1]["findings"]]
    assert done.returncode == 30
