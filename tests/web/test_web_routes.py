"""Every route for every role: allowed and refused, as a table route × role → expected status."""
from __future__ import annotations

import io

import pytest

from tests.web.conftest import AuthActions, fresh_doc

from tests.web.webfakes import CLEAR_TXT

ROLES = ("anon", "drafter", "drafter2", "reviewer", "approver", "admin")
# (method, path template, {role: status}); "anon" is always a redirect to the login page.
# drafter is the uploader; drafter2 another drafter (who may not even see the document: 404).
TABLE = [
    ("GET", "/", dict(drafter=200, drafter2=200, reviewer=200, approver=200, admin=200)),
    ("GET", "/upload", dict(drafter=200, drafter2=200, reviewer=403, approver=403, admin=403)),
    ("GET", "/documents/{doc}", dict(drafter=200, drafter2=404, reviewer=200, approver=200, admin=200)),
    ("GET", "/versions/{ver}/status", dict(drafter=200, drafter2=404, reviewer=200, approver=200, admin=200)),
    ("GET", "/versions/{ver}/review", dict(drafter=200, drafter2=404, reviewer=200, approver=200, admin=200)),
    ("GET", "/versions/{ver}/original", dict(drafter=200, drafter2=404, reviewer=200, approver=200, admin=200)),
    ("GET", "/versions/{ver}/decision", dict(drafter=403, drafter2=403, reviewer=200, approver=403, admin=403)),
    ("GET", "/versions/{ver}/signoff", dict(drafter=403, drafter2=403, reviewer=403, approver=200, admin=403)),
    ("GET", "/documents/{doc}/release", dict(drafter=409, drafter2=404, reviewer=409, approver=409, admin=409)),
    ("GET", "/documents/{doc}/record.pdf", dict(drafter=409, drafter2=404, reviewer=409, approver=409, admin=409)),
    ("GET", "/documents/{doc}/record.docx", dict(drafter=409, drafter2=404, reviewer=409, approver=409, admin=409)),
    ("GET", "/account/password", dict(drafter=200, drafter2=200, reviewer=200, approver=200, admin=200)),
    ("GET", "/admin/users", dict(drafter=403, drafter2=403, reviewer=403, approver=403, admin=200)),
    ("GET", "/admin/users/{user}", dict(drafter=403, drafter2=403, reviewer=403, approver=403, admin=200)),
    ("GET", "/admin/audit", dict(drafter=403, drafter2=403, reviewer=403, approver=301, admin=301)),
    ("POST", "/versions/{ver}/resolve", dict(drafter=403, drafter2=403, reviewer=303, approver=403, admin=403)),
    ("POST", "/versions/{ver}/decision", dict(drafter=403, drafter2=403, reviewer=409, approver=403, admin=403)),
    ("POST", "/versions/{ver}/signoff", dict(drafter=403, drafter2=403, reviewer=403, approver=409, admin=403)),
    ("POST", "/versions/{ver}/rescan", dict(drafter=409, drafter2=404, reviewer=409, approver=403, admin=409)),
    ("POST", "/documents/{doc}/versions", dict(drafter=303, drafter2=404, reviewer=403, approver=403, admin=403)),
    ("POST", "/upload", dict(drafter=303, drafter2=303, reviewer=403, approver=403, admin=403)),
    ("POST", "/admin/users", dict(drafter=403, drafter2=403, reviewer=403, approver=403, admin=201)),
    ("POST", "/admin/users/{user}", dict(drafter=403, drafter2=403, reviewer=403, approver=403, admin=303)),
    ("POST", "/logout", dict(drafter=302, drafter2=302, reviewer=302, approver=302, admin=302)),
]
CASES = [(m, p, r, table.get(r, 302)) for m, p, table in TABLE for r in ROLES]


def _form(path: str, finding: int, role: str) -> dict:
    if path.endswith("/resolve"):
        return {"finding": str(finding), "action": "redact"}
    if path.endswith("/decision"):
        return {"disclosure": "主动公开"}
    if path.endswith("/signoff"):
        return {"outcome": "approve"}
    if path.endswith("/versions") or path == "/upload":
        return {"file": (io.BytesIO(CLEAR_TXT + (path + role).encode()), "修改稿.txt")}
    if path == "/admin/users":
        return {"name": "newuser", "role": "drafter"}
    if path.startswith("/admin/users/"):
        return {"what": "roles", "role": "drafter"}
    return {}


@pytest.mark.parametrize("method,path,role,expected", CASES,
                         ids=[f"{m} {p} {r}" for m, p, r, _ in CASES])
def test_route_by_role(shared_app, method, path, role, expected):
    from reviewer.accounts import find_user
    from reviewer.db.models import Finding
    client = shared_app.test_client()
    auth = AuthActions(client)
    doc, ver = fresh_doc(shared_app)
    with shared_app.extensions["reviewer.sessions"]() as db:
        finding = db.query(Finding).filter_by(version_id=ver).first().id
        url = path.format(doc=doc, ver=ver, user=find_user(db, "drafter2").id)
    if role != "anon":
        assert auth.login(role).status_code == 302
    if method == "GET":
        resp = client.get(url)
    else:
        resp = client.post(url, data=_form(path, finding, role), content_type="multipart/form-data")
    assert resp.status_code == expected, resp.data.decode()[:600]
    if role == "anon":
        assert "/login" in resp.headers["Location"]
    if expected == 403:
        assert "角色" in resp.data.decode() or "不能" in resp.data.decode()
    if expected == 404:
        assert "找不到" in resp.data.decode()


MY_BLUEPRINTS = ("auth", "documents", "review", "admin")  # the API, audit and dashboard pages test their own


def test_every_route_is_in_the_table(shared_app):
    """A new route of these blueprints must be added to TABLE (and so get its role checks tested)."""
    tested = {p.split("{")[0].rstrip("/") for _m, p, _t in TABLE}
    for rule in shared_app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in MY_BLUEPRINTS or rule.rule == "/login":
            continue
        prefix = rule.rule.split("<")[0].rstrip("/")
        assert any(t.startswith(prefix) or prefix.startswith(t) for t in tested if t or prefix == ""), rule.rule
