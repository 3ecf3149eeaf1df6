"""The audit log in the browser: filter by user, document, action and time, page through, verify, export."""
from __future__ import annotations

from datetime import datetime, timezone
from itertools import chain

from flask import Blueprint, Response, render_template, request, stream_with_context

from reviewer import audit
from reviewer.audit_check import check
from reviewer.audit_export import WRITERS, AuditFilter, BadFilter, chunks, count, page as audit_page

from .auth import roles_required
from .db import session

bp = Blueprint("audit_views", __name__, url_prefix="/audit")
PAGE_SIZE = 50
ROLES = ("admin", "approver")
FIELDS = ("user", "document", "action", "since", "until")


def beijing_day(raw: str | None, *, end: bool = False) -> str | None:
    """A date from the page's date fields (2026-11-27) as the start or end of that day in Beijing time, the
    zone the page shows times in; anything else is passed on as written."""
    raw = (raw or "").strip()
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        return f"{raw}T23:59:59.999999+08:00" if end else f"{raw}T00:00:00+08:00"
    return raw or None


def _filter() -> tuple[AuditFilter, str | None]:
    a = request.args
    try:
        return AuditFilter.parse(document_id=a.get("document"), actor=a.get("user"), action=a.get("action"),
                                 since=beijing_day(a.get("since")), until=beijing_day(a.get("until"), end=True)), None
    except BadFilter as exc:
        return AuditFilter(), str(exc)


@bp.get("")
@roles_required(*ROLES)
def log():
    db = session()
    flt, error = _filter()
    page_no = max(1, min(request.args.get("page", 1, type=int), 1_000_000))
    total = count(db, flt)
    pages = max(1, -(-total // PAGE_SIZE))
    rows = audit_page(db, flt, page=page_no, per_page=PAGE_SIZE, newest_first=True)
    report = check(db) if request.args.get("verify") else None
    kept = {k: request.args[k] for k in FIELDS if request.args.get(k)}
    return render_template("audit/log.html", rows=rows, labels=audit.ACTION_LABELS, total=total, page=page_no,
                           pages=pages, kept=kept, error=error, report=report, args=request.args), \
        (400 if error else 200)


@bp.get("/export.<fmt>")
@roles_required(*ROLES)
def export(fmt: str):
    if fmt not in WRITERS:
        return render_template("error.html", status=404, message="只能导出 csv 或 jsonl。", code="404"), 404
    flt, error = _filter()
    if error:
        return render_template("error.html", status=400, message=error, code="bad_filter"), 400
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    bom = "\ufeff" if fmt == "csv" else ""  # so spreadsheet programs read the CSV as UTF-8
    body = stream_with_context(chain([bom], chunks(session(), flt, fmt)))
    return Response(body, content_type=kind,
                    headers={"Content-Disposition": f"attachment; filename=audit-{stamp}.{fmt}"})
