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


DETAIL_LABELS = {
    "file": "文件", "version": "版本", "size": "大小", "verdict": "扫描结论", "findings": "发现", "error": "错误",
    "message": "说明", "attempts": "尝试次数", "action": "处理", "reason": "理由", "count": "条数",
    "disclosure": "公开属性", "basis": "法律依据", "comment": "意见", "removed": "删除处数", "format": "格式",
    "user": "账户", "roles": "角色", "prefix": "令牌前缀", "token_prefix": "令牌前缀", "method": "方式", "by": "执行",
    "files": "文件数", "audit_head": "日志链头", "changed": "变更数", "failed": "失败数", "encrypted": "加密",
}
_DETAIL_VALUES = {
    "action": {"redact": "删除", "keep": "保留"}, "format": {"pdf": "PDF", "docx": "Word", "csv": "CSV", "jsonl": "JSONL"},
    "reason": {"bad_credentials": "用户名或密码错误", "throttled": "已锁定", "disabled": "账户已停用"},
    "method": {"api_token": "API 令牌"},
}


def audit_details(details) -> list[tuple[str, str]]:
    """An audit entry's details as (中文名称, value) pairs for the log page; codes become words, empty values drop."""
    if not isinstance(details, dict):
        return [("", str(details))] if details else []
    out = []
    for key, value in details.items():
        if value is None or value == "" or value == []:
            continue
        if key == "basis":
            text = BASIS_LABELS.get(value, value)
        elif key == "verdict":
            text = VERDICT_LABELS.get(value, value)
        elif key == "roles" and isinstance(value, list):
            text = "、".join(ROLES.get(r, r) for r in value)
        elif key == "size" and isinstance(value, int):
            text = _size(value)
        elif key == "findings" and isinstance(value, list):
            text = "、".join(f"#{v}" for v in value)
        elif isinstance(value, dict):
            text = str(value.get("message") or value.get("code") or value)
        elif isinstance(value, bool):
            text = "是" if value else "否"
        elif isinstance(value, list):
            text = "、".join(str(v) for v in value)
        else:
            text = _DETAIL_VALUES.get(key, {}).get(value, value) if isinstance(value, str) else value
        out.append((DETAIL_LABELS.get(key, key), str(text)))
    return out


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else (f"{n} 字节" if n < 1024 else f"{round(n / 1024)} KB")


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        cdate=chinese_datetime, tsdate=lambda s: chinese_datetime(datetime.fromisoformat(s)) if s else "", type_label=label, severity=lambda s: SEVERITY_LABELS.get(s, s),
        verdict=lambda v: VERDICT_LABELS.get(v, v), where=describe, part=lambda p: PART_LABELS.get(p, p),
        concealed=lambda c: CONCEALED_LABELS.get(c, c), role=lambda r: ROLES.get(r, r),
        basis=lambda b: BASIS_LABELS.get(b or "", b or ""), state_class=lambda s: STATE_CLASSES.get(s, ""),
        size=lambda n: f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB",
        audit_details=audit_details,
    )
