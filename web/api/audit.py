"""API calls on the audit log (filtered, paginated) and the OpenAPI document itself."""
from __future__ import annotations

from flask import jsonify, request, url_for

from reviewer.audit_export import AuditFilter, BadFilter, count, page as audit_page, record
from reviewer.workflow_errors import WorkflowError, require_role

from ..db import session
from .core import api_user, operation, page_links, paginate_args
from .schemas import error, json_response, paging, query

AUDIT_ROLES = ("admin", "approver")  # as the web page
TIME_FILTER = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}


FILTER_LENGTHS = {"user": 64, "action": 32}  # declared in the OpenAPI document and enforced here

@operation("get", "/audit", tag="audit", summary="Audit log entries, filterable by document, user, action and time",
           description="In chain order (oldest first). Each entry carries the SHA-256 of the one before "
                       "(`prev_hash`) and its own (`hash`); `reviewer audit verify` checks the whole chain. "
                       "Times are ISO 8601; a time without an offset is UTC; a date alone covers the whole day.",
           parameters=[*paging(100),
                       query("document_id", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}, "only this document"),
                       query("user", {"type": "string", "maxLength": FILTER_LENGTHS["user"]},
                             "only entries by this user name"),
                       query("action", {"type": "string", "maxLength": FILTER_LENGTHS["action"]},
                             "only this action (upload, decide, …)"),
                       query("since", TIME_FILTER, "from this time, e.g. 2026-11-27T08:00:00+08:00 or 2026-11-27"),
                       query("until", TIME_FILTER, "up to this time, e.g. 2026-11-27 (the whole day)")],
           responses={200: json_response("AuditPage", "one page of entries"),
                      400: error("a filter could not be understood"),
                      401: error("no token, or a bad one"), 403: error("only approvers and administrators")})
def list_audit():
    require_role(api_user(), *AUDIT_ROLES)
    page, per_page = paginate_args(100)
    args = request.args
    for name, longest in FILTER_LENGTHS.items():
        if len(args.get(name, "")) > longest:
            raise WorkflowError("bad_parameter", 400, f"参数 {name} 过长（最多 {longest} 个字符）。")
    try:
        flt = AuditFilter.parse(document_id=args.get("document_id"), actor=args.get("user"),
                                action=args.get("action"), since=args.get("since"), until=args.get("until"))
    except BadFilter as exc:
        raise WorkflowError("bad_parameter", 400, str(exc)) from None
    db = session()
    total = count(db, flt)
    rows = audit_page(db, flt, page=page, per_page=per_page)
    keep = {k: v for k, v in args.items() if k in ("document_id", "user", "action", "since", "until") and v}
    links = page_links(lambda p: url_for("api.list_audit", page=p, per_page=per_page, **keep), page, per_page, total)
    return jsonify({"items": [record(e) for e in rows], **links})


@operation("get", "/openapi.json", tag="meta", summary="This API's OpenAPI 3.1 document", auth=False,
           responses={200: {"description": "the OpenAPI document", "content": {"application/json": {
               "schema": {"type": "object"}}}}})
def openapi():
    from .openapi import document
    return jsonify(document())
