"""The workflow's GATES, called directly (reviewer/workflow.py) against a real SQLite database in tmp_path."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from reviewer import accounts, audit, jobs, workflow
from reviewer.db import create_schema, make_engine, make_session_factory
from reviewer.db.models import Finding
from reviewer.migrations import upgrade
from sqlalchemy import text
from reviewer.workflow import WorkflowError
from tests.web.webfakes import CLEAR_TXT, ID, PASSWORD, PERSONAL_TXT, SECRET_TXT, FakeScanner

ROLES = {"drafter": ["drafter"], "drafter2": ["drafter"], "reviewer": ["reviewer"], "reviewer2": ["reviewer"],
         "approver": ["approver"], "approver2": ["approver"], "admin": ["admin"],
         "everything": ["drafter", "reviewer", "approver"]}


def _engine(tmp_path):
    """SQLite in tmp_path; or, with REVIEWER_TEST_POSTGRES_URL, a PostgreSQL database emptied and migrated."""
    url = os.environ.get("REVIEWER_TEST_POSTGRES_URL")
    if not url:
        engine = make_engine(f"sqlite:///{tmp_path / 'wf.sqlite3'}")
        create_schema(engine)
        return engine
    engine = make_engine(url)
    with engine.begin() as conn:  # a connection an earlier test left open must not block the reset
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(url)
    return engine


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    engine = _engine(tmp_path)
    factory = make_session_factory(engine)
    files = Path(os.environ.get("REVIEWER_TEST_STORAGE_DIR") or tmp_path / "files")  # tests/services: the workers'
    jobs.configure(jobs.Runtime(factory, files, sync=True, scanner=FakeScanner()))
    session = factory()
    users = {}
    for name, roles in ROLES.items():
        users[name] = accounts.create_user(session, None, name, roles, PASSWORD)[0]
    session.commit()
    yield session, users, files
    session.close()
    engine.dispose()


def upload(env, data=PERSONAL_TXT, name="通知.txt", who="drafter", document_id=None):
    session, users, files = env
    v = workflow.upload(session, users[who], io.BytesIO(data), name, storage_dir=files, max_bytes=10 << 20,
                        document_id=document_id)
    session.commit()
    jobs.submit_scan(v.id)
    session.expire_all()
    return session.get(type(v), v.id)


def resolve_all(env, version, action="redact", reason=None, who="reviewer", only_type=None):
    session, users, _ = env
    ids = [f.id for f in session.query(Finding).filter_by(version_id=version.id)
           if only_type is None or f.type == only_type]
    workflow.resolve(session, users[who], version, ids, action, reason)
    session.commit()


def refused(fn, *args, **kwargs) -> WorkflowError:
    with pytest.raises(WorkflowError) as info:
        fn(*args, **kwargs)
    env_session = args[0]
    env_session.rollback()
    return info.value


def test_upload_scans_and_stores_findings(env):
    v = upload(env)
    session = env[0]
    assert v.scan_status == "done" and v.verdict == "review"
    assert sorted(f.type for f in session.query(Finding).filter_by(version_id=v.id)) == ["CN_MOBILE_PHONE", "CN_RESIDENT_ID"]
    assert workflow.version_state(session, v) == "待审查"
    assert v.document.state == "待审查"


def test_duplicate_upload_names_the_document(env):
    v = upload(env)
    err = refused(workflow.upload, env[0], env[1]["drafter2"], io.BytesIO(PERSONAL_TXT), "again.txt",
                  storage_dir=env[2], max_bytes=1 << 20)
    assert (err.code, err.status) == ("duplicate", 409)
    assert "系统中另一份文件" in err.message  # drafter2 may not see drafter's document
    err = refused(workflow.upload, env[0], env[1]["drafter"], io.BytesIO(PERSONAL_TXT), "again.txt",
                  storage_dir=env[2], max_bytes=1 << 20)
    assert f"“{v.document.title}”" in err.message and "第 1 版" in err.message


@pytest.mark.parametrize("data,code", [(b"", "empty_file"), (b"x" * 2048, "too_large")])
def test_empty_and_oversized_uploads_are_refused_by_name(env, data, code):
    err = refused(workflow.upload, env[0], env[1]["drafter"], io.BytesIO(data), "../../etc/坏文件.txt",
                  storage_dir=env[2], max_bytes=1024)
    assert err.code == code and "“坏文件.txt”" in err.message


def test_upload_needs_the_drafter_role(env):
    err = refused(workflow.upload, env[0], env[1]["reviewer"], io.BytesIO(CLEAR_TXT), "a.txt",
                  storage_dir=env[2], max_bytes=1 << 20)
    assert (err.status, err.code) == (403, "forbidden_role") and "起草人" in err.message


def test_no_decision_while_findings_are_unresolved(env):
    v = upload(env)
    err = refused(workflow.decide, env[0], env[1]["reviewer"], v, "部分公开", "15-privacy")
    assert (err.code, err.status) == ("unresolved", 409) and "还有 2 条发现未处理" in err.message


def test_keep_needs_a_reason(env):
    v = upload(env)
    ids = [f.id for f in env[0].query(Finding).filter_by(version_id=v.id)]
    err = refused(workflow.resolve, env[0], env[1]["reviewer"], v, ids, "keep", "  ")
    assert err.code == "reason_required" and "理由" in err.message


def test_keep_every_finding_of_a_value_at_once(env):
    v = upload(env, data=f"{ID} 与 {ID} 重复出现\n".encode())
    session = env[0]
    first = session.query(Finding).filter_by(version_id=v.id).first()
    n = workflow.resolve(session, env[1]["reviewer"], v, [first.id], "keep", "已脱敏", same_value=True)
    assert n == 2


@pytest.mark.parametrize("who", ["drafter", "everything"])
def test_a_drafter_cannot_review_their_own_draft(env, who):
    v = upload(env, who=who)
    ids = [f.id for f in env[0].query(Finding).filter_by(version_id=v.id)]
    if who == "drafter":
        err = refused(workflow.resolve, env[0], env[1]["drafter"], v, ids, "redact")
        assert err.status == 403
        return
    err = refused(workflow.resolve, env[0], env[1]["everything"], v, ids, "redact")
    assert (err.code, err.status) == ("own_draft", 403) and "自己起草" in err.message


def test_open_disclosure_with_redactions_is_partial(env):
    v = upload(env)
    resolve_all(env, v, "redact")
    err = refused(workflow.decide, env[0], env[1]["reviewer"], v, "主动公开")
    assert err.code == "redactions_need_partial" and "部分公开" in err.message
    d = workflow.decide(env[0], env[1]["reviewer"], v, "部分公开", "15-privacy", "删除个人信息后公开")
    env[0].commit()
    assert d.basis == "15-privacy" and workflow.version_state(env[0], v) == "待签发"


@pytest.mark.parametrize("disclosure", ["依申请公开", "不予公开", "部分公开"])
def test_every_decision_but_open_needs_a_basis(env, disclosure):
    v = upload(env)
    resolve_all(env, v, "redact")
    err = refused(workflow.decide, env[0], env[1]["reviewer"], v, disclosure, None)
    assert (err.code, err.status) == ("basis_required", 400) and "法律依据" in err.message


def test_partial_needs_something_to_remove(env):
    v = upload(env)
    resolve_all(env, v, "keep", "公职人员履职信息")
    err = refused(workflow.decide, env[0], env[1]["reviewer"], v, "部分公开", "15-privacy")
    assert err.code == "partial_without_redactions"


@pytest.mark.parametrize("disclosure,basis", [("主动公开", None), ("部分公开", "15-privacy"), ("依申请公开", "14-security")])
def test_a_marking_not_dismissed_allows_only_withholding(env, disclosure, basis):
    v = upload(env, data=SECRET_TXT + PERSONAL_TXT)
    resolve_all(env, v, "redact")
    err = refused(workflow.decide, env[0], env[1]["reviewer"], v, disclosure, basis)
    assert (err.code, err.status) == ("marking", 409)
    assert "秘密★1年" in err.message and "不予公开" in err.message
    assert workflow.decide(env[0], env[1]["reviewer"], v, "不予公开", "14-state-secret").disclosure == "不予公开"


def test_a_dismissed_marking_allows_publication(env):
    v = upload(env, data=SECRET_TXT)
    resolve_all(env, v, "keep", "已解密")
    assert workflow.decide(env[0], env[1]["reviewer"], v, "主动公开").basis is None


def decided(env, disclosure="部分公开", basis="15-privacy", data=PERSONAL_TXT):
    v = upload(env, data=data)
    resolve_all(env, v, "redact")
    workflow.decide(env[0], env[1]["reviewer"], v, disclosure, basis)
    env[0].commit()
    return v


@pytest.mark.parametrize("who,code,status", [("reviewer", "forbidden_role", 403), ("drafter", "forbidden_role", 403),
                                             ("admin", "forbidden_role", 403)])
def test_sign_off_needs_the_approver_role(env, who, code, status):
    v = decided(env)
    err = refused(workflow.sign_off, env[0], env[1][who], v)
    assert (err.code, err.status) == (code, status) and "签发人" in err.message


def test_sign_off_by_someone_other_than_reviewer_and_uploader(env):
    session, users, _ = env
    v = upload(env, who="everything")
    resolve_all(env, v, "redact", who="reviewer")
    workflow.decide(session, users["reviewer"], v, "部分公开", "15-privacy")
    session.commit()
    err = refused(workflow.sign_off, session, users["everything"], v)
    assert (err.code, err.status) == ("same_person", 403) and "另一位同事" in err.message
    assert workflow.sign_off(session, users["approver"], v).outcome == "approved"


def test_release_only_after_sign_off_and_only_of_that_version(env):
    session, users, files = env
    from reviewer.workflow_release import release
    v = decided(env)
    err = refused(release, session, users["drafter"], v.document, storage_dir=files)
    assert (err.code, err.status) == ("not_signed_off", 409) and "尚未签发" in err.message
    workflow.sign_off(session, users["approver"], v, "同意")
    session.commit()
    got = release(session, users["drafter"], v.document, storage_dir=files)
    session.commit()
    assert ID not in got.path.read_text(encoding="utf-8")
    v2 = upload(env, data=PERSONAL_TXT + "补充一句。\n".encode(), document_id=v.document_id)
    assert v2.number == 2
    err = refused(release, session, users["drafter"], v.document, storage_dir=files)
    assert err.code == "not_signed_off" and "较早的版本" in err.message
    err = refused(workflow.decide, session, users["reviewer"], v, "部分公开", "15-privacy")
    assert err.code in ("not_current", "wrong_state")


def test_withheld_documents_have_no_release_copy(env):
    session, users, files = env
    from reviewer.workflow_release import release
    v = decided(env, "不予公开", "14-state-secret")
    workflow.sign_off(session, users["approver"], v)
    session.commit()
    assert v.document.state == "不予公开"
    err = refused(release, session, users["approver"], v.document, storage_dir=files)
    assert err.code == "not_public"


def test_return_for_revision_needs_a_comment_and_reopens_review(env):
    session, users, _ = env
    v = decided(env)
    err = refused(workflow.return_for_revision, session, users["approver"], v, " ")
    assert err.code == "comment_required"
    workflow.return_for_revision(session, users["approver"], v, "请核实联系电话是否为单位电话")
    session.commit()
    assert workflow.version_state(session, v) == "退回修改"
    err = refused(workflow.sign_off, session, users["approver2"], v)
    assert err.code == "wrong_state"
    workflow.decide(session, users["reviewer2"], v, "部分公开", "15-privacy")
    assert workflow.version_state(session, v) == "待签发"


def test_resolutions_are_frozen_while_awaiting_sign_off(env):
    session, users, _ = env
    v = decided(env)
    ids = [f.id for f in session.query(Finding).filter_by(version_id=v.id)]
    err = refused(workflow.resolve, session, users["reviewer"], v, ids, "keep", "误报")
    assert err.code == "wrong_state" and "退回" in err.message


def test_drafters_see_only_their_own_documents(env):
    session, users, _ = env
    v = upload(env)
    for who, visible in (("drafter", True), ("drafter2", False), ("reviewer", True), ("approver", True), ("admin", True)):
        assert workflow.can_view(users[who], v.document) is visible
    err = refused(workflow.get_document, session, users["drafter2"], v.document_id)
    assert err.status == 404


def test_failed_scan_is_stored_and_can_be_retried(env):
    session, users, _ = env
    v = upload(env, data=b"PK\x03\x04 not really a zip", name="坏.docx")
    assert v.scan_status == "failed" and v.scan_error["message"]
    assert v.document.state == "扫描失败"
    jobs.retry_scan(session, users["drafter"], v)
    session.commit()
    jobs.submit_scan(v.id)
    session.expire_all()
    assert session.get(type(v), v.id).scan_status == "failed"
    err = refused(jobs.retry_scan, session, users["drafter"], upload(env, data=CLEAR_TXT))
    assert err.code == "not_failed"


def test_every_action_is_in_the_audit_chain(env):
    session, users, files = env
    from reviewer.workflow_release import release
    v = decided(env)
    workflow.sign_off(session, users["approver"], v)
    session.commit()
    release(session, users["drafter"], v.document, storage_dir=files)
    session.commit()
    actions = [e.action for e in audit.entries(session)]
    for action in ("user_create", "upload", "scan", "resolve", "decide", "signoff", "release"):
        assert action in actions
    assert audit.verify(session) == (True, None)


def test_tampering_is_found_at_the_first_bad_entry(env):
    session = env[0]
    upload(env)
    from reviewer import audit_guard
    from reviewer.db.models import AuditEntry
    audit_guard.remove(session.connection())  # someone with the database's owner rights drops the guard
    entry = session.get(AuditEntry, 3)
    entry.actor = "someone-else"
    session.commit()
    assert audit.verify(session) == (False, 3)


def test_login_throttling_says_when_to_retry(env):
    session = env[0]
    for _ in range(3):
        with pytest.raises(WorkflowError) as info:
            accounts.authenticate(session, "reviewer", "wrong password!", "10.0.0.9", max_user=3)
        assert info.value.status == 401 and "用户名或密码不正确" in info.value.message
        session.commit()
    with pytest.raises(WorkflowError) as info:
        accounts.authenticate(session, "reviewer", PASSWORD, "10.0.0.9", max_user=3)
    assert info.value.status == 429 and "之后再试" in info.value.message
    session.commit()
    assert accounts.authenticate(session, "approver", PASSWORD, "10.0.0.10", max_user=3).name == "approver"


def test_throttling_per_address_across_accounts(env):
    session = env[0]
    for name in ("a1", "a2", "a3", "a4"):
        with pytest.raises(WorkflowError):
            accounts.authenticate(session, name, "x", "10.9.9.9", max_ip=4)
        session.commit()
    with pytest.raises(WorkflowError) as info:
        accounts.authenticate(session, "reviewer", PASSWORD, "10.9.9.9", max_ip=4)
    assert info.value.code == "throttled"


@pytest.mark.parametrize("name,password,problem", [
    ("lina", "short", "至少需要 10 个字符"),
    ("lina1234567", "lina1234567", "不能与用户名相同"),
    ("lina", "aaaaaaaaaaaa", "过于简单"),
])
def test_password_policy(name, password, problem):
    assert problem in accounts.password_problem(name, password)


def test_tokens_are_stored_hashed(env):
    session, users, _ = env
    raw = accounts.create_token(session, None, users["reviewer"])
    session.commit()
    from reviewer.db.models import ApiToken
    stored = session.query(ApiToken).one()
    assert raw not in (stored.token_hash, stored.prefix) and stored.token_hash != raw
    assert accounts.user_for_token(session, raw).name == "reviewer"
    assert accounts.user_for_token(session, raw + "x") is None


def test_document_record_for_the_api(env):
    from reviewer.workflow_records import document_record
    session, users, _ = env
    v = decided(env)
    rec = document_record(session, v.document)
    assert rec["state"] == "待签发" and rec["verdict"] == "review" and rec["signoff"] is None
    assert rec["decision"]["disclosure"] == "部分公开" and "个人隐私" in rec["decision"]["basis_label"]
    assert {f["resolution"] for f in rec["findings"]} == {"redact"} and all(f["id"] for f in rec["findings"])
    assert rec["versions"][0]["sha256"] == v.sha256 and rec["releasable"] is False
    workflow.sign_off(session, users["approver"], v)
    session.commit()
    rec = document_record(session, v.document)
    assert rec["signoff"]["outcome"] == "approved" and rec["releasable"] is True


def test_without_the_release_module_only_plain_open_disclosure_is_served(env, monkeypatch):
    from reviewer import workflow_release
    session, users, files = env
    real = workflow_release._optional
    monkeypatch.setattr(workflow_release, "_optional",
                        lambda m: None if m == "reviewer.release" else real(m))
    v = decided(env)
    workflow.sign_off(session, users["approver"], v)
    session.commit()
    err = refused(workflow_release.release, session, users["drafter"], v.document, storage_dir=files)
    assert err.code == "release_unavailable" and "主动公开" in err.message
    clean = upload(env, data=CLEAR_TXT)
    workflow.decide(session, users["reviewer"], clean, "主动公开")
    workflow.sign_off(session, users["approver"], clean)
    session.commit()
    got = workflow_release.release(session, users["drafter"], clean.document, storage_dir=files)
    assert got.path.read_bytes() == CLEAR_TXT and got.download_name == "通知（发布稿）.txt"


def test_a_successful_login_clears_that_accounts_failures(env):
    session = env[0]
    for _ in range(2):
        with pytest.raises(WorkflowError):
            accounts.authenticate(session, "reviewer", "typo typo typo", "10.0.0.7", max_user=3)
        session.commit()
    accounts.authenticate(session, "reviewer", PASSWORD, "10.0.0.7", max_user=3)
    session.commit()
    with pytest.raises(WorkflowError):
        accounts.authenticate(session, "reviewer", "typo typo typo", "10.0.0.7", max_user=3)
    session.commit()
    assert accounts.authenticate(session, "reviewer", PASSWORD, "10.0.0.7", max_user=3).name == "reviewer"
