"""Stand-alone random fuzzing loop (no hypothesis): `python -m tests.fuzz.explore N` prints defects it finds."""
from __future__ import annotations

import random
import sys
from collections import Counter

from .harness import Worker, mutate, save_regression, seeds


def main(n: int = 500, seed: int = 1) -> int:
    rnd, worker, tally, bad = random.Random(seed), Worker(), Counter(), 0
    all_seeds = seeds()
    try:
        for i in range(n):
            fmt = rnd.choice(sorted(all_seeds))
            data = mutate(fmt, rnd.choice(all_seeds[fmt]), rnd)
            out = worker.run(f"case.{fmt}", data)
            tally[(fmt, out.status, out.code)] += 1
            if not out.acceptable:
                bad += 1
                path = save_regression(fmt, data, out)
                print(f"DEFECT {path.name}: {out.status} {out.code}\n{out.detail[-800:]}", flush=True)
    finally:
        worker.stop()
    for k, v in sorted(tally.items(), key=str):
        print(k, v)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
