"""Fixtures for the API tests: the web tests' app (fresh SQLite, one user per role) and a client holding tokens."""
from __future__ import annotations

import io

import pytest

from reviewer import accounts
from tests.web.conftest import fast_hashes, make_app  # noqa: F401  (fast_hashes: autouse fixture)
from tests.web.webfakes import PERSONAL_TXT


@pytest.fixture
def app(tmp_path, fast_hashes):
    app = make_app(tmp_path)
    yield app
    app.extensions["reviewer.engine"].dispose()


class Api:
    """A test client that calls /api/v1 as a named user with that user's bearer token."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        self._tokens: dict[str, str] = {}

    def token(self, who: str) -> str:
        if who not in self._tokens:
            with self.app.extensions["reviewer.sessions"]() as s:
                self._tokens[who] = accounts.create_token(s, None, accounts.find_user(s, who))
                s.commit()
        return self._tokens[who]

    def _headers(self, who: str | None, headers: dict | None) -> dict:
        out = dict(headers or {})
        if who:
            out["Authorization"] = f"Bearer {self.token(who)}"
        return out

    def get(self, path: str, who: str | None = None, **kw):
        return self.client.get("/api/v1" + path, headers=self._headers(who, kw.pop("headers", None)), **kw)

    def post(self, path: str, who: str | None = None, json=None, **kw):
        return self.client.post("/api/v1" + path, json=json, headers=self._headers(who, kw.pop("headers", None)), **kw)

    def upload(self, who: str = "drafter", data: bytes = PERSONAL_TXT, name: str = "通知.txt", **form):
        return self.client.post("/api/v1/documents", data={"file": (io.BytesIO(data), name), **form},
                                headers=self._headers(who, None), content_type="multipart/form-data")


@pytest.fixture
def api(app) -> Api:
    return Api(app)


def error_of(resp) -> tuple[int, str, str]:
    """(status, code, message) of a JSON error answer, checking its shape."""
    body = resp.get_json()
    assert resp.mimetype == "application/json" and set(body) == {"error"}, resp.data[:300]
    return resp.status_code, body["error"]["code"], body["error"]["message"]
