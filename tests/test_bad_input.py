"""Bad input to `reviewer scan` (SPEC "Bad input"): each gets a record naming the file and what to do; the batch goes on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from tests.builders.pdf_builder import text_pdf

GOOD = "正常.txt"
GOOD_TEXT = "关于召开工作例会的通知\n会议定于下午三点召开。\n"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def scan(*args: str):
    return CliRunner().invoke(cli, ["scan", "--format", "jsonl", *args], catch_exceptions=False)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def docx_bytes(tmp_path: Path) -> bytes:
    from docx import Document
    doc = Document()
    doc.add_paragraph("关于做好政务公开工作的通知")
    doc.save(tmp_path / "src.docx")
    return (tmp_path / "src.docx").read_bytes()


def pdf_bytes(tmp_path: Path) -> bytes:
    return text_pdf(tmp_path / "src.pdf", [["关于做好政务公开工作的通知"]]).read_bytes()


def ole_bytes(_tmp_path: Path) -> bytes:
    """The start of a legacy Office/WPS compound file (what .doc, .xls and .wps files are)."""
    return OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 4000


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "批次"
    d.mkdir()
    (d / GOOD).write_text(GOOD_TEXT, encoding="utf-8")
    return d


def check_batch(folder: Path, name: str, code: str | tuple[str, ...], says: tuple[str, ...]) -> dict:
    """Scan the bad file between two good ones; the bad one is an error record, the good ones are read."""
    result = scan(str(folder / GOOD), str(folder / name), str(folder / GOOD))
    first, bad, last = records(result)
    assert (first["status"], last["status"]) == ("ok", "ok")
    assert bad["path"] == str(folder / name)
    assert (bad["status"], bad["verdict"], bad["findings"]) == ("error", None, [])
    assert bad["error"]["code"] in ((code,) if isinstance(code, str) else code)
    message = bad["error"]["message"]
    assert Path(name).name in message and "请" in message
    for bit in says:
        assert bit in message
    assert result.exit_code == 30
    return bad


@pytest.mark.parametrize("name, content, code, says", [
    # empty files, whatever they are called
    ("空文件.txt", lambda p: b"", "empty_file", ("0 字节",)),
    ("空文件.pdf", lambda p: b"", "empty_file", ("重新提交",)),
    ("空文件.docx", lambda p: b"", "empty_file", ("重新提交",)),
    # wrong extension: the content says another format
    ("其实是PDF.docx", pdf_bytes, "wrong_extension", ("扩展名",)),
    ("其实是Word.txt", docx_bytes, "wrong_extension", ("Word", "扩展名")),
    ("其实是PDF.txt", pdf_bytes, "wrong_extension", ("PDF",)),
    # unknown extension: with content we recognise, and without
    ("通知.dat", pdf_bytes, "wrong_extension", (".pdf",)),
    ("数据.xyz", lambda p: GOOD_TEXT.encode(), "unsupported_format", (".docx", ".pdf")),
    ("无扩展名", lambda p: GOOD_TEXT.encode(), "unsupported_format", ("另存为",)),
    # legacy Office/WPS files under an extension that promises a modern one
    ("旧格式.docx", ole_bytes, "legacy_format", ("另存为",)),
    ("旧格式.xlsx", ole_bytes, "legacy_format", ("另存为",)),
    # an OLE container with no presentation stream under .ppt is refused with advice
    ("旧格式.ppt", ole_bytes, "legacy_format", ("另存为",)),
])
def test_bad_file_in_a_batch(folder, tmp_path, name, content, code, says):
    (folder / name).write_bytes(content(tmp_path))
    check_batch(folder, name, code, says)


@pytest.mark.parametrize("name", ["旧公文.doc", "旧报表.xls", "旧公文.wps", "旧报表.et"])
def test_legacy_doc_xls_wps_without_a_converter(folder, tmp_path, monkeypatch, name):
    # legacy files are converted with LibreOffice when it is installed; without it they are
    # refused with advice (REVIEWER_SOFFICE="" switches the converter off)
    monkeypatch.setenv("REVIEWER_SOFFICE", "")
    (folder / name).write_bytes(ole_bytes(tmp_path))
    check_batch(folder, name, "legacy_format", ("另存为", Path(name).suffix))


def test_missing_file(folder):
    bad = check_batch(folder, "不存在的文件.pdf", "not_found", ("路径",))
    assert bad["sha256"] is None


@pytest.mark.parametrize("name", [
    # spaces, brackets, quotes, Chinese, a leading dash, HTML characters
    "会议 纪要 （终稿）.txt",
    "名单'单引号\"双引号.txt",
    "-以减号开头.txt",
    "<b>&amp;.txt",
    "文件名很长" * 16 + ".txt",  # 244 bytes: near the 255-byte limit of most file systems
])
def test_odd_file_names_are_read(folder, name):
    (folder / name).write_text(GOOD_TEXT, encoding="utf-8")
    result = scan("--", str(folder / GOOD), str(folder / name))
    good, odd = records(result)
    assert (odd["status"], odd["path"], odd["verdict"]) == ("ok", str(folder / name), "clear")
    assert result.exit_code == 0


def test_leading_dash_file_name_relative_to_the_current_folder(folder, monkeypatch):
    (folder / "-名单.txt").write_text(GOOD_TEXT, encoding="utf-8")
    monkeypatch.chdir(folder)
    for args in (["--", "-名单.txt"], ["./-名单.txt"]):
        [rec] = records(scan(*args))
        assert (rec["status"], rec["path"]) == ("ok", args[-1])


def test_path_with_dot_dot(folder):
    (folder / "子目录").mkdir()
    path = f"{folder}/子目录/../{GOOD}"
    [rec] = records(scan(path))
    assert (rec["status"], rec["path"]) == ("ok", path)


def test_directory_without_recursive(folder):
    nested = folder.parent / "只有子文件夹"
    (nested / "2024").mkdir(parents=True)
    (nested / "2024" / "通知.txt").write_text(GOOD_TEXT, encoding="utf-8")
    # nothing to scan at its top level: a usage error that says how to include subfolders
    result = scan(str(nested))
    assert result.exit_code == 2 and "--recursive" in result.stderr
    # beside a file: the file is scanned, the folder's subfolder is named on stderr
    result = scan(str(folder / GOOD), str(nested))
    assert [r["status"] for r in records(result)] == ["ok"]
    assert "2024" in result.stderr and "--recursive" in result.stderr and result.exit_code == 0
    # with --recursive it is read
    assert [r["status"] for r in records(scan("-r", str(nested)))] == ["ok"]


def test_duplicate_file_given_twice(folder):
    copy = folder / "副本.txt"
    copy.write_bytes((folder / GOOD).read_bytes())
    result = scan(str(folder / GOOD), str(copy), str(folder / GOOD))
    first, second, third = records(result)
    assert first["sha256"] == second["sha256"] == third["sha256"]
    assert all(r["status"] == "ok" for r in (first, second, third))
    assert not first.get("notes")
    for rec in (second, third):
        assert any(GOOD in note and "重复" in note for note in rec["notes"])
