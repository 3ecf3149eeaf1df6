"""PowerPoint .pptx: slides in show order, tables, hidden slides and shapes, speaker notes, comments, bad packages."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reviewer.document import ParseContext
from reviewer.limits import Limits
from reviewer.parsers import pptx
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.pptx_builder import Slide, build

ID = "532328196505089510"
PHONE = "13908785521"


def sample(tmp_path: Path, name: str = "汇报.pptx") -> Path:
    return build(tmp_path / name, [
        Slide(["2024年低保工作汇报", f"联系人：李春华 {PHONE}"], notes=[f"讲稿：王建国身份证{ID}"]),
        Slide(["内部资料 仅供参考"], hidden=True),
        Slide(table=[["姓名", "身份证号"], ["张三丰", "532328197003220894"]], hidden_shape="备注：不得外传",
              comments=[("审核员甲", "删去手机 13987654321")]),
    ], author="李明")


def parse(path: Path, **limits) -> tuple[list, ParseContext]:
    ctx = ParseContext(limits=Limits(**limits))
    return list(pptx.parse(path, ctx)), ctx


def test_slides_in_order_with_tables(tmp_path):
    segments, ctx = parse(sample(tmp_path))
    assert ctx.pages == 3
    shown = [(s.text, s.location.part, s.location.page) for s in segments if not s.concealed
             and s.location.part != "metadata"]
    assert shown == [("2024年低保工作汇报", "body", 1), (f"联系人：李春华 {PHONE}", "body", 1),
                     ("姓名\t身份证号", "table", 3), ("张三丰\t532328197003220894", "table", 3)]
    row = next(s for s in segments if s.text.startswith("张三丰"))
    cell = row.cell_at(row.text.index("5323"))
    assert (cell.ref, cell.header) == ("第3张幻灯片表格 第2行第2列", "身份证号")


@pytest.mark.parametrize("kind, text, page, part", [
    # speaker notes travel with the file though the audience never sees them
    ("hidden_text", f"讲稿：王建国身份证{ID}", 1, "hidden_text"),
    # a slide hidden from the show (show="0")
    ("hidden_text", "内部资料 仅供参考", 2, "hidden_text"),
    # a shape hidden in the selection pane
    ("hidden_text", "备注：不得外传", 3, "hidden_text"),
    # a reviewer's comment, with its author
    ("comment", "删去手机 13987654321", 3, "comment"),
])
def test_concealed_content(tmp_path, kind, text, page, part):
    segments, _ = parse(sample(tmp_path))
    found = [s for s in segments if s.text == text]
    assert [(s.concealed, s.location.page, s.location.part) for s in found] == [(kind, page, part)]


def test_comment_author_and_properties(tmp_path):
    segments, _ = parse(sample(tmp_path))
    assert next(s for s in segments if s.concealed == "comment").location.author == "审核员甲"
    assert [(s.location.field, s.text) for s in segments if s.location.part == "metadata"] == [("author", "李明")]


def test_scan_record(tmp_path):
    record = scan_file(sample(tmp_path), scanner=NullScanner()).to_dict()
    assert record["format"] == "pptx" and record["stats"]["pages"] == 3
    # notes, hidden slide and hidden shape are three concealed objects, plus the comment and the author
    assert sorted(f["detail"] for f in record["findings"]) == ["author", "comment", "hidden_text", "hidden_text",
                                                               "hidden_text"]


def test_embedded_file_is_reported(tmp_path):
    path = build(tmp_path / "嵌入.pptx", [Slide(["正文"])], extra={"ppt/embeddings/名单.xlsx": b"PK"})
    segments, _ = parse(path)
    assert [(s.text, s.concealed) for s in segments if s.concealed] == [("名单.xlsx", "embedded_file")]


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in replace:
                zout.writestr(info, zin.read(info))
            elif replace[info.filename] is not None:
                zout.writestr(info.filename, replace[info.filename])
    return dst


@pytest.mark.parametrize("name, make, code", [
    ("截断.pptx", lambda src, dst: dst.write_bytes(src.read_bytes()[: len(src.read_bytes()) // 2]), "corrupt_file"),
    ("炸弹.pptx", lambda src, dst: _rewrite(src, dst, {"ppt/slides/slide1.xml":
                                                        b"<a>" + b" " * (12 * 1024 * 1024) + b"</a>"}), "zip_bomb"),
    ("实体.pptx", lambda src, dst: _rewrite(src, dst, {"ppt/slides/slide1.xml":
                                                        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}), "unsafe_xml"),
    ("坏XML.pptx", lambda src, dst: _rewrite(src, dst, {"ppt/slides/slide1.xml": b"<p:sld><unclosed>"}),
     "corrupt_file"),
    ("空.pptx", lambda src, dst: dst.write_bytes(b""), "empty_file"),
    ("文本.pptx", lambda src, dst: dst.write_text("不是演示文稿"), "wrong_extension"),
])
def test_bad_packages(tmp_path, name, make, code):
    dst = tmp_path / name
    make(sample(tmp_path, "clean.pptx"), dst)
    record = scan_file(dst, scanner=NullScanner()).to_dict()
    assert record["status"] == "error" and record["error"]["code"] == code and name in record["error"]["message"]


def test_text_on_the_slide_master_is_read_once(tmp_path):
    """「内部资料」 put on the master shows on every slide; the placeholder prompts are not text."""
    path = build(tmp_path / "母版.pptx", [Slide(["第一页"]), Slide(["第二页"])], master=["内部资料 注意保存"])
    segments, _ = parse(path)
    assert [(s.text, s.location.part, s.location.page) for s in segments if s.location.part == "header"] == [
        ("内部资料 注意保存", "header", 1)]
    assert not any("单击此处" in s.text for s in segments)
