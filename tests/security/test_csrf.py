"""Every form route refuses a POST without the CSRF token (and accepts it with one); the API takes tokens only."""
from __future__ import annotations

import io
import re

import pytest

from reviewer.db.models import AuditEntry
from tests.web.conftest import make_app
from tests.web.webfakes import CLEAR_TXT, PASSWORD

from .states import build, state_of

ROLE_FOR = {"documents.upload": "drafter", "documents.new_version": "drafter", "documents.rescan": "reviewer",
            "review.resolve": "reviewer", "review.decision": "reviewer", "review.signoff": "approver",
            "documents.release_retry": "approver",
            "admin.users": "admin", "admin.update": "admin", "tokens.create": "drafter", "tokens.revoke": "admin",
            "auth.password": "drafter", "auth.logout": "drafter"}


@pytest.fixture(scope="module")
def csrf_app(tmp_path_factory, fast_hashes):
    app = make_app(tmp_path_factory.mktemp("csrf"))
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.extensions["reviewer.engine"].dispose()


def _token(client, url: str = "/login") -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True))
    assert m, f"no CSRF field on {url}"
    return m.group(1)


def _login(client, name: str) -> None:
    resp = client.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": _token(client)})
    assert resp.status_code == 302


def _form_routes(app) -> list[tuple[str, str]]:
    return sorted((r.endpoint, r.rule) for r in app.url_map.iter_rules()
                  if "POST" in r.methods and not r.endpoint.startswith("api.") and r.endpoint != "auth.login")


def test_every_form_route_is_known(csrf_app):
    assert {e for e, _ in _form_routes(csrf_app)} <= set(ROLE_FOR), "add the new form route to ROLE_FOR"


def test_login_form_needs_the_token(csrf_app):
    client = csrf_app.test_client()
    resp = client.post("/login", data={"username": "drafter", "password": PASSWORD})
    assert resp.status_code == 400 and "CSRF" in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302   # not logged in


def test_post_without_token_is_refused_everywhere(csrf_app):
    """Logged in with the right role, each form route without a token: 400, nothing changed, nothing logged."""
    doc = build(csrf_app, "to_review")
    with csrf_app.extensions["reviewer.sessions"]() as s:
        audit_before = s.query(AuditEntry).count()
    for endpoint, rule in _form_routes(csrf_app):
        client = csrf_app.test_client()
        _login(client, ROLE_FOR[endpoint])
        with csrf_app.extensions["reviewer.sessions"]() as s:
            audit_before = s.query(AuditEntry).count()
        url = re.sub(r"<int:document_id>", str(doc["doc"]), rule)
        url = re.sub(r"<int:version_id>", str(doc["ver"]), url)
        url = re.sub(r"<int:\w+>", str(doc["user"]), url)
        data = {"file": (io.BytesIO(CLEAR_TXT + url.encode()), "a.txt"), "finding": str(doc["finding"]),
                "action": "redact", "disclosure": "主动公开", "outcome": "approve", "name": "x" + endpoint,
                "role": "drafter", "what": "roles", "old": PASSWORD, "new": "Another-pass-987", "again": "Another-pass-987"}
        resp = client.post(url, data=data, content_type="multipart/form-data")
        assert resp.status_code == 400, f"{endpoint}: {resp.status_code}"
        assert "CSRF" in resp.get_data(as_text=True)
        assert state_of(csrf_app, doc["doc"]) == "待审查"
        with csrf_app.extensions["reviewer.sessions"]() as s:
            assert s.query(AuditEntry).count() == audit_before, endpoint


def test_post_with_token_is_accepted(csrf_app):
    """The same kind of request with the page's token goes through (so the refusals above are about the token)."""
    doc = build(csrf_app, "to_review")
    client = csrf_app.test_client()
    _login(client, "reviewer")
    token = _token(client, f"/versions/{doc['ver']}/review")
    resp = client.post(f"/versions/{doc['ver']}/resolve",
                       data={"finding": str(doc["finding"]), "action": "redact", "csrf_token": token})
    assert resp.status_code == 303
    assert state_of(csrf_app, doc["doc"]) == "审查中"


def test_token_of_another_session_is_refused(csrf_app):
    doc = build(csrf_app, "to_review")
    attacker, victim = csrf_app.test_client(), csrf_app.test_client()
    _login(attacker, "reviewer2")
    stolen = _token(attacker, f"/versions/{doc['ver']}/review")
    _login(victim, "reviewer")
    resp = victim.post(f"/versions/{doc['ver']}/resolve",
                       data={"finding": str(doc["finding"]), "action": "redact", "csrf_token": stolen})
    assert resp.status_code == 400
    assert state_of(csrf_app, doc["doc"]) == "待审查"


def test_api_ignores_the_session_cookie(csrf_app):
    """A cookie-carrying cross-site request to the API (which has no CSRF token) is 401: tokens only."""
    doc = build(csrf_app, "to_review")
    client = csrf_app.test_client()
    _login(client, "reviewer")
    resp = client.post(f"/api/v1/documents/{doc['doc']}/findings/{doc['finding']}/resolution",
                       json={"action": "redact"})
    assert resp.status_code == 401
    assert state_of(csrf_app, doc["doc"]) == "待审查"
