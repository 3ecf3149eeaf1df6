"""Security headers on every kind of response, and templates that need no inline script (so the CSP can forbid it)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.conftest import AuthActions

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
URLS = ["/login", "/", "/upload", "/dashboard", "/admin/users", "/audit", "/static/app.css", "/no-such-page",
        "/api/v1/openapi.json", "/api/v1/documents"]


def _csp(value: str) -> dict[str, str]:
    return {d.split()[0]: d for d in (p.strip() for p in value.split(";")) if d}


@pytest.mark.parametrize("url", URLS)
def test_headers_on_every_response(sec_app, url):
    client = sec_app.test_client()
    AuthActions(client).login("admin")
    resp = client.get(url)
    csp = _csp(resp.headers.get("Content-Security-Policy", ""))
    assert "'unsafe-inline'" not in csp.get("script-src", csp.get("default-src", "'unsafe-inline'")), url
    assert "'unsafe-eval'" not in resp.headers.get("Content-Security-Policy", "")
    assert csp.get("frame-ancestors") == "frame-ancestors 'none'", url
    assert csp.get("object-src") == "object-src 'none'"
    assert resp.headers.get("X-Content-Type-Options") == "nosniff", url
    assert resp.headers.get("X-Frame-Options") == "DENY", url
    if resp.mimetype == "text/html":
        assert "no-store" in resp.headers.get("Cache-Control", ""), url


def test_session_cookie_flags(sec_app):
    resp = sec_app.test_client().post("/login", data={"username": "drafter", "password": "correct-horse-battery"})
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


TEMPLATE_FILES = sorted(TEMPLATES.rglob("*.html")) + sorted(
    (Path(__file__).resolve().parents[2] / "reviewer" / "reports" / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_no_inline_script_in_web_templates(path):
    """The CSP allows scripts from files only: an inline <script> or on…= handler would be a hole (or broken)."""
    text = path.read_text(encoding="utf-8")
    if "reports" in path.parts:   # the stand-alone HTML scan report is opened from disk, not served: it has no JS
        assert "<script" not in text
        return
    for m in re.finditer(r"<script\b([^>]*)>", text):
        assert "src=" in m.group(1), f"{path.name}: inline <script>"
    assert not re.search(r"\son(?:click|dblclick|load|error|submit|change|input|focus|blur|mouse\w+|key\w+|pointer\w+)"
                         r"\s*=", text), f"{path.name}: inline event handler"
    assert "javascript:" not in text
