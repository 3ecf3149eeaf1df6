"""Detector throughput on ~20 MB of Chinese government text, against a plain Presidio set-up (`make bench` builds on it)."""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [Path("/work/shared/corpora/real"), ROOT / "corpora" / "txt"]


def load_paragraphs(target_mb: float, sources: list[Path] = SOURCES) -> list[str]:
    """Paragraphs of the .txt files in `sources`, repeated until they make `target_mb` MB of UTF-8."""
    paras: list[str] = []
    for src in sources:
        for f in sorted(src.glob("*.txt")) if src.is_dir() else []:
            paras += [p for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    if not paras:
        raise SystemExit("no .txt files found in " + ", ".join(map(str, sources)))
    size = sum(len(p.encode()) + 1 for p in paras)
    return paras * max(1, round(target_mb * 1e6 / size))


def run_scanner(scanner, paras: list[str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, findings): CPU time is what one core spends, whatever else runs."""
    from reviewer.document import Location, Segment

    segments = [Segment(p, Location(paragraph=i)) for i, p in enumerate(paras)]
    cpu, wall = time.process_time(), time.perf_counter()
    found = sum(len(scanner.scan(s)) for s in segments)
    return time.process_time() - cpu, time.perf_counter() - wall, found


def by_recognizer(scanner, paras: list[str]) -> None:
    """MB/s of each prefilter and each recognizer on the segments its prefilter lets through."""
    from reviewer.document import Location, Segment

    from detectors.normalize import normalise

    mb = sum(len(p.encode()) + 1 for p in paras) / 1e6
    segments = [Segment(p, Location()) for p in paras]
    texts = [normalise(p).text for p in paras]
    for search, calls in scanner._plan:
        started = time.perf_counter()
        hits = [i for i, t in enumerate(texts) if search is None or search(t)]
        pf_secs = time.perf_counter() - started
        pattern = search.__self__.pattern if search else "(none: runs on every segment)"
        print(f"  prefilter {pattern[:60]!r}: {mb / max(pf_secs, 1e-9):.0f} MB/s, passes {len(hits)} of {len(texts)}")
        for rec, analyze_segment, _, supported in calls:
            started = time.perf_counter()
            for i in hits:
                if analyze_segment is not None:
                    analyze_segment(texts[i], segments[i], list(supported))
                else:
                    rec.analyze(texts[i], list(supported), None)
            secs = time.perf_counter() - started
            print(f"    {rec.name:36s} {mb / max(secs, 1e-9):8.1f} MB/s of all text")


def afternoon_analyzer():
    """Presidio wired the way a team would in an afternoon: the blank zh pipeline, the same
    identifier patterns as plain PatternRecognizers, the default (lemma) context enhancer."""
    from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from detectors.config import build_recognizer, load_settings
    from detectors.nlp_build import ensure_built

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "zh", "model_name": str(ensure_built())}]}).create_engine()
    recs = []
    for spec in load_settings().enabled():
        ours = build_recognizer(spec)
        if hasattr(ours, "patterns") and ours.patterns:
            recs.append(PatternRecognizer(supported_entity=ours.supported_entities[0], patterns=ours.patterns,
                                          context=ours.context, supported_language="zh", name=ours.name + "Plain"))
    registry = RecognizerRegistry(recognizers=recs, supported_languages=["zh"])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["zh"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=20.0, help="text to scan with the project's scanner (MB)")
    ap.add_argument("--baseline-mb", type=float, default=0.5, help="text for the plain Presidio baseline (MB)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--baseline-documents", action="store_true",
                    help="baseline analyzes whole files per call, not paragraphs (slower still)")
    ap.add_argument("--config", help="an office YAML file, e.g. one that disables recognizers")
    ap.add_argument("--by-recognizer", action="store_true", help="time each prefilter and recognizer")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from detectors import build_scanner
    scanner = build_scanner(args.config)
    print(f"start-up (import + build_scanner): {time.perf_counter() - t0:.2f} s, "
          f"{len(scanner.registry.recognizers)} recognizers")
    from reviewer.document import Location, Segment
    warm = scanner.scan(Segment("邮箱a@mail.gov.cn 手机13908785521", Location()))  # lazy one-time loads (tldextract)
    assert warm, "the scanner found nothing in the warm-up text"
    paras = load_paragraphs(args.mb)
    mb = sum(len(p.encode()) + 1 for p in paras) / 1e6
    secs, wall, found = run_scanner(scanner, paras)
    ours = mb / secs
    print(f"scanner: {mb:.1f} MB in {secs:.2f} s of CPU = {ours:.1f} MB/s on one core "
          f"(wall {wall:.2f} s; {len(paras)} paragraphs, {found} findings)")
    if args.by_recognizer:
        by_recognizer(scanner, paras)
    if args.no_baseline:
        return
    base_paras = load_paragraphs(args.baseline_mb)
    if args.baseline_documents:   # the same text in chunks of ~40 paragraphs (a short document each)
        base_paras = ["\n".join(base_paras[i:i + 40]) for i in range(0, len(base_paras), 40)]
    bmb = sum(len(p.encode()) + 1 for p in base_paras) / 1e6
    analyzer = afternoon_analyzer()
    started = time.process_time()
    for p in base_paras:
        analyzer.analyze(p, language="zh")
    bsecs = time.process_time() - started
    unit = "per document" if args.baseline_documents else "per paragraph"
    print(f"plain Presidio AnalyzerEngine, {unit}: {bmb:.1f} MB in {bsecs:.2f} s of CPU = {bmb / bsecs:.2f} MB/s")
    print(f"ratio: {ours / (bmb / bsecs):.0f}x")


if __name__ == "__main__":
    main()
