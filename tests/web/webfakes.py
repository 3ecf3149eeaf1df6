"""A small deterministic scanner for the web and workflow tests (the real detectors are tested elsewhere)."""
from __future__ import annotations

import dataclasses
import re
import threading
from contextlib import contextmanager
from typing import Iterator

from reviewer.document import Detection, Segment

PATTERNS = (
    ("CN_RESIDENT_ID", re.compile(r"(?<!\d)\d{17}[\dX](?!\d)"), None),
    ("CN_MOBILE_PHONE", re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), None),
    ("SECRECY_MARKING", re.compile(r"(?:绝密|机密|秘密)★\S*"), None),
    ("RESTRICTED_MARKING", re.compile(r"内部资料|工作秘密"), None),
)
PASSWORD = "correct-horse-battery"


class FakeScanner:
    def scan(self, segment: Segment) -> list[Detection]:
        out = []
        for kind, rx, sev in PATTERNS:
            for m in rx.finditer(segment.text):
                out.append(Detection(kind, m.start(), m.end(), 1.0, sev, explanation="test pattern"))
        return out


@contextmanager
def held_background_jobs(timeout: float = 60) -> Iterator[threading.Event]:
    """Scans and release builds run in a thread pool (as in production without Celery), and each segment
    they scan waits until the test sets the gate this yields; afterwards every job has finished and the
    runtime is as before."""
    from reviewer import jobs, release_jobs

    gate = threading.Event()

    class HeldScanner(FakeScanner):
        def scan(self, segment):
            gate.wait(timeout)  # a safety net only: the test opens the gate itself
            return super().scan(segment)

    before = jobs.runtime()
    jobs.configure(dataclasses.replace(before, sync=False, workers=1, scanner=HeldScanner()))
    try:
        yield gate
    finally:
        gate.set()
        jobs.wait_idle()
        release_jobs.wait_idle()
        jobs.configure(before)


ID = "530102198703150012"
PHONE = "13812345678"
PERSONAL_TXT = f"申请人身份证号码：{ID}，联系电话 {PHONE}。\n本通知自发布之日起施行。\n".encode("utf-8")
SECRET_TXT = "秘密★1年\n关于安全保卫工作的通知\n".encode("utf-8")
CLEAR_TXT = "关于开展政务公开培训的通知\n请各单位派员参加。\n".encode("utf-8")
