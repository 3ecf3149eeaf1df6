"""Parse speed of the docx parser on a generated 2,000-paragraph document: `python -m tests.builders.docx_bench`."""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reviewer.document import ParseContext
from reviewer.parsers.docx import parse
from tests.builders.docx_builder import DocxBuilder, hidden, ins

PARAGRAPHS = 2000
SENTENCE = "依据《中华人民共和国政府信息公开条例》第十五条，涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。"


def build(path: Path, paragraphs: int = PARAGRAPHS) -> Path:
    b = DocxBuilder()
    for i in range(paragraphs):
        if i % 50 == 0:   # every 50th paragraph carries an insertion and hidden text
            b.paragraph(f"第{i}段，申请人：", ins("王五"), "，身份证号码530102198703150011，", hidden("备注"), "住址：某村12号。")
        else:
            b.paragraph(f"第{i}段：{SENTENCE}")
    return b.save(path)


def main() -> None:
    paragraphs = int(sys.argv[1]) if len(sys.argv) > 1 else PARAGRAPHS
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "bench.docx", paragraphs)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            segs = list(parse(path, ParseContext()))
            best = min(best, time.perf_counter() - started)
    chars = sum(len(s.text) for s in segs)
    print(f"{paragraphs} paragraphs, {len(segs)} segments, {chars} characters: best of 3 {best:.3f} s, "
          f"{paragraphs / best:,.0f} paragraphs/s, {chars / best / 1e6:.2f} M characters/s")


if __name__ == "__main__":
    main()
