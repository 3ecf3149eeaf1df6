"""The OpenAPI 3.1 document, built from the operations registered by `core.operation` and the schemas module."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .core import OPERATIONS, Operation
from .schemas import COMPONENTS, error

INFO = {
    "title": "政务公开保密审查 API",
    "version": "1.0.0",
    "description": "Upload drafts, read findings, record resolutions, the 公开属性 decision and the sign-off, "
                   "download the release copy and read the audit log, under the same role checks and gates as "
                   "the web app. Authenticate with `Authorization: Bearer <token>` (`reviewer token create NAME` "
                   "or the 我的令牌 page). Errors are `{\"error\": {\"code\", \"message\"}}` with a message in "
                   "Chinese a person can act on. A CMS asks GET /documents/{id}/status before publishing.",
}


def _path_parameters(path: str) -> list[dict[str, Any]]:
    import re
    return [{"name": name, "in": "path", "required": True, "example": 1,
             "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}
            for name in re.findall(r"\{(\w+)\}", path)]


def _operation(op: Operation) -> dict[str, Any]:
    responses = {str(k): v for k, v in sorted(op.responses.items())}
    if op.auth:
        responses.setdefault("401", error("no token, or a bad, revoked or disabled one"))
    if op.parameters or op.request_body:
        responses.setdefault("400", error("bad input"))
    if "{" in op.path:
        responses.setdefault("404", error("not found"))
    out: dict[str, Any] = {"operationId": op.endpoint, "summary": op.summary, "tags": [op.tag],
                           "responses": dict(sorted(responses.items()))}
    if op.description:
        out["description"] = op.description.strip()
    params = _path_parameters(op.path) + op.parameters
    if params:
        out["parameters"] = params
    if op.request_body:
        out["requestBody"] = op.request_body
    out["security"] = [{"bearer": []}] if op.auth else []
    return out


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {"openapi": "3.1.0", "info": INFO, "servers": [{"url": "/api/v1"}],
            "tags": [{"name": "documents", "description": "drafts, review and release"},
                     {"name": "audit", "description": "the tamper-evident audit log"},
                     {"name": "meta", "description": "this document"}],
            "paths": paths,
            "components": {"schemas": COMPONENTS,
                           "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                          "description": "API token (rvw_…); only its hash is stored"}}}}
