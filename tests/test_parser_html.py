"""HTML pages: visible text in reading order, tables, hidden elements and comments as concealed, <meta> author, hostile pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.document import ParseContext
from reviewer.parsers import detect_format, html
from reviewer.pipeline import NullScanner, scan_file

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于低保对象的公示</title>
<meta name="author" content="王小明"><style>.x {{ color: red }}</style>
<script>var phone = "13900001111";</script></head>
<body><h1>武定县民政局</h1><p>联系人：<b>李春华</b>，电话 13908785521。</p>
<!-- 审核意见：身份证号 532328196505089510 暂不公开 -->
{extra}
<table><tr><th>姓名</th><th>身份证号</th></tr><tr><td>张三丰</td><td>532328197003220894</td></tr></table>
<p>武定县民政局<br>2024年5月20日</p></body></html>"""


def page(tmp_path: Path, extra: str = "", name: str = "公示.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(PAGE.format(extra=extra).replace('charset="utf-8"', f'charset="{encoding}"').encode(encoding))
    return path


def parse(path: Path) -> list:
    return list(html.parse(path, ParseContext()))


def test_visible_text_in_reading_order(tmp_path):
    segments = parse(page(tmp_path))
    shown = [(s.text, s.location.part) for s in segments if not s.concealed and s.location.part != "metadata"]
    assert shown == [("武定县民政局", "body"), ("联系人：李春华，电话 13908785521。", "body"),
                     ("姓名\t身份证号", "table"), ("张三丰\t532328197003220894", "table"),
                     ("武定县民政局", "body"), ("2024年5月20日", "body")]
    # scripts and styles are not text a reader sees
    assert not any("13900001111" in s.text or "color" in s.text for s in segments)
    row = next(s for s in segments if s.text.startswith("张三丰"))
    assert row.cell_at(row.text.index("5323")).header == "身份证号"


@pytest.mark.parametrize("extra, kind, text", [
    # the comment already in PAGE
    ("", "comment", "审核意见：身份证号 532328196505089510 暂不公开"),
    # hidden the ways a CMS hides things
    ('<div style="display: none">内部资料 不得外传</div>', "hidden_text", "内部资料 不得外传"),
    ('<span style="visibility:hidden">秘密★1年</span>', "hidden_text", "秘密★1年"),
    ("<p hidden>工作秘密</p>", "hidden_text", "工作秘密"),
    ('<input type="hidden" name="idcard" value="532328196505089510">', "hidden_text", "532328196505089510"),
])
def test_concealed_content(tmp_path, extra, kind, text):
    segments = parse(page(tmp_path, extra))
    assert text in [s.text for s in segments if s.concealed == kind]
    assert text not in [s.text for s in segments if not s.concealed]


def test_comment_in_head_is_concealed(tmp_path):
    path = tmp_path / "头部.html"
    path.write_text('<html><head><!-- 起草人：王小明 13911112222 --><title>通知</title></head><body><p>正文</p></body></html>',
                    encoding="utf-8")
    assert [(s.text, s.concealed) for s in parse(path) if s.concealed] == [("起草人：王小明 13911112222", "comment")]


def test_meta_author_and_title(tmp_path):
    meta = {s.location.field: s.text for s in parse(page(tmp_path)) if s.location.part == "metadata"}
    assert meta == {"title": "关于低保对象的公示", "author": "王小明"}


@pytest.mark.parametrize("encoding", ["gb2312", "gbk", "utf-8"])
def test_declared_encodings(tmp_path, encoding):
    assert "联系人：李春华，电话 13908785521。" in [s.text for s in parse(page(tmp_path, encoding=encoding))]


def test_scan_record(tmp_path):
    record = scan_file(page(tmp_path, '<p hidden>x</p>', name="公示.htm"), scanner=NullScanner()).to_dict()
    assert record["format"] == "html" and record["status"] == "ok"
    assert sorted(f["detail"] for f in record["findings"]) == ["author", "comment", "hidden_text"]


LAUGHS = ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;</p></body></html>')


@pytest.mark.parametrize("name, content, code", [
    # entity expansion (billion laughs) in the DOCTYPE
    ("实体.html", LAUGHS.encode(), "unsafe_xml"),
    # thousands of nested elements
    ("深.html", ("<html><body>" + "<div>" * 5000 + "深" + "</div>" * 5000 + "</body></html>").encode(), "unsafe_xml"),
    # a PDF saved as .html
    ("假网页.html", b"%PDF-1.7\n%%EOF\n", "wrong_extension"),
    ("空.html", b"", "empty_file"),
])
def test_hostile_pages(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    record = scan_file(path, scanner=NullScanner()).to_dict()
    assert record["status"] == "error" and record["error"]["code"] == code and name in record["error"]["message"]


def test_nothing_is_fetched(tmp_path, monkeypatch):
    """Images, stylesheets and frames are never loaded: the parser makes no network connection."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    extra = ('<img src="http://example.invalid/a.png" alt="现场照片"><link rel="stylesheet" '
             'href="http://example.invalid/a.css"><iframe src="http://example.invalid/"></iframe>')
    segments = parse(page(tmp_path, extra))
    assert "现场照片" in " ".join(s.text for s in segments)
    assert detect_format(page(tmp_path, name="x.htm")) == "html"
