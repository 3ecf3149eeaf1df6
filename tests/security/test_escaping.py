"""Text a drafter or reviewer typed, and text found in a document, is shown escaped on every page and report."""
from __future__ import annotations

import io

import pytest

from reviewer import accounts, jobs, workflow
from reviewer.db.models import Finding, Version
from tests.web.conftest import AuthActions
from tests.web.webfakes import ID, FakeScanner

from .test_authz_matrix import POLICY, _routes

PAYLOADS = ('<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='alert(2)")
TEXT = ("通知\n" + PAYLOADS[0] + f" 身份证号码：{ID} " + PAYLOADS[1] + "\n" + PAYLOADS[2] + "\n").encode()
RAW = ("<script>alert", "<img src=x", "onerror=alert(1)>", "' onmouseover='")


@pytest.fixture(scope="module")
def hostile_doc(sec_app):
    """A document whose title, unit, file name, content, reasons and comments all carry HTML/JS."""
    factory = sec_app.extensions["reviewer.sessions"]
    with factory() as s:
        v = workflow.upload(s, accounts.find_user(s, "drafter"), io.BytesIO(TEXT), PAYLOADS[2] + ".txt",
                            storage_dir=sec_app.config["STORAGE_DIR"], max_bytes=1 << 20,
                            title=PAYLOADS[0] + PAYLOADS[1], office_unit=PAYLOADS[1])
        s.commit()
        vid, did = v.id, v.document_id
    jobs.submit_scan(vid)
    with factory() as s:
        v = s.get(Version, vid)
        reviewer, approver = accounts.find_user(s, "reviewer"), accounts.find_user(s, "approver")
        ids = [f.id for f in s.query(Finding).filter_by(version_id=vid)]
        assert ids, "the fake scanner finds the ID number"
        workflow.resolve(s, reviewer, v, ids, "keep", reason=PAYLOADS[0])
        workflow.decide(s, reviewer, v, "主动公开", None, comment=PAYLOADS[1])
        workflow.sign_off(s, approver, v, comment=PAYLOADS[0])
        s.commit()
    return {"doc": did, "ver": vid, "finding": ids[0], "user": 1, "token": 0}


@pytest.mark.parametrize("role", ["drafter", "reviewer", "approver", "admin"])
def test_every_page_escapes(sec_app, hostile_doc, role):
    client = sec_app.test_client()
    assert AuthActions(client).login(role).status_code == 302
    pages = 0
    for endpoint, method, path in _routes(sec_app):
        if method != "GET" or POLICY[(endpoint, method)].api:
            continue
        resp = client.get(path.format(**hostile_doc))
        if resp.mimetype != "text/html" or resp.status_code >= 400:
            continue
        body = resp.get_data(as_text=True)
        for raw in RAW:
            assert raw not in body, f"{path} as {role} shows {raw!r} unescaped"
        pages += 1
    assert pages >= 6
    detail = client.get(f"/documents/{hostile_doc['doc']}").get_data(as_text=True)
    assert "&lt;script&gt;alert" in detail   # the title is there, as text


def test_audit_export_and_api_are_not_html(sec_app, hostile_doc):
    client = sec_app.test_client()
    AuthActions(client).login("admin")
    assert client.get("/audit/export.csv").mimetype != "text/html"
    with sec_app.extensions["reviewer.sessions"]() as s:
        token = accounts.create_token(s, None, accounts.find_user(s, "reviewer"))
        s.commit()
    resp = sec_app.test_client().get(f"/api/v1/documents/{hostile_doc['doc']}",
                                     headers={"Authorization": f"Bearer {token}"})
    assert resp.mimetype == "application/json" and resp.headers["X-Content-Type-Options"] == "nosniff"


def test_html_scan_report_escapes(tmp_path):
    """`reviewer scan --format html`: file names and document text with HTML stay text."""
    from reviewer.pipeline import scan_file
    from reviewer.reports.html import render
    path = tmp_path / "x.txt"
    path.write_bytes(TEXT)
    record = scan_file(path, scanner=FakeScanner(), display_path=PAYLOADS[0] + PAYLOADS[1] + ".txt").to_dict()
    assert record["findings"], "the report has a finding whose context holds the payload"
    html = render([record])
    for raw in RAW[:3]:
        assert raw not in html
    assert "&lt;script&gt;" in html
