"""Template helpers: Chinese dates, labels for roles, states, finding types, severities and locations."""
from __future__ import annotations

from datetime import datetime

from flask import Flask

from reviewer.accounts import ROLES
from reviewer.findings import CONCEALED_LABELS, SEVERITY_LABELS, label
from reviewer.workflow_rules import BASIS_LABELS
from reviewer.workflow_text import PART_LABELS, chinese_datetime, describe

VERDICT_LABELS = {"block": "阻断", "review": "需审查", "clear": "未发现问题", None: "—"}
STATE_CLASSES = {"扫描中": "st-wait", "扫描失败": "st-bad", "待审查": "st-todo", "审查中": "st-doing",
                 "待签发": "st-sign", "退回修改": "st-bad", "已签发": "st-done", "不予公开": "st-closed"}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        cdate=chinese_datetime, tsdate=lambda s: chinese_datetime(datetime.fromisoformat(s)) if s else "", type_label=label, severity=lambda s: SEVERITY_LABELS.get(s, s),
        verdict=lambda v: VERDICT_LABELS.get(v, v), where=describe, part=lambda p: PART_LABELS.get(p, p),
        concealed=lambda c: CONCEALED_LABELS.get(c, c), role=lambda r: ROLES.get(r, r),
        basis=lambda b: BASIS_LABELS.get(b or "", b or ""), state_class=lambda s: STATE_CLASSES.get(s, ""),
        size=lambda n: f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB",
    )
