"""Uploaded files kept under REVIEWER_STORAGE_DIR by content hash; the uploader's file name is never a path."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .crypto import seal_if_configured
from .errors import EmptyFileError, TooLargeError
from .parsers import EXTENSIONS, LEGACY_EXTENSIONS

CHUNK = 1 << 20
SAFE_EXTENSIONS = set(EXTENSIONS) | LEGACY_EXTENSIONS


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    extension: str   # ".docx", from a fixed list, or ".bin"
    path: Path


def display_name(raw: str | None, fallback: str = "未命名文件") -> str:
    """The uploaded name made safe to show: last path component, no control or odd characters, ≤ 120 chars."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in ("C",) and ch not in '<>:"|?*')
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:110] + "…." + ext) if dot and len(ext) <= 8 else name[:120]
    return name or fallback


def safe_extension(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    return ext if ext in SAFE_EXTENSIONS else ".bin"


def path_for(storage_dir: Path | str, sha256: str, extension: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256) or extension not in SAFE_EXTENSIONS | {".bin"}:
        raise ValueError("not a stored-file key")
    return Path(storage_dir) / sha256[:2] / f"{sha256}{extension}"


def store(stream: BinaryIO, storage_dir: Path | str, name: str, max_bytes: int) -> StoredFile:
    """Copy the upload to storage, hashing as it goes; refuse empty and over-large files by name."""
    root = Path(storage_dir)
    (root / "tmp").mkdir(parents=True, exist_ok=True)
    h, size = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(dir=root / "tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while block := stream.read(CHUNK):
                size += len(block)
                if size > max_bytes:
                    raise TooLargeError(f"“{name}”超过 {max_bytes / 1048576:g} MB 上限（REVIEWER_MAX_FILE_MB），"
                                        "未保存。请拆分后分别上传，或请管理员调高上限。")
                h.update(block)
                out.write(block)
        if size == 0:
            raise EmptyFileError(f"“{name}”是空文件（0 字节），未保存。请检查导出过程后重新上传完整文件。")
        ext = safe_extension(name)
        final = path_for(root, h.hexdigest(), ext)
        final.parent.mkdir(parents=True, exist_ok=True)
        seal_if_configured(tmp)  # REVIEWER_STORAGE_KEY set: encrypted at rest (crypto.py)
        os.replace(tmp, final)
        return StoredFile(h.hexdigest(), size, ext, final)
    finally:
        tmp.unlink(missing_ok=True)
