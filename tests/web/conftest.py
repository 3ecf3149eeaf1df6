"""Fixtures for the web tests: an app on a fresh SQLite database in tmp_path, one user per role, AuthActions."""
from __future__ import annotations

import io
import os

import pytest
from argon2 import PasswordHasher

from reviewer import accounts
from reviewer.db import create_schema
from sqlalchemy import text
from tests.web.webfakes import PASSWORD, PERSONAL_TXT, FakeScanner
from web import create_app

USERS = {"drafter": ["drafter"], "drafter2": ["drafter"], "reviewer": ["reviewer"], "reviewer2": ["reviewer"],
         "approver": ["approver"], "admin": ["admin"], "multi": ["drafter", "reviewer", "approver"]}


@pytest.fixture(autouse=True, scope="session")
def fast_hashes():
    """Cheap argon2 parameters: the tests check behaviour, not hashing cost."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


def make_app(tmp_path):
    """SQLite in tmp_path; or, with REVIEWER_TEST_POSTGRES_URL (tests/services), that database emptied first."""
    url = os.environ.get("REVIEWER_TEST_POSTGRES_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    files = os.environ.get("REVIEWER_TEST_STORAGE_DIR") or str(tmp_path / "files")
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                      "INSTANCE_DIR": str(tmp_path), "DATABASE_URL": url,
                      "STORAGE_DIR": files, "SCAN_SYNC": True, "SCANNER": FakeScanner()})
    if url.startswith("postgresql"):
        with app.extensions["reviewer.engine"].begin() as conn:  # a connection an earlier test left open must not block
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    create_schema(app.extensions["reviewer.engine"])
    with app.extensions["reviewer.sessions"]() as s:
        for name, roles in USERS.items():
            accounts.create_user(s, None, name, roles, PASSWORD)
        s.commit()
    return app


@pytest.fixture
def app(tmp_path, fast_hashes):
    app = make_app(tmp_path)
    yield app
    app.extensions["reviewer.engine"].dispose()


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory, fast_hashes):
    """One app for a whole module of tests that each make their own document (see `fresh_doc`)."""
    app = make_app(tmp_path_factory.mktemp("shared"))
    yield app
    app.extensions["reviewer.engine"].dispose()


_counter = iter(range(1, 10**9))


def fresh_doc(app, data: bytes = PERSONAL_TXT, who: str = "drafter") -> tuple[int, int]:
    """Upload a new document (unique bytes) straight through the workflow; (document id, version id)."""
    from reviewer import jobs, workflow
    data = data + f"\n编号{next(_counter)}\n".encode()
    with app.extensions["reviewer.sessions"]() as s:
        v = workflow.upload(s, accounts.find_user(s, who), io.BytesIO(data), "通知.txt",
                            storage_dir=app.config["STORAGE_DIR"], max_bytes=1 << 20)
        s.commit()
        ids = v.document_id, v.id
    jobs.submit_scan(ids[1])
    return ids


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    with app.extensions["reviewer.sessions"]() as s:
        yield s


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, name: str = "drafter", password: str = PASSWORD):
        return self._client.post("/login", data={"username": name, "password": password})

    def logout(self):
        return self._client.post("/logout")

    def upload(self, data: bytes = PERSONAL_TXT, name: str = "通知.txt", **form):
        return self._client.post("/upload", data={"file": (io.BytesIO(data), name), **form},
                                 content_type="multipart/form-data")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def uploaded(client, auth):
    """A document uploaded and scanned as `drafter`: (document id, version id); logged out afterwards."""
    auth.login("drafter")
    resp = auth.upload()
    assert resp.status_code == 303, resp.data.decode()
    doc_id = int(resp.headers["Location"].rstrip("/").split("/")[-1])
    with client.application.extensions["reviewer.sessions"]() as s:
        from reviewer.db.models import Document
        vid = s.get(Document, doc_id).versions[-1].id
    auth.logout()
    return doc_id, vid
