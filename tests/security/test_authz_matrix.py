"""Every route × every role × every document state: who may do what, where, and that nobody sees another's draft.

The route list comes from app.url_map, so a new route without a POLICY entry fails test_every_route_has_a_policy.
Expected outcomes follow from the policy, not a hand-kept table of statuses:
anonymous → login redirect (web) or 401 (API); a role without the right → 403; a drafter asking for another
drafter's document → 403/404 with nothing of it in the answer; an action outside its state gate → 409 with the
document unchanged; otherwise no refusal.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest

from tests.web.webfakes import CLEAR_TXT, ID, PHONE

from .conftest import ROLES
from .states import STATES, build, state_of

ANY = None
ROLE_OF = {"drafter": "drafter", "drafter2": "drafter", "reviewer": "reviewer", "approver": "approver",
           "admin": "admin"}
REVIEWABLE, DECIDED = {"to_review", "returned"}, {"decided"}
STATS = {"reviewer", "approver", "admin"}   # the dashboard: drafters are refused


@dataclass(frozen=True)
class Policy:
    roles: frozenset | None = ANY     # roles allowed (ANY: every logged-in user)
    scope: str = "site"               # site | doc (takes a document or version id) | public
    gate: frozenset | None = None     # doc scope: states in which the action may succeed (None: all)
    api: bool = False


def P(roles=ANY, scope="site", gate=None, api=False) -> Policy:
    return Policy(frozenset(roles) if roles else None, scope, frozenset(gate) if gate else None, api)


# (endpoint, method) → policy
POLICY: dict[tuple[str, str], Policy] = {
    ("documents.queue", "GET"): P(),
    ("dashboard.index", "GET"): P(STATS), ("dashboard.chart_csv", "GET"): P(STATS),
    ("dashboard.export", "GET"): P(STATS),
    ("auth.password", "GET"): P(), ("auth.password", "POST"): P(), ("auth.logout", "POST"): P(),
    ("tokens.index", "GET"): P(), ("tokens.create", "POST"): P(), ("tokens.revoke", "POST"): P(scope="token"),
    ("admin.users", "GET"): P({"admin"}), ("admin.users", "POST"): P({"admin"}),
    ("admin.user", "GET"): P({"admin"}), ("admin.update", "POST"): P({"admin"}),
    ("admin.audit_log", "GET"): P({"admin", "approver"}),
    ("audit_views.log", "GET"): P({"admin", "approver"}), ("audit_views.export", "GET"): P({"admin", "approver"}),
    ("documents.upload", "GET"): P({"drafter"}), ("documents.upload", "POST"): P({"drafter"}),
    ("documents.detail", "GET"): P(scope="doc"), ("documents.status", "GET"): P(scope="doc"),
    ("documents.original", "GET"): P(scope="doc"), ("review.page", "GET"): P(scope="doc"),
    ("documents.record", "GET"): P(scope="doc", gate={"decided", "signed_off", "returned", "refused"}),
    ("documents.release_copy", "GET"): P(scope="doc", gate={"signed_off"}),
    # building a release copy again: only once its check refused it, which none of STATES is (→ 409 in every state)
    ("documents.release_retry", "POST"): P({"reviewer", "approver"}, "doc", {"release_refused"}),
    ("documents.new_version", "POST"): P({"drafter"}, "doc"),
    ("documents.rescan", "POST"): P({"drafter", "reviewer", "admin"}, "doc", {"failed"}),
    ("review.resolve", "POST"): P({"reviewer"}, "doc", REVIEWABLE),
    ("review.decision", "GET"): P({"reviewer"}, "doc"),
    ("review.decision", "POST"): P({"reviewer"}, "doc", REVIEWABLE),
    ("review.signoff", "GET"): P({"approver"}, "doc"),
    ("review.signoff", "POST"): P({"approver"}, "doc", DECIDED),
    ("api.openapi", "GET"): P(scope="public", api=True),
    ("api.list_audit", "GET"): P({"admin", "approver"}, api=True),
    ("api.list_documents", "GET"): P(api=True), ("api.create_document", "POST"): P({"drafter"}, api=True),
    ("api.get_document", "GET"): P(scope="doc", api=True), ("api.get_status", "GET"): P(scope="doc", api=True),
    ("api.get_release", "GET"): P(scope="doc", gate={"signed_off"}, api=True),
    ("api.retry_release_copy", "POST"): P({"reviewer", "approver"}, "doc", {"release_refused"}, api=True),
    ("api.resolve_finding", "POST"): P({"reviewer"}, "doc", REVIEWABLE, api=True),
    ("api.decide", "POST"): P({"reviewer"}, "doc", REVIEWABLE, api=True),
    ("api.sign_off", "POST"): P({"approver"}, "doc", DECIDED, api=True),
}
PATHS = {  # how to fill each route's URL parameters
    "document_id": "{doc}", "version_id": "{ver}", "finding_id": "{finding}", "user_id": "{user}",
    "token_id": "{token}", "fmt": "pdf", "key": "reviewed",
}
SKIP = {"static", "auth.login"}   # login is tested in test_sessions.py; static files are public


def _routes(app) -> list[tuple[str, str, str]]:
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP:
            continue
        path = rule.rule
        for arg in rule.arguments:
            value = "csv" if (rule.endpoint, arg) == ("audit_views.export", "fmt") else PATHS[arg]
            path = path.replace(f"<{_converter(rule, arg)}>", value)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((rule.endpoint, method, path))
    return sorted(out)


def _converter(rule, arg: str) -> str:
    return re.search(rf"<([^>]*:)?{arg}>", rule.rule).group(0)[1:-1]


def test_every_route_has_a_policy(sec_app):
    missing = [(e, m, p) for e, m, p in _routes(sec_app) if (e, m) not in POLICY]
    assert not missing, f"routes without an entry in POLICY (add one, with its roles and state gate): {missing}"


def expected(policy: Policy, role: str, state: str | None) -> str:
    """'login', 'unauth', 'forbidden', 'hidden', 'conflict' or 'ok'."""
    if policy.scope == "public":
        return "ok"
    if role == "anon":
        return "unauth" if policy.api else "login"
    if policy.roles and ROLE_OF[role] not in policy.roles:
        return "forbidden"
    if policy.scope == "doc" and role == "drafter2":
        return "hidden"
    if policy.scope == "token" and role not in ("drafter2", "admin"):
        return "hidden"
    if policy.gate is not None and state not in policy.gate:
        return "conflict"
    return "ok"


def _body(endpoint: str, ids: dict, role: str) -> dict:
    if endpoint == "review.resolve":
        return {"data": {"finding": str(ids["finding"]), "action": "redact"}}
    if endpoint == "review.decision":
        return {"data": {"disclosure": "部分公开", "basis": "15-privacy"}}
    if endpoint == "review.signoff":
        return {"data": {"outcome": "approve"}}
    if endpoint in ("documents.new_version", "documents.upload", "api.create_document"):
        return {"data": {"file": (io.BytesIO(CLEAR_TXT + repr((ids, role)).encode()), "修改稿.txt")},
                "content_type": "multipart/form-data"}
    if endpoint == "admin.users":
        return {"data": {"name": f"u{ids['doc']}{role}", "role": "drafter"}}
    if endpoint == "admin.update":
        return {"data": {"what": "roles", "role": "drafter"}}
    if endpoint == "api.resolve_finding":
        return {"json": {"action": "redact"}}
    if endpoint == "api.decide":
        return {"json": {"disclosure": "部分公开", "basis": "15-privacy"}}
    if endpoint == "api.sign_off":
        return {"json": {"comment": ""}}
    return {}


def _request(app, clients, tokens, endpoint, method, path, role, ids):
    from .conftest import AuthActions
    policy = POLICY[(endpoint, method)]
    url = path.format(**ids)
    if policy.api:
        client, headers = app.test_client(), ({"Authorization": f"Bearer {tokens[role]}"} if tokens[role] else {})
    else:
        client, headers = clients[role], {}
        if endpoint in ("auth.logout", "auth.password") and role != "anon":
            client = app.test_client()     # logging out (or a password form) must not spoil the shared client
            AuthActions(client).login(role)
    return client.open(url, method=method, headers=headers, **(_body(endpoint, ids, role) if method == "POST" else {}))


def _check(resp, outcome: str, ids: dict, who: str, api: bool = False, also: tuple = ()) -> None:
    status, text = resp.status_code, resp.get_data().decode("utf-8", "replace")
    if status in also:
        return
    if outcome == "login":
        assert status == 302 and "/login" in resp.headers["Location"], who
    elif outcome == "unauth":
        assert status == 401, who
    elif outcome == "forbidden":   # the API looks the document up first: one you may not see is not found
        assert status == 403 or (api and status == 404), who
    elif outcome == "hidden":
        assert status in (403, 404), who
    elif outcome == "conflict":
        assert status == 409, who
    else:
        assert status < 500 and status not in (401, 403, 404), f"{who}: {status} {text[:300]}"
    if outcome in ("login", "unauth", "forbidden", "hidden"):
        for secret in (ids.get("title", "\0"), ID, PHONE):
            assert secret not in text, f"{who}: leaked {secret}"


@pytest.fixture(scope="module")
def docs(sec_app):
    """One document per state, shared by the cases that must not change it."""
    return {state: build(sec_app, state) for state in STATES}


@pytest.fixture(scope="module")
def spare_token(sec_app):
    from reviewer import accounts
    from reviewer.db.models import ApiToken
    def make():
        with sec_app.extensions["reviewer.sessions"]() as s:
            accounts.create_token(s, None, accounts.find_user(s, "drafter2"))
            s.commit()
            return s.query(ApiToken).order_by(ApiToken.id.desc()).first().id
    return make


def test_site_routes(sec_app, clients, tokens, spare_token):
    """Routes that are not about one document: every role once."""
    checked = 0
    for endpoint, method, path in _routes(sec_app):
        policy = POLICY[(endpoint, method)]
        if policy.scope == "doc":
            continue
        for role in ROLES:
            ids = {"doc": 0, "ver": 0, "finding": 0, "user": _user_id(sec_app, "drafter2"), "token": spare_token()}
            resp = _request(sec_app, clients, tokens, endpoint, method, path, role, ids)
            _check(resp, expected(policy, role, None), ids, f"{method} {path} as {role}", policy.api)
            checked += 1
            if endpoint in ("auth.logout", "auth.password") and role != "anon":
                # logging out (or a new password) ends every session of that account: log the shared client in again
                from .conftest import AuthActions
                clients[role].post("/logout")
                assert AuthActions(clients[role]).login(role).status_code == 302
    assert checked > 100


def _user_id(app, name):
    from reviewer import accounts
    with app.extensions["reviewer.sessions"]() as s:
        return accounts.find_user(s, name).id


DOC_CASES = [(s, r) for s in STATES for r in ROLES]


@pytest.mark.parametrize("state,role", DOC_CASES, ids=[f"{s}-{r}" for s, r in DOC_CASES])
def test_document_routes(sec_app, clients, tokens, docs, state, role):
    """Every document route for one role in one state; refused actions leave the document as it was."""
    for endpoint, method, path in _routes(sec_app):
        policy = POLICY[(endpoint, method)]
        if policy.scope != "doc":
            continue
        outcome = expected(policy, role, state)
        mutating = method == "POST" or endpoint in ("documents.release_copy", "api.get_release")
        ids = build(sec_app, state) if (mutating and outcome == "ok") else docs[state]
        before = state_of(sec_app, ids["doc"])
        resp = _request(sec_app, clients, tokens, endpoint, method, path, role, ids)
        # a version still scanning has no findings: resolving finding n of it is "not found" before "wrong state"
        also = (404,) if state == "scanning" and endpoint == "api.resolve_finding" else ()
        _check(resp, outcome, ids, f"{method} {path} as {role} in {state}", policy.api, also)
        if outcome != "ok":
            assert state_of(sec_app, ids["doc"]) == before, f"{method} {path} as {role} changed the document"


def test_guessing_ids_finds_nothing(sec_app, clients, tokens, docs):
    """drafter2 walks every id: documents and versions of drafter are 404, their titles never appear."""
    from reviewer.db.models import Document
    c = clients["drafter2"]
    with sec_app.extensions["reviewer.sessions"]() as s:
        others = [d.id for d in s.query(Document) if d.created_by.name != "drafter2"]
    assert len(others) >= len(docs)
    for i in others + [max(others) + 1, 2**31 - 1]:
        for url in (f"/documents/{i}", f"/versions/{i}/original", f"/versions/{i}/review", f"/documents/{i}/release"):
            resp = c.get(url)
            assert resp.status_code == 404, url
            body = resp.get_data().decode("utf-8", "replace")
            assert "机密草稿标题" not in body and ID not in body
        api = sec_app.test_client().get(f"/api/v1/documents/{i}", headers={"Authorization": f"Bearer {tokens['drafter2']}"})
        assert api.status_code == 404
    for url in ("/", "/?q=机密草稿标题", "/?state=已签发", "/?uploader=drafter", "/?page=2"):
        assert not re.search(r"机密草稿标题\d", c.get(url).get_data(as_text=True)), url   # the search box echoes q
    listing = sec_app.test_client().get("/api/v1/documents", headers={"Authorization": f"Bearer {tokens['drafter2']}"})
    assert listing.status_code == 200 and "机密草稿标题" not in listing.get_data(as_text=True)
