"""The HTML scan report: documents with their verdicts, findings grouped by location, values highlighted."""
from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..findings import CONCEALED_LABELS, SEVERITY_LABELS, label
from . import VERDICT_LABELS, _where

_env = Environment(loader=PackageLoader("reviewer.reports", "templates"),
                   autoescape=select_autoescape(["html"]))


def highlight(finding: dict) -> Markup:
    """The context with the finding's value marked, every piece escaped."""
    ctx, value = finding.get("context") or "", finding.get("text") or ""
    i = ctx.find(value) if value else -1
    if i < 0:
        return escape(ctx)
    return escape(ctx[:i]) + Markup("<mark>") + escape(value) + Markup("</mark>") + escape(ctx[i + len(value):])


def grouped(findings: list[dict]) -> "OrderedDict[str, list[dict]]":
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    for f in findings:
        groups.setdefault(_where(f["location"]), []).append(f)
    return groups


def render(records: list[dict]) -> str:
    counts = {v: sum(1 for r in records if r["verdict"] == v) for v in ("block", "review", "clear", None)}
    return _env.get_template("report.html").render(
        records=records, counts=counts, verdict_labels=VERDICT_LABELS, severity_labels=SEVERITY_LABELS,
        label=label, concealed_labels=CONCEALED_LABELS, highlight=highlight, grouped=grouped,
        generated=datetime.now().strftime("%Y年%m月%d日 %H:%M"))
