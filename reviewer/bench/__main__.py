"""`python -m reviewer.bench` (what `make bench` runs): generate the corpus, scan it, print and save the summary."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import corpus, runner, schedule
from .report import table, targets


def _ints(text: str) -> list[int]:
    try:
        return sorted({int(x) for x in text.replace("|", ",").split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers like 1,2,4, got {text!r}") from None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m reviewer.bench", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="a small corpus (about 50 documents): under a minute")
    ap.add_argument("--tiny", action="store_true", help="a handful of documents: checks the harness, measures nothing")
    ap.add_argument("--out", type=Path, default=Path("bench-out"), help="corpus cache and summary.json (default: %(default)s)")
    ap.add_argument("--jobs", type=_ints, default=[1, 2], help="--jobs values to scan the corpus with (default: 1,2)")
    ap.add_argument("--scale", type=_ints, default=[1, 2, 4], help="input sizes of the linearity series (default: 1,2,4)")
    ap.add_argument("--text-mb", type=float, default=None, help="MB of text for the baseline comparison (default 3; quick 0.15)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: baseline,scan,big,linearity,web")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    gen_jobs = os.cpu_count() or 1
    key = "tiny" if args.tiny else ("quick" if args.quick else "full")
    summary: dict = {"machine": runner.machine(), "args": {"preset": key, "jobs": args.jobs, "scale": args.scale}}
    t0 = time.perf_counter()
    docs = corpus.ensure(out, key, corpus.plan(corpus.SIZES[key]), gen_jobs)
    root = corpus.corpus_dir(out, key)
    summary["corpus"] = {"key": str(root), "docs": len(docs), "mb": round(sum(d["text_bytes"] for d in docs) / 1e6, 2),
                         "by_format": _count(docs), "ready_seconds": round(time.perf_counter() - t0, 1)}
    _say(f"corpus ready: {len(docs)} documents in {root} ({summary['corpus']['ready_seconds']} s)")

    if "baseline" not in skip:
        paras = runner.text_paragraphs(root, docs, args.text_mb or {"full": 3.0, "quick": 0.15, "tiny": 0.01}[key])
        _say(f"baseline comparison on {len(paras)} paragraphs …")
        summary["baseline"] = runner.compare_with_baseline(paras)
    manifest = {str(root / d["path"]): d for d in docs}
    if "scan" not in skip:
        summary["scan"] = {}
        paths = [str(root / d["path"]) for d in docs]
        runs = {}
        for jobs in args.jobs:
            _say(f"corpus scan --jobs {jobs} …")
            runs[jobs] = runner.probe(paths, jobs)
            summary["scan"][str(jobs)] = runner.corpus_figures(runs[jobs], manifest)
        if "1" in summary["scan"] and "2" in summary["scan"]:
            one, two = summary["scan"]["1"], summary["scan"]["2"]
            summary["jobs_speedup"] = round(one["wall"] / two["wall"], 2)
            # what two free cores would give: each document's CPU time from the --jobs 1 run, handed to two
            # workers in the order `reviewer scan --jobs 2` hands them out (reviewer/bench/schedule.py)
            cpu = [d["cpu"] or 0.0 for d in runs[1]["docs"]]
            summary["jobs_speedup_idle_estimate"] = round(sum(cpu) / schedule.replay(paths, cpu, 2), 2)
    if "big" not in skip:
        summary["big"] = {}
        for d in docs:
            if d["path"] in ("pdf/big.pdf", "xlsx/big.xlsx"):
                _say(f"big document {d['path']} …")
                summary["big"][d["format"]] = runner.big_document(root / d["path"], d)
    if "linearity" not in skip and len(args.scale) > 1:
        _say(f"linearity at {args.scale} …")
        summary["linearity"] = runner.linearity(out, args.scale, key, gen_jobs)
    if "web" not in skip:
        from .web import web_latency
        _say("web latency …")
        summary["web"] = web_latency(out, key)
    summary["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    summary["targets"] = targets(summary)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(summary))
    print(json.dumps({k: v for k, v in summary.items() if k not in ("scan",)}, ensure_ascii=False))
    print(f"summary written to {out / 'summary.json'} ({summary['seconds']} s)", file=sys.stderr)
    return 0


def _count(docs: list[dict]) -> dict:
    out: dict[str, int] = {}
    for d in docs:
        out[d["format"]] = out.get(d["format"], 0) + 1
    return out


_STARTED = time.perf_counter()


def _say(msg: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:6.1f} s] {msg}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
