"""The whole journey through the API: upload, resolve, decide, refused release and self-sign-off, sign-off, release."""
from __future__ import annotations

from reviewer import audit
from tests.api.conftest import error_of
from tests.web.webfakes import ID, PHONE


def by_type(doc: dict) -> dict[str, int]:
    return {f["type"]: f["id"] for f in doc["findings"]}


def test_journey_with_every_gate(api, app):
    # a drafter uploads (scans run synchronously in the tests, so the answer is 201 with findings)
    resp = api.upload("drafter", title="关于补助发放的通知")
    assert resp.status_code == 201, resp.data
    doc = resp.get_json()
    doc_id, sha = doc["id"], doc["current_version"]["sha256"]
    assert resp.headers["Location"].endswith(f"/api/v1/documents/{doc_id}")
    assert doc["title"] == "关于补助发放的通知" and doc["state"] == "待审查" and doc["verdict"] == "review"
    assert [v["number"] for v in doc["versions"]] == [1]
    assert {f["resolution"] for f in doc["findings"]} == {None} and doc["decision"] is None and doc["signoff"] is None
    ids = by_type(doc)
    assert set(ids) == {"CN_RESIDENT_ID", "CN_MOBILE_PHONE"}
    status = api.get(f"/documents/{doc_id}/status", "drafter").get_json()
    assert status["publishable"] is False and status["code"] == "in_review" and status["release_url"] is None

    # role refusals: a drafter may neither resolve nor decide
    base = f"/documents/{doc_id}"
    assert error_of(api.post(f"{base}/findings/{ids['CN_MOBILE_PHONE']}/resolution", "drafter",
                             json={"action": "redact"})) == (403, "forbidden_role", "此操作需要保密审查员角色。如需权限请联系管理员。")
    code = error_of(api.post(f"{base}/decision", "drafter", json={"disclosure": "主动公开"}))
    assert code[:2] == (403, "forbidden_role") and "保密审查员" in code[2]

    # the reviewer reads the draft's findings (recorded as a view)
    assert api.get(f"/documents/{doc_id}", "multi").get_json()["findings"] == doc["findings"]

    # no decision while findings are unresolved
    status_, code, message = error_of(api.post(f"{base}/decision", "multi", json={"disclosure": "主动公开"}))
    assert (status_, code) == (409, "unresolved") and "还有 2 条发现未处理" in message

    # resolve: keep needs a reason; redact the ID number, keep the phone with a reason
    status_, code, message = error_of(api.post(f"{base}/findings/{ids['CN_MOBILE_PHONE']}/resolution", "multi",
                                               json={"action": "keep"}))
    assert (status_, code) == (400, "reason_required") and "必须填写理由" in message
    resp = api.post(f"{base}/findings/{ids['CN_RESIDENT_ID']}/resolution", "multi", json={"action": "redact"})
    assert resp.status_code == 200 and resp.get_json()["finding"]["resolution"] == "redact"
    assert resp.get_json()["state"] == "审查中" and resp.get_json()["changed"] == 1
    resp = api.post(f"{base}/findings/{ids['CN_MOBILE_PHONE']}/resolution", "multi",
                    json={"action": "keep", "reason": "单位公开电话"})
    assert resp.status_code == 200 and resp.get_json()["finding"]["reason"] == "单位公开电话"

    # decide: 主动公开 with a redaction is refused, a basis is required, then 部分公开 is accepted
    status_, code, message = error_of(api.post(f"{base}/decision", "multi", json={"disclosure": "主动公开"}))
    assert (status_, code) == (409, "redactions_need_partial") and "请选择“部分公开”" in message
    status_, code, message = error_of(api.post(f"{base}/decision", "multi", json={"disclosure": "部分公开"}))
    assert (status_, code) == (400, "basis_required") and "15-privacy" in message
    resp = api.post(f"{base}/decision", "multi",
                    json={"disclosure": "部分公开", "basis": "15-privacy", "comment": "删除身份证号"})
    assert resp.status_code == 201, resp.data
    doc = resp.get_json()
    assert doc["state"] == "待签发" and doc["decision"]["disclosure"] == "部分公开"
    assert doc["decision"]["basis"] == "15-privacy" and doc["decision"]["decided_by"] == "multi"
    assert doc["publication"]["code"] == "awaiting_signoff"

    # the release copy is refused until signed off
    status_, code, message = error_of(api.get(f"{base}/release", "drafter"))
    assert (status_, code) == (409, "not_signed_off") and "尚未签发" in message

    # the reviewer may not sign off their own decision, nor may the uploader
    status_, code, message = error_of(api.post(f"{base}/signoff", "multi", json={}))
    assert (status_, code) == (403, "same_person") and "审查人和上传人以外的另一位同事" in message
    assert error_of(api.post(f"{base}/signoff", "reviewer", json={}))[:2] == (403, "forbidden_role")

    # another approver signs off
    resp = api.post(f"{base}/signoff", "approver", json={"comment": "同意发布"})
    assert resp.status_code == 201, resp.data
    doc = resp.get_json()
    assert doc["state"] == "已签发" and doc["signoff"]["approver"] == "approver"
    assert doc["signoff"]["outcome"] == "approved" and doc["signoff"]["comment"] == "同意发布"
    status = api.get(f"{base}/status", "drafter").get_json()
    assert status["publishable"] is True and status["code"] == "signed_off" and status["disclosure"] == "部分公开"
    assert status["release_url"] == f"/api/v1/documents/{doc_id}/release" and status["sha256"] == sha
    status_, code, message = error_of(api.post(f"{base}/signoff", "approver", json={}))
    assert (status_, code) == (409, "wrong_state") and "没有待签发的决定" in message

    # the release copy: the redacted value is gone from the file, the kept one stays
    resp = api.get(f"{base}/release", "drafter")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    body = resp.data.decode("utf-8")
    assert ID not in body and PHONE in body and "本通知自发布之日起施行" in body

    # the audit log has every step, with the version's hash and where it came from
    resp = api.get(f"/audit?document_id={doc_id}&per_page=100", "approver")
    assert resp.status_code == 200
    entries = resp.get_json()["items"]
    actions = [e["action"] for e in entries]
    for action in ("upload", "scan", "view", "resolve", "decide", "signoff", "release_built", "release"):
        assert action in actions, actions
    assert {e["version_sha256"] for e in entries} == {sha}
    assert [e["actor"] for e in entries if e["action"] == "view"] == ["multi"]
    # the scan and the release copy's build are the system's jobs; everything else came from the client
    assert {e["ip"] for e in entries if e["action"] not in ("scan", "release_built")} == {"127.0.0.1"}
    assert {e["actor"] for e in entries if e["action"] in ("scan", "release_built")} == {"system"}
    assert error_of(api.get("/audit", "drafter"))[:2] == (403, "forbidden_role")
    with app.extensions["reviewer.sessions"]() as s:
        assert audit.verify(s) == (True, None)


def test_a_new_version_needs_review_again(api):
    doc = api.upload("drafter").get_json()
    doc_id = doc["id"]
    ids = by_type(doc)
    for fid in ids.values():
        assert api.post(f"/documents/{doc_id}/findings/{fid}/resolution", "reviewer",
                        json={"action": "redact"}).status_code == 200
    assert api.post(f"/documents/{doc_id}/decision", "reviewer",
                    json={"disclosure": "部分公开", "basis": "15-privacy"}).status_code == 201
    assert api.post(f"/documents/{doc_id}/signoff", "approver", json={}).status_code == 201
    # only the drafter of the document may add a version; another drafter does not even see it
    status, code, _ = error_of(api.upload("drafter2", b"other text\n", "v2.txt", document_id=str(doc_id)))
    assert (status, code) == (404, "not_found")
    resp = api.upload("drafter", "修改后的通知，已删除个人信息。\n".encode(), "通知-修改.txt", document_id=str(doc_id))
    assert resp.status_code == 201, resp.data
    doc = resp.get_json()
    assert [v["number"] for v in doc["versions"]] == [1, 2] and doc["state"] == "待审查"
    assert doc["versions"][0]["state"] == "已签发" and doc["decision"] is None and doc["signoff"] is None
    status = api.get(f"/documents/{doc_id}/status", "drafter").get_json()
    assert status["publishable"] is False and status["version"] == 2
    status_, code, message = error_of(api.get(f"/documents/{doc_id}/release", "drafter"))
    assert (status_, code) == (409, "not_signed_off") and "已签发的是较早的版本" in message


def test_return_for_revision_and_withheld_documents(api):
    doc = api.upload("drafter").get_json()
    base = f"/documents/{doc['id']}"
    for fid in by_type(doc).values():
        api.post(f"{base}/findings/{fid}/resolution", "reviewer", json={"action": "redact"})
    api.post(f"{base}/decision", "reviewer", json={"disclosure": "不予公开", "basis": "15-privacy"})
    status, code, message = error_of(api.post(f"{base}/signoff", "approver", json={"outcome": "return"}))
    assert (status, code) == (400, "comment_required") and "写明需要修改的内容" in message
    resp = api.post(f"{base}/signoff", "approver", json={"outcome": "return", "comment": "请核实电话"})
    assert resp.status_code == 201 and resp.get_json()["state"] == "退回修改"
    assert resp.get_json()["publication"]["code"] == "returned"
    assert api.post(f"{base}/decision", "reviewer",
                    json={"disclosure": "不予公开", "basis": "15-privacy"}).status_code == 201
    assert api.post(f"{base}/signoff", "approver").status_code == 201
    status = api.get(f"{base}/status", "drafter").get_json()
    assert status["publishable"] is False and status["code"] == "not_public"
    status_, code, message = error_of(api.get(f"{base}/release", "drafter"))
    assert (status_, code) == (409, "not_public") and "不予公开" in message


def test_list_is_paginated_and_limited_to_what_you_may_see(api):
    mine = [api.upload("drafter", f"第{i}份 13812345678\n".encode(), f"d{i}.txt").get_json()["id"] for i in range(3)]
    other = api.upload("drafter2", b"another 13912345678\n", "x.txt").get_json()["id"]
    page = api.get("/documents?per_page=2", "drafter").get_json()
    assert page["total"] == 3 and page["pages"] == 2 and len(page["items"]) == 2
    second = api.get(page["next"].removeprefix("/api/v1"), "drafter").get_json()
    assert second["next"] is None and {d["id"] for d in page["items"] + second["items"]} == set(mine)
    assert api.get("/documents", "reviewer").get_json()["total"] == 4
    assert error_of(api.get(f"/documents/{other}", "drafter"))[:2] == (404, "not_found")
    assert api.get("/documents?state=待审查", "reviewer").get_json()["total"] == 4


def test_upload_answers_202_while_the_scan_runs(api):
    """With scans in the background, the upload answers at once; the CMS polls the status until it is scanned."""
    from tests.web.webfakes import held_background_jobs

    with held_background_jobs(timeout=30):
        resp = api.upload("drafter")
        assert resp.status_code == 202, resp.data
        doc = resp.get_json()
        assert doc["state"] == "扫描中" and doc["current_version"]["scan_status"] in ("queued", "scanning")
        status = api.get(f"/documents/{doc['id']}/status", "drafter").get_json()
        assert status["publishable"] is False and status["code"] == "scanning"
    doc = api.get(f"/documents/{doc['id']}", "reviewer").get_json()
    assert doc["state"] == "待审查" and len(doc["findings"]) == 2
