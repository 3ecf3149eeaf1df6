"""The .txt parser: every encoding Chinese offices save in is read right, and nothing is read wrong."""
from __future__ import annotations

import codecs
import random

import pytest

from reviewer.document import ParseContext
from reviewer.errors import CorruptFileError
from reviewer.parsers import txt
from reviewer.pipeline import NullScanner, scan_file

SIMPLIFIED = ("关于做好2024年度政府信息公开工作的通知\n"
              "各乡镇人民政府，县直各部门：\n"
              "根据《中华人民共和国政府信息公开条例》，现就有关事项通知如下。\n"
              "申请人：张三，身份证号：530102198703150011，联系电话：13812345678。\n")
TRADITIONAL = ("關於做好2024年度政府資訊公開工作的通知\n"
               "各鄉鎮公所、縣府各單位：\n"
               "依據《政府資訊公開法》規定，請確實辦理並於期限內回覆。\n"
               "申請人：陳大文，身分證字號：A123456789，聯絡電話：0912345678。\n")
MARKING = "機密★長期\n臨時救助對象公示（已脫敏）\n"


def read(tmp_path, data: bytes, name: str = "公告.txt") -> tuple[list, ParseContext]:
    path = tmp_path / name
    path.write_bytes(data)
    ctx = ParseContext()
    return list(txt.parse(path, ctx)), ctx


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("text, encoding, bom", [
    # UTF-8, with and without the BOM Windows Notepad writes
    (SIMPLIFIED, "utf-8", b""),
    (SIMPLIFIED, "utf-8", codecs.BOM_UTF8),
    (TRADITIONAL, "utf-8", b""),
    (TRADITIONAL, "utf-8", codecs.BOM_UTF8),
    # UTF-16 with its BOM, both byte orders ("Unicode" and "Unicode big endian" in Notepad)
    (SIMPLIFIED, "utf-16-le", codecs.BOM_UTF16_LE),
    (SIMPLIFIED, "utf-16-be", codecs.BOM_UTF16_BE),
    (TRADITIONAL, "utf-16-le", codecs.BOM_UTF16_LE),
    (TRADITIONAL, "utf-16-be", codecs.BOM_UTF16_BE),
    # mainland legacy encodings ("ANSI" on a Chinese Windows)
    (SIMPLIFIED, "gb18030", b""),
    (SIMPLIFIED, "gbk", b""),
    (SIMPLIFIED, "gb2312", b""),
    (TRADITIONAL, "gb18030", b""),   # Traditional text typed on a mainland computer
    (MARKING, "gbk", b""),
    # Taiwan and Hong Kong offices
    (TRADITIONAL, "big5", b""),
    (MARKING, "big5", b""),
])
def test_encodings_are_read_exactly(tmp_path, text, encoding, bom):
    segments, _ = read(tmp_path, bom + text.encode(encoding))
    assert [s.text for s in segments] == lines(text)


@pytest.mark.parametrize("encoding, note", [
    # the encoding a file was read in is noted in the record when it is not UTF-8
    ("utf-8", []),
    ("gb18030", ["编码：gb18030"]),
    ("big5", ["编码：big5"]),
])
def test_legacy_encoding_is_noted(tmp_path, encoding, note):
    _, ctx = read(tmp_path, TRADITIONAL.encode(encoding))
    assert ctx.notes == note


def test_short_gbk_text_that_is_also_valid_utf8(tmp_path):
    # GBK 「通知」 is CD A8 D6 AA, which is valid UTF-8 for two unrelated letters
    segments, _ = read(tmp_path, "通知".encode("gbk"))
    assert [s.text for s in segments] == ["通知"]


def test_utf16_without_bom(tmp_path):
    segments, _ = read(tmp_path, SIMPLIFIED.encode("utf-16-le"))
    assert [s.text for s in segments] == lines(SIMPLIFIED)


def test_utf8_cut_in_its_last_character_keeps_the_rest(tmp_path):
    segments, _ = read(tmp_path, ("第一行\n第二行").encode("utf-8")[:-1])
    assert [s.text for s in segments] == ["第一行", "第二"]


def test_lines_keep_their_line_numbers(tmp_path):
    segments, _ = read(tmp_path, "标题\r\n\r\n第一段\r第二段\n".encode("utf-8"))
    assert [(s.text, s.location.part, s.location.paragraph) for s in segments] == [
        ("标题", "body", 0), ("第一段", "body", 2), ("第二段", "body", 3)]


def _junk(seed: int, size: int = 4096) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(size))


@pytest.mark.parametrize("data", [
    # binary data named .txt
    _junk(1),
    _junk(2, 300),
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _junk(3),
    b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64 + _junk(4),
    # text in an encoding no Chinese office uses for Chinese: refused, not guessed
    ("Résumé du café, señor Müller — 2024 " * 20).encode("cp1252"),
    # a UTF-16 BOM followed by bytes that are not UTF-16
    codecs.BOM_UTF16_LE + b"\x00\xd8\x41",
])
def test_binary_or_undecidable_bytes_are_refused(tmp_path, data):
    with pytest.raises(CorruptFileError) as err:
        read(tmp_path, data, name="数据.txt")
    assert "数据.txt" in err.value.message and "UTF-8" in err.value.message


@pytest.mark.parametrize("text", [
    # so short that GBK and Big5 both read as plausible Chinese: refused rather than guessed
    "此件不公开",
    "绝密★长期",
])
def test_ambiguous_short_text_is_refused_with_advice(tmp_path, text):
    with pytest.raises(CorruptFileError) as err:
        read(tmp_path, text.encode("gbk"), name="短.txt")
    assert "短.txt" in err.value.message and "另存为“UTF-8”" in err.value.message


def test_refusal_is_a_corrupt_file_record(tmp_path):
    path = tmp_path / "乱码.txt"
    path.write_bytes(_junk(5))
    rec = scan_file(path, scanner=NullScanner()).to_dict()
    assert (rec["status"], rec["error"]["code"], rec["format"]) == ("error", "corrupt_file", "txt")
    assert "乱码.txt" in rec["error"]["message"]


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL, MARKING])
def test_plausibility_separates_right_and_wrong_readings(text):
    right = txt.plausibility(text)
    encoded = text.encode("big5" if text is not SIMPLIFIED else "gbk")
    wrong_enc = "gb18030" if text is not SIMPLIFIED else "big5"
    try:
        wrong = txt.plausibility(encoded.decode(wrong_enc))
    except UnicodeDecodeError:
        wrong = 0.0
    assert right == 1.0 and wrong < txt.CONFIDENT - txt.MARGIN
