"""`reviewer redact FILE -o OUT`: scan a file and write its verified release copy, saying what was removed."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import ExitCode
from ..findings import SEVERITY_RANK

# finding types that are parts, not values: the release copy drops them whole whatever is chosen
STRUCTURAL = {"HIDDEN_CONTENT", "DOCUMENT_METADATA"}
MARKINGS = {"SECRECY_MARKING", "RESTRICTED_MARKING"}


class ResolutionsError(click.UsageError):
    pass


def targets_from_findings(findings: list[dict], resolutions: object | None):
    """The findings to remove: severity high or above by default, or those a resolutions file lists."""
    from ..release import RedactionTarget

    def target(f: dict) -> RedactionTarget:
        return RedactionTarget(f["text"], f["type"], f.get("location") or {}, f.get("start"), f.get("end"))

    if resolutions is None:
        return [target(f) for f in findings if f["type"] not in STRUCTURAL
                and SEVERITY_RANK.get(f["severity"], 0) >= SEVERITY_RANK["high"]]
    if isinstance(resolutions, dict):
        if "findings" in resolutions:     # a report record with a resolution written against each finding
            resolutions = [f for f in resolutions["findings"]
                           if (f.get("resolution") or f.get("action")) == "redact"]
        else:
            resolutions = resolutions.get("redact", [])
    if not isinstance(resolutions, list):
        raise ResolutionsError("处理意见文件格式不对：应为列表，见 docs/readme/release.md。")
    out = []
    for item in resolutions:
        if isinstance(item, bool) or not isinstance(item, (int, dict)):
            raise ResolutionsError(f"处理意见文件中的“{item}”无法识别：每项应为发现序号（整数）或 {{\"text\": …}}。")
        if isinstance(item, dict) and item.get("action", "redact") != "redact":
            continue
        index = item if isinstance(item, int) else item.get("index")
        if index is not None:
            if not isinstance(index, int) or not 0 <= index < len(findings):
                raise ResolutionsError(f"处理意见文件中的序号 {index} 超出范围（本文件共 {len(findings)} 项发现，序号从 0 开始）。")
            f = findings[index]
        elif item.get("text"):
            f = {"text": str(item["text"]), "type": str(item.get("type", "CUSTOM")), "location": item.get("location")}
        else:
            raise ResolutionsError("处理意见文件中有一项既没有 index 也没有 text。")
        if f["type"] not in STRUCTURAL:
            out.append(target(f))
    return out


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--output", "-o", "out", required=True, type=click.Path(dir_okay=False), help="发布稿写到这里。")
@click.option("--resolutions", type=click.Path(exists=True, dir_okay=False),
              help="处理意见 JSON：只删除其中列出的发现（格式见 docs/readme/release.md）。")
def redact(file: str, out: str, resolutions: str | None) -> None:
    """生成发布稿：删除高风险发现（或处理意见中列出的发现）及批注、修订、隐藏内容、文档属性，并复核。"""
    from ..pipeline import scan_file
    from ..release import ReleaseRefused, make_release_copy

    src, dest = Path(file), Path(out)
    plan = None
    if resolutions:
        try:
            plan = json.loads(Path(resolutions).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise click.UsageError(f"无法读取处理意见文件“{resolutions}”（{exc}）。请确认它是 UTF-8 编码的 JSON。")
    report = scan_file(src)
    if report.status != "ok":
        click.echo(f"错误：{report.error['message']}", err=True)
        sys.exit(ExitCode.UNREADABLE)
    if dest.suffix.lower().lstrip(".") != report.format:
        raise click.UsageError(f"输出文件应与原文件同一格式（.{report.format}），而不是“{dest.name}”。")
    findings = [f.to_dict() for f in report.findings]
    if plan is None:
        markings = [f for f in findings if f["type"] in MARKINGS]
        if markings:
            shown = "、".join(sorted({f["text"] for f in markings}))
            click.echo(f"“{src.name}”含有密级或内部标志（{shown}），只能“不予公开”，不生成发布稿。"
                       "如该标志已解密或并非标志，请在处理意见文件中写明要删除的发现，用 --resolutions 重新运行。",
                       err=True)
            sys.exit(ExitCode.BLOCKED)
    targets = targets_from_findings(findings, plan)
    try:
        result = make_release_copy(src, report.format, targets, dest)
    except ReleaseRefused as exc:
        click.echo(f"错误：{exc.message}", err=True)
        sys.exit(ExitCode.BLOCKED)
    for line in result.removed:
        click.echo(line)
    if not result.removed:
        click.echo("没有需要删除的内容。")
    kept = len([f for f in findings if f["type"] not in STRUCTURAL]) - len(targets)
    if kept > 0:
        click.echo(f"保留 {kept} 项中低风险发现（未删除），请人工确认是否需要删除；需要时用 --resolutions 列出。"
                   if plan is None else f"按处理意见保留 {kept} 项发现。")
    click.echo(f"发布稿已写入“{dest}”，已复核：原值与隐藏内容均已不在文件中。")
