"""Legacy .ppt/.dps: converted by LibreOffice Impress and read as .pptx (slides, notes, hidden slides, comments); bad ones refused."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.parsers import detect_format, legacy
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.docx_builder import ole_file
from tests.builders.legacy_builder import patch_stream, to_legacy
from tests.builders.pptx_builder import Slide, build

ID = "532328196505089510"
ID_HIDDEN = "532328197003220894"
PHONE = "13908785521"
PHONE_HIDDEN = "13987654321"
GOOD = "正常.txt"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def deck_source(tmp_path: Path) -> Path:
    """A 工作汇报 deck: a phone on slide 1, an ID in its speaker notes, a hidden slide, a table, a comment."""
    path = build(tmp_path / "source.pptx", [
        Slide(["2024年低保工作汇报", f"联系人：李春华 {PHONE}"], notes=[f"讲稿：王建国身份证{ID}"]),
        Slide([f"备用页：张三丰 身份证 {ID_HIDDEN} 手机 {PHONE_HIDDEN}"], hidden=True),
        Slide(table=[["姓名", "住址"], ["赵玉兰", "武定县狮山镇东门街12号"]], hidden_shape="备注：不得外传",
              comments=[("审核员甲", "请删去第一页的电话")]),
    ], author="李明")
    return _for_libreoffice(path)


def _for_libreoffice(path: Path) -> Path:
    """What PowerPoint always writes and the minimal builder leaves out: the package's link to
    docProps/core.xml (LibreOffice drops the author without it) and each table's column grid."""
    out = path.with_name("lo-" + path.name)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info).decode("utf-8")
            if info.filename == "_rels/.rels":
                data = data.replace("</Relationships>", f'<Relationship Id="rId9" Type="{CORE_REL}" '
                                    'Target="docProps/core.xml"/></Relationships>')
            data = re.sub(r"<a:tbl>(<a:tr>.*?</a:tr>)", lambda m: "<a:tbl><a:tblGrid>" + '<a:gridCol w="3000000"/>'
                          * m.group(1).count("<a:tc>") + "</a:tblGrid>" + m.group(1), data)
            zout.writestr(info, data)
    return out


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    """One .ppt made by LibreOffice from the deck, and the same bytes named .dps (WPS 演示's compatible format)."""
    if legacy.soffice() is None or legacy.impress_missing(legacy.soffice()):
        pytest.skip("LibreOffice Impress is not installed: `make system-test-deps`")
    tmp = tmp_path_factory.mktemp("ppt")
    ppt = to_legacy(deck_source(tmp), "ppt", tmp / "工作汇报.ppt")
    (tmp / "工作汇报.dps").write_bytes(ppt.read_bytes())
    return {".ppt": ppt, ".dps": tmp / "工作汇报.dps"}


def scan(*paths: Path) -> tuple[list[dict], int]:
    result = CliRunner().invoke(cli, ["scan", "--format", "jsonl", *map(str, paths)], catch_exceptions=False)
    return [json.loads(line) for line in result.stdout.splitlines()], result.exit_code


def where(record: dict, type_: str, text: str) -> list[tuple]:
    return [(f["location"]["part"], f["location"]["page"]) for f in record["findings"]
            if f["type"] == type_ and f["text"] == text]


@pytest.fixture(scope="module")
def scanned(decks) -> dict[str, dict]:
    """Both decks scanned with the real detectors in one `reviewer scan` run."""
    recs, _ = scan(decks[".ppt"], decks[".dps"])
    return {Path(r["path"]).suffix: r for r in recs}


# --- conversion --------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".ppt", ".dps"])
@pytest.mark.parametrize("type_, text, part, page", [
    # on a slide everyone sees
    ("CN_MOBILE_PHONE", PHONE, "body", 1),
    # in the speaker notes of slide 1: kept in the file though never shown in the slide show
    ("CN_RESIDENT_ID", ID, "hidden_text", 1),
    # on slide 2, hidden from the show
    ("CN_RESIDENT_ID", ID_HIDDEN, "hidden_text", 2),
    ("CN_MOBILE_PHONE", PHONE_HIDDEN, "hidden_text", 2),
    # a table cell on slide 3
    ("ADDRESS", "武定县狮山镇东门街12号", "table", 3),
])
def test_personal_data_in_a_ppt_is_found_where_it_is(scanned, suffix, type_, text, part, page):
    record = scanned[suffix]
    assert record["status"] == "ok" and record["format"] == "ppt" and record["stats"]["pages"] == 3
    assert where(record, type_, text) == [(part, page)]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".ppt", ".dps"])
def test_concealed_content_of_a_ppt_survives_the_conversion(scanned, suffix):
    """Notes, the hidden slide, the hidden shape, the comment (with its author) and the author property."""
    hidden = {(f["detail"], f["location"]["page"], f["location"].get("author"))
              for f in scanned[suffix]["findings"] if f["type"] in ("HIDDEN_CONTENT", "DOCUMENT_METADATA")}
    assert hidden == {("hidden_text", 1, None), ("hidden_text", 2, None), ("hidden_text", 3, None),
                      ("comment", 3, "审核员甲"), ("author", None, None)}
    assert any(f["text"] == "李明" for f in scanned[suffix]["findings"] if f["type"] == "DOCUMENT_METADATA")
    assert any("LibreOffice" in n and suffix in n and ".pptx" in n for n in scanned[suffix]["notes"])


@pytest.mark.slow
def test_dps_is_read_like_a_ppt(decks, scanned):
    assert detect_format(decks[".dps"]) == detect_format(decks[".ppt"]) == "ppt"
    strip = [{k: v for k, v in f.items() if k != "id"} for f in scanned[".dps"]["findings"]]
    assert strip == [{k: v for k, v in f.items() if k != "id"} for f in scanned[".ppt"]["findings"]]


@pytest.mark.parametrize("name", ["汇报.ppt", "汇报.dps"])
def test_modern_pptx_under_a_legacy_extension(tmp_path, name):
    """WPS 演示 may save a .pptx under .dps/.ppt: it is read as what it is, without LibreOffice."""
    path = tmp_path / name
    path.write_bytes(build(tmp_path / "src.pptx", [Slide([f"电话 {PHONE}"])]).read_bytes())
    assert detect_format(path) == "pptx"
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["status"] == "ok" and record["format"] == "pptx" and not record["notes"]


# --- refused -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_corrupt_ppt_in_a_batch(decks, tmp_path):
    """A truncated .ppt gets an error record naming it and saying what to do; the files around it are read."""
    data = decks[".ppt"].read_bytes()
    bad = tmp_path / "损坏的汇报.ppt"
    bad.write_bytes(data[: len(data) // 2])
    (tmp_path / GOOD).write_text(f"联系电话：{PHONE}\n", encoding="utf-8")
    recs, code = scan(tmp_path / GOOD, bad, decks[".ppt"])
    assert [r["status"] for r in recs] == ["ok", "error", "ok"] and code == 30
    assert (recs[1]["error"]["code"], recs[1]["findings"]) == ("legacy_format", [])
    assert recs[1]["error"]["message"] == (
        "“损坏的汇报.ppt”不是可识别的 Word/Excel/PowerPoint/WPS 文件（旧版格式的内部结构缺失或已损坏）。"
        "请用 WPS 演示或 PowerPoint 打开后另存为 .pptx 再重新提交。")
    assert where(recs[0], "CN_MOBILE_PHONE", PHONE) and where(recs[2], "CN_RESIDENT_ID", ID) == [("hidden_text", 1)]


@pytest.mark.slow
def test_empty_powerpoint_container_is_not_converted(decks, tmp_path):
    """An OLE file with an empty PowerPoint stream: LibreOffice's PowerPoint filter refuses it (no text fallback)."""
    path = ole_file(tmp_path / "空壳.dps", ["PowerPoint Document"])
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "legacy_format"
    assert record["error"]["message"].startswith("“空壳.dps”无法用 LibreOffice 转换")
    assert record["error"]["message"].endswith("请用 WPS 演示或 PowerPoint 打开后另存为 .pptx 再重新提交。")


@pytest.mark.slow
def test_password_protected_ppt_is_refused_as_encrypted(decks, tmp_path):
    """PowerPoint 97-2003 marks an encrypted file in the CurrentUserAtom's headerToken; we refuse it before converting."""
    def encrypted(user: bytearray) -> None:
        user[12:16] = legacy.PPT_ENCRYPTED_TOKEN.to_bytes(4, "little")
    path = patch_stream(decks[".ppt"], tmp_path / "加密.ppt", "Current User", encrypted)
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "encrypted"
    assert record["error"]["message"] == ("“加密.ppt”设有打开密码，无法审查。请在 WPS 或 PowerPoint 中输入密码打开，"
                                          "取消“文档加密”后另存为 .pptx，再重新提交。")


def test_without_libreoffice_a_ppt_gets_advice(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_SOFFICE", "")
    path = ole_file(tmp_path / "汇报.ppt", ["PowerPoint Document"])
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "legacy_format"
    assert "另存为 .pptx" in record["error"]["message"] and "libreoffice-impress-nogui" in record["error"]["message"]


def test_libreoffice_without_impress_is_named(tmp_path, monkeypatch):
    """Writer and Calc alone cannot open a presentation: say Impress is missing, not that the file is bad."""
    program = tmp_path / "program"
    program.mkdir()
    (program / "soffice.bin").write_bytes(b"")
    exe = program / "soffice"
    exe.write_text("#!/bin/sh\nexit 1\n")
    exe.chmod(0o755)
    (program / "libswlo.so").write_bytes(b"")
    monkeypatch.setenv("REVIEWER_SOFFICE", str(exe))
    path = ole_file(tmp_path / "汇报.dps", ["PowerPoint Document"])
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "legacy_format"
    assert "Impress" in record["error"]["message"] and "libreoffice-impress-nogui" in record["error"]["message"]
    (program / "libsdlo.so").write_bytes(b"")
    assert not legacy.impress_missing(str(exe))
