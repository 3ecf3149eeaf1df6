"""50 uploads and reviews at once through the served app (waitress) with two Celery workers on PostgreSQL."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from reviewer import accounts, audit
from reviewer.db import make_engine, make_session_factory
from reviewer.db.models import AuditEntry, Finding, Version
from tests.services.httpclient import Api
from tests.web.webfakes import PASSWORD, PERSONAL_TXT

DOCUMENTS = 50
PEOPLE = {"zhang": "drafter", "li": "reviewer", "wang": "approver"}


@pytest.fixture(scope="module")
def served(stack):
    """Accounts and tokens, two workers, and `reviewer serve` (waitress) enqueueing to them."""
    tokens = {}
    engine = make_engine(stack.database_url)
    with make_session_factory(engine)() as s:
        for name, role in PEOPLE.items():
            user = accounts.create_user(s, None, name, [role], PASSWORD)[0]
            tokens[name] = accounts.create_token(s, None, user)
        s.commit()
    engine.dispose()
    # a little delay in each scan so both workers take a share and uploads overlap running scans
    stack.extra_env["REVIEWER_TEST_SCAN_DELAY"] = "0.2"
    stack.worker("w1")
    stack.worker("w2")
    _proc, base = stack.serve()
    return Api(base, tokens)


def review(api: Api, n: int) -> dict:
    """One document's whole journey: upload, wait for the worker, resolve both findings, decide, sign off."""
    data = PERSONAL_TXT + f"\n批次第{n}号\n".encode()
    status, doc = api.upload("zhang", f"通知{n}.txt", data, f"负载测试通知{n}")
    assert status in (201, 202), doc
    answered = (status, doc["state"])
    doc = api.wait_scanned(doc["id"], "li")
    assert doc["current_version"]["scan_status"] == "done", doc["current_version"]
    base = f"/documents/{doc['id']}"
    for finding in doc["findings"]:
        status, body = api.post(f"{base}/findings/{finding['id']}/resolution", "li", {"action": "redact"})
        assert status == 200, body
    status, body = api.post(f"{base}/decision", "li", {"disclosure": "部分公开", "basis": "15-privacy"})
    assert status == 201, body
    status, body = api.post(f"{base}/signoff", "wang", {"comment": "同意"})
    assert status == 201, body
    return {"id": doc["id"], "answered": answered, "findings": len(doc["findings"]), "state": body["state"]}


def test_fifty_concurrent_uploads_are_each_scanned_exactly_once(served, stack):
    with ThreadPoolExecutor(DOCUMENTS) as pool:
        results = list(pool.map(lambda n: review(served, n), range(DOCUMENTS)))
    assert {r["state"] for r in results} == {"已签发"}
    at_once = sum(r["answered"] == (202, "扫描中") for r in results)
    assert at_once > 0   # uploads answer before the worker is done (202, 扫描中), they do not wait for the scan
    assert all(r["findings"] == 2 for r in results)

    engine = make_engine(stack.database_url)
    with make_session_factory(engine)() as s:
        versions = s.execute(select(Version.sha256, Version.scan_status, Version.scan_attempts)).all()
        scans = dict(s.execute(select(AuditEntry.version_sha256, func.count()).where(AuditEntry.action == "scan")
                               .group_by(AuditEntry.version_sha256)).all())
        findings = dict(s.execute(select(Version.sha256, func.count(Finding.id)).join(Finding)
                                  .group_by(Version.sha256)).all())
        failed = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "scan_failed"))
        entries = s.scalar(select(func.count()).select_from(AuditEntry))
        chain = audit.verify(s)
    engine.dispose()
    handled = {}
    for name in ("w1", "w2"):
        log = (stack.storage_dir.parent / f"worker-{name}.log").read_text(errors="replace")
        handled[name] = len(re.findall(r"reviewer\.scan\[[^\]]+\] succeeded", log))
    print(f"\nload test: {DOCUMENTS} documents uploaded, reviewed and signed off at once ({at_once} answered "
          f"202 扫描中); versions={len(versions)}, "
          f"scan audit entries={sum(scans.values())} (max per version {max(scans.values())}), "
          f"claims={sum(v.scan_attempts for v in versions)}, scan_failed={failed}, "
          f"findings={sum(findings.values())}, tasks per worker={handled}, audit entries={entries}, "
          f"chain intact={chain[0]}")

    assert len(versions) == DOCUMENTS and {v.scan_status for v in versions} == {"done"}
    assert len(scans) == DOCUMENTS and set(scans.values()) == {1}          # each scanned exactly once
    assert {v.scan_attempts for v in versions} == {1}                      # each claimed exactly once
    assert failed == 0 and set(findings.values()) == {2}                   # no lost or doubled findings
    assert chain == (True, None)
    assert sum(handled.values()) == DOCUMENTS and min(handled.values()) > 0, handled
    out = stack.reviewer("audit", "verify")
    assert out.returncode == 0, out.stdout + out.stderr
