"""Legacy .doc/.wps/.xls/.et: converted by LibreOffice and read as .docx/.xlsx; encrypted and broken ones refused."""
from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from reviewer.document import ParseContext
from reviewer.limits import Limits
from reviewer.parsers import detect_format, legacy
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.docx_builder import ole_file
from tests.builders.legacy_builder import patch_stream, to_legacy

ID = "532328196505089510"
PHONE = "13908785521"
needs_soffice = pytest.mark.skipif(legacy.soffice() is None,
                                   reason="LibreOffice (soffice) is not installed: `make system-test-deps`")


def word_source(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("秘密★1年")
    d.add_paragraph(f"申请人王建国，身份证号码：{ID}，联系电话：{PHONE}。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "住址"
    table.cell(1, 0).text, table.cell(1, 1).text = "李春华", "武定县狮山镇东门街12号"
    d.core_properties.author = "张磊"
    path = tmp_path / "source.docx"
    d.save(path)
    return path


def sheet_source(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "身份证号", "手机"])
    ws.append(["李春华", ID, PHONE])
    hidden = wb.create_sheet("备用")
    hidden.append(["内部资料"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "source.xlsx"
    wb.save(path)
    return path


_READ: dict[Path, tuple[list, ParseContext]] = {}


def texts(path: Path) -> tuple[list, ParseContext]:
    """Segments and context of a legacy file, converted once per test run (LibreOffice takes seconds)."""
    if path not in _READ:
        ctx = ParseContext()
        _READ[path] = list(legacy.parse(path, ctx)), ctx
    return _READ[path]


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory) -> dict[str, Path]:
    """One .doc and one .xls made by LibreOffice, plus the same bytes named .wps and .et."""
    if legacy.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: `make system-test-deps`")
    tmp = tmp_path_factory.mktemp("legacy")
    doc = to_legacy(word_source(tmp), "doc", tmp / "申请表.doc")
    xls = to_legacy(sheet_source(tmp), "xls", tmp / "名单.xls")
    (tmp / "申请表.wps").write_bytes(doc.read_bytes())
    (tmp / "名单.et").write_bytes(xls.read_bytes())
    return {p.suffix: p for p in (doc, xls, tmp / "申请表.wps", tmp / "名单.et")}


# --- conversion --------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("suffix, fmt, expected", [
    # Word 97-2003 and WPS 文字: body, table rows and the author all survive the conversion
    (".doc", "doc", ["秘密★1年", ID, PHONE, "李春华", "武定县狮山镇东门街12号", "张磊"]),
    (".wps", "doc", ["秘密★1年", ID, PHONE, "张磊"]),
    # Excel 97-2003 and WPS 表格: cells and the hidden sheet
    (".xls", "xls", ["李春华", ID, PHONE, "内部资料"]),
    (".et", "xls", ["李春华", ID, "内部资料"]),
])
def test_legacy_file_is_converted_and_read(legacy_files, suffix, fmt, expected):
    path = legacy_files[suffix]
    assert detect_format(path) == fmt
    segments, ctx = texts(path)
    joined = "\n".join(s.text for s in segments)
    for value in expected:
        assert value in joined
    assert any("LibreOffice" in n and suffix in n for n in ctx.notes)


@pytest.mark.slow
def test_hidden_sheet_of_an_xls_stays_concealed(legacy_files):
    segments, _ = texts(legacy_files[".xls"])
    hidden = [s for s in segments if s.concealed == "hidden_sheet"]
    assert [s.text for s in hidden] == ["内部资料"] and hidden[0].location.sheet == "备用"


@pytest.mark.slow
def test_scan_record_of_a_doc(legacy_files):
    record = scan_file(legacy_files[".doc"], scanner=NullScanner()).to_dict()
    assert record["status"] == "ok" and record["format"] == "doc"
    assert [f["text"] for f in record["findings"] if f["type"] == "DOCUMENT_METADATA"] == ["张磊"]
    assert any("转换为 .docx" in n for n in record["notes"])


# --- refused -----------------------------------------------------------------------------------

def test_without_libreoffice_the_advice_stays(tmp_path, monkeypatch, legacy_files):
    monkeypatch.setenv("REVIEWER_SOFFICE", "")
    record = scan_file(legacy_files[".doc"], scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "legacy_format"
    assert "另存为 .docx/.xlsx" in record["error"]["message"] and "LibreOffice" in record["error"]["message"]


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("name, build, code", [
    # an OLE container with a Word stream but no real content: LibreOffice cannot convert it
    ("空壳.doc", lambda p: ole_file(p, ["WordDocument", "1Table"]), "legacy_format"),
    # random bytes behind the OLE signature
    ("乱码.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 3000), "legacy_format"),
    # what Word writes for a password-protected .docx saved as .doc
    ("加密.doc", lambda p: ole_file(p, ["EncryptionInfo", "EncryptedPackage"]), "encrypted"),
])
def test_broken_or_encrypted_legacy_files(tmp_path, name, build, code):
    path = tmp_path / name
    build(path)
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["status"] == "error" and record["error"]["code"] == code
    assert name in record["error"]["message"]


@pytest.mark.slow
def test_password_protected_doc_is_refused_as_encrypted(legacy_files, tmp_path):
    """Word 97-2003 marks an encrypted file in the FIB (fEncrypted); we refuse it before converting."""
    def encrypted(fib: bytearray) -> None:
        fib[11] |= 0x01
    path = patch_stream(legacy_files[".doc"], tmp_path / "加密.doc", "WordDocument", encrypted)
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "encrypted" and "取消“文档加密”" in record["error"]["message"]


@pytest.mark.slow
def test_password_protected_xls_is_refused_as_encrypted(legacy_files, tmp_path):
    """Excel 97-2003 writes a FILEPASS record right after the workbook's BOF when a password is set."""
    def encrypted(workbook: bytearray) -> None:
        second = 4 + int.from_bytes(workbook[2:4], "little")      # the record after BOF
        workbook[second:second + 2] = (0x002F).to_bytes(2, "little")
    path = patch_stream(legacy_files[".xls"], tmp_path / "加密.xls", "Workbook", encrypted)
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "encrypted" and "加密.xls" in record["error"]["message"]


def test_conversion_time_limit_kills_libreoffice(tmp_path, legacy_files, monkeypatch):
    """A conversion that does not finish in time is stopped and reported, naming the limit."""
    slow = tmp_path / "slow-soffice"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("REVIEWER_SOFFICE", str(slow))
    record = scan_file(legacy_files[".doc"], scanner=NullScanner(),
                       limits=Limits(max_convert_seconds=1)).to_dict()
    assert record["error"]["code"] == "timeout" and "REVIEWER_MAX_CONVERT_SECONDS" in record["error"]["message"]


def test_rtf_saved_as_doc_is_converted(tmp_path):
    path = tmp_path / "通知.doc"
    path.write_bytes(rb"{\rtf1\ansi\deff0 {\fonttbl{\f0 Arial;}}\f0 \uc1 ID 532328196505089510\par }")
    assert detect_format(path) == "doc"
    if legacy.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    segments, _ = texts(path)
    assert any(ID in s.text for s in segments)


@pytest.mark.parametrize("source, name, fmt", [
    # WPS often saves a modern file under the old extension: it is read as what it is, no conversion
    (word_source, "通知.doc", "docx"),
    (word_source, "通知.wps", "docx"),
    (sheet_source, "名单.et", "xlsx"),
    (sheet_source, "名单.xls", "xlsx"),
])
def test_modern_file_under_a_legacy_extension(tmp_path, source, name, fmt):
    path = tmp_path / name
    path.write_bytes(source(tmp_path).read_bytes())
    assert detect_format(path) == fmt
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["status"] == "ok" and record["format"] == fmt and not any("LibreOffice" in n for n in record["notes"])


# .ppt/.dps (converted by Impress since they are no longer refused): tests/test_parser_legacy_ppt.py
