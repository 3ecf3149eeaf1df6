"""The 统计 dashboard: charts of what the office reviewed, found and decided; per-chart CSV and the period export."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user, login_required

from reviewer import audit, stats, stats_figures
from reviewer.db.models import User
from reviewer.stats import PERIOD_KINDS, Period, Scope
from reviewer.stats_export import figure_csv, report_csv, report_xlsx

from . import charts
from .db import client_ip, session

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Asked:
    """What the filter form asked for, checked against the user's role (reviewers: only their own work)."""

    period: Period
    scope: Scope
    unit_label: str
    reviewer_label: str
    office_wide: bool

    def args(self) -> dict[str, str]:
        out = {"period": self.period.kind, "year": str(self.period.year)}
        if self.period.kind != "year":
            out[self.period.kind] = str(self.period.number)
        if self.scope.unit:
            out["unit"] = self.scope.unit
        if self.office_wide and self.scope.reviewer_id is not None:
            out["reviewer"] = str(self.scope.reviewer_id)
        return out


def _asked() -> Asked:
    args = request.args
    db = session()
    reviewer = args.get("reviewer", "")
    # the role check lives in stats.scope_for: a reviewer's own id replaces whatever was asked
    scope = stats.scope_for(current_user, unit=args.get("unit"), reviewer_id=int(reviewer) if reviewer.isdigit() else None)
    kind = args.get("period") or "year"
    period = Period.parse(kind, args.get("year"), args.get(kind) if kind != "year" else None)
    who = db.get(User, scope.reviewer_id) if scope.reviewer_id is not None else None
    return Asked(period, scope, scope.unit or "全部", who.label if who else "全部",
                 current_user.has_role(*stats.OFFICE_WIDE))


def _figures(asked: Asked) -> tuple[stats.History, list[stats_figures.Figure]]:
    db = session()
    history = stats.load(db, asked.scope, asked.period)
    figures = stats_figures.period_figures(history)
    figures.append(stats_figures.open_work(stats.open_work(db, asked.scope)))
    return history, figures


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    resp = Response(data, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return resp


@bp.get("")
@login_required
def index():
    asked = _asked()
    history, figures = _figures(asked)
    db = session()
    return render_template("dashboard/index.html", asked=asked, figures=figures, charts=charts, kinds=PERIOD_KINDS,
                           slowest=stats_figures.slowest(history), headline=stats_figures.headline(history), units=stats.units(db),
                           reviewers=stats.reviewers(db) if asked.office_wide else [], fmt=charts.fmt,
                           beijing=stats.beijing)


@bp.get("/<key>.csv")
@login_required
def chart_csv(key: str):
    asked = _asked()
    _, figures = _figures(asked)
    fig = next((f for f in figures if f.key == key), None)
    if fig is None:
        abort(404)
    return _download(figure_csv(fig), "text/csv", f"{fig.title}_{asked.period.slug}.csv")


@bp.get("/export")
@login_required
def export():
    asked = _asked()
    db = session()
    history = stats.load(db, asked.scope, asked.period)
    fmt = "csv" if request.args.get("format") == "csv" else "xlsx"
    # the workbook lists titles of withheld documents: who took it, and when, is on the record
    audit.record(db, "stats_export", current_user, ip=client_ip(),
                 details={"period": asked.period.label, "unit": asked.scope.unit, "reviewer": asked.reviewer_label,
                          "format": fmt, "documents": len(history.closed)})
    db.commit()
    name = f"保密审查统计_{asked.period.slug}"
    if fmt == "csv":
        return _download(report_csv(history, asked.unit_label, asked.reviewer_label), "text/csv", name + ".csv")
    return _download(report_xlsx(history, asked.unit_label, asked.reviewer_label), XLSX, name + ".xlsx")
