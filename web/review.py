"""The review page (text with findings in place), resolving findings, the 公开属性 decision and the sign-off."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from reviewer import release_jobs, workflow
from reviewer.db.models import Finding
from reviewer.workflow_errors import WorkflowError
from reviewer.workflow_rules import (BASES, DISCLOSURES, KEEP_REASONS, REVIEWABLE, finding_counts,
                                     latest_decision, unresolved_ids)

from . import queries
from .auth import roles_required
from .db import client_ip, session

bp = Blueprint("review", __name__)


def _may(role: str, version) -> bool:
    """Whether to offer an action (the domain layer decides whether it is allowed)."""
    return current_user.has_role(role) and current_user.id not in (version.uploaded_by_id,
                                                                   version.document.created_by_id)


@bp.get("/versions/<int:version_id>/review")
@login_required
def page(version_id: int):
    db = session()
    version = workflow.get_version(db, current_user, version_id)
    state = workflow.version_state(db, version)
    size = current_app.config["PAGE_SEGMENTS"]
    total_segments = None
    only_default = "0"
    if "only" not in request.args:
        from sqlalchemy import func
        from reviewer.db.models import TextSegment
        total_segments = db.execute(select(func.count()).where(TextSegment.version_id == version.id)).scalar_one()
        only_default = "1" if total_segments > size else "0"
    only = request.args.get("only", only_default) == "1"
    page_no = max(1, request.args.get("page", 1, type=int))
    blocks, pages, loose = queries.review_page(db, version, only_findings=only, page=page_no, page_size=size)
    if page_no == 1:
        workflow.record_view(db, current_user, version, ip=client_ip())
        db.commit()
    current = workflow.current_version(db, version.document)
    editable = (_may("reviewer", version) and state in REVIEWABLE and current.id == version.id)
    return render_template("review/page.html", version=version, doc=version.document, state=state, blocks=blocks,
                           loose=loose, pages=pages, page=page_no, only=only, counts=finding_counts(db, version),
                           summary=queries.type_summary(db, version), editable=editable, reasons=KEEP_REASONS,
                           current=current, decision=latest_decision(db, version),
                           can_sign=_may("approver", version) and workflow.signoff_refusal(db, current_user, version) is None)


@bp.post("/versions/<int:version_id>/resolve")
@roles_required("reviewer")
def resolve(version_id: int):
    db = session()
    version = workflow.get_version(db, current_user, version_id)
    form = request.form
    ids = form.getlist("finding")
    action = form.get("action", "")
    if form.get("quick"):
        action, _, one = form["quick"].partition(":")
        ids = [one]
    elif form.get("all_of_type"):
        ids = [str(i) for i in unresolved_ids(db, version, form["all_of_type"])]
    ids = [i for i in ids if i.isdigit()]
    n = workflow.resolve(db, current_user, version, ids, action, form.get("reason"),
                         same_value=form.get("same_value") == "1", ip=client_ip())
    db.commit()
    flash(f"已将 {n} 条发现标记为“{'删除' if action == 'redact' else '保留'}”。", "info")
    back = url_for("review.page", version_id=version.id, page=form.get("page", 1, type=int),
                   only=form.get("only", "0"))
    anchor = f"#f-{ids[0]}" if len(ids) == 1 else ""
    return redirect(back + anchor, code=303)


@bp.route("/versions/<int:version_id>/decision", methods=["GET", "POST"])
@roles_required("reviewer")
def decision(version_id: int):
    db = session()
    version = workflow.get_version(db, current_user, version_id)
    error, status = None, 200
    form = request.form
    if request.method == "POST":
        try:
            workflow.decide(db, current_user, version, form.get("disclosure", ""), form.get("basis") or None,
                            form.get("comment", ""), ip=client_ip())
        except WorkflowError as exc:
            db.rollback()
            error, status = exc.message, exc.status
        else:
            db.commit()
            flash("公开属性决定已提交，等待签发。", "info")
            return redirect(url_for("documents.detail", document_id=version.document_id), code=303)
    redactions = db.execute(select(Finding).where(Finding.version_id == version.id, Finding.resolution == "redact")
                            .order_by(Finding.seq)).scalars().all()
    keeps = db.execute(select(Finding).where(Finding.version_id == version.id, Finding.resolution == "keep")
                       .order_by(Finding.seq)).scalars().all()
    return render_template("review/decision.html", version=version, doc=version.document, error=error,
                           disclosures=DISCLOSURES, bases=BASES, redactions=redactions, keeps=keeps,
                           counts=finding_counts(db, version), state=workflow.version_state(db, version),
                           form=form), status


@bp.route("/versions/<int:version_id>/signoff", methods=["GET", "POST"])
@roles_required("approver")
def signoff(version_id: int):
    db = session()
    version = workflow.get_version(db, current_user, version_id)
    error, status = None, 200
    if request.method == "POST":
        signed = None
        try:
            if request.form.get("outcome") == "return":
                workflow.return_for_revision(db, current_user, version, request.form.get("comment", ""), ip=client_ip())
                message = "已退回修改。"
            else:
                signed = workflow.sign_off(db, current_user, version, request.form.get("comment", ""), ip=client_ip())
                message = "已签发。"
        except WorkflowError as exc:
            db.rollback()
            error, status = exc.message, exc.status
        else:
            db.commit()
            if signed is not None:  # its 发布稿 is built in the background from now on
                release_jobs.start(signed.version_id, signed.decision_id)
            flash(message, "info")
            return redirect(url_for("documents.detail", document_id=version.document_id), code=303)
    refusal = workflow.signoff_refusal(db, current_user, version)
    if error is None and refusal is not None:  # say so before the approver writes a comment, not after
        error = refusal.message
    decision_ = latest_decision(db, version)
    redactions = db.execute(select(Finding).where(Finding.version_id == version.id, Finding.resolution == "redact")
                            .order_by(Finding.seq)).scalars().all()
    return render_template("review/signoff.html", version=version, doc=version.document, decision=decision_,
                           redactions=redactions, counts=finding_counts(db, version), error=error,
                           state=workflow.version_state(db, version), refused=refusal is not None), status
