"""Hostile files uploaded through the web: each is refused with its own message, recorded, and harms nothing else."""
from __future__ import annotations

import io

import pytest

from reviewer.db.models import AuditEntry, Version
from tests.fuzz.test_fuzz_parsers import HANDMADE
from tests.web.conftest import AuthActions
from tests.web.webfakes import PERSONAL_TXT

CASES = [(n, d, c) for n, d, c in HANDMADE if d] + [
    ("truncated.docx", None, "corrupt_file"),
    ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, None),
]


def _truncated_docx() -> bytes:
    from pathlib import Path
    data = (Path(__file__).resolve().parents[2] / "corpora" / "docx" / "武发改〔2024〕12号_储备粮轮换底价.docx").read_bytes()
    return data[: len(data) // 2]


@pytest.mark.parametrize("name,data,code", CASES, ids=[c[0] for c in CASES])
def test_hostile_upload(sec_app, name, data, code):
    data = data if data is not None else _truncated_docx()
    client = sec_app.test_client()
    AuthActions(client).login("drafter")
    good = AuthActions(client).upload(PERSONAL_TXT + name.encode(), "正常.txt")
    assert good.status_code == 303
    resp = AuthActions(client).upload(data, name)
    assert resp.status_code in (303, 400), resp.get_data(as_text=True)[:300]
    with sec_app.extensions["reviewer.sessions"]() as s:
        v = s.query(Version).order_by(Version.id.desc()).first()
        assert v.original_name == name
        assert v.scan_status == "failed", v.scan_error
        if code:
            assert v.scan_error["code"] == code
        assert name in v.scan_error["message"] and "。" in v.scan_error["message"]   # names the file, says what to do
        logged = s.query(AuditEntry).filter_by(action="scan_failed", version_sha256=v.sha256).count()
        assert logged == 1
        previous = s.query(Version).filter(Version.id < v.id).order_by(Version.id.desc()).first()
        assert previous.scan_status == "done"   # the good upload just before is untouched
        doc = v.document_id
    page = client.get(f"/documents/{doc}")
    assert page.status_code == 200 and v.scan_error["message"][:20] in page.get_data(as_text=True)
