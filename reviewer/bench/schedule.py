"""What `--jobs N` would take on N idle cores: the scan's own dispatch order replayed with measured CPU per document."""
from __future__ import annotations

import heapq


def replay(names: list[str], cpu: list[float], jobs: int, work: list[int] | None = None) -> float:
    """Seconds until the last document is done when `jobs` idle workers scan `names` (each taking `cpu[i]`
    seconds) in the order reviewer.cli.scan._in_order hands them out: the largest files first
    (start_order), then the largest of the look-ahead window, at most 2 × jobs submitted at a time,
    each worker taking the oldest submitted file when it is free. Output order does not cost time here."""
    from reviewer.cli.scan import LOOKAHEAD_PER_JOB, start_order, work_estimate

    n = len(names)
    if work is None:
        work = [work_estimate(name) for name in names]
    first, started = start_order(work, jobs)
    first = list(reversed(first))
    window = jobs * LOOKAHEAD_PER_JOB
    waiting: list[tuple[int, int]] = []
    queue: list[int] = []                 # submitted, not yet taken by a worker (FIFO)
    busy: list[tuple[float, int]] = []    # (finish time, index) of running files
    done: set[int] = set()
    free = jobs
    seen = head = 0
    now = 0.0
    while head < n:
        while seen < n and seen < head + window:
            if seen not in started:
                waiting.append((work[seen], seen))
            seen += 1
        waiting.sort()
        while (first or waiting) and len(queue) + len(busy) < 2 * jobs:
            queue.append(first.pop() if first else waiting.pop()[1])
        while free and queue:
            i = queue.pop(0)
            heapq.heappush(busy, (now + cpu[i], i))
            free -= 1
        if head not in done:
            now, i = heapq.heappop(busy)
            done.add(i)
            free += 1
        while head in done:
            head += 1
    return max([now] + [t for t, _ in busy])
