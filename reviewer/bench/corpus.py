"""The bench corpus: a seeded plan of documents in four formats, generated in parallel and cached by generator version."""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from .textgen import TextGen
from .writers import write_docx, write_pdf, write_txt, write_xlsx

GENERATOR_VERSION = 4   # bump whenever generated content changes: the cache key includes it
SEED = 20240601


@dataclass(frozen=True)
class DocSpec:
    """One document to generate: its format, file name and size parameters."""

    fmt: str
    name: str
    seed: str
    size: int            # paragraphs (txt, docx), pages (pdf), rows (xlsx)
    extra: int = 0       # docx: table rows; pdf: a table every N pages; xlsx: 1 = a hidden sheet


@dataclass(frozen=True)
class CorpusSize:
    """How many documents of each format, and the two big ones."""

    txt: int
    docx: int
    pdf: int
    xlsx: int
    big_pdf_pages: int
    big_xlsx_rows: int


FULL = CorpusSize(txt=1200, docx=400, pdf=250, xlsx=150, big_pdf_pages=1000, big_xlsx_rows=100_000)
QUICK = CorpusSize(txt=30, docx=10, pdf=6, xlsx=4, big_pdf_pages=30, big_xlsx_rows=1500)
TINY = CorpusSize(txt=3, docx=2, pdf=1, xlsx=1, big_pdf_pages=3, big_xlsx_rows=60)   # the test suite's
SIZES = {"full": FULL, "quick": QUICK, "tiny": TINY}
LINEARITY_FACTOR = {"full": 8, "quick": 1, "tiny": 0.05}   # base length of the linearity series, × quick's


def plan(size: CorpusSize) -> list[DocSpec]:
    """The documents of a corpus, each with its own seed, so any one can be regenerated alone."""
    out: list[DocSpec] = []
    for i in range(size.txt):
        out.append(DocSpec("txt", f"txt/{i:05d}.txt", f"{SEED}:txt:{i}", 30 + (i * 37) % 60))
    for i in range(size.docx):
        out.append(DocSpec("docx", f"docx/{i:05d}.docx", f"{SEED}:docx:{i}", 15 + (i * 13) % 25,
                           extra=20 if i % 4 == 0 else 0))
    for i in range(size.pdf):
        out.append(DocSpec("pdf", f"pdf/{i:05d}.pdf", f"{SEED}:pdf:{i}", 2 + (i * 7) % 8,
                           extra=3 if i % 10 == 0 else 0))
    out.append(DocSpec("pdf", "pdf/big.pdf", f"{SEED}:pdf:big", size.big_pdf_pages, extra=10))
    for i in range(size.xlsx):
        out.append(DocSpec("xlsx", f"xlsx/{i:05d}.xlsx", f"{SEED}:xlsx:{i}", 50 + (i * 53) % 400,
                           extra=1 if i % 10 == 0 else 0))
    out.append(DocSpec("xlsx", "xlsx/big.xlsx", f"{SEED}:xlsx:big", size.big_xlsx_rows))
    return out


def linearity_plan(scales: list[int], preset: str) -> list[DocSpec]:
    """Per scale, one document per format whose length is `scale` times a base length (the linearity series)."""
    out = []
    for scale in scales:
        k = scale * LINEARITY_FACTOR[preset]
        out += [DocSpec("txt", f"lin/x{scale}.txt", f"{SEED}:lin:txt", round(600 * k)),
                DocSpec("docx", f"lin/x{scale}.docx", f"{SEED}:lin:docx", round(240 * k), extra=round(40 * k)),
                DocSpec("pdf", f"lin/x{scale}.pdf", f"{SEED}:lin:pdf", max(1, round(10 * k)), extra=10),
                DocSpec("xlsx", f"lin/x{scale}.xlsx", f"{SEED}:lin:xlsx", round(1000 * k))]
    return out


def _seed_int(seed: str) -> int:
    import hashlib
    return int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")


def make(spec: DocSpec, root: str) -> dict:
    """Write one document under `root`; returns its manifest entry."""
    path = Path(root) / spec.name
    path.parent.mkdir(parents=True, exist_ok=True)
    gen = TextGen(_seed_int(spec.seed))
    if spec.fmt == "txt":
        info = write_txt(path, gen, spec.size)
    elif spec.fmt == "docx":
        info = write_docx(path, gen, spec.size, spec.extra)
    elif spec.fmt == "pdf":
        info = write_pdf(path, gen, spec.size, spec.extra)
    else:
        info = write_xlsx(path, gen, spec.size, bool(spec.extra))
    return {"path": spec.name, "format": spec.fmt, "bytes": path.stat().st_size, **info}


def ensure(root: Path, key: str, specs: list[DocSpec], jobs: int) -> list[dict]:
    """The manifest of the corpus `key` under `root`, generating it first unless a complete copy is cached."""
    target = root / f"{key}-v{GENERATOR_VERSION}"
    manifest = target / "manifest.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("specs") == [asdict(s) for s in specs]:
            return data["documents"]
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    # biggest first, so that one long document does not finish last on its own
    order = sorted(specs, key=lambda s: -s.size * (40 if s.fmt == "pdf" else 1))
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        made = dict(zip([s.name for s in order], pool.map(make, order, [str(target)] * len(order), chunksize=4)))
    docs = [made[s.name] for s in specs]
    tmp = manifest.with_suffix(".tmp")
    tmp.write_text(json.dumps({"generator_version": GENERATOR_VERSION, "specs": [asdict(s) for s in specs],
                               "documents": docs}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, manifest)   # written last: a half-generated corpus is never taken for a cached one
    return docs


def corpus_dir(root: Path, key: str) -> Path:
    return root / f"{key}-v{GENERATOR_VERSION}"
