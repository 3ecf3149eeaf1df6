"""The API blueprint's plumbing: token auth, JSON errors, parsing helpers, and `operation` (route + OpenAPI in one)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from flask import Blueprint, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from reviewer import accounts, audit
from reviewer.db.models import User
from reviewer.workflow_errors import WorkflowError

from ..db import client_ip, session
from ..security import NUL_MESSAGE, contains_nul

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_ID = 2**31 - 1
PUBLIC_ENDPOINTS = {"api.openapi"}
HTTP_MESSAGES = {
    400: "请求格式不正确。请按 /api/v1/openapi.json 的说明检查参数和请求体。",
    401: "缺少或无效的 API 令牌。请在请求头中加入 Authorization: Bearer <令牌>（令牌由 reviewer token create 或“我的令牌”页面创建）。",
    403: "您没有执行此操作的权限。",
    404: "找不到该地址或资源。请检查网址和编号。",
    405: "该地址不支持此请求方法。请按 /api/v1/openapi.json 使用正确的方法。",
    413: "上传的文件超过大小上限。请拆分后上传，或请管理员调高 REVIEWER_MAX_UPLOAD_MB / REVIEWER_MAX_FILE_MB。",
    415: "不支持的请求体类型。JSON 请求请使用 Content-Type: application/json。",
    500: "服务器内部错误。请稍后重试，仍失败请联系管理员。",
}
# domain error codes that mean "too large" in HTTP terms, whatever status the web form shows
STATUS_OVERRIDES = {"too_large": 413}


def error_response(status: int, code: str, message: str, headers: dict | None = None):
    resp = jsonify({"error": {"code": code, "message": message}})
    resp.status_code = status
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    if status == 401:
        resp.headers["WWW-Authenticate"] = 'Bearer realm="reviewer"'
    return resp


HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
              413: "too_large", 415: "unsupported_media_type", 500: "internal"}


def http_error(exc: HTTPException):
    status = exc.code or 500
    headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
    return error_response(status, HTTP_CODES.get(status, str(status)), HTTP_MESSAGES.get(status, exc.name), headers)


@bp.errorhandler(WorkflowError)
def _refused(exc: WorkflowError):
    session().rollback()
    status = STATUS_OVERRIDES.get(exc.code, exc.status)
    return error_response(status, exc.code, exc.message)


@bp.errorhandler(HTTPException)
def _http(exc: HTTPException):
    session().rollback()
    return http_error(exc)


def api_user() -> User:
    return g.api_user


@bp.before_request
def _authenticate():
    """Bearer token only: a session cookie is never enough here (no CSRF on this blueprint)."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return error_response(401, "unauthorized", HTTP_MESSAGES[401])
    db = session()
    user = accounts.user_for_token(db, raw.strip())
    if user is None:
        audit.record(db, "login_failed", None, ip=client_ip(),
                     details={"method": "api_token", "token_prefix": raw.strip()[:8]})
        db.commit()
        return error_response(401, "bad_token", "API 令牌无效、已撤销或其账户已停用。请向管理员确认，或创建新令牌。")
    db.commit()  # last_used_at
    g.api_user = user
    return None


# ------------------------------------------------------------------ request parsing
def json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise WorkflowError("bad_json", 400, "请求体须为 JSON 对象，并使用 Content-Type: application/json。")
    if contains_nul(body):
        raise WorkflowError("bad_input", 400, NUL_MESSAGE)
    return body


def text_field(body: dict[str, Any], name: str, *, required: bool = False, max_length: int = 2000) -> str | None:
    value = body.get(name)
    if value is None:
        if required:
            raise WorkflowError("missing_field", 422, f"缺少字段“{name}”。")
        return None
    if not isinstance(value, str):
        raise WorkflowError("bad_field", 422, f"字段“{name}”应为字符串。")
    if len(value) > max_length:
        raise WorkflowError("bad_field", 422, f"字段“{name}”过长（上限 {max_length} 个字符）。")
    return value


def int_arg(name: str, default: int | None, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"\d{1,10}", raw.strip()) or not minimum <= int(raw) <= maximum:
        raise WorkflowError("bad_parameter", 400, f"参数“{name}”应为 {minimum} 到 {maximum} 之间的整数。")
    return int(raw)


def paginate_args(default_per_page: int = 20) -> tuple[int, int]:
    return int_arg("page", 1, maximum=1_000_000), int_arg("per_page", default_per_page, maximum=100)


def page_links(endpoint_url: Callable[[int], str], page: int, per_page: int, total: int) -> dict[str, Any]:
    last = max(1, -(-total // per_page))
    return {"page": page, "per_page": per_page, "total": total, "pages": last,
            "next": endpoint_url(page + 1) if page < last else None}


def storage_dir() -> str:
    return current_app.config["STORAGE_DIR"]


# ------------------------------------------------------------------ routes that document themselves
@dataclass
class Operation:
    method: str
    path: str
    endpoint: str
    summary: str
    description: str
    tag: str
    responses: dict[int, dict]
    parameters: list[dict] = field(default_factory=list)
    request_body: dict | None = None
    auth: bool = True


OPERATIONS: list[Operation] = []


def operation(method: str, path: str, *, summary: str, tag: str, responses: dict[int, dict],
              description: str = "", parameters: list[dict] | None = None, request_body: dict | None = None,
              auth: bool = True):
    """Register a view under /api/v1 and describe it for openapi.json: the one place both come from."""
    def wrap(view):
        rule = re.sub(r"\{(\w+)\}", rf"<int(min=1,max={MAX_ID}):\1>", path)
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=view, methods=[method])
        OPERATIONS.append(Operation(method.lower(), path, view.__name__, summary, description or view.__doc__ or "",
                                    tag, responses, list(parameters or []), request_body, auth))
        return view
    return wrap
