"""Optional encryption of stored drafts at rest: AES-256-GCM in 1 MiB chunks, key from REVIEWER_STORAGE_KEY.

File layout: MAGIC (6) | key id (8) | nonce prefix (8) | chunks, each ciphertext+tag (16) of ≤ CHUNK bytes.
Chunk i is sealed with nonce = prefix + i (4 bytes) and associated data = key id + i + last-flag, so chunks
cannot be reordered, dropped or truncated without the tag check failing.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import struct
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import ReviewerError

MAGIC = b"RVENC1"
CHUNK = 1 << 20
TAG = 16
HEADER = len(MAGIC) + 8 + 8
ENV = "REVIEWER_STORAGE_KEY"
OLD_ENV = "REVIEWER_STORAGE_KEY_OLD"


class StorageKeyError(ReviewerError):
    code = "storage_key"
    exit_code = 1
    message = "存储加密密钥无效或不匹配。"


def new_key() -> str:
    """A fresh key as REVIEWER_STORAGE_KEY expects it (URL-safe base64 of 32 random bytes)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def parse_key(raw: str | None) -> bytes | None:
    """32 bytes from base64 (urlsafe or standard) or 64 hex digits; None when unset."""
    if raw is None or not raw.strip():
        return None
    raw = raw.strip()
    for decode in (lambda r: bytes.fromhex(r), lambda r: base64.urlsafe_b64decode(r + "=" * (-len(r) % 4)),
                   lambda r: base64.b64decode(r + "=" * (-len(r) % 4))):
        try:
            key = decode(raw)
        except (ValueError, binascii.Error):
            continue
        if len(key) == 32:
            return key
    raise StorageKeyError(f"{ENV} 不是 32 字节的密钥。请用 `reviewer storage new-key` 生成一个，"
                          "写入环境变量后重启服务。")


def key_from_env(name: str = ENV) -> bytes | None:
    return parse_key(os.environ.get(name))


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"reviewer-storage-key:" + key).digest()[:8]


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def _aead(key: bytes):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    return AESGCM(key)


def _aad(kid: bytes, index: int, last: bool) -> bytes:
    return kid + struct.pack(">IB", index, last)


def encrypt_stream(src: BinaryIO, dst: BinaryIO, key: bytes) -> None:
    aead, kid, prefix = _aead(key), key_id(key), secrets.token_bytes(8)
    dst.write(MAGIC + kid + prefix)
    index, block = 0, src.read(CHUNK)
    while True:
        following = src.read(CHUNK)
        last = not following
        dst.write(aead.encrypt(prefix + struct.pack(">I", index), block, _aad(kid, index, last)))
        if last:
            return
        index, block = index + 1, following


def decrypt_chunks(src: BinaryIO, key: bytes, name: str = "文件") -> Iterator[bytes]:
    """The plaintext, chunk by chunk; StorageKeyError on a wrong key or any change to the file."""
    from cryptography.exceptions import InvalidTag
    head = src.read(HEADER)
    if len(head) < HEADER or head[:len(MAGIC)] != MAGIC:
        raise StorageKeyError(f"{name} 不是本系统加密的文件或已损坏。")
    kid, prefix = head[len(MAGIC):len(MAGIC) + 8], head[len(MAGIC) + 8:]
    if kid != key_id(key):
        raise StorageKeyError(f"{name} 是用另一把密钥加密的。请设置正确的 {ENV}；更换密钥后请运行 "
                              "reviewer storage rotate-key。")
    aead, index, block = _aead(key), 0, src.read(CHUNK + TAG)
    while True:
        following = src.read(CHUNK + TAG)
        last = not following
        try:
            yield aead.decrypt(prefix + struct.pack(">I", index), block, _aad(kid, index, last))
        except InvalidTag:
            raise StorageKeyError(f"{name} 的加密校验失败：文件被截断或改动过。请从备份恢复。") from None
        if last:
            return
        index, block = index + 1, following


def encrypt_file(path: Path, key: bytes) -> None:
    """Replace a plaintext file by its encrypted form (atomically)."""
    tmp = path.with_name(path.name + ".enc-tmp")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        encrypt_stream(src, dst, key)
    os.replace(tmp, path)


def decrypt_to(path: Path, dest: Path, key: bytes) -> None:
    with open(path, "rb") as src, open(dest, "wb") as out:
        for chunk in decrypt_chunks(src, key, path.name):
            out.write(chunk)


def rotate_file(path: Path, old: bytes | None, new: bytes | None) -> bool:
    """Re-encrypt one stored file from `old` to `new` (either may be None: plaintext); True when it changed."""
    tmp = path.with_name(path.name + ".rot-tmp")
    encrypted = is_encrypted(path)
    if encrypted and new is not None and old is not None and _kid_of(path) == key_id(new):
        return False     # already under the new key (a rotation that was interrupted and run again)
    if not encrypted and new is None:
        return False
    try:
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            if encrypted:
                if old is None:
                    raise StorageKeyError(f"{path.name} 已加密，但没有提供旧密钥（{OLD_ENV}）。")
                plain = _Chunks(decrypt_chunks(src, old, path.name))
            else:
                plain = src
            if new is None:
                for block in iter(lambda: plain.read(CHUNK), b""):
                    dst.write(block)
            else:
                encrypt_stream(plain, dst, new)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def _kid_of(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(HEADER)[len(MAGIC):len(MAGIC) + 8]


class _Chunks:
    """A file-like read() over an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks, self._buf = chunks, b""

    def read(self, n: int = -1) -> bytes:
        while n < 0 or len(self._buf) < n:
            try:
                self._buf += next(self._chunks)
            except StopIteration:
                break
        if n < 0:
            out, self._buf = self._buf, b""
        else:
            out, self._buf = self._buf[:n], self._buf[n:]
        return out


# ------------------------------------------------------------------ the hooks storage and readers use
def seal_if_configured(path: Path) -> None:
    """Encrypt a freshly stored file when REVIEWER_STORAGE_KEY is set (called before it is moved into place)."""
    key = key_from_env()
    if key is not None:
        encrypt_file(path, key)


class plain_path:
    """`with plain_path(stored) as p:` a plaintext path for parsers; a private temporary copy when encrypted."""

    def __init__(self, path: Path) -> None:
        self.path, self.tmp = Path(path), None

    def __enter__(self) -> Path:
        if not self.path.exists() or not is_encrypted(self.path):
            return self.path
        key = key_from_env()
        if key is None:
            raise StorageKeyError(f"{self.path.name} 已加密存储，但没有设置 {ENV}。请设置密钥后重启服务。")
        import tempfile
        fd, name = tempfile.mkstemp(dir=self.path.parent.parent / "tmp", suffix=self.path.suffix)
        os.close(fd)
        self.tmp = Path(name)
        decrypt_to(self.path, self.tmp, key)
        return self.tmp

    def __exit__(self, *_exc) -> None:
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)


def open_plain(path: Path) -> BinaryIO:
    """A readable file object of the plaintext (for downloads); an encrypted file is decrypted into an unlinked
    temporary file, so no plaintext copy stays on disk under a name."""
    path = Path(path)
    if not is_encrypted(path):
        return open(path, "rb")
    import tempfile
    key = key_from_env()
    if key is None:
        raise StorageKeyError(f"{path.name} 已加密存储，但没有设置 {ENV}。请设置密钥后重启服务。")
    out = tempfile.TemporaryFile(dir=path.parent.parent / "tmp")
    with open(path, "rb") as src:
        for chunk in decrypt_chunks(src, key, path.name):
            out.write(chunk)
    out.seek(0)
    return out
