"""Release copy of a .xlsx file (being written)."""
from __future__ import annotations

from pathlib import Path

from . import RedactionTarget, Redaction, ReleaseRefused


def redact(source: Path, targets: list[RedactionTarget], dest: Path) -> Redaction:
    raise ReleaseRefused(f"暂不能为“{source.name}”生成 .xlsx 发布稿（功能开发中）。请人工处理后发布。")


def leftovers(path: Path) -> list[str]:
    return []
