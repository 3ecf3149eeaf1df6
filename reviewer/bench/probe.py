"""One measured scan in a fresh process: `python -m reviewer.bench.probe LIST.json JOBS` prints a JSON result."""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024   # Linux reports KiB


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def run(paths: list[str], jobs: int) -> dict:
    """Scan `paths` the way `reviewer scan --jobs N` does; slim per-document figures, wall time and peak RSS."""
    started = time.perf_counter()
    from reviewer.cli.scan import _init_worker, scan_many
    from reviewer.limits import Limits

    _init_worker(Limits.from_env())   # imports and the scanner: start-up, not scanning (forked workers inherit it)
    startup = time.perf_counter() - started
    idle_rss = _current_rss_mb()
    docs = []
    t0 = time.perf_counter()
    cpu0 = cpu = time.process_time()
    for rec in scan_many([Path(p) for p in paths], jobs, Limits.from_env()):
        # with one job the scan runs inside next(): the CPU time since the last record is this document's
        now = time.process_time()
        types = Counter(f["type"] for f in rec["findings"] if not f.get("masked"))
        docs.append({"path": rec["path"], "format": rec["format"], "status": rec["status"],
                     "error": (rec["error"] or {}).get("code"), "seconds": rec["stats"]["seconds"],
                     "cpu": now - cpu if jobs <= 1 else None,
                     "chars": rec["stats"]["chars"], "pages": rec["stats"]["pages"], "types": dict(types)})
        cpu = time.process_time()
    wall = time.perf_counter() - t0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"jobs": jobs, "wall": wall, "startup": startup, "idle_rss_mb": idle_rss,
            "cpu": time.process_time() - cpu0 + children.ru_utime + children.ru_stime,
            "peak_rss_mb": _rss_mb(resource.RUSAGE_SELF),
            "worker_peak_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN) if jobs > 1 else None,
            "loadavg": os.getloadavg(), "docs": docs}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        paths = json.load(fh)
    result = run(paths, int(sys.argv[2]))
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
