"""Reviewing through the web: resolve, decide, sign off, release; each refused gate answers with its Chinese message."""
from __future__ import annotations

import pytest

from reviewer.db.models import Finding
from tests.web.webfakes import ID, PHONE, SECRET_TXT


def finding_ids(app, vid, type_=None):
    with app.extensions["reviewer.sessions"]() as s:
        q = s.query(Finding).filter_by(version_id=vid)
        return [f.id for f in q if type_ is None or f.type == type_]


def redact_all(client, app, vid):
    return client.post(f"/versions/{vid}/resolve", data={"finding": finding_ids(app, vid), "action": "redact"})


def test_review_page_shows_findings_in_place(client, auth, uploaded):
    _doc, vid = uploaded
    auth.login("reviewer")
    html = client.get(f"/versions/{vid}/review").data.decode()
    assert f'title="身份证号">{ID}</a>' in html and f'title="手机号">{PHONE}</a>' in html
    assert "正文 第1段" in html and "未处理" in html


def test_resolve_quick_and_bulk(client, auth, app, uploaded):
    _doc, vid = uploaded
    auth.login("reviewer")
    phone = finding_ids(app, vid, "CN_MOBILE_PHONE")[0]
    resp = client.post(f"/versions/{vid}/resolve", data={"quick": f"keep:{phone}", "reason": "单位公开电话"},
                       follow_redirects=True)
    assert "已将 1 条发现标记为“保留”" in resp.data.decode() and "✓ 保留：单位公开电话" in resp.data.decode()
    resp = client.post(f"/versions/{vid}/resolve", data={"quick": f"keep:{phone}", "reason": ""})
    assert resp.status_code == 400 and "必须填写理由" in resp.data.decode()


@pytest.mark.parametrize("form,status,message", [
    ({"disclosure": "部分公开", "basis": "15-privacy"}, 409, "还有 2 条发现未处理"),
    ({"disclosure": "依申请公开"}, 400, "必须选择《政府信息公开条例》中的法律依据"),
    ({"disclosure": "随便公开"}, 400, "请选择公开属性"),
])
def test_decision_gates_before_resolving(client, auth, uploaded, form, status, message):
    _doc, vid = uploaded
    auth.login("reviewer")
    resp = client.post(f"/versions/{vid}/decision", data=form)
    assert resp.status_code == status and message in resp.data.decode()


def test_open_disclosure_with_redactions_is_refused(client, auth, app, uploaded):
    _doc, vid = uploaded
    auth.login("reviewer")
    redact_all(client, app, vid)
    resp = client.post(f"/versions/{vid}/decision", data={"disclosure": "主动公开"})
    assert resp.status_code == 409 and "请选择“部分公开”" in resp.data.decode()
    page = client.get(f"/versions/{vid}/decision").data.decode()
    assert "发布时将删除的内容（2 处）" in page and ID in page


def test_marked_document_can_only_be_withheld(client, auth, app):
    auth.login("drafter")
    doc = int(auth.upload(SECRET_TXT, "密件.txt").headers["Location"].split("/")[-1])
    auth.logout()
    auth.login("reviewer")
    vid = int(client.get(f"/documents/{doc}").data.decode().split("/versions/")[1].split("/")[0])
    redact_all(client, app, vid)
    resp = client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy"})
    assert resp.status_code == 409 and "只能决定为“不予公开”" in resp.data.decode()
    resp = client.post(f"/versions/{vid}/decision", data={"disclosure": "不予公开", "basis": "14-state-secret"})
    assert resp.status_code == 303


def test_full_journey_and_release(client, auth, app, uploaded):
    doc, vid = uploaded
    assert auth.login("reviewer").status_code == 302
    redact_all(client, app, vid)
    assert client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy",
                                                          "comment": "删除个人信息"}).status_code == 303
    resp = client.get(f"/documents/{doc}/release")
    assert resp.status_code == 409 and "尚未签发" in resp.data.decode()
    assert client.get(f"/documents/{doc}/record.pdf").data.startswith(b"%PDF")
    assert client.get(f"/documents/{doc}/record.docx").data.startswith(b"PK")
    auth.logout()
    auth.login("approver")
    page = client.get(f"/versions/{vid}/signoff").data.decode()
    assert "部分公开" in page and ID in page
    resp = client.post(f"/versions/{vid}/signoff", data={"outcome": "approve"}, follow_redirects=True)
    assert "已签发" in resp.data.decode()
    resp = client.get(f"/documents/{doc}/release")
    assert resp.status_code == 200
    body = resp.data.decode("utf-8")
    assert ID not in body and PHONE not in body and "本通知自发布之日起施行" in body
    assert "attachment" in resp.headers["Content-Disposition"]


def test_return_for_revision_needs_a_comment(client, auth, app, uploaded):
    _doc, vid = uploaded
    auth.login("reviewer")
    redact_all(client, app, vid)
    client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy"})
    auth.logout()
    auth.login("approver")
    resp = client.post(f"/versions/{vid}/signoff", data={"outcome": "return", "comment": ""})
    assert resp.status_code == 400 and "写明需要修改的内容" in resp.data.decode()
    resp = client.post(f"/versions/{vid}/signoff", data={"outcome": "return", "comment": "电话请核实"},
                       follow_redirects=True)
    assert "退回修改" in resp.data.decode() and "电话请核实" in resp.data.decode()
    auth.logout()
    auth.login("drafter")
    page = client.get(f"/documents/{_doc}").data.decode()
    assert "签发人已退回修改：电话请核实。请按意见修改后" in page


def test_multi_role_user_cannot_sign_off_own_decision(client, auth, app, uploaded):
    _doc, vid = uploaded
    auth.login("multi")
    redact_all(client, app, vid)
    client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy"})
    resp = client.post(f"/versions/{vid}/signoff", data={"outcome": "approve"})
    assert resp.status_code == 403 and "审查人和上传人以外的另一位同事" in resp.data.decode()


def test_document_text_is_escaped(client, auth):
    auth.login("drafter")
    resp = auth.upload(f"<script>alert(1)</script> {ID}\n".encode(), "a.txt", title="<b>坏标题</b>")
    doc = resp.headers["Location"].split("/")[-1]
    html = client.get(f"/documents/{doc}").data.decode()
    assert "<b>坏标题</b>" not in html and "&lt;b&gt;坏标题&lt;/b&gt;" in html
    vid = html.split("/versions/")[1].split("/")[0]
    review = client.get(f"/versions/{vid}/review").data.decode()
    assert "<script>alert(1)</script>" not in review and "&lt;script&gt;alert(1)&lt;/script&gt;" in review


def test_two_thousand_findings_are_paged(client, auth, app):
    rows = "\n".join(f"第{i}户 联系电话 139{i:08d}" for i in range(2000)).encode()
    auth.login("drafter")
    doc = auth.upload(rows, "名单.txt").headers["Location"].split("/")[-1]
    auth.logout()
    auth.login("reviewer")
    vid = client.get(f"/documents/{doc}").data.decode().split("/versions/")[1].split("/")[0]
    html = client.get(f"/versions/{vid}/review").data.decode()
    assert "第 1 / 8 页" in html  # only paragraphs with findings, about 250 findings a page
    assert html.count('class="finding ') == 250
    last = client.get(f"/versions/{vid}/review?page=8&only=1").data.decode()
    assert last.count('class="finding ') == 250 and "13900001999" in last


def test_spreadsheet_sheets_and_hidden_sheet_shown_as_such(client, auth):
    import io

    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "公示名单"
    ws.append(["姓名", "联系电话"])
    ws.append(["张某某", PHONE])
    hidden = wb.create_sheet("原始数据")
    hidden.append(["身份证号", ID])
    hidden.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    auth.login("drafter")
    doc = auth.upload(buf.getvalue(), "名单.xlsx").headers["Location"].split("/")[-1]
    auth.logout()
    auth.login("reviewer")
    html = client.get(f"/documents/{doc}").data.decode()
    vid = html.split("/versions/")[1].split("/")[0]
    page = client.get(f"/versions/{vid}/review").data.decode()
    assert "工作表：公示名单" in page and "隐藏工作表：原始数据" in page
    assert "发布后读者看不到，但文件中仍保存" in page
    assert f'title="身份证号">{ID}</a>' in page and f'title="手机号">{PHONE}</a>' in page


def test_release_only_of_the_signed_off_version(client, auth, app, uploaded):
    import io
    doc, vid = uploaded
    auth.login("reviewer")
    redact_all(client, app, vid)
    client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy"})
    auth.logout()
    auth.login("approver")
    client.post(f"/versions/{vid}/signoff", data={"outcome": "approve"})
    assert client.get(f"/documents/{doc}/release").status_code == 200
    auth.logout()
    auth.login("drafter")
    client.post(f"/documents/{doc}/versions", data={"file": (io.BytesIO(b"revised " + ID.encode()), "v2.txt")},
                content_type="multipart/form-data")
    resp = client.get(f"/documents/{doc}/release")
    assert resp.status_code == 409 and "当前第 2 版需要重新审查和签发" in resp.data.decode()
    auth.logout()
    auth.login("reviewer")
    resp = client.post(f"/versions/{vid}/resolve", data={"finding": finding_ids(app, vid)[:1], "action": "keep",
                                                         "reason": "误报"})
    assert resp.status_code == 409 and "已有更新的第 2 版" in resp.data.decode()


def test_own_draft_cannot_be_reviewed_through_the_web(client, auth, app):
    auth.login("multi")
    doc = auth.upload(f"自己的稿子 {ID}\n".encode(), "自己.txt").headers["Location"].split("/")[-1]
    vid = client.get(f"/documents/{doc}").data.decode().split("/versions/")[1].split("/")[0]
    resp = client.post(f"/versions/{vid}/resolve", data={"finding": finding_ids(app, int(vid)), "action": "redact"})
    assert resp.status_code == 403 and "不能审查或签发自己起草" in resp.data.decode()
    page = client.get(f"/versions/{vid}/review").data.decode()
    assert "这是您本人起草的文件，不能由您审查" in page and 'name="finding"' not in page


def test_resolve_every_unresolved_finding_of_a_type(client, auth, app):
    rows = "\n".join(f"第{i}户 联系电话 139{i:08d}" for i in range(600)).encode()
    auth.login("drafter")
    doc = auth.upload(rows + f"\n申请人 {ID}\n".encode(), "长名单.txt").headers["Location"].split("/")[-1]
    auth.logout()
    auth.login("reviewer")
    vid = int(client.get(f"/documents/{doc}").data.decode().split("/versions/")[1].split("/")[0])
    page = client.get(f"/versions/{vid}/review").data.decode()
    assert "全部删除" in page and "第 1 / 3 页" in page
    resp = client.post(f"/versions/{vid}/resolve", data={"all_of_type": "CN_MOBILE_PHONE", "action": "redact"},
                       follow_redirects=True)
    assert "已将 600 条发现标记为“删除”" in resp.data.decode()
    assert finding_ids(app, vid, "CN_RESIDENT_ID") and "未处理 1" in resp.data.decode()
    resp = client.post(f"/versions/{vid}/resolve", data={"all_of_type": "CN_RESIDENT_ID", "action": "keep"})
    assert resp.status_code == 400 and "必须填写理由" in resp.data.decode()
