"""The bench run: corpus, baseline comparison, corpus scans per --jobs, big documents, linearity; figures into one summary."""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from . import corpus


def machine() -> dict:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "loadavg_start": [round(x, 2) for x in os.getloadavg()]}


def probe(paths: list[str], jobs: int) -> dict:
    """Scan `paths` in a fresh interpreter (so RSS and start-up are its own) and return its figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(paths, fh)
        listing = fh.name
    try:
        env = dict(os.environ, REVIEWER_NO_PROGRESS="1")
        out = subprocess.run([sys.executable, "-m", "reviewer.bench.probe", listing, str(jobs)],
                             check=True, capture_output=True, text=True, env=env)
    finally:
        os.unlink(listing)
    return json.loads(out.stdout)


def text_paragraphs(root: Path, docs: list[dict], target_mb: float) -> list[str]:
    """Paragraphs of the corpus's .txt documents, in order, up to `target_mb` MB of UTF-8."""
    paras: list[str] = []
    size = 0
    for d in docs:
        if d["format"] != "txt":
            continue
        for line in (root / d["path"]).read_text(encoding="utf-8").split("\n"):
            if line.strip():
                paras.append(line)
                size += len(line.encode("utf-8")) + 1
        if size >= target_mb * 1e6:
            break
    return paras


def compare_with_baseline(paragraphs: list[str]) -> dict:
    from detectors import build_scanner
    from .baseline import afternoon_analyzer, compare, same_types_scanner

    t0 = time.perf_counter()
    scanner = build_scanner()
    analyzer = afternoon_analyzer()
    setup = time.perf_counter() - t0
    result = compare(paragraphs, scanner, analyzer, same_types=same_types_scanner(analyzer)).to_dict()
    result["setup_seconds"] = round(setup, 2)
    result["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    return result


def corpus_figures(run: dict, manifest: dict[str, dict]) -> dict:
    """Per-format throughput from one corpus scan (sums of per-document seconds: per core)."""
    per: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    planted: dict[str, Counter] = defaultdict(Counter)
    found: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for d in run["docs"]:
        m = manifest[d["path"]]
        f = per[m["format"]]
        f["docs"] += 1
        f["seconds"] += d["seconds"]
        f["cpu"] += d["cpu"] if d.get("cpu") is not None else d["seconds"]
        f["text_bytes"] += m["text_bytes"]
        f["pages"] += m.get("pages", 0)
        f["rows"] += m.get("rows", 0)
        f["cells"] += m.get("cells", 0)
        f["findings"] += sum(d["types"].values())
        for t, n in (m.get("planted") or {}).items():
            planted[m["format"]][t] += n
            found[m["format"]][t] += min(n, d["types"].get(t, 0))
        if d["status"] != "ok":
            errors.append({"path": d["path"], "error": d["error"]})
    out: dict = {}
    for fmt, f in sorted(per.items()):
        secs = f["cpu"] or 1e-9   # per core: CPU seconds, which other users of the machine do not inflate
        row = {"docs": int(f["docs"]), "seconds": round(f["seconds"], 2), "cpu_seconds": round(secs, 2),
               "docs_s": round(f["docs"] / secs, 1),
               "mb_s": round(f["text_bytes"] / 1e6 / secs, 2), "findings": int(f["findings"])}
        if fmt == "pdf":
            row["pages"], row["pages_s"] = int(f["pages"]), round(f["pages"] / secs, 1)
        if fmt == "xlsx":
            row["rows"], row["rows_s"] = int(f["rows"]), round(f["rows"] / secs)
            row["cells"], row["cells_s"] = int(f["cells"]), round(f["cells"] / secs)
        # identifiers the generator wrote and the scan reported (per document, capped at what was written)
        row["recall"] = {t: {"planted": n, "found": found[fmt][t]} for t, n in sorted(planted[fmt].items())}
        out[fmt] = row
    total_bytes = sum(f["text_bytes"] for f in per.values())
    cpus = [d["cpu"] for d in run["docs"] if d.get("cpu") is not None]
    return {"jobs": run["jobs"], "wall": round(run["wall"], 2), "cpu": round(run["cpu"], 2),
            "startup": round(run["startup"], 2),
            "docs": len(run["docs"]), "mb": round(total_bytes / 1e6, 2),
            "mb_s": round(total_bytes / 1e6 / run["wall"], 2), "docs_s": round(len(run["docs"]) / run["wall"], 1),
            "peak_rss_mb": round(run["peak_rss_mb"]), "worker_peak_rss_mb":
                round(run["worker_peak_rss_mb"]) if run.get("worker_peak_rss_mb") else None,
            "largest_doc_cpu": round(max(cpus), 2) if cpus else None,
            "loadavg": [round(x, 2) for x in run["loadavg"]], "formats": out, "errors": errors}


def big_document(path: Path, doc: dict) -> dict:
    run = probe([str(path)], 1)
    d = run["docs"][0]
    secs = d["cpu"] or d["seconds"]
    row = {"path": doc["path"], "status": d["status"], "seconds": round(d["seconds"], 2), "cpu_seconds": round(secs, 2),
           "peak_rss_mb": round(run["peak_rss_mb"]), "rss_before_scan_mb": round(run["idle_rss_mb"]),
           "loadavg": [round(x, 2) for x in run["loadavg"]]}
    if doc.get("pages"):
        row["pages"], row["pages_s"] = doc["pages"], round(doc["pages"] / secs, 1)
    if doc.get("rows"):
        row["rows"], row["cells"] = doc["rows"], doc["cells"]
        row["rows_s"], row["cells_s"] = round(doc["rows"] / secs), round(doc["cells"] / secs)
    return row


LINEARITY_RUNS = 5   # rounds of scans of the linearity documents


def linearity(root: Path, scales: list[int], preset: str, jobs: int) -> dict:
    """CPU seconds per format for documents `scale` times longer, and each time's ratio to the smallest scale."""
    key = f"lin-{preset}"
    docs = corpus.ensure(root, key, corpus.linearity_plan(scales, preset), jobs)
    base = corpus.corpus_dir(root, key)
    paths = [str(base / d["path"]) for d in docs]
    # LINEARITY_RUNS rounds, each scanning every document once (a format's sizes one after the other). The
    # shared machine's speed drifts for minutes at a time: a ratio is taken within a round, where both
    # sizes met the same neighbours, and the median round's counts; seconds shown are the fastest run
    run = probe(paths * LINEARITY_RUNS, 1)
    runs = {d["path"]: run["docs"][i::len(docs)] for i, d in enumerate(docs)}   # each document's scans, by round
    cpu = {path: [t["cpu"] for t in scans] for path, scans in runs.items()}
    series: dict[str, dict] = defaultdict(dict)
    for d in docs:
        scale = int(Path(d["path"]).stem[1:])   # lin/x4.pdf
        series[d["format"]][scale] = (d, {"seconds": round(min(cpu[d["path"]]), 3),
                                          "wall": round(min(t["seconds"] for t in runs[d["path"]]), 3),
                                          "text_mb": round(d["text_bytes"] / 1e6, 2)})
    out = {}
    first = min(scales)
    for fmt, points in series.items():
        smallest = cpu[points[first][0]["path"]]
        out[fmt] = {str(s): {**p, "time_ratio": round(statistics.median(t / (t0 or 1e-9) for t, t0
                                                                        in zip(cpu[d["path"]], smallest)), 2),
                             "size_ratio": s / first}
                    for s, (d, p) in sorted(points.items())}
    out["loadavg"] = [round(x, 2) for x in run["loadavg"]]
    return out
