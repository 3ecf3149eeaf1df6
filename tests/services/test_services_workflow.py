"""Audit-chain, workflow and API suites again, on PostgreSQL with Redis and a Celery worker (`reviewer worker`)."""
from __future__ import annotations

import re
import subprocess
import sys

from tests.services.servers import REPO

SUITES = ["tests/test_audit_chain.py", "tests/test_workflow.py", "tests/test_release_jobs.py", "tests/api"]
# holds the in-process thread pool's scanner with a threading.Event: a worker in another process cannot be held so;
# the same 202-then-poll behaviour through Celery is what tests/services/test_load.py checks
IN_PROCESS_ONLY = ["tests/api/test_api_journey.py::test_upload_answers_202_while_the_scan_runs"]


def test_workflow_and_api_suites_pass_on_postgres_with_celery_workers(stack):
    """Every upload in those suites is scanned, and every release copy built, by the worker process through Redis
    and read back from PostgreSQL."""
    stack.worker("suite", concurrency=2)
    env = stack.env(REVIEWER_TEST_POSTGRES_URL=stack.database_url, REVIEWER_TEST_STORAGE_DIR=str(stack.storage_dir))
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                          "-o", "addopts=", *SUITES, *(f"--deselect={t}" for t in IN_PROCESS_ONLY)], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=600)
    summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-2000:]
    print(f"PostgreSQL + Redis + Celery run of {' '.join(SUITES)}: {summary}")
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
    passed = int(re.search(r"(\d+) passed", summary).group(1))
    assert passed >= 40 and "skipped" not in summary, summary
    with open(stack.storage_dir.parent / "worker-suite.log", encoding="utf-8", errors="replace") as fh:
        log = fh.read()
    scans = len(re.findall(r"reviewer\.scan\[[^\]]+\] succeeded", log))
    releases = len(re.findall(r"reviewer\.release\[[^\]]+\] succeeded", log))
    print(f"scans run by the Celery worker: {scans}; release copies built by it: {releases}")
    assert scans >= 40, "the uploads of those suites were not scanned by the worker"
    assert releases >= 8, "the release copies of those suites were not built by the worker"
