"""Report writers for `reviewer scan`: jsonl, json, csv, table and html, all from SPEC report records."""
from __future__ import annotations

import csv
import io
import json
from typing import Callable, Iterable, TextIO

from ..findings import SEVERITY_LABELS, label
from ..report_spool import materialize, write_record

VERDICT_LABELS = {"block": "阻断", "review": "需审查", "clear": "未发现问题", None: "无法读取"}


def write_jsonl(records: Iterable[dict], out: TextIO) -> None:
    """One line per record; spooled findings are copied from their file, never all in memory."""
    for rec in records:
        write_record(rec, out)
        out.write("\n")
        out.flush()


def write_json(records: Iterable[dict], out: TextIO) -> None:
    """json.dump(list(records), indent=2), written record by record (and finding by finding)."""
    sep = "[\n  "
    for rec in records:
        out.write(sep)
        write_record(rec, out, indent=2, prefix="  ")
        sep = ",\n  "
    out.write("[]\n" if sep.startswith("[") else "\n]\n")


CSV_COLUMNS = ["path", "sha256", "format", "status", "error_code", "verdict", "type", "severity",
               "text", "part", "page", "paragraph", "sheet", "cell", "detail", "context", "explanation"]


def write_csv(records: Iterable[dict], out: TextIO) -> None:
    """One row per finding (a document without findings still gets one row)."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for rec in records:
        base = [rec["path"], rec["sha256"], rec["format"], rec["status"],
                (rec["error"] or {}).get("code"), rec["verdict"]]
        if not rec["findings"]:
            w.writerow(base + [""] * (len(CSV_COLUMNS) - len(base)))
        for f in rec["findings"]:
            loc = f["location"]
            w.writerow(base + [f["type"], f["severity"], f["text"], loc["part"], loc["page"],
                               loc["paragraph"], loc["sheet"], loc["cell"], f["detail"],
                               f["context"], f["explanation"]])


def write_table(records: Iterable[dict], out: TextIO) -> None:
    """For people: one block per document, then a summary."""
    counts = {"clear": 0, "review": 0, "block": 0, None: 0}
    for rec in records:
        counts[rec["verdict"]] = counts.get(rec["verdict"], 0) + 1
        out.write(f"{VERDICT_LABELS.get(rec['verdict'])}\t{rec['path']}\n")
        if rec["status"] != "ok":
            out.write(f"    错误 [{rec['error']['code']}] {rec['error']['message']}\n")
            continue
        shown = 0   # findings above info: the first 50 listed, the rest counted (streamed, not collected)
        for f in rec["findings"]:
            if f["severity"] == "info":
                continue
            shown += 1
            if shown <= 50:
                where = _where(f["location"])
                out.write(f"    [{SEVERITY_LABELS[f['severity']]}] {label(f['type'])}"
                          f"{'（' + f['detail'] + '）' if f.get('detail') else ''}: {f['text']}  @ {where}\n")
        if shown > 50:
            out.write(f"    …另有 {shown - 50} 项\n")
        for note in rec.get("notes") or []:
            out.write(f"    注：{note}\n")
    total = sum(counts.values())
    out.write(f"\n共 {total} 个文件：阻断 {counts['block']}，需审查 {counts['review']}，"
              f"未发现问题 {counts['clear']}，无法读取 {counts[None]}\n")


def _where(loc: dict) -> str:
    bits = [loc["part"]]
    if loc.get("page"):
        bits.append(f"第{loc['page']}页")
    if loc.get("sheet"):
        bits.append(f"工作表“{loc['sheet']}”")
    if loc.get("cell"):
        bits.append(str(loc["cell"]))
    if loc.get("paragraph") is not None and not loc.get("cell"):
        bits.append(f"第{loc['paragraph'] + 1}段")
    return " ".join(bits)


def write_html(records: Iterable[dict], out: TextIO) -> None:
    from .html import render
    out.write(render([materialize(rec) for rec in records]))


WRITERS: dict[str, Callable[[Iterable[dict], TextIO], None]] = {
    "jsonl": write_jsonl, "json": write_json, "csv": write_csv, "table": write_table, "html": write_html,
}
