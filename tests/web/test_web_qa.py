"""What walking the app as its users turned up: dates in Beijing time, the audit log in words, uploads that say what happened."""
from __future__ import annotations

import io
from datetime import datetime, timezone

from reviewer.workflow_text import chinese_datetime
from tests.web.webfakes import PERSONAL_TXT


def test_dates_read_in_beijing_time_whatever_the_server_zone(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    assert chinese_datetime(datetime(2026, 11, 27, 6, 5, tzinfo=timezone.utc)) == "2026年11月27日 14:05"
    assert chinese_datetime(datetime(2026, 11, 27, 16, 5)) == "2026年11月28日 00:05"  # naive = UTC, as stored


def test_audit_log_details_are_words_not_codes(client, auth, uploaded):
    _doc, vid = uploaded
    auth.login("reviewer")
    from tests.web.test_web_review import redact_all
    redact_all(client, client.application, vid)
    client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy", "comment": "删后公开"})
    auth.logout()
    auth.login("admin")
    html = client.get("/audit").data.decode()
    assert "法律依据：条例第十五条" in html and "处理：删除" in html and "公开属性：部分公开" in html
    for code in ("basis=", "15-privacy", "action=redact", "disclosure=", "verdict="):
        assert code not in html, code
    assert "时间（北京时间）" in html


def test_many_files_uploaded_at_once_are_named_on_the_queue(client, auth):
    auth.login("drafter")
    resp = client.post("/upload", data={"file": [(io.BytesIO(PERSONAL_TXT + b"1"), "甲.txt"),
                                                 (io.BytesIO(PERSONAL_TXT + b"2"), "乙.txt")]},
                       content_type="multipart/form-data",
                       headers={"X-Requested-With": "fetch", "Accept": "application/json"})
    body = resp.get_json()
    assert resp.status_code == 200 and body["redirect"] == "/"
    html = client.get(body["redirect"]).data.decode()
    assert "“甲.txt”" in html and "“乙.txt”" in html  # the browser script goes to the queue: it says what arrived


def test_a_duplicate_links_the_document_that_has_it(client, auth):
    auth.login("drafter")
    first = auth.upload(PERSONAL_TXT, "原件.txt")
    doc_id = int(first.headers["Location"].rstrip("/").split("/")[-1])
    resp = client.post("/upload", data={"file": (io.BytesIO(PERSONAL_TXT), "副本.txt")},
                       content_type="multipart/form-data", headers={"Accept": "application/json", "X-Requested-With": "fetch"})
    assert resp.status_code == 409 and resp.get_json()["results"][0]["document_id"] == doc_id
    html = auth.upload(PERSONAL_TXT, "副本.txt").data.decode()  # without the script: the page itself
    assert f'<a href="/documents/{doc_id}">查看</a>' in html


def test_the_reviewer_who_decided_is_not_offered_the_signoff(client, auth, app, uploaded):
    """`multi` (reviewer and approver) decides a colleague's document: no 签发 button for them, the reason up front."""
    from tests.web.test_web_review import redact_all
    doc_id, vid = uploaded
    auth.login("multi")
    redact_all(client, app, vid)
    assert client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy"}).status_code == 303
    assert "签发 / 退回" not in client.get(f"/documents/{doc_id}").data.decode()
    assert "签发 / 退回 →" not in client.get(f"/versions/{vid}/review").data.decode()
    html = client.get(f"/versions/{vid}/signoff").data.decode()
    assert "签发人必须是审查人和上传人以外的另一位同事" in html and "同意签发" not in html
    auth.logout()
    auth.login("approver")
    assert "签发 / 退回" in client.get(f"/documents/{doc_id}").data.decode()
    assert "同意签发" in client.get(f"/versions/{vid}/signoff").data.decode()


def test_audit_date_filter_means_beijing_days(client, auth):
    from web.audit_views import beijing_day
    assert beijing_day("2026-11-27") == "2026-11-27T00:00:00+08:00"
    assert beijing_day("2026-11-27", end=True) == "2026-11-27T23:59:59.999999+08:00"
    assert beijing_day("") is None and beijing_day("2026-11-27T14:30:00Z") == "2026-11-27T14:30:00Z"
    auth.login("admin")  # an entry now; the Beijing day of now finds it, the day before does not
    from datetime import datetime, timedelta, timezone
    today = (datetime.now(timezone.utc) + timedelta(hours=8)).date()
    html = client.get(f"/audit?since={today}&until={today}&action=login").data.decode()
    assert "日期按北京时间计" in html and "没有符合条件的记录" not in html
    html = client.get(f"/audit?until={today - timedelta(days=1)}&action=login").data.decode()
    assert "没有符合条件的记录" in html


def test_queue_refreshes_itself_while_a_scan_runs(client, auth, app, uploaded):
    from reviewer.db.models import Version
    _doc, vid = uploaded
    auth.login("reviewer")
    assert "data-poll-url" not in client.get("/").data.decode()
    with app.extensions["reviewer.sessions"]() as s:
        s.get(Version, vid).scan_status = "scanning"
        s.commit()
    html = client.get("/").data.decode()
    assert f'data-poll-url="/versions/{vid}/status"' in html  # app.js polls it and reloads when the scan is done


def test_pages_name_an_icon_that_exists(client):
    html = client.get("/login").data.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in html  # browsers asked /favicon.ico: a 404 on every page
    assert client.get("/static/favicon.svg").status_code == 200


def test_lock_message_names_a_minute_when_the_lock_is_over():
    from reviewer.accounts import _when
    assert _when(datetime(2026, 11, 27, 6, 29, 40, tzinfo=timezone.utc)) == "14:30"  # not 14:29, still locked then
    assert _when(datetime(2026, 11, 27, 6, 29, tzinfo=timezone.utc)) == "14:29"
    assert _when(datetime(2026, 11, 27, 15, 59, 1, tzinfo=timezone.utc)) == "00:00"


def test_return_banner_does_not_double_the_full_stop(client, auth, app, uploaded):
    from tests.web.test_web_review import redact_all
    doc_id, vid = uploaded
    auth.login("reviewer")
    redact_all(client, app, vid)
    client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy"})
    auth.logout()
    auth.login("approver")
    client.post(f"/versions/{vid}/signoff", data={"outcome": "return", "comment": "请核实电话。"})
    auth.logout()
    auth.login("drafter")
    page = client.get(f"/documents/{doc_id}").data.decode()
    assert "签发人已退回修改：请核实电话。请按意见修改后" in page and "。。" not in page


def test_worksheet_rows_are_named_as_the_spreadsheet_numbers_them():
    from reviewer.workflow_text import describe
    # the row the reviewer sees beside cell A14 was called 第15段
    assert describe({"part": "sheet", "sheet": "依申请公开", "paragraph": 14}) == "工作表 “依申请公开” 第14行"
    assert describe({"part": "hidden_row", "sheet": "名单", "paragraph": 7}).endswith("第7行")
    assert describe({"part": "sheet", "sheet": "名单", "paragraph": 14, "cell": "A14"}).endswith("A14")
    assert describe({"part": "body", "paragraph": 0}) == "正文 第1段"


def test_a_form_value_with_a_nul_character_is_refused_with_a_message(client, auth):
    auth.login("admin")
    resp = client.get("/audit?user=ad%00min")
    assert resp.status_code == 400 and "空字符" in resp.data.decode()
