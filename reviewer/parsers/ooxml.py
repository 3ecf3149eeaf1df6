"""Safety checks for zip-based Office files (docx, xlsx): zip bombs, unpacked-size limits, encryption."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import CorruptFileError, ZipBombError
from ..limits import Limits


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a package whose members would unpack past the limits, before any library opens it."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptFileError(
            f"“{path.name}”已损坏或不完整（ZIP 结构无法读取：{exc}）。请从原始软件重新保存后提交。") from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * 1024 * 1024 and ratio > limits.max_compression_ratio:
            raise ZipBombError(
                f"“{path.name}”中的部件 {info.filename} 压缩比异常（{ratio:.0f}:1，上限 "
                f"{limits.max_compression_ratio:g}:1），疑似“压缩炸弹”，已拒绝处理。请从原始软件重新保存后提交。")
        if total > limits.max_unpacked_bytes:
            raise ZipBombError(
                f"“{path.name}”解压后超过 {limits.max_unpacked_mb:g} MB 上限（REVIEWER_MAX_UNPACKED_MB），"
                "疑似“压缩炸弹”或文件过大，已拒绝处理。请拆分后提交。")
