"""Words for people: dates as 2026年11月27日 14:05 (Beijing time, UTC+8, whatever the server's zone) and locations as 正文第3段, 工作表“名单” B7."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")  # what the office's clocks say; the statistics count by it too


def to_beijing(dt: datetime) -> datetime:
    """A stored timestamp (naive means UTC, as SQLite returns them) in Beijing time."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(BEIJING)


def chinese_datetime(dt: datetime | None) -> str:
    if dt is None:
        return ""
    d = to_beijing(dt)
    return f"{d.year}年{d.month}月{d.day}日 {d.hour:02d}:{d.minute:02d}"


def chinese_date(dt: datetime | None) -> str:
    if dt is None:
        return ""
    d = to_beijing(dt)
    return f"{d.year}年{d.month}月{d.day}日"

PART_LABELS = {
    "body": "正文", "table": "表格", "header": "页眉", "footer": "页脚", "footnote": "脚注/尾注",
    "comment": "批注", "tracked_change": "修订痕迹", "hidden_text": "隐藏文字", "metadata": "文档属性",
    "sheet": "工作表", "hidden_sheet": "隐藏工作表", "hidden_row": "隐藏行", "hidden_column": "隐藏列",
    "covered_text": "被遮盖的文字", "annotation": "PDF 注释",
}
CONCEALED_PARTS = {"comment", "tracked_change", "hidden_text", "metadata", "hidden_sheet", "hidden_row",
                   "hidden_column", "covered_text", "annotation"}


SHEET_ROW_PARTS = ("sheet", "hidden_sheet", "hidden_row", "hidden_column")  # paragraph = the spreadsheet's row number


def describe(loc: dict | None) -> str:
    loc = loc or {}
    part = loc.get("part") or "body"
    bits = [PART_LABELS.get(part, part)]
    if loc.get("page"):
        bits.insert(0, f"第{loc['page']}页")
    if loc.get("sheet"):
        bits.append(f"“{loc['sheet']}”")
    if loc.get("cell"):
        bits.append(str(loc["cell"]))
    elif loc.get("paragraph") is not None and part in SHEET_ROW_PARTS:
        bits.append(f"第{int(loc['paragraph'])}行")  # a worksheet row keeps its own (1-based) number, as beside A14
    elif loc.get("paragraph") is not None and part not in ("metadata",):
        bits.append(f"第{int(loc['paragraph']) + 1}段")
    if loc.get("field"):
        bits.append(f"（{loc['field']}）")
    if loc.get("author"):
        bits.append(f"（作者：{loc['author']}）")
    return " ".join(bits)
