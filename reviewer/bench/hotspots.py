"""Where the detectors spend their time: CPU per recognizer and per engine step, on prose and on table rows.

`python -m reviewer.bench.hotspots [--out bench-out]` (after a bench run has generated the corpus). It wraps
the built scanner's recognizers and steps with timers at run time; no detector file is changed.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

_SPENT: dict[str, float] = defaultdict(float)
_CALLS: dict[str, int] = defaultdict(int)


def _timed(name: str, fn: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _SPENT[name] += time.process_time() - t
            _CALLS[name] += 1
    return wrapper


def instrument(scanner) -> None:
    """Put timers around each recognizer, each prefilter search and the engine's shared steps."""
    import detectors.engine as engine
    import detectors.explain as explain

    plan = []
    for search, calls in scanner._build_plan(scanner.registry.recognizers):
        timed = []
        for rec, fn, needs_nlp, supported in calls:
            # a RunGroup calls several recognizers in one pass: it is timed as one
            label = f"recognizers {rec.name} (one pass)" if hasattr(rec, "members") else f"recognizer {rec.name}"
            if fn is not None:
                fn = _timed(label, fn)
            else:
                rec.analyze = _timed(label, rec.analyze)
            timed.append((rec, fn, needs_nlp, supported))
        plan.append((_timed(f"prefilter {search.__self__.pattern[:40]!r}", search) if search else None, timed))
    scanner._plan = plan
    enhancer = scanner.context_aware_enhancer
    enhancer.score_found = _timed("engine: context", enhancer.score_found)
    engine.resolve = _timed("engine: resolve overlaps", engine.resolve)
    engine.normalise = _timed("engine: normalise", engine.normalise)
    explain.render = _timed("engine: explanation", explain.render)


def measure(scanner, segments: list) -> dict:
    _SPENT.clear()
    _CALLS.clear()
    t = time.process_time()
    found = sum(len(scanner.scan(s)) for s in segments)
    total = time.process_time() - t
    parts = sorted(_SPENT.items(), key=lambda kv: -kv[1])
    return {"segments": len(segments), "findings": found, "cpu_seconds": round(total, 3),
            "us_per_segment": round(total / max(1, len(segments)) * 1e6, 1),
            "parts": [{"what": k, "cpu_seconds": round(v, 3), "share": round(v / total, 3) if total else 0,
                       "calls": _CALLS[k]} for k, v in parts]}


def prose_segments(root: Path, docs: list[dict], mb: float) -> list:
    from reviewer.document import Location, Segment

    from .runner import text_paragraphs
    return [Segment(p, Location("body", paragraph=i)) for i, p in enumerate(text_paragraphs(root, docs, mb))]


def row_segments(path: Path, limit: int) -> list:
    from reviewer.document import ParseContext
    from reviewer.parsers import parser_for

    out = []
    for seg in parser_for("xlsx")(path, ParseContext()):
        out.append(seg)
        if len(out) >= limit:
            break
    return out


def main() -> None:
    from detectors import build_scanner

    from . import corpus

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--preset", default="quick", choices=sorted(corpus.SIZES))
    ap.add_argument("--mb", type=float, default=1.0, help="MB of prose")
    ap.add_argument("--rows", type=int, default=5000, help="xlsx rows")
    args = ap.parse_args()
    docs = corpus.ensure(args.out, args.preset, corpus.plan(corpus.SIZES[args.preset]), 2)
    root = corpus.corpus_dir(args.out, args.preset)
    scanner = build_scanner()
    prose = prose_segments(root, docs, args.mb)
    rows = row_segments(root / "xlsx" / "big.xlsx", args.rows)
    for s in prose[:200] + rows[:200]:   # lazy loads are not what we measure
        scanner.scan(s)
    instrument(scanner)
    result = {"prose": measure(scanner, prose), "table_rows": measure(scanner, rows)}
    for kind, r in result.items():
        print(f"{kind}: {r['segments']} segments, {r['findings']} findings, {r['cpu_seconds']} s CPU, "
              f"{r['us_per_segment']} µs per segment")
        for p in r["parts"][:14]:
            print(f"  {p['share']:6.1%}  {p['cpu_seconds']:7.3f} s  {p['calls']:>7} calls  {p['what']}")
    (args.out / "hotspots.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
