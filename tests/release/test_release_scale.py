"""Release copies at the edges of the one-pass search: all values of a text found together, as the one-value-at-a-time search found them."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from reviewer.pipeline import NullScanner
from reviewer.release import RedactionTarget, ReleaseRefused, make_release_copy
from reviewer.release import match
from reviewer.release.match import LINE_BREAKS, WRAP_NEEDLE, Needles, find_counted, find_spans, merge, normalise
from reviewer.release.pdf_verify import pdf_texts
from reviewer.release.verify import _Search
from tests.builders.pdf_builder import PdfBuilder

ALPHABET = list("0123456789王小明五李 -\n\t·１２３ＡaA\u200b①㎡ßİ") + ["\u00ad"]


def _naive_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """The search as it was: every needle on its own over the whole text."""
    flat, where = "", []
    for i, ch in enumerate(text):
        n = normalise(ch)
        flat += n
        where += [i] * len(n)
    spans = []
    for needle in (n for n in needles if len(n) >= 2):
        at = flat.find(needle)
        while at >= 0:
            span = (where[at], where[at + len(needle) - 1] + 1)
            if len(needle) >= WRAP_NEEDLE or not LINE_BREAKS.search(text, *span):
                spans.append(span)
            at = flat.find(needle, at + 1)
    return merge(spans)


def test_one_pass_finds_what_one_search_per_value_found():
    """Random texts with separators, full-width forms, ㎡ → m2, line breaks, and overlapping values."""
    rng = random.Random(20261127)
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40)))
        needles = list({normalise("".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 9))))
                        for _ in range(rng.randrange(0, 6))})
        assert find_spans(text, needles) == _naive_spans(text, needles), (text, needles)
        spans, counts = find_counted(text, Needles(needles))
        assert spans == _naive_spans(text, needles)
        assert counts == {n: k for n in needles if (k := len(_naive_spans(text, [n])))}
        wanted = {n: None for n in needles if len(n) >= 2}
        flat = normalise(text)
        assert _Search(wanted).present(text) == {n for n in wanted if n in flat and match.contains(text, n)}


def test_same_value_many_times_and_values_that_are_prefixes_of_others(tmp_path: Path):
    ids = [f"5301021987{i:08d}" for i in range(2000)]
    lines = [f"第{i}户 {v} 再次 {v[:6]} {v[6:]}" for i, v in enumerate(ids)]
    lines += ["王小 与 王小明 与 王小明明", "未标记的号码 13900001111 应当保留"]
    src = tmp_path / "名单.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    targets = [RedactionTarget(v, "CN_RESIDENT_ID", {}) for v in ids] + \
              [RedactionTarget("王小明", "PERSON", {}), RedactionTarget("王小", "PERSON", {}),
               RedactionTarget("王小明", "PERSON", {})]          # the same finding twice
    result = make_release_copy(src, "txt", targets, tmp_path / "发布稿.txt", scanner=NullScanner())
    out = result.path.read_text(encoding="utf-8")
    assert not any(v in out or v[6:] in out for v in ids)
    assert "王小" not in out and "■■ 与 ■■■ 与 ■■■明" in out
    assert "13900001111" in out                                  # not marked: stays
    assert f"已删除 身份证号：{match.mask_value(ids[7])}（2 处）" in result.removed
    assert "已删除 姓名：王**（2 处）" in result.removed            # counted once, not once per finding


def _pdf(tmp_path: Path, pages: int) -> tuple[Path, list[str]]:
    b = PdfBuilder(tmp_path / "多页.pdf")
    ids = []
    for p in range(pages):
        if p:
            b.new_page()
        value = f"53010219870315{p:04d}"
        ids.append(value)
        b.line(f"第 {p + 1} 页 申请人身份证号码 {value}")
        if p == 0:
            b.one_by_one("逐字排版 13812345678 号码")           # a text object per character
            for _ in range(25):
                b.line("再次出现 530102198703150000")
            b.line("未标记的号码 13900002222 应当保留在图像中")
    b.new_page()
    b.line("最后一页没有个人信息，未标记的号码 13900003333 保留文字。")
    return b.save(), ids


@pytest.fixture
def no_ocr(monkeypatch):
    """The text layer is what these tests are about; OCR of the imaged pages is tested elsewhere."""
    monkeypatch.setenv("REVIEWER_OCR", "0")


def test_pdf_values_on_many_pages_split_runs_and_repeats(tmp_path: Path, no_ocr):
    import pypdfium2 as pdfium
    src, ids = _pdf(tmp_path, 12)
    targets = [RedactionTarget(v, "CN_RESIDENT_ID", {"part": "body", "page": i + 1}) for i, v in enumerate(ids)]
    targets += [RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"part": "body", "page": 1})]
    result = make_release_copy(src, "pdf", targets, tmp_path / "发布稿.pdf", scanner=NullScanner())
    text = "\n".join(t for _w, t in pdf_texts(result.path))
    flat = normalise(text)
    assert not [v for v in ids + ["13812345678"] if v in flat]
    assert "13900003333" in flat                               # a page without a value keeps its text
    imaged = [line for line in result.removed if "已转为图像" in line]
    assert len(imaged) == 12 and not any("第 13 页" in line for line in imaged)
    assert f"已删除 身份证号：{match.mask_value(ids[0])}（26 处）" in result.removed
    assert "已删除 手机号：138****5678" in result.removed
    # the unmarked number on page 1 is still printed: its line is not blacked out
    source = pdfium.PdfDocument(str(src))[0]
    tp = source.get_textpage()
    chars = "".join(tp.get_text_range())
    at = chars.index("13900002222")
    left, bottom, _r, _t = tp.get_charbox(at)
    right, _b, _r2, top = tp.get_charbox(at + 10)
    image = pdfium.PdfDocument(str(result.path))[0].render(scale=1).to_pil().convert("L")
    h = image.height
    strip = [image.getpixel((x, round(h - (bottom + top) / 2))) for x in range(round(left), round(right))]
    assert max(strip) > 200 and min(strip) < 120                # ink on white, not a black box


def test_a_value_the_search_misses_is_refused_by_verification(tmp_path: Path, monkeypatch, no_ocr):
    """Verification does not reuse the redactors' search: a value it lets through is still found."""
    original = Needles.occurrences

    def blind(self, text):
        found, seen = original(self, text)
        return [o for o in found if o[0] != "13812345678"], seen - {"13812345678"}

    monkeypatch.setattr(Needles, "occurrences", blind)
    src = tmp_path / "公示.txt"
    src.write_text("联系电话 13812345678，身份证 530102198703150011。\n", encoding="utf-8")
    targets = [RedactionTarget("13812345678", "CN_MOBILE_PHONE", {}),
               RedactionTarget("530102198703150011", "CN_RESIDENT_ID", {})]
    with pytest.raises(ReleaseRefused) as err:
        make_release_copy(src, "txt", targets, tmp_path / "发布稿.txt", scanner=NullScanner())
    assert "138****5678" in err.value.message and not (tmp_path / "发布稿.txt").exists()
    pdf, ids = _pdf(tmp_path, 2)
    with pytest.raises(ReleaseRefused) as err:
        make_release_copy(pdf, "pdf", [RedactionTarget("13812345678", "CN_MOBILE_PHONE", {"page": 1})],
                          tmp_path / "发布稿.pdf", scanner=NullScanner())
    assert "138****5678" in err.value.message and not (tmp_path / "发布稿.pdf").exists()
    assert list(tmp_path.glob(".*unverified*")) == []


def test_xlsx_many_rows_one_pass(tmp_path: Path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "手机号", "备注"])
    ids = [f"1101051970{i:08d}" for i in range(1500)]
    phones = [13700000000 + i for i in range(1500)]             # typed as numbers
    for i, v in enumerate(ids):
        ws.append([f"张{i:04d}", v, phones[i], f"联系 1390000{i:04d}"])
    src = tmp_path / "名单.xlsx"
    wb.save(src)
    targets = [RedactionTarget(v, "CN_RESIDENT_ID", {"sheet": "Sheet"}) for v in ids]
    targets += [RedactionTarget(str(p), "CN_MOBILE_PHONE", {"sheet": "Sheet"}) for p in phones[::2]]
    result = make_release_copy(src, "xlsx", targets, tmp_path / "发布稿.xlsx", scanner=NullScanner())
    out = openpyxl.load_workbook(result.path).active
    assert all(out.cell(r, 2).value == "■" * 18 for r in range(2, 1502))
    assert all(out.cell(r, 3).value == "■" * 11 for r in range(2, 1502, 2))
    assert all(out.cell(r, 3).value == phones[r - 2] for r in range(3, 1502, 2))   # not marked: stays
    assert out.cell(2, 4).value == "联系 13900000000"
    assert sum(1 for line in result.removed if line.startswith("已删除 身份证号")) == 1500
