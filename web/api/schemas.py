"""The JSON Schemas of the API's bodies and responses (OpenAPI 3.1 components), and helpers to refer to them."""
from __future__ import annotations

from typing import Any

from reviewer.workflow_rules import BASIS_LABELS, DISCLOSURES, STATES

NULL = {"type": "null"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "type" in schema and "$ref" not in schema and "enum" not in schema:
        kind = schema["type"]
        return {**schema, "type": [kind, "null"] if isinstance(kind, str) else [*kind, "null"]}
    return {"anyOf": [schema, NULL]}


def obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required, **extra}


STR, INT, BOOL, NUM = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}
TIME = {"type": "string", "format": "date-time"}
SHA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
ANY_OBJECT = {"type": "object"}
STATE = {"type": "string", "enum": list(STATES)}
VERDICT = nullable({"type": "string", "enum": ["clear", "review", "block"]})

VERSION = obj({"id": INT, "number": INT, "sha256": SHA, "filename": STR, "format": nullable(STR), "size": INT,
               "uploaded_by": nullable(STR), "uploaded_at": TIME,
               "scan_status": {"type": "string", "enum": ["queued", "scanning", "done", "failed"]},
               "scan_error": nullable(ANY_OBJECT), "verdict": VERDICT, "state": STATE,
               "stats": nullable(ANY_OBJECT), "notes": nullable({"type": "array"})})
FINDING = obj({"id": INT, "version_id": INT, "type": STR, "category": STR, "severity": STR, "text": STR,
               "score": NUM, "location": nullable(ANY_OBJECT), "start": INT, "end": INT, "context": nullable(STR),
               "masked": BOOL, "detail": nullable(STR), "explanation": nullable(STR),
               "resolution": {"enum": ["redact", "keep", None]}, "reason": nullable(STR),
               "resolved_by": nullable(STR), "resolved_at": nullable(TIME)})
DECISION = obj({"id": INT, "version": INT, "disclosure": {"type": "string", "enum": list(DISCLOSURES)},
                "basis": {"enum": [*BASIS_LABELS, None]}, "basis_label": nullable(STR), "comment": STR,
                "decided_by": nullable(STR), "decided_at": TIME})
SIGNOFF = obj({"id": INT, "version": INT, "decision_id": INT,
               "outcome": {"type": "string", "enum": ["approved", "returned"]}, "comment": STR,
               "approver": nullable(STR), "at": TIME})
RELEASE_STATUSES = ["not_started", "queued", "building", "ready", "refused", "failed"]
PUBLICATION = obj({
    "publishable": {"type": "boolean", "description": "true only when the current version is signed off as "
                                                     "主动公开 or 部分公开: publish the release copy"},
    "code": {"type": "string", "enum": ["scanning", "scan_failed", "in_review", "awaiting_signoff", "returned",
                                        "not_signed_off", "not_public", "on_request", "signed_off"]},
    "reason": STR, "state": STATE, "version": INT, "sha256": SHA,
    "disclosure": {"enum": [*DISCLOSURES, None]}, "signed_off_at": nullable(TIME),
    "release_url": nullable(STR),
    "release_status": {"enum": [*RELEASE_STATUSES, None],
                       "description": "the release copy: built in the background after sign-off. ready: "
                                      "release_url serves it; queued or building: release_url answers 202 with "
                                      "Retry-After; not_started: GET release_url starts it; refused or failed: "
                                      "409 with the reason (release_message); null: there is none"},
    "release_message": nullable(STR)})
RELEASE_PENDING = obj({"status": {"type": "string", "enum": ["queued", "building"]}, "message": STR,
                       "requested_at": TIME, "started_at": nullable(TIME),
                       "retry_after": {"type": "integer", "description": "seconds; also the Retry-After header"}})
RELEASE_STATUS = obj({"status": {"type": "string", "enum": ["queued", "building", "ready", "refused", "failed"]},
                      "message": STR, "requested_at": TIME, "started_at": nullable(TIME),
                      "finished_at": nullable(TIME), "release_url": STR,
                      "retry_after": {"type": "integer", "description": "seconds; also the Retry-After header"}})
SUMMARY_PROPS = {"id": INT, "title": STR, "office_unit": nullable(STR), "state": STATE, "verdict": VERDICT,
                 "created_by": nullable(STR), "created_at": TIME, "updated_at": TIME,
                 "current_version": ref("Version"), "url": STR}
DOCUMENT_SUMMARY = obj(SUMMARY_PROPS)
COUNTS = obj({"total": INT, "unresolved": INT, "redact": INT, "keep": INT})
DOCUMENT = obj({**SUMMARY_PROPS, "versions": {"type": "array", "items": ref("Version")},
                "findings": {"type": "array", "items": ref("Finding")}, "counts": COUNTS,
                "decision": nullable(ref("Decision")), "signoff": nullable(ref("SignOff")),
                "publication": ref("Publication")})
PAGE_PROPS = {"page": INT, "per_page": INT, "total": INT, "pages": INT, "next": nullable(STR)}
DOCUMENT_PAGE = obj({"items": {"type": "array", "items": ref("DocumentSummary")}, **PAGE_PROPS})
AUDIT_ENTRY = obj({"seq": INT, "ts": STR, "actor": nullable(STR), "action": STR, "action_label": STR,
                   "document_id": nullable(INT), "version_sha256": nullable(STR), "ip": nullable(STR),
                   "details": nullable(ANY_OBJECT), "prev_hash": SHA, "hash": SHA})
AUDIT_PAGE = obj({"items": {"type": "array", "items": ref("AuditEntry")}, **PAGE_PROPS})
RESOLUTION_RESULT = obj({"changed": INT, "finding": ref("Finding"), "state": STATE})
ERROR = obj({"error": obj({"code": STR, "message": STR})})

RESOLUTION_BODY = obj({"action": {"type": "string", "enum": ["redact", "keep"],
                                  "description": "redact 删除（不得发布） / keep 保留（须写理由）"},
                       "reason": {"type": "string", "maxLength": 2000,
                                  "description": "why it is kept, e.g. 公职人员履职信息; required for keep"},
                       "same_value": {"type": "boolean", "description": "apply to every finding of the same value"}},
                      required=["action"], examples=[{"action": "keep", "reason": "公职人员履职信息"}])
DECISION_BODY = obj({"disclosure": {"type": "string", "enum": list(DISCLOSURES)},
                     "basis": {"type": ["string", "null"], "enum": [*BASIS_LABELS, None],
                               "description": "legal basis (条例第十四、十五、十六条); required unless 主动公开: "
                                              + "; ".join(f"{k} = {v}" for k, v in BASIS_LABELS.items())},
                     "comment": {"type": "string", "maxLength": 2000}}, required=["disclosure"],
                    examples=[{"disclosure": "部分公开", "basis": "15-privacy", "comment": "删除个人信息后公开"}])
SIGNOFF_BODY = obj({"comment": {"type": "string", "maxLength": 2000},
                    "outcome": {"type": "string", "enum": ["approve", "return"], "default": "approve",
                                "description": "approve 签发 (default) or return 退回修改 (comment required)"}},
                   required=[], examples=[{"comment": "同意发布"}])
UPLOAD_BODY = obj({"file": {"type": "string", "format": "binary", "description": "the draft (.docx .pdf .xlsx .txt …)"},
                   "document_id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1,
                                   "description": "upload a new version of this document (its drafter only)"},
                   "title": {"type": "string", "maxLength": 255}, "office_unit": {"type": "string", "maxLength": 128}},
                  required=["file"])

COMPONENTS = {"Version": VERSION, "Finding": FINDING, "Decision": DECISION, "SignOff": SIGNOFF,
              "Publication": PUBLICATION, "ReleasePending": RELEASE_PENDING,
              "ReleaseStatus": RELEASE_STATUS, "DocumentSummary": DOCUMENT_SUMMARY, "Document": DOCUMENT,
              "DocumentPage": DOCUMENT_PAGE, "AuditEntry": AUDIT_ENTRY, "AuditPage": AUDIT_PAGE,
              "ResolutionResult": RESOLUTION_RESULT, "Error": ERROR, "ResolutionRequest": RESOLUTION_BODY,
              "DecisionRequest": DECISION_BODY, "SignOffRequest": SIGNOFF_BODY, "UploadRequest": UPLOAD_BODY}


def json_response(name: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref(name)}}}


def error(description: str) -> dict[str, Any]:
    return json_response("Error", description)


def json_body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": ref(name)}}}


def query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def paging(per_page: int) -> list[dict[str, Any]]:
    """The page and per_page query parameters, with this call's default page size."""
    return [query("page", {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1}, "page number"),
            query("per_page", {"type": "integer", "minimum": 1, "maximum": 100, "default": per_page},
                  "items per page")]
