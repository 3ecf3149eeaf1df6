"""The audit log resists tampering: triggers refuse changes, and `reviewer audit verify` names the first broken entry."""
from __future__ import annotations

import json
import multiprocessing
import os
import threading

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reviewer import accounts, audit, audit_guard
from reviewer.cli import cli
from reviewer.db import make_engine, make_session_factory

ENTRIES = 8


@pytest.fixture
def url(tmp_path, monkeypatch):
    """A database made by `reviewer db upgrade` (so the guard triggers are in), holding ENTRIES audit entries.

    SQLite in tmp_path; or, with REVIEWER_TEST_POSTGRES_URL, that PostgreSQL database emptied first.
    """
    url = os.environ.get("REVIEWER_TEST_POSTGRES_URL") or f"sqlite:///{tmp_path / 'audit.sqlite3'}"
    if url.startswith("postgresql"):
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    monkeypatch.setenv("REVIEWER_DATABASE_URL", url)
    monkeypatch.setenv("REVIEWER_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    assert CliRunner().invoke(cli, ["db", "upgrade"]).exit_code == 0
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        accounts.create_user(s, None, "lina", ["reviewer"], "a-fine-password")
        for i in range(2, ENTRIES + 1):
            audit.record(s, "view", "lina", document_id=i % 3 + 1, version_sha256="ab" * 32, ip="10.0.0.7",
                         details={"n": i})
        s.commit()
    engine.dispose()
    return url


def raw(url: str, *statements: str, drop_guard: bool = True) -> None:
    """Change the table as someone holding the database file could: drop the triggers first, then plain SQL."""
    engine = make_engine(url)
    with engine.begin() as conn:
        if drop_guard:
            audit_guard.remove(conn)
        for sql in statements:
            conn.execute(text(sql))
    engine.dispose()


def verify(*args: str):
    return CliRunner().invoke(cli, ["audit", "verify", *args])


def test_intact_chain_verifies_and_prints_its_head(url):
    out = verify()
    assert out.exit_code == 0, out.output
    assert f"审计日志链完整：共 {ENTRIES} 条" in out.output and f"最后一条：{ENTRIES}:" in out.output


def test_triggers_refuse_update_and_delete(url):
    engine = make_engine(url)
    with engine.connect() as conn:
        assert audit_guard.installed(conn)
    for sql in ("UPDATE audit_log SET actor = 'x' WHERE seq = 3", "DELETE FROM audit_log WHERE seq = 3",
                "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(sql))
    engine.dispose()
    assert verify().exit_code == 0


@pytest.mark.parametrize("statements,seq,problem", [
    # altered: the actor of entry 4 rewritten
    (["UPDATE audit_log SET actor = 'someone' WHERE seq = 4"], 4, "内容与其哈希不符"),
    # altered details, hash recomputed by hand without the chain (prev_hash of 6 still points at the old hash)
    (["UPDATE audit_log SET ip = '1.2.3.4' WHERE seq = 5"], 5, "内容与其哈希不符"),
    # deleted from the middle: entry 6 has lost its predecessor
    (["DELETE FROM audit_log WHERE seq = 5"], 6, "缺少前一条"),
    # deleted the first entry
    (["DELETE FROM audit_log WHERE seq = 1"], 2, "缺少前一条"),
    # reordered: entries 3 and 4 swap places
    (["UPDATE audit_log SET seq = -3 WHERE seq = 3", "UPDATE audit_log SET seq = 3 WHERE seq = 4",
      "UPDATE audit_log SET seq = 4 WHERE seq = -3"], 3, "顺序被打乱"),
])
def test_verify_names_the_first_broken_entry(url, statements, seq, problem):
    raw(url, *statements)
    out = verify()
    assert out.exit_code == 1
    assert f"第 {seq} 条（" in out.output and problem in out.output and "view" in out.output


def test_a_rehashed_entry_breaks_the_link_to_the_next(url):
    """A forger who recomputes the altered entry's own hash is caught at the following entry."""
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        row = audit.as_dict(s.get(audit.AuditEntry, 4))
    engine.dispose()
    forged = {**row, "actor": "someone"}
    raw(url, f"UPDATE audit_log SET actor = 'someone', hash = '{audit.entry_hash(forged)}' WHERE seq = 4")
    out = verify()
    assert out.exit_code == 1 and "第 5 条（" in out.output and "前一条" in out.output


def test_a_cut_tail_is_caught_by_an_anchor(url):
    head = verify().output.split("最后一条：")[1].split()[0]
    raw(url, f"DELETE FROM audit_log WHERE seq = {ENTRIES}")
    assert verify().exit_code == 0  # the chain alone cannot see a missing last entry …
    out = verify("--anchor", head)
    assert out.exit_code == 1 and f"第 {ENTRIES} 条不存在" in out.output  # … the noted head can


def test_export_filters_and_keeps_the_hashes(url, tmp_path):
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(cli, ["audit", "export", "--format", "jsonl", "--document", "2", "--user", "lina",
                                   "--action", "view", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["document_id"] for r in rows} == {2} and {r["action_label"] for r in rows} == {"查看草稿"}
    assert all(audit.entry_hash(r) == r["hash"] for r in rows)
    res = CliRunner().invoke(cli, ["audit", "export", "--format", "csv", "--since", "2000-01-01",
                                   "--until", "2000-12-31"])
    assert res.exit_code == 0 and res.stdout.splitlines() == [",".join(
        ("seq", "ts", "actor", "action", "action_label", "document_id", "version_sha256", "ip", "details",
         "prev_hash", "hash"))]
    res = CliRunner().invoke(cli, ["audit", "export", "--format", "csv"])
    assert len(res.stdout.splitlines()) == ENTRIES + 1 and "user_create" in res.stdout
    res = CliRunner().invoke(cli, ["audit", "export", "--format", "csv", "--since", "yesterday"])
    assert res.exit_code == 2 and "无法识别的时间" in res.output


def _write_many(url: str, who: str, n: int) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    for i in range(n):
        with factory() as s:
            audit.record(s, "view", who, details={"i": i})
            s.commit()
    engine.dispose()


def test_parallel_writers_keep_one_chain(url):
    """Threads (each with its own session) and separate processes write at once; the chain never forks."""
    threads = [threading.Thread(target=_write_many, args=(url, f"t{k}", 15)) for k in range(3)]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_write_many, args=(url, f"p{k}", 15)) for k in range(2)]
    for w in procs + threads:  # fork before any thread opens the database (SQLite's locks do not survive a fork)
        w.start()
    for w in procs + threads:
        w.join(120)
    assert all(p.exitcode == 0 for p in procs)
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        seqs = [e.seq for e in audit.entries(s)]
        assert seqs == list(range(1, ENTRIES + 75 + 1))
        assert audit.verify(s) == (True, None)
    engine.dispose()
    assert verify().exit_code == 0


def test_token_revocation_from_the_command_line_is_in_the_chain(url):
    runner = CliRunner()
    raw_token = runner.invoke(cli, ["token", "create", "lina"]).stdout.strip()
    prefix = raw_token[:12]
    listed = runner.invoke(cli, ["token", "list", "lina"]).output
    assert f"{prefix}…" in listed and "有效" in listed
    out = runner.invoke(cli, ["token", "revoke", prefix])
    assert out.exit_code == 0 and f"已撤销 lina 的令牌 {prefix}…" in out.output
    assert "已撤销" in runner.invoke(cli, ["token", "list", "lina"]).output
    out = runner.invoke(cli, ["token", "revoke", raw_token])
    assert out.exit_code != 0 and "已经撤销" in out.output
    out = runner.invoke(cli, ["token", "revoke", "rvw_nothing"])
    assert out.exit_code != 0 and "找不到唯一的令牌" in out.output
    rows = [json.loads(line) for line in
            runner.invoke(cli, ["audit", "export", "--format", "jsonl", "--action", "token_revoke"]).stdout.splitlines()]
    assert [(r["actor"], r["details"]["prefix"]) for r in rows] == [("system", prefix)]
    assert verify().exit_code == 0


def test_verify_on_a_database_without_the_log_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    out = verify()
    assert out.exit_code != 0 and "reviewer db upgrade" in out.output
