"""API calls on documents: upload, list, one document, its publication status, resolution, decision, sign-off, release."""
from __future__ import annotations

from flask import current_app, jsonify, request, send_file, url_for
from sqlalchemy import func, select

from reviewer import jobs, release_jobs, workflow
from reviewer.db.models import Document, Finding, ReleaseCopy, Version
from reviewer.limits import Limits
from reviewer.workflow_errors import WorkflowError
from reviewer.workflow_release import MIMETYPES, ReleasePending, release, retry_release
from reviewer.workflow_rules import BASIS_LABELS, STATES

from ..db import client_ip, session
from . import present
from .core import api_user, json_body, operation, page_links, paginate_args, storage_dir, text_field
from .schemas import error, json_body as body_ref, json_response, paging, query

TAG = "documents"
E401 = error("no token, or a bad, revoked or disabled one")
E404 = error("no such document (or finding), or not yours to see")
RETRY_AFTER_SECONDS = 10   # what a CMS is told to wait while the release copy is being built


def _document(document_id: int) -> Document:
    return workflow.get_document(session(), api_user(), document_id)


def _document_response(doc: Document, status: int = 200):
    db = session()
    db.expire_all()
    resp = jsonify(present.document_json(db, db.get(Document, doc.id)))
    resp.status_code = status
    return resp


@operation("post", "/documents", tag=TAG, summary="Upload a draft (a new document, or a new version of one)",
           description="Multipart `file`; `document_id` makes it the next version of that document. The scan is "
                       "queued: 202 while it runs (poll GET /documents/{id}/status), 201 when it has already finished.",
           request_body={"required": True, "content": {"multipart/form-data": {"schema": {
               "$ref": "#/components/schemas/UploadRequest"}}}},
           responses={201: json_response("Document", "uploaded and scanned"),
                      202: json_response("Document", "uploaded; the scan is running"),
                      400: error("no file, empty file, wrong extension or bad document_id"),
                      401: E401, 403: error("only drafters upload; only a document's drafter adds versions"),
                      404: E404, 409: error("the same file (same SHA-256) is already in the system"),
                      413: error("the file is larger than the limit"), 422: error("a field is too long")})
def create_document():
    user, db = api_user(), session()
    form = request.form
    file = request.files.get("file")
    raw_id = (form.get("document_id") or "").strip()
    if raw_id and (not raw_id.isdigit() or not 0 < int(raw_id) <= 2**31 - 1):
        raise WorkflowError("bad_document_id", 400, "document_id 应为已有文件的编号（正整数）；上传新文件时请不要填写。")
    for field, limit in (("title", 255), ("office_unit", 128)):
        if len(form.get(field) or "") > limit:
            raise WorkflowError("bad_field", 422, f"字段“{field}”过长（上限 {limit} 个字符）。")
    if file is None or not file.filename:
        raise WorkflowError("no_file", 400, "请在 multipart 字段 file 中附上要上传的文件（须带文件名）。")
    limits = current_app.config.get("LIMITS") or Limits.from_env()
    version = workflow.upload(db, user, file.stream, file.filename, storage_dir=storage_dir(),
                              max_bytes=limits.max_file_bytes, document_id=int(raw_id) if raw_id else None,
                              title=form.get("title") if not raw_id else None, office_unit=form.get("office_unit"),
                              ip=client_ip())
    db.commit()
    doc_id, version_id = version.document_id, version.id
    jobs.submit_scan(version_id)
    db.expire_all()
    running = db.get(Version, version_id).scan_status in ("queued", "scanning")
    resp = _document_response(db.get(Document, doc_id), 202 if running else 201)
    resp.headers["Location"] = url_for("api.get_document", document_id=doc_id)
    return resp


@operation("get", "/documents", tag=TAG, summary="List the documents you may see, newest change first",
           parameters=[*paging(20), query("state", {"type": "string", "enum": list(STATES)}, "only this state")],
           responses={200: json_response("DocumentPage", "one page of documents"),
                      400: error("bad page, per_page or state"), 401: E401})
def list_documents():
    user, db = api_user(), session()
    page, per_page = paginate_args(20)
    state = request.args.get("state", "")
    if state and state not in STATES:
        raise WorkflowError("bad_parameter", 400, "参数 state 应为以下之一：" + "、".join(STATES) + "。")
    q = workflow.visible_documents(user)
    if state:
        q = q.where(Document.state == state)
    total = db.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    docs = db.execute(q.order_by(Document.updated_at.desc(), Document.id.desc())
                      .offset((page - 1) * per_page).limit(per_page)).scalars().all()
    links = page_links(lambda p: url_for("api.list_documents", page=p, per_page=per_page, state=state or None),
                       page, per_page, total)
    return jsonify({"items": [present.document_summary(db, d) for d in docs], **links})


@operation("get", "/documents/{document_id}", tag=TAG, summary="One document with versions, findings, decision, sign-off",
           description="Findings are the current version's, each with its id and resolution. Reading them is "
                       "recorded in the audit log as a view of the draft.",
           responses={200: json_response("Document", "the document"), 401: E401, 404: E404})
def get_document(document_id: int):
    db = session()
    doc = _document(document_id)
    workflow.record_view(db, api_user(), workflow.current_version(db, doc), ip=client_ip())
    db.commit()
    return _document_response(doc)


@operation("get", "/documents/{document_id}/status", tag=TAG, summary="May this document be published now?",
           description="For a website CMS before it publishes: `publishable` is true only when the current version "
                       "was signed off as 主动公开 or 部分公开; `reason` says why not; publish the copy at "
                       "`release_url`, never the draft. Not recorded in the audit log (no draft content).",
           responses={200: json_response("Publication", "the answer and its reason"), 401: E401, 404: E404})
def get_status(document_id: int):
    return jsonify(present.publication(session(), _document(document_id)))


@operation("post", "/documents/{document_id}/findings/{finding_id}/resolution", tag=TAG,
           summary="Resolve a finding: redact (删除) or keep (保留, with a reason)",
           request_body=body_ref("ResolutionRequest"),
           responses={200: json_response("ResolutionResult", "resolved"),
                      400: error("bad action, keep without a reason, or not a JSON object"), 401: E401,
                      403: error("not a reviewer, or the reviewer's own draft"), 404: E404,
                      409: error("not resolvable in this state (decided, signed off, or an older version)"),
                      422: error("a field has the wrong type or is too long")})
def resolve_finding(document_id: int, finding_id: int):
    db, user = session(), api_user()
    doc = _document(document_id)
    body = json_body()
    action = text_field(body, "action", required=True, max_length=16)
    reason = text_field(body, "reason")
    same_value = body.get("same_value", False)
    if not isinstance(same_value, bool):
        raise WorkflowError("bad_field", 422, "字段“same_value”应为 true 或 false。")
    finding = db.get(Finding, finding_id)
    version = db.get(Version, finding.version_id) if finding is not None else None
    if version is None or version.document_id != doc.id:
        raise WorkflowError("not_found", 404, f"文件 {doc.id} 中没有编号为 {finding_id} 的发现。请先 GET 该文件查看发现编号。")
    changed = workflow.resolve(db, user, version, [finding.id], action, reason, same_value=same_value, ip=client_ip())
    db.commit()
    db.expire_all()
    return jsonify({"changed": changed, "finding": present.finding_json(db.get(Finding, finding_id)),
                    "state": workflow.version_state(db, db.get(Version, version.id))})


@operation("post", "/documents/{document_id}/decision", tag=TAG,
           summary="Record the 公开属性 decision (with its legal basis) on the current version",
           request_body=body_ref("DecisionRequest"),
           responses={201: json_response("Document", "decided; waiting for sign-off"),
                      400: error("bad disclosure, or a basis missing"), 401: E401,
                      403: error("not a reviewer, or the reviewer's own draft"), 404: E404,
                      409: error("unresolved findings, a marking that allows only 不予公开, redactions with "
                                 "主动公开, or the wrong state"),
                      422: error("a field has the wrong type or is too long")})
def decide(document_id: int):
    db, user = session(), api_user()
    doc = _document(document_id)
    body = json_body()
    disclosure = text_field(body, "disclosure", required=True, max_length=16)
    basis = text_field(body, "basis", max_length=64)
    comment = text_field(body, "comment") or ""
    try:
        workflow.decide(db, user, workflow.current_version(db, doc), disclosure, basis, comment, ip=client_ip())
    except WorkflowError as exc:
        if exc.code == "basis_required":
            exc.message += " basis 可选值：" + "；".join(f"{k}（{v}）" for k, v in BASIS_LABELS.items())
        raise
    db.commit()
    return _document_response(doc, 201)


@operation("post", "/documents/{document_id}/signoff", tag=TAG,
           summary="Sign off the decision (签发), or return it for revision (退回修改)",
           request_body={"required": False, "content": {"application/json": {"schema": {
               "$ref": "#/components/schemas/SignOffRequest"}}}},
           responses={201: json_response("Document", "signed off (or returned)"),
                      400: error("returning without a comment"), 401: E401,
                      403: error("not an approver, or the reviewer or uploader signing their own"), 404: E404,
                      409: error("nothing waiting for sign-off"), 422: error("a field has the wrong type")})
def sign_off(document_id: int):
    db, user = session(), api_user()
    doc = _document(document_id)
    body = json_body() if request.get_data() else {}
    comment = text_field(body, "comment") or ""
    outcome = text_field(body, "outcome", max_length=16) or "approve"
    if outcome not in ("approve", "return"):
        raise WorkflowError("bad_outcome", 422, "字段“outcome”应为 approve（签发）或 return（退回修改）。")
    version = workflow.current_version(db, doc)
    signed = None
    if outcome == "return":
        workflow.return_for_revision(db, user, version, comment, ip=client_ip())
    else:
        signed = workflow.sign_off(db, user, version, comment, ip=client_ip())
    db.commit()
    if signed is not None:  # its 发布稿 is built in the background from now on
        release_jobs.start(signed.version_id, signed.decision_id)
    return _document_response(doc, 201)


@operation("get", "/documents/{document_id}/release", tag=TAG,
           summary="Download the release copy (发布稿) of the signed-off version",
           description="Every finding resolved `redact` is removed from the file itself. The copy is built once, in "
                       "the background, after sign-off (a long scanned PDF takes minutes: every re-rendered page is "
                       "checked by OCR), and then served as stored, the same file every time. 202 with "
                       "`Retry-After` while it is queued or being built: ask again later. 409 with the reason until "
                       "the current version is signed off, for 不予公开, and when the copy's check refused it (a "
                       "reviewer or approver can build it again: POST /documents/{id}/release/retry, or the "
                       "document page).",
           responses={200: {"description": "the release copy, in the draft's format", "content": {
               kind: {"schema": {"type": "string", "format": "binary"}}
               for kind in ("application/octet-stream", *dict.fromkeys(MIMETYPES.values()))}},
                      202: {"description": "the release copy is queued or being built; ask again after Retry-After "
                                           "seconds",
                            "headers": {"Retry-After": {"description": "seconds to wait before asking again",
                                                        "schema": {"type": "integer"}}},
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReleasePending"}}}},
                      401: E401, 404: E404, 409: error("not signed off, 不予公开, or the copy could not be made safely")})
def get_release(document_id: int):
    db = session()
    doc = _document(document_id)
    try:
        result = release(db, api_user(), doc, storage_dir=storage_dir(), ip=client_ip())
    except ReleasePending as pending:
        db.rollback()
        copy = pending.copy
        resp = jsonify({"status": copy.status, "message": pending.message, "requested_at": present.iso(copy.requested_at),
                        "started_at": present.iso(copy.started_at), "retry_after": RETRY_AFTER_SECONDS})
        resp.status_code = 202
        resp.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return resp
    db.commit()
    return send_file(result.path, as_attachment=True, download_name=result.download_name, mimetype=result.mimetype)


READY_MESSAGE = "发布稿已生成，可以下载。"


@operation("post", "/documents/{document_id}/release/retry", tag=TAG,
           summary="Build the release copy (发布稿) again after its check refused it or its build failed",
           description="The API's 重新生成发布稿, for a reviewer or an approver: queues the refused or failed copy of "
                       "the signed-off current version again (audit `release_retry`) and submits its build. Answers "
                       "202 with the copy's state; poll `release_url` (GET /documents/{id}/release) after "
                       "Retry-After seconds: 202 while it is built, 200 with the file, 409 if refused again. Useful "
                       "when the cause was outside the file (the detectors' configuration, a limit on a busy "
                       "machine); a copy refused for what is in the file is refused again: upload a corrected "
                       "version. No request body.",
           responses={202: {"description": "queued again (in a synchronous set-up it may already be built or "
                                           "refused: see `status`)",
                            "headers": {"Retry-After": {"description": "seconds to wait before asking release_url",
                                                        "schema": {"type": "integer"}},
                                        "Location": {"description": "release_url", "schema": {"type": "string"}}},
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReleaseStatus"}}}},
                      401: E401, 403: error("neither a reviewer nor an approver"), 404: E404,
                      409: error("nothing to retry: not signed off, 不予公开, or the copy is not refused or failed "
                                 "(queued, being built, or ready)")})
def retry_release_copy(document_id: int):
    db, user = session(), api_user()
    doc = _document(document_id)
    copy = retry_release(db, user, doc, ip=client_ip())   # the role check and the state gate
    db.commit()
    copy_id = copy.id
    release_jobs.submit(copy_id)   # in sync mode the build runs here
    db.expire_all()
    copy = db.get(ReleaseCopy, copy_id)
    if copy.status in release_jobs.ACTIVE:
        message = ReleasePending(copy).message
    else:
        message = copy.message or READY_MESSAGE
    resp = jsonify(present.release_copy_json(copy, doc.id, message, RETRY_AFTER_SECONDS))
    resp.status_code = 202
    resp.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    resp.headers["Location"] = url_for("api.get_release", document_id=doc.id)
    return resp
