"""Uploading: several files at once, the JSON answer for the progress-bar script, duplicates, odd names, new versions."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from reviewer import storage

from tests.web.webfakes import CLEAR_TXT, PERSONAL_TXT


def test_several_files_at_once_answer_json(client, auth):
    auth.login("drafter")
    resp = client.post("/upload", data={"file": [(io.BytesIO(CLEAR_TXT), "甲.txt"), (io.BytesIO(PERSONAL_TXT), "乙.txt")],
                                        "title": "只给一份文件的标题"},
                       headers={"X-Requested-With": "fetch", "Accept": "application/json"},
                       content_type="multipart/form-data")
    assert resp.status_code == 200
    results = resp.get_json()["results"]
    assert [r["ok"] for r in results] == [True, True]
    assert "“甲.txt”已上传为第 1 版" in results[0]["message"]
    queue = client.get("/").data.decode()
    assert "甲" in queue and "乙" in queue and "共 2 份" in queue and "只给一份文件的标题" not in queue


def test_duplicate_names_the_existing_document(client, auth, uploaded):
    auth.login("drafter")
    resp = auth.upload(PERSONAL_TXT, "再传一次.txt")
    assert resp.status_code == 409
    assert "与文件“通知”（编号" in resp.data.decode() and "内容完全相同" in resp.data.decode()


def test_empty_file_is_refused_by_name(client, auth):
    auth.login("drafter")
    resp = auth.upload(b"", "空白.txt")
    assert resp.status_code == 400 and "“空白.txt”是空文件" in resp.data.decode()


def test_names_with_path_separators_are_only_shown(client, auth, app):
    auth.login("drafter")
    resp = client.post("/upload", data={"file": (io.BytesIO(CLEAR_TXT), "../../windows/系统\x07.txt")},
                       content_type="multipart/form-data")
    assert resp.status_code == 303
    page = client.get(resp.headers["Location"]).data.decode()
    assert "系统.txt" in page and "windows" not in page
    stored = [p for p in Path(app.config["STORAGE_DIR"]).rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].name.endswith(".txt") and len(stored[0].stem) == 64


def test_unreadable_file_shows_scan_failure_and_retry(client, auth):
    auth.login("drafter")
    resp = auth.upload(b"PK\x03\x04broken", "坏的.docx")
    page = client.get(resp.headers["Location"]).data.decode()
    assert "扫描失败" in page and "重新扫描" in page


def test_new_version_keeps_history(client, auth, uploaded):
    doc, _vid = uploaded
    auth.login("drafter")
    resp = client.post(f"/documents/{doc}/versions", data={"file": (io.BytesIO(CLEAR_TXT), "修改稿.txt")},
                       content_type="multipart/form-data", follow_redirects=True)
    page = resp.data.decode()
    assert "当前版本：第 2 版" in page and "第 1 版" in page and "修改稿.txt" in page and "通知.txt" in page


def test_only_the_owner_uploads_a_new_version(client, auth, uploaded):
    doc, _vid = uploaded
    auth.login("multi")
    resp = client.post(f"/documents/{doc}/versions", data={"file": (io.BytesIO(CLEAR_TXT), "x.txt")},
                       content_type="multipart/form-data")
    assert resp.status_code == 403 and "只有该文件的起草人" in resp.data.decode()


def test_queue_filters_and_search(client, auth, uploaded):
    auth.login("drafter")
    auth.upload(CLEAR_TXT, "培训通知.txt")
    auth.logout()
    auth.login("reviewer")
    assert "培训通知" in client.get("/?q=培训").data.decode()
    assert "培训通知" not in client.get("/?verdict=review").data.decode()
    page = client.get("/?state=待审查&verdict=clear").data.decode()
    assert "培训通知" in page and "共 1 份" in page


def test_drafter_queue_shows_only_own_documents(client, auth, uploaded):
    auth.login("drafter2")
    assert "没有符合条件的文件" in client.get("/").data.decode()


@pytest.mark.parametrize("raw,shown", [
    ("..\\..\\windows\\系统.txt", "系统.txt"),
    ("/etc/passwd", "passwd"),
    ("a\x00b<>|?.docx", "ab.docx"),
    ("   ", "未命名文件"),
    ("名" * 200 + ".docx", "名" * 110 + "….docx"),
])
def test_display_names(raw, shown):
    assert storage.display_name(raw) == shown


def test_json_answer_for_a_refused_upload(client, auth, uploaded):
    auth.login("drafter")
    resp = client.post("/upload", data={"file": (io.BytesIO(PERSONAL_TXT), "重复.txt")},
                       headers={"X-Requested-With": "fetch", "Accept": "application/json"},
                       content_type="multipart/form-data")
    body = resp.get_json()
    assert resp.status_code == 409 and body["results"][0]["ok"] is False
    assert "内容完全相同" in body["results"][0]["message"]


def test_request_over_the_upload_limit(client, auth, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    auth.login("drafter")
    resp = auth.upload(b"x" * 4096, "大文件.txt")
    assert resp.status_code == 413 and "REVIEWER_MAX_UPLOAD_MB" in resp.data.decode()


@pytest.mark.parametrize("who,shown", [("reviewer", True), ("approver", False), ("drafter", False), ("admin", False)])
def test_waiting_for_me(client, auth, uploaded, who, shown):
    auth.login(who)
    page = client.get("/?mine=1").data.decode()
    assert ("通知" in page.split("</form>")[-1]) is shown
