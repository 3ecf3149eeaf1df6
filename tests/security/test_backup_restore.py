"""`reviewer backup` / `reviewer restore`: a consistent snapshot, verified by file hashes and the audit chain."""
from __future__ import annotations

import io
import json
import subprocess
import tarfile
import threading
from pathlib import Path

import pytest
import requests

from reviewer import accounts, jobs, workflow
from reviewer.db import make_engine, make_session_factory
from tests.web.webfakes import FakeScanner

from .serverctl import Server, init_instance, instance_env, run_cli


def run(exe: str, folder: Path, *args: str):
    """The first command of each test runs the installed script; the rest run in-process (faster)."""
    if args[0] == "backup" and folder.name == "live":
        return subprocess.run([exe, *args], env=instance_env(folder), capture_output=True, text=True, timeout=180)
    return run_cli(folder, *args)


def _fill(folder: Path, n: int = 3) -> None:
    """A few documents, scanned and partly reviewed, straight through the workflow."""
    engine = make_engine(f"sqlite:///{folder / 'reviewer.sqlite3'}")
    factory = make_session_factory(engine)
    jobs.configure(jobs.Runtime(factory, folder / "files", sync=True, scanner=FakeScanner()))
    with factory() as s:
        ids = []
        for i in range(n):
            v = workflow.upload(s, accounts.find_user(s, "drafter"), io.BytesIO(f"手机13812345678 第{i}份\n".encode()),
                                f"备份{i}.txt", storage_dir=folder / "files", max_bytes=1 << 20)
            s.commit()
            ids.append(v.id)
    for vid in ids:
        jobs.submit_scan(vid)
    engine.dispose()


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "source"
    folder.mkdir()
    init_instance(folder)
    _fill(folder)
    return folder


def test_backup_then_restore_into_an_empty_instance(reviewer_exe, source, tmp_path):
    out = tmp_path / "b.tar.gz"
    made = run(reviewer_exe, source, "backup", str(out))
    assert made.returncode == 0, made.stderr
    assert "文件 3 个" in made.stdout and oct(out.stat().st_mode)[-3:] == "600"
    with tarfile.open(out) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert len(manifest["files"]) == 3 and manifest["audit_head"]["seq"] > 0
    target = tmp_path / "target"
    restored = run(reviewer_exe, target, "restore", str(out))
    assert restored.returncode == 0, restored.stderr
    assert "审计日志链完整" in restored.stdout
    assert run(reviewer_exe, target, "audit", "verify").returncode == 0
    checked = run(reviewer_exe, target, "check")
    assert checked.returncode == 0 and "发现 0 个问题" in checked.stdout, checked.stdout
    src = {p.name: p.read_bytes() for p in (source / "files").rglob("*.txt")}
    dst = {p.name: p.read_bytes() for p in (target / "files").rglob("*.txt")}
    assert src == dst


def test_restore_refuses_to_overwrite(reviewer_exe, source, tmp_path):
    out = tmp_path / "b.tar.gz"
    assert run(reviewer_exe, source, "backup", str(out)).returncode == 0
    refused = run(reviewer_exe, source, "restore", str(out))
    assert refused.returncode == 1 and "--force" in refused.stderr
    forced = run(reviewer_exe, source, "restore", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    again = run(reviewer_exe, source, "backup", str(out))
    assert again.returncode == 2 and "已存在" in again.stderr


def _rewrite(archive: Path, dest: Path, change) -> None:
    with tarfile.open(archive) as tin, tarfile.open(dest, "w:gz") as tout:
        for m in tin.getmembers():
            data = tin.extractfile(m).read()
            m, data = change(m, data)
            m.size = len(data)
            tout.addfile(m, io.BytesIO(data))


def _flip_file(m, data):
    return (m, data[:-2] + b"!!") if m.name.startswith("files/") else (m, data)


def _traversal(m, data):
    if m.name == "manifest.json":
        man = json.loads(data)
        man["files"]["files/../../evil.txt"] = "0" * 64
        return m, json.dumps(man).encode()
    return m, data


def _no_manifest(m, data):
    if m.name == "manifest.json":
        m.name = "other.json"
    return m, data


@pytest.mark.parametrize("change,words", [(_flip_file, "SHA-256 不符"), (_traversal, "不安全的路径"),
                                          (_no_manifest, "manifest.json")])
def test_tampered_backup_is_refused(reviewer_exe, source, tmp_path, change, words):
    out, bad = tmp_path / "b.tar.gz", tmp_path / "bad.tar.gz"
    assert run(reviewer_exe, source, "backup", str(out)).returncode == 0
    _rewrite(out, bad, change)
    target = tmp_path / "target"
    refused = run(reviewer_exe, target, "restore", str(bad))
    assert refused.returncode == 1 and words in refused.stderr, refused.stderr
    assert not (target / "reviewer.sqlite3").exists()
    assert not (tmp_path / "evil.txt").exists()


def test_truncated_backup_is_refused(reviewer_exe, source, tmp_path):
    out = tmp_path / "b.tar.gz"
    assert run(reviewer_exe, source, "backup", str(out)).returncode == 0
    out.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    refused = run(reviewer_exe, tmp_path / "target", "restore", str(out))
    assert refused.returncode == 1 and "恢复失败" in refused.stderr


def test_backup_while_the_server_writes(reviewer_exe, tmp_path):
    """Uploads keep arriving while the backup runs: the snapshot is still consistent once restored."""
    folder = tmp_path / "live"
    folder.mkdir()
    tokens = init_instance(folder)
    server = Server(reviewer_exe, folder).start()
    stop = threading.Event()

    def keep_uploading() -> None:
        n = 0
        while not stop.is_set() and n < 40:
            n += 1
            try:
                requests.post(server.url + "/api/v1/documents", headers={"Authorization": f"Bearer {tokens['drafter']}"},
                              files={"file": (f"在线{n}.txt", f"在线备份 {n}\n".encode())}, timeout=30)
            except requests.RequestException:
                pass
    writer = threading.Thread(target=keep_uploading)
    try:
        writer.start()
        out = tmp_path / "live.tar.gz"
        made = run(reviewer_exe, folder, "backup", str(out))
    finally:
        stop.set()
        writer.join(60)
        server.kill()
    assert made.returncode == 0, made.stderr
    target = tmp_path / "restored"
    restored = run(reviewer_exe, target, "restore", str(out))
    assert restored.returncode == 0, restored.stderr
    checked = run(reviewer_exe, target, "check", "--repair", "--scan-stale-seconds", "0")  # a scan caught half-way
    assert checked.returncode == 0, checked.stdout
    assert "原文件缺失" not in checked.stdout and "审计" not in checked.stdout.split("检查了")[0]


def test_postgresql_round_trip(tmp_path):
    """pg_dump into the archive, pg_restore into an empty database: same rows, intact audit chain."""
    from tests.services.servers import Postgres, pg_bindir
    import shutil
    if pg_bindir() is None or not shutil.which("pg_dump"):
        pytest.skip("PostgreSQL is not installed (`make test` installs it: make system-test-deps)")
    pg = Postgres()
    try:
        pg.start()
        src_url, dst_url = pg.create_database("src"), pg.create_database("dst")
        from reviewer.migrations import upgrade
        upgrade(src_url)
        engine = make_engine(src_url)
        with make_session_factory(engine)() as s:
            accounts.create_user(s, None, "drafter", ["drafter"], "correct-horse-battery")
            s.commit()
            v = workflow.upload(s, accounts.find_user(s, "drafter"), io.BytesIO("手机13812345678\n".encode()),
                                "pg.txt", storage_dir=tmp_path / "src-files", max_bytes=1 << 20)
            s.commit()
        engine.dispose()
        from reviewer.backup import backup, restore
        out = tmp_path / "pg.tar.gz"
        manifest = backup({"DATABASE_URL": src_url, "STORAGE_DIR": str(tmp_path / "src-files")}, out)
        assert manifest["database"]["member"] == "database.pgdump" and len(manifest["files"]) == 1
        result = restore({"DATABASE_URL": dst_url, "STORAGE_DIR": str(tmp_path / "dst-files")}, out)
        assert result.audit_ok and result.audit_entries >= 2 and result.files == 1
        engine = make_engine(dst_url)
        with make_session_factory(engine)() as s:
            from reviewer.db.models import Version
            assert s.query(Version).one().sha256 == v.sha256
        engine.dispose()
    finally:
        pg.stop()


def test_backup_with_a_storage_key_seals_the_database(reviewer_exe, source, tmp_path, monkeypatch):
    """With REVIEWER_STORAGE_KEY set the database copy in the archive is encrypted too; restore needs the key."""
    from reviewer import crypto
    key = crypto.new_key()
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", key)
    out = tmp_path / "sealed.tar.gz"
    assert run(reviewer_exe, source, "backup", str(out)).returncode == 0
    with tarfile.open(out) as tar:
        db = tar.extractfile("database.sqlite3").read()
    assert db.startswith(crypto.MAGIC) and b"SQLite format" not in db and "手机".encode() not in db
    monkeypatch.delenv("REVIEWER_STORAGE_KEY")
    refused = run(reviewer_exe, tmp_path / "t1", "restore", str(out))
    assert refused.returncode == 1 and "REVIEWER_STORAGE_KEY" in refused.stderr
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", key)
    restored = run(reviewer_exe, tmp_path / "t2", "restore", str(out))
    assert restored.returncode == 0, restored.stderr
    assert run(reviewer_exe, tmp_path / "t2", "audit", "verify").returncode == 0
