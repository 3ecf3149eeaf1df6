"""SIGKILL the server during uploads and decisions: afterwards no half-stored document, no finding without its
document, no audit entry without its action or the reverse; `reviewer check --repair` mends what a crash leaves."""
from __future__ import annotations

import io
import subprocess
import threading
import time

import pytest
import requests

from reviewer import audit, jobs, storage, workflow
from reviewer.check import check
from reviewer.db import make_engine, make_session_factory
from reviewer.db.models import Document, Finding, Version
from reviewer.workflow_rules import latest_decision

from .serverctl import Server, init_instance, instance_env, run_cli

ALLOWED_AFTER_CRASH = {"orphan_file", "temp_file", "stuck_scan"}   # what a kill may leave, all repairable
BIG = 3 << 20


def _session(folder):
    engine = make_engine(f"sqlite:///{folder / 'reviewer.sqlite3'}")
    return engine, make_session_factory(engine)()


def _upload(base: str, token: str, n: int, size: int, results: list) -> None:
    body = ("通知\n身份证号码：530102198703150012\n" + f"编号{n}\n" + "。" * (size // 3)).encode()
    try:
        r = requests.post(base + "/api/v1/documents", headers={"Authorization": f"Bearer {token}"},
                          files={"file": (f"草稿{n}.txt", io.BytesIO(body))}, timeout=60)
        results.append(r.status_code)
    except requests.RequestException:
        results.append("cut")


def _invariants(folder) -> list[str]:
    """The problems `reviewer check` sees right after the crash, minus those a crash may leave."""
    engine, s = _session(folder)
    try:
        report = check(s, folder / "files", orphan_age_seconds=0, stale_seconds=0)
        assert report.audit_entries > 0
        return [f"{p.kind}: {p.what}" for p in report.problems if p.kind not in ALLOWED_AFTER_CRASH]
    finally:
        s.close()
        engine.dispose()


def _repair(reviewer_exe, folder):
    return run_cli(folder, "check", "--repair", "--orphan-age-minutes", "0", "--scan-stale-seconds", "0")


@pytest.mark.parametrize("delay", [0.15, 0.5, 1.5])
def test_kill_during_uploads(reviewer_exe, tmp_path, delay):
    tokens = init_instance(tmp_path)
    server = Server(reviewer_exe, tmp_path).start()
    results: list = []
    threads = [threading.Thread(target=_upload, args=(server.url, tokens["drafter"], n, BIG if n % 2 else 2000, results))
               for n in range(8)]
    try:
        for t in threads:
            t.start()
        time.sleep(delay)
    finally:
        server.kill()
    for t in threads:
        t.join(70)
    print(f"uploads in flight at the kill: {results}")
    assert _invariants(tmp_path) == []
    done = _repair(reviewer_exe, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    again = run_cli(tmp_path, "check", "--scan-stale-seconds", "0")
    assert again.returncode == 0 and "发现 0 个问题" in again.stdout, again.stdout
    engine, s = _session(tmp_path)
    try:   # every upload that was answered 201/202 is there with its file and its audit entry
        accepted = sum(1 for r in results if r in (201, 202))
        assert s.query(Version).count() >= accepted
        for v in s.query(Version):
            assert storage.path_for(tmp_path / "files", v.sha256, v.extension).is_file()
            assert v.scan_status in ("queued", "done", "failed")
        assert audit.verify(s) == (True, None)
    finally:
        s.close()
        engine.dispose()


def test_kill_during_decisions(reviewer_exe, tmp_path):
    """Many resolutions and decisions in flight when the server dies: each is all there or not there at all."""
    tokens = init_instance(tmp_path)
    server = Server(reviewer_exe, tmp_path).start()
    auth = {"Authorization": f"Bearer {tokens['reviewer']}"}
    docs = []
    try:
        for n in range(4):
            r = requests.post(server.url + "/api/v1/documents", headers={"Authorization": f"Bearer {tokens['drafter']}"},
                              files={"file": (f"决定{n}.txt", f"申请人手机 13812345678，编号{n}\n".encode())}, timeout=60)
            assert r.status_code in (201, 202), r.text
            docs.append(r.json()["id"])
        end = time.monotonic() + 120
        while time.monotonic() < end:   # wait for the scans (the detectors load on the first one)
            states = [requests.get(f"{server.url}/api/v1/documents/{d}", headers=auth, timeout=30).json()["state"]
                      for d in docs]
            if all(st != "扫描中" for st in states):
                break
            time.sleep(1)

        def act(doc: int) -> None:
            try:
                one = requests.get(f"{server.url}/api/v1/documents/{doc}", headers=auth, timeout=30).json()
                for f in one["findings"]:
                    requests.post(f"{server.url}/api/v1/documents/{doc}/findings/{f['id']}/resolution", headers=auth,
                                  json={"action": "redact"}, timeout=30)
                requests.post(f"{server.url}/api/v1/documents/{doc}/decision", headers=auth,
                              json={"disclosure": "部分公开", "basis": "15-privacy"}, timeout=30)
            except (requests.RequestException, ValueError):
                pass
        threads = [threading.Thread(target=act, args=(d,)) for d in docs]
        for t in threads:
            t.start()
        time.sleep(0.3)
    finally:
        server.kill()
    for t in threads:
        t.join(40)
    assert _invariants(tmp_path) == []
    engine, s = _session(tmp_path)
    try:
        for d in docs:
            doc = s.get(Document, d)
            v = doc.versions[-1]
            decided = latest_decision(s, v)
            if decided is not None:   # a decision only exists when every finding was resolved before it
                assert s.query(Finding).filter_by(version_id=v.id, resolution=None).count() == 0
        assert s.query(Finding).filter(~Finding.version_id.in_(s.query(Version.id))).count() == 0
    finally:
        s.close()
        engine.dispose()
    assert _repair(reviewer_exe, tmp_path).returncode == 0


# ------------------------------------------------------------------ what a crash leaves, made on purpose
def test_check_repairs_what_a_crash_leaves(reviewer_exe, tmp_path):
    init_instance(tmp_path)
    files = tmp_path / "files"
    engine, s = _session(tmp_path)
    try:
        from reviewer.accounts import find_user
        drafter = find_user(s, "drafter")
        stuck = workflow.upload(s, drafter, io.BytesIO("扫描中断\n".encode()), "a.txt", storage_dir=files, max_bytes=1 << 20)
        gone = workflow.upload(s, drafter, io.BytesIO("文件丢失\n".encode()), "b.txt", storage_dir=files, max_bytes=1 << 20)
        s.commit()
        stuck.scan_status = "scanning"
        s.commit()
        storage.path_for(files, gone.sha256, gone.extension).unlink()
        storage.store(io.BytesIO("上传到一半\n".encode()), files, "c.txt", 1 << 20)    # stored, never committed
        (files / "tmp").mkdir(exist_ok=True)
        (files / "tmp" / "tmpabc").write_bytes(b"partial")
        stuck_id = stuck.id
    finally:
        s.close()
        engine.dispose()
    before = subprocess.run([reviewer_exe, "check", "--orphan-age-minutes", "0", "--scan-stale-seconds", "0"], env=instance_env(tmp_path), capture_output=True, text=True,
                            timeout=120)
    assert before.returncode == 1
    for words in ("停在“扫描中”", "原文件缺失", "不属于任何版本", "临时文件"):
        assert words in before.stdout, before.stdout
    fixed = _repair(reviewer_exe, tmp_path)
    assert fixed.returncode == 0, fixed.stdout
    assert "已修复" in fixed.stdout
    engine, s = _session(tmp_path)
    try:
        v = s.get(Version, stuck_id)
        assert v.scan_status == "failed" and "重新扫描" in v.scan_error["message"]
        jobs.retry_scan(s, s.get(Version, stuck_id).uploaded_by, v)     # retryable, as the message says
        s.commit()
        assert audit.verify(s) == (True, None)
    finally:
        s.close()
        engine.dispose()
    assert not any((files / "tmp").iterdir())


def test_check_reports_a_broken_audit_chain(reviewer_exe, tmp_path):
    init_instance(tmp_path)
    import sqlite3
    with sqlite3.connect(tmp_path / "reviewer.sqlite3") as conn:   # someone with the database file edits history
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    out = run_cli(tmp_path, "check", "--repair", "--scan-stale-seconds", "0")
    assert out.returncode == 1
    assert "审计日志哈希链在第 2 条断开" in out.stdout and "需人工处理" in out.stdout


def test_a_running_scan_is_left_alone(tmp_path):
    """A scan with a fresh heartbeat may belong to a live worker: reported, never failed by --repair."""
    init_instance(tmp_path)
    engine, s = _session(tmp_path)
    try:
        from reviewer.accounts import find_user
        from reviewer.db.models import utcnow
        v = workflow.upload(s, find_user(s, "drafter"), io.BytesIO("正在扫描\n".encode()), "a.txt",
                            storage_dir=tmp_path / "files", max_bytes=1 << 20)
        s.commit()
        v.scan_status, v.heartbeat_at = "scanning", utcnow()
        s.commit()
        vid = v.id
    finally:
        s.close()
        engine.dispose()
    out = run_cli(tmp_path, "check", "--repair")
    assert out.returncode == 1 and "正在扫描" in out.stdout
    engine, s = _session(tmp_path)
    try:
        assert s.get(Version, vid).scan_status == "scanning"
    finally:
        s.close()
        engine.dispose()


def test_rows_without_their_parent_are_found(reviewer_exe, tmp_path):
    """With foreign keys off (an old SQLite, a hand edit), a finding whose version is gone is found and removed."""
    init_instance(tmp_path)
    import sqlite3
    with sqlite3.connect(tmp_path / "reviewer.sqlite3") as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("INSERT INTO findings (version_id, seq, type, category, severity, text, score, location, part, "
                     "start, \"end\", context, masked) VALUES (999, 0, 'CN_MOBILE_PHONE', 'personal', 'high', "
                     "'13812345678', 1.0, '{}', 'body', 0, 11, '', 0)")
        conn.execute("INSERT INTO documents (title, created_by_id, state, created_at, updated_at) "
                     "VALUES ('无版本', 1, '扫描中', '2026-11-27 00:00:00', '2026-11-27 00:00:00')")
    found = run_cli(tmp_path, "check")
    assert found.returncode == 1 and "findings 表中有 1 行" in found.stdout and "没有任何版本" in found.stdout
    assert run_cli(tmp_path, "check", "--repair").returncode == 0
    assert run_cli(tmp_path, "check").returncode == 0
