"""REVIEWER_RETENTION_DAYS: originals of released or refused documents are deleted N days after sign-off, logged."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from reviewer import audit, storage
from reviewer.check import check
from reviewer.db.models import AuditEntry, SignOff, TextSegment, Version
from reviewer.retention import run
from tests.web.conftest import make_app

from .serverctl import run_cli
from .states import build

LATER = datetime.now(timezone.utc) + timedelta(days=31)


@pytest.fixture
def app(tmp_path, fast_hashes):
    app = make_app(tmp_path)
    yield app
    app.extensions["reviewer.engine"].dispose()


def _file(app, vid: int):
    with app.extensions["reviewer.sessions"]() as s:
        v = s.get(Version, vid)
        return storage.path_for(app.config["STORAGE_DIR"], v.sha256, v.extension)


@pytest.mark.parametrize("state,deleted", [("signed_off", True), ("refused", True), ("decided", False),
                                           ("to_review", False), ("returned", False), ("scanning", False)])
def test_only_final_documents_past_the_period(app, state, deleted):
    doc = build(app, state)
    path = _file(app, doc["ver"])
    with app.extensions["reviewer.sessions"]() as s:
        assert run(s, app.config["STORAGE_DIR"], 30) == []          # not yet: signed off today
        removed = run(s, app.config["STORAGE_DIR"], 30, now=LATER)
    assert bool(removed) is deleted
    assert path.exists() is not deleted
    with app.extensions["reviewer.sessions"]() as s:
        entries = s.query(AuditEntry).filter_by(action="retention_delete", document_id=doc["doc"]).all()
        assert len(entries) == (1 if deleted else 0)
        if deleted:
            assert entries[0].version_sha256 == s.get(Version, doc["ver"]).sha256
            assert s.query(TextSegment).filter_by(version_id=doc["ver"]).count() == 0
        assert audit.verify(s) == (True, None)
        report = check(s, app.config["STORAGE_DIR"])
        assert [p.kind for p in report.problems] == []               # a deleted original is not a "missing file"


def test_second_run_does_nothing_more(app):
    doc = build(app, "signed_off")
    with app.extensions["reviewer.sessions"]() as s:
        assert len(run(s, app.config["STORAGE_DIR"], 30, now=LATER)) == 1
        assert run(s, app.config["STORAGE_DIR"], 30, now=LATER) == []
        assert s.query(AuditEntry).filter_by(action="retention_delete").count() == 1
        assert s.get(Version, doc["ver"]).document.state == "已签发"   # the record of the decision stays


def test_dry_run_deletes_nothing(app):
    doc = build(app, "refused")
    with app.extensions["reviewer.sessions"]() as s:
        assert len(run(s, app.config["STORAGE_DIR"], 30, now=LATER, dry_run=True)) == 1
        assert s.query(AuditEntry).filter_by(action="retention_delete").count() == 0
    assert _file(app, doc["ver"]).exists()


def test_cli(app, tmp_path, monkeypatch):
    doc = build(app, "signed_off")
    with app.extensions["reviewer.sessions"]() as s:   # pretend the sign-off was 40 days ago
        for so in s.query(SignOff):
            so.at = datetime.now(timezone.utc) - timedelta(days=40)
        s.commit()
    unset = run_cli(tmp_path, "retention", "run")
    assert unset.returncode == 0 and "未设置保存期限" in unset.stdout
    monkeypatch.setenv("REVIEWER_DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("REVIEWER_STORAGE_DIR", app.config["STORAGE_DIR"])
    monkeypatch.setenv("REVIEWER_RETENTION_DAYS", "30")
    from click.testing import CliRunner

    from reviewer.cli import cli
    out = CliRunner().invoke(cli, ["retention", "run"])
    assert out.exit_code == 0 and "已删除 1 个原文件" in out.stdout, out.output
    assert not _file(app, doc["ver"]).exists()
    monkeypatch.setenv("REVIEWER_RETENTION_DAYS", "一年")
    bad = CliRunner().invoke(cli, ["retention", "run"])
    assert bad.exit_code == 2 and "天数" in bad.output
