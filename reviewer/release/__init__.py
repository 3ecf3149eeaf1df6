"""Release copies: every redacted value removed from the file itself, concealed parts dropped, then checked."""
from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ReviewerError

if TYPE_CHECKING:
    from ..limits import Limits
    from ..pipeline import Scanner

FORMATS = ("txt", "docx", "pdf", "xlsx")
STRUCTURAL_TYPES = {"HIDDEN_CONTENT", "DOCUMENT_METADATA"}
log = logging.getLogger(__name__)


@dataclass
class RedactionTarget:
    """One value to remove: a finding resolved `redact`."""

    text: str          # the finding's value as reported
    type: str          # finding type, e.g. CN_RESIDENT_ID
    location: dict     # the finding's SPEC location dict
    start: int | None = None
    end: int | None = None


@dataclass
class ReleaseResult:
    """The verified release copy and what went out of it."""

    path: Path
    removed: list[str]        # each value removed (masked) and each concealed part dropped
    format: str


class ReleaseRefused(ReviewerError):
    code = "release_refused"
    message = "发布稿未通过复核，已删除。请人工处理原文件后重新生成。"


@dataclass
class Redaction:
    """What a format module did: lines for the user, by value and by concealed part."""

    values: dict[str, int] = field(default_factory=dict)     # target text → occurrences blanked
    dropped: list[str] = field(default_factory=list)          # concealed parts removed (Chinese)

    def count(self, text: str, n: int = 1) -> None:
        self.values[text] = self.values.get(text, 0) + n


def _module(fmt: str):
    import importlib
    return importlib.import_module(f"{__name__}.{fmt}")


def make_release_copy(source: Path, fmt: str, targets: list[RedactionTarget], dest: Path, *,
                      scanner: "Scanner | None" = None, limits: "Limits | None" = None) -> ReleaseResult:
    """Write the release copy of `source` to `dest`, verify it, and say what was removed.

    `limits` bound the check's re-reading scan (default: Limits.from_env().for_release_check()).

    Raises ReleaseRefused (and leaves nothing at `dest`) when a target value or a concealed
    part can still be found in the copy.
    """
    from .match import mask_value, normalise
    from .verify import verify_copy

    source, dest = Path(source), Path(dest)
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ReleaseRefused(f"不能为“{source.name}”生成发布稿：不支持 {fmt} 格式。"
                             "请另存为 .docx、.pdf、.xlsx 或 .txt 后重新提交。")
    if not source.is_file():
        raise ReleaseRefused(f"找不到原文件“{source}”，无法生成发布稿。请确认该版本的文件仍在存储目录中。")
    if source.resolve() == dest.resolve():
        raise ReleaseRefused(f"发布稿不能覆盖原文件“{source.name}”。请指定另一个输出文件名。")
    # concealed parts and properties go whole whatever is chosen; their finding text (a comment's
    # first words, an embedded file's name) is not a value to search the visible text for
    values = [t for t in targets if t.type not in STRUCTURAL_TYPES]
    work = dest.with_name(f".{dest.stem}.{uuid.uuid4().hex[:8]}.unverified.{fmt}")   # two downloads at once never share it
    try:
        try:
            done = _module(fmt).redact(source, values, work)
            problems = verify_copy(work, fmt, values, scanner, limits)
        except ReleaseRefused:
            raise
        except ReviewerError as exc:      # a corrupt part, a limit: the caller expects ReleaseRefused only
            raise ReleaseRefused(f"无法为“{source.name}”生成发布稿：{exc.message}") from exc
        except OSError as exc:
            raise ReleaseRefused(f"无法写入发布稿“{dest}”（{exc.strerror or exc}）。"
                                 "请检查文件夹是否存在、是否有写入权限。") from exc
        except Exception as exc:   # a library failing on an unusual file: no copy rather than a crash
            log.exception("release copy of %s failed", source)
            raise ReleaseRefused(f"为“{source.name}”生成发布稿时出错（{type(exc).__name__}），未生成文件。"
                                 "请用原软件打开该文件另存一份后重新提交；仍失败请联系管理员。") from exc
        if problems:
            problems = list(dict.fromkeys(problems))
            shown = "；".join(problems[:12]) + (f"；等共 {len(problems)} 项" if len(problems) > 12 else "")
            raise ReleaseRefused(
                f"“{source.name}”的发布稿未通过复核，已删除，未生成文件。仍能找到：{shown}。"
                "请在原软件中手工删除这些内容（或另存为新文件）后重新审查，或联系管理员。")
        os.replace(work, dest)
    finally:
        if work.exists():
            work.unlink()
    removed = []
    for t in {t.text: t for t in values}.values():
        if len(normalise(t.text)) < 2:
            removed.append(f"未处理：“{mask_value(t.text)}”太短，无法可靠地定位，请人工核对")
    types: dict[str, str] = {}
    for t in values:
        types.setdefault(t.text, t.type)      # the first finding's type labels the value
    for text, n in done.values.items():
        label = _label(types, text)
        removed.append(f"已删除 {label}：{mask_value(text)}" + (f"（{n} 处）" if n > 1 else ""))
    for t in {t.text: t for t in values}.values():
        if t.text not in done.values and len(normalise(t.text)) >= 2:
            removed.append(f"未在正文中出现（已随隐藏内容一并删除或原本不存在）：{mask_value(t.text)}")
    removed.extend(done.dropped)
    return ReleaseResult(dest, removed, fmt)


def _label(types: dict[str, str], text: str) -> str:
    from ..findings import label
    return label(types[text]) if text in types else "内容"


__all__ = ["RedactionTarget", "ReleaseResult", "ReleaseRefused", "make_release_copy", "FORMATS"]
