"""OFD (GB/T 33190): page text by line, template pages, hidden text, annotations, attachments, DocInfo, bad packages."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reviewer.document import ParseContext
from reviewer.limits import Limits
from reviewer.parsers import detect_format, ofd
from reviewer.pipeline import NullScanner, scan_file
from tests.builders.ofd_builder import Line, Ofd, build

ID = "532328196505089510"
PHONE = "13908785521"


def parse(path: Path, **limits) -> tuple[list, ParseContext]:
    ctx = ParseContext(limits=Limits(**limits))
    return list(ofd.parse(path, ctx)), ctx


def sample(tmp_path: Path, name: str = "通报.ofd", **extra) -> Path:
    doc = Ofd(pages=[["秘密★1年", "关于王建国同志的通报", Line(f"身份证号码：{ID}", per_char=True)],
                     [f"联系电话：{PHONE}", Line("内部资料 不得外传", visible=False)]],
              info={"Title": "通报", "Author": "李明", "Creator": "Suwell OFD"},
              annotations={2: [("Highlight", "请核实手机 13987654321")]},
              attachments=[("名单.txt", "张三".encode())], template=["武定县人民政府文件"])
    for key, value in extra.items():
        setattr(doc, key, value)
    return build(tmp_path / name, doc)


def by_part(segments, part: str) -> list[tuple]:
    return [(s.text, s.location.page, s.location.paragraph) for s in segments if s.location.part == part]


def test_pages_lines_and_template(tmp_path):
    segments, ctx = parse(sample(tmp_path))
    assert ctx.pages == 2
    assert by_part(segments, "body") == [("秘密★1年", 1, 0), ("关于王建国同志的通报", 1, 1),
                                         (f"身份证号码：{ID}", 1, 2), (f"联系电话：{PHONE}", 2, 0)]
    # the 红头 drawn by the template page is read once, as the header of the first page using it
    assert by_part(segments, "header") == [("武定县人民政府文件", 1, 0)]
    x0, top, x1, bottom = segments[1].location.bbox
    assert x0 == pytest.approx(25) and top < bottom < segments[2].location.bbox[1]


@pytest.mark.parametrize("kind, part, text, page", [
    # a TextObject with Visible="false" is in the file but not on the page
    ("hidden_text", "hidden_text", "内部资料 不得外传", 2),
    # an annotation's remark, with its author
    ("annotation", "annotation", "请核实手机 13987654321", 2),
    # an attached file travels with the published OFD
    ("embedded_file", "metadata", "附件：名单.txt", None),
])
def test_concealed_parts(tmp_path, kind, part, text, page):
    segments, _ = parse(sample(tmp_path))
    found = [s for s in segments if s.concealed == kind]
    assert [(s.text, s.location.part, s.location.page) for s in found] == [(text, part, page)]


def test_annotation_author_and_docinfo(tmp_path):
    segments, _ = parse(sample(tmp_path))
    annot = next(s for s in segments if s.concealed == "annotation")
    assert annot.location.author == "审核人"
    meta = {s.location.field: s.text for s in segments if s.location.part == "metadata" and not s.concealed}
    # Creator is the producing software, not a person: it is not reported as the author
    assert meta == {"title": "通报", "author": "李明", "application": "Suwell OFD"}


def test_scan_record_reports_author_and_concealed(tmp_path):
    record = scan_file(sample(tmp_path), scanner=NullScanner()).to_dict()
    assert record["format"] == "ofd" and record["status"] == "ok" and record["stats"]["pages"] == 2
    details = sorted(f["detail"] for f in record["findings"])
    assert details == ["annotation", "author", "embedded_file", "hidden_text"]


def test_signature_is_noted(tmp_path):
    path = sample(tmp_path)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("Doc_0/Signs/Signatures.xml", '<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"/>')
    _, ctx = parse(path)
    assert any("电子签章" in n for n in ctx.notes)


# --- hostile and broken packages ---------------------------------------------------------------

def _rewrite(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    zout.writestr(info.filename, replace[info.filename])
            else:
                zout.writestr(info, zin.read(info))
        for name, data in replace.items():
            if name not in zin.namelist() and data is not None:
                zout.writestr(name, data)
    return dst


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
          b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>&lol2;</ofd:Content></ofd:Page>')


@pytest.mark.parametrize("name, make, code", [
    # cut off in the middle (a broken download)
    ("截断.ofd", lambda src, dst: dst.write_bytes(src.read_bytes()[: len(src.read_bytes()) // 2]), "corrupt_file"),
    # a page whose content part is missing
    ("缺页.ofd", lambda src, dst: _rewrite(src, dst, {"Doc_0/Pages/Page_1/Content.xml": None}), "corrupt_file"),
    # DocRoot points nowhere
    ("无主文档.ofd", lambda src, dst: _rewrite(src, dst, {"Doc_0/Document.xml": None}), "corrupt_file"),
    # a page with an entity-expansion DOCTYPE (billion laughs)
    ("实体.ofd", lambda src, dst: _rewrite(src, dst, {"Doc_0/Pages/Page_0/Content.xml": LAUGHS}), "unsafe_xml"),
    # a page part that unpacks to far more than the limit
    ("炸弹.ofd", lambda src, dst: _rewrite(src, dst, {"Doc_0/Pages/Page_0/Content.xml":
                                                       b"<a>" + b" " * (12 * 1024 * 1024) + b"</a>"}), "zip_bomb"),
    # an empty file
    ("空.ofd", lambda src, dst: dst.write_bytes(b""), "empty_file"),
    # not a zip at all
    ("文本.ofd", lambda src, dst: dst.write_text("这不是 OFD"), "wrong_extension"),
])
def test_bad_packages_are_refused_with_the_file_named(tmp_path, name, make, code):
    src = sample(tmp_path, "clean.ofd")
    dst = tmp_path / name
    make(src, dst)
    record = scan_file(dst, scanner=NullScanner()).to_dict()
    assert record["status"] == "error" and record["error"]["code"] == code
    assert name in record["error"]["message"]


def test_deep_nesting_is_refused(tmp_path):
    deep = (b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">' + b"<ofd:PageBlock>" * 400
            + b"</ofd:PageBlock>" * 400 + b"</ofd:Page>")
    path = _rewrite(sample(tmp_path, "clean.ofd"), tmp_path / "深.ofd", {"Doc_0/Pages/Page_0/Content.xml": deep})
    assert scan_file(path, scanner=NullScanner()).to_dict()["error"]["code"] == "unsafe_xml"


def test_page_limit(tmp_path):
    path = build(tmp_path / "多页.ofd", Ofd(pages=[["第一页"], ["第二页"], ["第三页"]]))
    record = scan_file(path, scanner=NullScanner(), limits=Limits(max_pages=2)).to_dict()
    assert record["error"]["code"] == "limit_exceeded" and "REVIEWER_MAX_PAGES" in record["error"]["message"]


def test_ofd_content_under_another_extension(tmp_path):
    path = sample(tmp_path, "通报.zip")
    assert scan_file(path, scanner=NullScanner()).to_dict()["error"]["code"] == "wrong_extension"
    assert detect_format(sample(tmp_path, "通报2.ofd")) == "ofd"


def test_a_paragraph_wrapped_at_the_right_edge_is_one_segment(tmp_path):
    """An ID number broken by the line wrap is read whole again (the lines are justified to the edge)."""
    doc = Ofd(pages=[[Line("申请人王建国，身份证号码：5323281965", width=30 * 4.2), "05089510，现住址武定县。",
                      "第二段"]])
    segments, _ = parse(build(tmp_path / "折行.ofd", doc))
    assert [s.text for s in segments] == [f"申请人王建国，身份证号码：{ID}，现住址武定县。", "第二段"]


# --- scanned OFD: pages that are only pictures -------------------------------------------------

def _scanned_ofd(tmp_path: Path, text_first_page: bool = False) -> Path:
    import io
    from tests.builders.scan_builder import page_images, text_pages
    picture = page_images(text_pages(tmp_path / "p.pdf", [["秘密★1年", f"联系电话：{PHONE}"]], size=(420, 595)))[0]
    buf = io.BytesIO()
    picture.save(buf, "PNG")
    pages = [["第一页是文字"], []] if text_first_page else [[]]
    images = {len(pages) - 1: buf.getvalue()}
    return build(tmp_path / "扫描.ofd", Ofd(pages=pages, images=images))


@pytest.mark.slow
def test_scanned_ofd_page_is_read_by_ocr(tmp_path):
    from reviewer.parsers import ocr
    if not ocr.enabled():
        pytest.skip("OCR engine not installed")
    segments, ctx = parse(_scanned_ofd(tmp_path, text_first_page=True))
    ocred = [s for s in segments if s.location.confidence is not None]
    assert ocred[0].text.replace(" ", "") == "秘密★1年" and ocred[0].location.page == 2
    assert any(PHONE in "".join(ch for ch in s.text if ch.isdigit()) for s in ocred)
    x0, top, x1, bottom = ocred[0].location.bbox      # millimetres on the 210×297 page
    assert 0 <= x0 < x1 <= 210 and 0 <= top < bottom <= 297
    assert any("OCR" in n and "置信度" in n for n in ctx.notes)


def test_scanned_ofd_without_ocr(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_OCR", "0")
    record = scan_file(_scanned_ofd(tmp_path), scanner=NullScanner()).to_dict()
    assert record["error"]["code"] == "no_text_layer" and "扫描.ofd" in record["error"]["message"]
    _, ctx = parse(_scanned_ofd(tmp_path, text_first_page=True))
    assert ctx.notes == ["第2页只有图片没有文字（可能是扫描页），需人工审查"]
