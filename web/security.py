"""Security headers on every response, and the error pages for refused actions."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request

from reviewer.workflow_errors import WorkflowError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.headers.get("X-Requested-With") == "fetch"


NUL_MESSAGE = "请求中含有空字符（\\0），已拒绝。请检查填写的内容或调用方的编码。"


def contains_nul(value) -> bool:
    """True when a string anywhere in a JSON-like value holds a NUL character (PostgreSQL refuses to store it)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(v) for v in value)
    return False


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters():
        # A NUL in a query or form value is never meant; on PostgreSQL it would end in a 500.
        for values in (request.args, request.form):
            if any(contains_nul(k) or contains_nul(v) for k, v in values.items(multi=True)):
                raise WorkflowError("bad_input", 400, NUL_MESSAGE)

    @app.after_request
    def headers(resp):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "same-origin"
        if resp.mimetype == "text/html":
            resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.errorhandler(WorkflowError)
    def refused(exc: WorkflowError):
        from .db import session
        session().rollback()
        if wants_json():
            return jsonify({"error": exc.to_dict()}), exc.status
        return render_template("error.html", status=exc.status, message=exc.message, code=exc.code), exc.status

    messages = {400: "请求无效。请返回后检查填写的内容。", 403: "您没有执行此操作的权限。",
                404: "找不到该页面。", 405: "不支持该操作方式。",
                413: "上传的文件总大小超过上限（REVIEWER_MAX_UPLOAD_MB）。请分批上传。",
                500: "服务器内部错误。请稍后重试，仍失败请联系管理员。"}
    for status, message in messages.items():
        def handler(exc, status=status, message=message):
            if wants_json():
                return jsonify({"error": {"code": str(status), "message": message}}), status
            desc = getattr(exc, "description", "") if status == 400 else ""
            if "CSRF" in str(desc):
                message = "表单已过期或缺少安全校验（CSRF）。请刷新页面后重新提交。"
            return render_template("error.html", status=status, message=message, code=str(status)), status
        app.register_error_handler(status, handler)
