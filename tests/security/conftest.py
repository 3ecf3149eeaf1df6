"""Fixtures for the security tests: the web tests' app factory, role clients and API tokens."""
from __future__ import annotations

import pytest

from reviewer import accounts
from tests.web.conftest import AuthActions, fast_hashes, make_app  # noqa: F401 (fixture re-export)

ROLES = ("anon", "drafter", "drafter2", "reviewer", "approver", "admin")


@pytest.fixture(scope="module")
def sec_app(tmp_path_factory, fast_hashes):  # noqa: F811
    app = make_app(tmp_path_factory.mktemp("security"))
    yield app
    app.extensions["reviewer.engine"].dispose()


@pytest.fixture(scope="module")
def clients(sec_app):
    """One logged-in test client per role (anon: not logged in)."""
    out = {}
    for role in ROLES:
        c = sec_app.test_client()
        if role != "anon":
            assert AuthActions(c).login(role).status_code == 302
        out[role] = c
    return out


@pytest.fixture(scope="module")
def tokens(sec_app):
    with sec_app.extensions["reviewer.sessions"]() as s:
        out = {r: accounts.create_token(s, None, accounts.find_user(s, r)) for r in ROLES if r != "anon"}
        s.commit()
    out["anon"] = None
    return out
