"""The queue, uploads (new documents and new versions), a document's page, and file downloads."""
from __future__ import annotations

from io import BytesIO

from flask import (Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request,
                   send_file, url_for)
from flask_login import current_user, login_required
from sqlalchemy import select

from reviewer import jobs, release_jobs, workflow
from reviewer.db.models import Decision, SignOff
from reviewer.limits import Limits
from reviewer.workflow_errors import WorkflowError
from reviewer.workflow_release import (MIMETYPES, ReleasePending, builds_copies, release, release_copy_of,
                                       retry_release, review_record)
from reviewer.workflow_rules import STATES, finding_counts, latest_decision, latest_signoff

from . import queries
from .auth import roles_required
from .db import client_ip, session
from .security import wants_json

bp = Blueprint("documents", __name__)
RELEASE_REFRESH_SECONDS = 5   # the "being prepared" page asks again this often


@bp.get("/")
@login_required
def queue():
    args = request.args
    page = max(1, args.get("page", 1, type=int))
    rows, total = queries.queue(session(), current_user, state=args.get("state", ""), verdict=args.get("verdict", ""),
                                uploader=args.get("uploader", ""), q=args.get("q", ""), page=page,
                                mine=args.get("mine") == "1")
    return render_template("documents/queue.html", rows=rows, total=total, page=page, states=STATES,
                           pages=max(1, -(-total // queries.PAGE_SIZE)),
                           uploaders=queries.uploaders(session(), current_user), args=args)


def _max_file_bytes() -> int:
    return (current_app.config.get("LIMITS") or Limits.from_env()).max_file_bytes


def _store_one(file, document_id: int | None = None, title: str | None = None) -> tuple[bool, str, int | None]:
    """Upload one file; (ok, message, document id). Commits before queueing the scan."""
    db = session()
    try:
        version = workflow.upload(db, current_user, file.stream, file.filename, storage_dir=current_app.config["STORAGE_DIR"],
                                  max_bytes=_max_file_bytes(), document_id=document_id,
                                  title=title,
                                  office_unit=request.form.get("office_unit"), ip=client_ip())
    except WorkflowError as exc:
        db.rollback()
        if exc.status == 403:
            raise
        return False, exc.message, getattr(exc, "document_id", None)  # a duplicate names the document that has it
    db.commit()
    jobs.submit_scan(version.id)
    return True, f"“{version.original_name}”已上传为第 {version.number} 版，正在扫描。", version.document_id


def _answer(results: list[tuple[bool, str, int | None]], fallback: str):
    ok = [r for r in results if r[0]]
    target = url_for("documents.detail", document_id=ok[0][2]) if len(ok) == 1 and len(results) == 1 else fallback
    status = 200 if ok else (409 if any("相同" in r[1] for r in results) else 400)
    if wants_json():
        if len(ok) == len(results):  # the script goes on to `target`: it says there what arrived
            for _a, m, _d in results:
                flash(m, "info")
        return jsonify({"results": [{"ok": a, "message": m, "document_id": d} for a, m, d in results],
                        "redirect": target}), status
    if not ok:
        return render_template("documents/upload.html", results=results), status
    for a, m, _ in results:
        flash(m, "info" if a else "error")
    return redirect(target, code=303)


@bp.route("/upload", methods=["GET", "POST"])
@roles_required("drafter")
def upload():
    if request.method == "GET":
        return render_template("documents/upload.html", results=None)
    files = [f for f in request.files.getlist("file") if f and f.filename]
    if not files:
        if wants_json():
            return jsonify({"error": {"code": "no_file", "message": "请选择要上传的文件。"}}), 400
        return render_template("documents/upload.html", results=[(False, "请选择要上传的文件。", None)]), 400
    title = request.form.get("title") if len(files) == 1 else None  # a title names one document
    return _answer([_store_one(f, title=title) for f in files], url_for("documents.queue"))


@bp.post("/documents/<int:document_id>/versions")
@roles_required("drafter")
def new_version(document_id: int):
    workflow.get_document(session(), current_user, document_id)
    file = request.files.get("file")
    if not file or not file.filename:
        raise WorkflowError("no_file", 400, "请选择修改后的文件。")
    return _answer([_store_one(file, document_id)], url_for("documents.detail", document_id=document_id))


@bp.get("/documents/<int:document_id>")
@login_required
def detail(document_id: int):
    db = session()
    doc = workflow.get_document(db, current_user, document_id)
    history = []
    for v in reversed(doc.versions):
        decisions = db.execute(select(Decision).where(Decision.version_id == v.id).order_by(Decision.id)).scalars().all()
        signoffs = db.execute(select(SignOff).where(SignOff.version_id == v.id).order_by(SignOff.id)).scalars().all()
        history.append((v, workflow.version_state(db, v), finding_counts(db, v), decisions, signoffs))
    current = doc.current
    return render_template("documents/detail.html", doc=doc, current=current, history=history,
                           decision=latest_decision(db, current), signoff=latest_signoff(db, current),
                           signed=workflow.signed_off(db, current), release_copy=release_copy_of(db, doc),
                           builds_copies=builds_copies(),
                           can_sign=current_user.has_role("approver") and workflow.signoff_refusal(db, current_user, current) is None)


@bp.get("/versions/<int:version_id>/status")
@login_required
def status(version_id: int):
    db = session()
    v = workflow.get_version(db, current_user, version_id)
    copy = release_copy_of(db, v.document) if v.id == v.document.current.id else None
    return jsonify({"id": v.id, "scan_status": v.scan_status, "state": workflow.version_state(db, v),
                    "verdict": v.verdict, "error": v.scan_error, "release_status": copy.status if copy else None})


@bp.post("/versions/<int:version_id>/rescan")
@roles_required("drafter", "reviewer", "admin")
def rescan(version_id: int):
    db = session()
    v = workflow.get_version(db, current_user, version_id)
    jobs.retry_scan(db, current_user, v, ip=client_ip())
    db.commit()
    jobs.submit_scan(v.id)
    flash("已重新提交扫描。", "info")
    return redirect(url_for("documents.detail", document_id=v.document_id), code=303)


@bp.get("/versions/<int:version_id>/original")
@login_required
def original(version_id: int):
    db = session()
    v = workflow.get_version(db, current_user, version_id)
    path = workflow.stored_path(v, current_app.config["STORAGE_DIR"])
    if not path.exists():
        abort(404)
    workflow.record_download(db, current_user, v, ip=client_ip())
    db.commit()
    from reviewer.crypto import open_plain  # stored drafts may be encrypted at rest
    return send_file(open_plain(path), as_attachment=True, download_name=f"草稿-{v.original_name}")


@bp.get("/documents/<int:document_id>/release")
@login_required
def release_copy(document_id: int):
    db = session()
    doc = workflow.get_document(db, current_user, document_id)
    try:
        result = release(db, current_user, doc, storage_dir=current_app.config["STORAGE_DIR"], ip=client_ip())
    except ReleasePending as pending:  # 202: the page says so and asks again every few seconds
        db.rollback()
        return render_template("documents/release_pending.html", doc=doc, copy=pending.copy,
                               message=pending.message, refresh=RELEASE_REFRESH_SECONDS), 202
    except WorkflowError as exc:
        if exc.code not in ("release_refused", "release_failed"):
            raise
        db.rollback()  # the refusal was recorded when the copy was checked; the page offers to build it again
        return render_template("documents/release_refused.html", doc=doc, message=exc.message,
                               can_retry=current_user.has_role("reviewer", "approver")), 409
    db.commit()
    return send_file(result.path, as_attachment=True, download_name=result.download_name, mimetype=result.mimetype)


@bp.post("/documents/<int:document_id>/release/retry")
@roles_required("reviewer", "approver")
def release_retry(document_id: int):
    db = session()
    doc = workflow.get_document(db, current_user, document_id)
    copy = retry_release(db, current_user, doc, ip=client_ip())
    db.commit()
    release_jobs.submit(copy.id)
    flash("已重新提交生成发布稿。", "info")
    return redirect(url_for("documents.detail", document_id=doc.id), code=303)


RECORD_TYPES = {"pdf": "application/pdf", "docx": MIMETYPES[".docx"]}


@bp.get("/documents/<int:document_id>/record.<fmt>")
@login_required
def record(document_id: int, fmt: str):
    if fmt not in RECORD_TYPES:
        abort(404)
    db = session()
    doc = workflow.get_document(db, current_user, document_id)
    data, name = review_record(db, current_user, doc, fmt, ip=client_ip())
    db.commit()
    return send_file(BytesIO(data), as_attachment=True, download_name=name, mimetype=RECORD_TYPES[fmt])
