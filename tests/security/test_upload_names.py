"""Uploaded file names are never used as paths: files are stored by SHA-256, names are cleaned for display."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from reviewer.db.models import Version
from tests.web.conftest import AuthActions

NAMES = [
    "../../../../tmp/evil.txt",
    "..\\..\\..\\Windows\\win.ini.txt",
    "/etc/passwd.txt",
    "C:\\Users\\a\\通知.txt",
    "a/b/c/通知.txt",
    "\x00nul\x00byte.txt",
    "new\nline\r.txt",
    "\u202etxt.exe.txt",                 # right-to-left override
    "CON.txt", ".htaccess.txt", "   .txt",
    "..",
    "很长的名字" * 100 + ".txt",
    "<b>粗体</b>.txt",
    "name.php",
    "",
]
STORED = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}\.(txt|bin)$")


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("i,name", list(enumerate(NAMES)), ids=[repr(n)[:30] for n in NAMES])
def test_hostile_names(sec_app, tmp_path_factory, i, name):
    root = Path(sec_app.config["INSTANCE_DIR"])
    before = _files(root)
    client = sec_app.test_client()
    AuthActions(client).login("drafter")
    data = f"关于第{i}号文件名测试的通知\n".encode()
    resp = client.post("/upload", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
    assert resp.status_code in (303, 400), resp.get_data(as_text=True)[:300]
    new = _files(root) - before
    stored = [f for f in new if f.startswith("files" + os.sep) and not f.startswith(os.path.join("files", "tmp"))]
    assert all(STORED.search(f.replace(os.sep, "/")) for f in stored), stored
    assert not [f for f in new if not f.startswith("files") and not f.endswith(("sqlite3", "-wal", "-shm"))], new
    assert not Path("/tmp/evil.txt").exists()
    if resp.status_code != 303:
        assert stored == [], "a refused upload leaves no file behind"
        return
    with sec_app.extensions["reviewer.sessions"]() as s:
        v = s.query(Version).order_by(Version.id.desc()).first()
    for bad in ("/", "\\", "\x00", "\n", "\r", "\u202e", "<", ">"):
        assert bad not in v.original_name, (name, v.original_name)
    assert len(v.original_name) <= 120 and v.original_name.strip()
    assert v.extension in (".txt", ".bin")
    detail = client.get(f"/documents/{v.document_id}").get_data(as_text=True)
    assert "<b>粗体</b>" not in detail
    download = client.get(f"/versions/{v.id}/original")
    assert download.status_code == 200 and download.data == data
    disposition = download.headers["Content-Disposition"]
    assert "/" not in disposition.split("filename", 1)[1] and "\\" not in disposition and "\n" not in disposition


def test_same_content_twice_is_a_duplicate(sec_app):
    client = sec_app.test_client()
    AuthActions(client).login("drafter")
    data = "重复上传测试\n".encode()
    first = client.post("/upload", data={"file": (io.BytesIO(data), "a.txt")}, content_type="multipart/form-data")
    again = client.post("/upload", data={"file": (io.BytesIO(data), "../b.txt")}, content_type="multipart/form-data")
    assert first.status_code == 303
    assert again.status_code == 409 and "内容完全相同" in again.get_data(as_text=True)
