"""Release copies of plain text: values blanked as written (spaces, dashes, full-width, wrapped), encoding and line ends kept."""
from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.parsers.txt import decode
from reviewer.pipeline import NullScanner
from reviewer.release import RedactionTarget, ReleaseRefused, make_release_copy

ID = "530102198703150011"
TARGETS = [RedactionTarget(ID, "CN_RESIDENT_ID", {"part": "body", "paragraph": 1}),
           RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"part": "body", "paragraph": 2}),
           RedactionTarget("张小三", "PERSON", {"part": "body", "paragraph": 1})]
LINES = ["关于临时救助的公示", f"申请人张小三，身份证号码：{ID}。", "联系电话：138 1234 5678。", "公示期七天。"]
LINES_TW = ["關於臨時救助的公示", f"申請人張小三，身份證號碼：{ID}。", "聯繫電話：138 1234 5678。", "公示期七天。"]


def release(tmp_path: Path, raw: bytes, targets=TARGETS, name: str = "公示.txt") -> tuple[bytes, list[str]]:
    src = tmp_path / name
    src.write_bytes(raw)
    result = make_release_copy(src, "txt", targets, tmp_path / f"发布稿{src.suffix}", scanner=NullScanner())
    return result.path.read_bytes(), result.removed


@pytest.mark.parametrize("encoding, newline", [
    ("utf-8", "\n"),
    ("utf-8-sig", "\r\n"),      # Windows Notepad
    ("gb18030", "\r\n"),        # older office PCs
    ("utf-16", "\r\n"),         # "Unicode" in Notepad: BOM, little-endian
    ("big5", "\n"),             # Traditional Chinese
])
def test_encoding_and_line_ends_kept(tmp_path: Path, encoding: str, newline: str):
    tw = encoding == "big5"
    lines = LINES_TW if tw else LINES
    targets = TARGETS[:2] + [RedactionTarget("張小三" if tw else "张小三", "PERSON", {})]
    raw = newline.join(lines + [""]).encode(encoding)
    out, _ = release(tmp_path, raw, targets)
    text, found = decode(out, "发布稿.txt")
    assert found == decode(raw, "公示.txt")[1]
    assert out[:2] == raw[:2]                      # a BOM stays, and no BOM appears
    expected = [lines[0], lines[1][:3] + "■■■" + lines[1][6:13] + "■" * 18 + "。",
                lines[2][:5] + "■" * 13 + "。", "公示期七天。", ""]
    assert text.split(newline) == expected


@pytest.mark.parametrize("written", [
    "5301 0219 8703 1500 11",          # grouped by fours
    "530102-19870315-0011",            # dashes
    "５３０１０２１９８７０３１５００１１",  # full-width digits
    "5301021987\n03150011",            # wrapped across a line break
])
def test_value_as_written_is_found(tmp_path: Path, written: str):
    out, removed = release(tmp_path, f"号码：{written}。\n其余不变。\n".encode())
    text = out.decode()
    assert "0011" not in text and "００１１" not in text
    assert text.startswith("号码：■") and text.endswith("。\n其余不变。\n")
    assert removed[0] == "已删除 身份证号：5301**********0011"


def test_removed_lines_for_values_missing_or_too_short(tmp_path: Path):
    targets = TARGETS + [RedactionTarget("13900001111", "CN_MOBILE_PHONE", {}), RedactionTarget("张", "PERSON", {})]
    _, removed = release(tmp_path, "\n".join(LINES).encode(), targets)
    assert "已删除 姓名：张**" in removed
    assert any("未在正文中出现" in line and "139****1111" in line for line in removed)
    assert any(line.startswith("未处理") and "太短" in line for line in removed)


def test_every_occurrence_goes(tmp_path: Path):
    out, removed = release(tmp_path, f"{ID}\n再次：{ID}\n".encode(), TARGETS[:1])
    assert out.decode() == f"{'■' * 18}\n再次：{'■' * 18}\n"
    assert removed == ["已删除 身份证号：5301**********0011（2 处）"]


def test_release_cannot_overwrite_the_original(tmp_path: Path):
    src = tmp_path / "a.txt"
    src.write_text(ID, encoding="utf-8")
    with pytest.raises(ReleaseRefused, match="不能覆盖原文件"):
        make_release_copy(src, "txt", TARGETS, src, scanner=NullScanner())
    assert src.read_text(encoding="utf-8") == ID


def test_a_short_value_does_not_run_over_a_line_break(tmp_path: Path):
    """「…王」 ending one line and 「五、」 starting the next is not the name 王五; a long number may wrap."""
    raw = "联系人：王\n五、工作要求：王五负责。\n".encode()
    out, _ = release(tmp_path, raw, [RedactionTarget("王五", "PERSON", {})])
    assert out.decode() == "联系人：王\n五、工作要求：■■负责。\n"


def test_missing_source_and_unwritable_destination_are_refused(tmp_path: Path):
    with pytest.raises(ReleaseRefused, match="找不到原文件"):
        make_release_copy(tmp_path / "无.txt", "txt", TARGETS, tmp_path / "o.txt", scanner=NullScanner())
    src = tmp_path / "a.txt"
    src.write_text(ID, encoding="utf-8")
    with pytest.raises(ReleaseRefused, match="无法写入发布稿"):
        make_release_copy(src, "txt", TARGETS, tmp_path / "没有的文件夹" / "o.txt", scanner=NullScanner())


def test_unsupported_format_is_refused(tmp_path: Path):
    src = tmp_path / "a.pptx"
    src.write_bytes(b"PK")
    with pytest.raises(ReleaseRefused, match="不支持 pptx 格式"):
        make_release_copy(src, "pptx", TARGETS, tmp_path / "o.pptx", scanner=NullScanner())
