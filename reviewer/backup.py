"""Backup and restore: a consistent database snapshot plus the stored files, with a manifest of SHA-256s."""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from .check import stored_files
from .errors import ReviewerError

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"


class BackupError(ReviewerError):
    code = "backup"
    exit_code = 1
    message = "备份或恢复失败。"


@dataclass
class RestoreResult:
    files: int
    audit_entries: int
    audit_ok: bool
    broken_seq: int | None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    return Path(u.database) if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:") else None


def _snapshot_db(url: str, out: Path) -> str:
    """Copy the database to `out` while it may be in use; returns the archive member name."""
    src = _sqlite_path(url)
    if src is not None:
        if not src.exists():
            raise BackupError(f"数据库文件 {src} 不存在。请检查 REVIEWER_DATABASE_URL。")
        with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as source, sqlite3.connect(out) as target:
            source.backup(target)   # SQLite's online backup API: a consistent copy even while the server writes
        return SQLITE_MEMBER
    if make_url(url).get_backend_name() == "postgresql":
        plain, env = _libpq(url)
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={out}", plain], "pg_dump", env)
        return PG_MEMBER
    raise BackupError(f"不支持备份该数据库类型：{make_url(url).get_backend_name()}。")


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password (which goes in PGPASSWORD, never on a command line others can see)."""
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    return u.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def _run(cmd: list[str], tool: str, env: dict[str, str] | None = None) -> None:
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=3600, env=env)
    except FileNotFoundError:
        raise BackupError(f"找不到 {tool}。请安装 PostgreSQL 客户端工具后重试。") from None
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{tool} 失败：{exc.stderr.decode(errors='replace')[-500:]}") from None


def _versions_in(db_file: Path, member: str, url: str) -> list[tuple[str, str]]:
    """(sha256, extension) of every version in the snapshot (so the files copied match the rows copied)."""
    if member == SQLITE_MEMBER:   # versions whose original the retention policy deleted have no file to copy
        with sqlite3.connect(db_file) as conn:
            return [(sha, ext) for sha, ext, notes in conn.execute("SELECT sha256, extension, notes FROM versions")
                    if '"retention:' not in (notes or "")]
    from .db import make_engine
    from .db.models import Version
    with make_engine(url).connect() as conn:   # PostgreSQL: files only grow, so live rows ⊇ dumped rows
        return list(conn.execute(select(Version.sha256, Version.extension)))


def _audit_head(db_file: Path, member: str) -> dict | None:
    if member != SQLITE_MEMBER:
        return None
    with sqlite3.connect(db_file) as conn:
        row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return {"seq": row[0], "hash": row[1]} if row else None


def backup(settings: dict, out: Path) -> dict:
    """Write OUT.tar.gz: manifest.json, the database snapshot and files/<aa>/<sha256><ext>; returns the manifest."""
    storage = Path(settings["STORAGE_DIR"])
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "db"
        member = _snapshot_db(settings["DATABASE_URL"], db_file)
        on_disk = stored_files(storage)
        files, missing = {}, []
        for sha, ext in _versions_in(db_file, member, settings["DATABASE_URL"]):
            path = on_disk.get(sha + ext)
            if path is None:
                missing.append(sha + ext)
                continue
            files[f"files/{sha[:2]}/{sha}{ext}"] = (path, _sha256(path))
        head = _audit_head(db_file, member)
        sealed = _seal_database(db_file)
        manifest = {"format": FORMAT, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "database": {"member": member, "sha256": _sha256(db_file), "encrypted": sealed},
                    "audit_head": head,
                    "files": {name: digest for name, (_p, digest) in sorted(files.items())},
                    "missing_files": sorted(missing)}
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, member, recursive=False)
            for name, (path, _digest) in sorted(files.items()):
                tar.add(path, name, recursive=False)
        os.chmod(partial, 0o600)
        os.replace(partial, out)
    return manifest


def _seal_database(db_file: Path) -> bool:
    """With REVIEWER_STORAGE_KEY set, the database copy (it holds the drafts' text) is encrypted like the files."""
    from .crypto import encrypt_file, key_from_env
    key = key_from_env()
    if key is None:
        return False
    encrypt_file(db_file, key)
    return True


def _unseal_database(staged: Path, manifest: dict) -> None:
    from .crypto import ENV, StorageKeyError, decrypt_to, key_from_env
    if not manifest["database"].get("encrypted"):
        return
    key = key_from_env()
    if key is None:
        raise BackupError(f"该备份的数据库已加密：请设置备份时使用的 {ENV} 后再恢复。")
    plain = staged.with_name(staged.name + ".plain")
    try:
        decrypt_to(staged, plain, key)
    except StorageKeyError as exc:
        raise BackupError(exc.message) from None
    os.replace(plain, staged)


def _is_empty(settings: dict) -> bool:
    from .db import make_engine
    from .db.models import AuditEntry, Document, User
    if stored_files(Path(settings["STORAGE_DIR"])):
        return False
    db = _sqlite_path(settings["DATABASE_URL"])
    if db is not None and not db.exists():
        return True
    engine = make_engine(settings["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            for model in (User, Document, AuditEntry):
                try:
                    if conn.execute(select(func.count()).select_from(model)).scalar_one():
                        return False
                except Exception:   # no tables yet: empty
                    return True
    finally:
        engine.dispose()
    return True


def _read_verified(tar: tarfile.TarFile, dest: Path) -> dict:
    """Extract only the members the manifest names, each checked against its SHA-256; never a path from the archive."""
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError, AttributeError):
        raise BackupError("备份文件中没有可读的 manifest.json：这不是本系统的备份，或备份已损坏。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式版本 {manifest.get('format')!r}。请用生成该备份的程序版本恢复。")
    wanted = {manifest["database"]["member"]: manifest["database"]["sha256"], **manifest["files"]}
    for name, digest in wanted.items():
        if name not in (SQLITE_MEMBER, PG_MEMBER) and not _safe_member(name):
            raise BackupError(f"备份清单含有不安全的路径“{name}”，已拒绝恢复。")
        try:
            member = tar.getmember(name)
            fh = tar.extractfile(member) if member.isfile() else None
        except KeyError:
            fh = None
        if fh is None:
            raise BackupError(f"备份中缺少“{name}”：备份不完整，请换一份备份。")
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha256()
        with open(target, "wb") as out:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
                out.write(block)
        if h.hexdigest() != digest:
            raise BackupError(f"备份中的“{name}”与清单记录的 SHA-256 不符：备份已损坏或被改动，已停止恢复。")
    return manifest


def _safe_member(name: str) -> bool:
    parts = name.split("/")
    return (len(parts) == 3 and parts[0] == "files" and len(parts[1]) == 2
            and parts[2][:64].isalnum() and parts[2][:2] == parts[1] and ".." not in name)


def restore(settings: dict, archive: Path, *, force: bool = False) -> RestoreResult:
    """Restore into an empty instance (or over one with force=True); verifies hashes, then the audit chain."""
    if not archive.is_file():
        raise BackupError(f"找不到备份文件 {archive}。")
    if not force and not _is_empty(settings):
        raise BackupError("目标实例已有数据（账户、文件或审计记录）。为免覆盖，已拒绝恢复；"
                          "确认要用备份替换现有数据时，请加 --force。")
    storage = Path(settings["STORAGE_DIR"])
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        staged = Path(tmp)
        try:
            manifest = _read_verified(tar, staged)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"备份文件无法读取（{type(exc).__name__}）：可能已截断或损坏。") from None
        member = manifest["database"]["member"]
        _unseal_database(staged / member, manifest)
        _install_db(settings["DATABASE_URL"], staged / member, member)
        if force and storage.exists():
            for path in stored_files(storage).values():
                path.unlink()
        for name in manifest["files"]:
            target = storage / name.split("/", 1)[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(staged / name), target)
    return verify_restored(settings, manifest)


def _install_db(url: str, staged: Path, member: str) -> None:
    dest = _sqlite_path(url)
    if member == SQLITE_MEMBER:
        if dest is None:
            raise BackupError("这是 SQLite 备份，但 REVIEWER_DATABASE_URL 指向另一种数据库。")
        dest.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(dest) + suffix).unlink(missing_ok=True)
        tmp = dest.with_name(dest.name + ".restoring")
        shutil.copyfile(staged, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
        return
    plain, env = _libpq(url)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", f"--dbname={plain}",
          str(staged)], "pg_restore", env)


def verify_restored(settings: dict, manifest: dict) -> RestoreResult:
    """After a restore: every stored file has its manifest hash and the audit chain is intact up to the backed-up head."""
    from . import audit
    from .db import make_engine, make_session_factory
    storage = Path(settings["STORAGE_DIR"])
    for name, digest in manifest["files"].items():
        path = storage / name.split("/", 1)[1]
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"恢复后的文件 {path.name} 校验失败。请重新恢复或换一份备份。")
    engine = make_engine(settings["DATABASE_URL"])
    try:
        with make_session_factory(engine)() as session:
            ok, broken = audit.verify(session)
            n = session.execute(select(func.count()).select_from(audit.AuditEntry)).scalar_one()
            head = manifest.get("audit_head")
            if head and ok:
                row = session.get(audit.AuditEntry, head["seq"])
                if row is None or row.hash != head["hash"]:
                    ok, broken = False, head["seq"]
    finally:
        engine.dispose()
    return RestoreResult(len(manifest["files"]), n, ok, broken)
