"""The audit log: entries appended in the action's own transaction, each chained to the one before by SHA-256."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from datetime import datetime, timezone
from typing import Any, Iterator

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from .db.models import AuditEntry, User

GENESIS = "0" * 64
# One writer at a time in this process, held from the first record() until the transaction ends,
# so two requests never chain onto the same predecessor. (Several processes: _lock_database, in the database.)
_CHAIN_LOCK = threading.RLock()


def _fresh_lock_in_child() -> None:
    """A forked process (a Celery worker, say) starts with its own unheld lock, whatever threads held at fork."""
    global _CHAIN_LOCK
    _CHAIN_LOCK = threading.RLock()


os.register_at_fork(after_in_child=_fresh_lock_in_child)

ACTION_LABELS = {
    "upload": "上传", "scan": "扫描", "scan_failed": "扫描失败", "scan_retry": "重新扫描",
    "view": "查看草稿", "download": "下载草稿", "resolve": "处理发现", "decide": "公开属性决定",
    "signoff": "签发", "return": "退回修改", "release": "下载发布稿", "release_refused": "发布稿被拒",
    "release_built": "生成发布稿", "release_failed": "发布稿生成失败", "release_retry": "重新生成发布稿",
    "record": "下载审查单", "login": "登录", "login_failed": "登录失败", "logout": "退出",
    "user_create": "新建账户", "user_update": "修改账户", "password_reset": "重置密码",
    "password_change": "修改密码", "token_create": "创建令牌", "token_revoke": "撤销令牌",
}


def canonical(entry: dict[str, Any]) -> bytes:
    """The bytes an entry's hash is taken over: sorted keys, no spaces, UTF-8."""
    fields = ("seq", "ts", "actor", "action", "document_id", "version_sha256", "ip", "details", "prev_hash")
    return json.dumps({k: entry[k] for k in fields}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def entry_hash(entry: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def hold_chain(session: Session) -> None:
    """Take the writer lock for this session's transaction (done on its first flush; call it before raw writes)."""
    if session.info.get("audit_lock"):
        return
    if not _CHAIN_LOCK.acquire(timeout=60):
        raise RuntimeError("audit log busy: another transaction held it for 60 s")
    session.info["audit_lock"] = True


# Writers take the lock before the database's own write lock (on first flush), so the two are always
# taken in the same order and a scan thread never waits on a request that waits on it.
@event.listens_for(Session, "before_flush")
def _lock_on_flush(session: Session, _ctx, _instances) -> None:
    hold_chain(session)


@event.listens_for(Session, "after_transaction_end")
def _release_chain(session: Session, transaction) -> None:
    if transaction.parent is None and session.info.pop("audit_lock", False):
        _CHAIN_LOCK.release()


def _lock_database(session: Session) -> None:
    """Serialise writers across processes too, until this transaction ends, before reading the chain's head.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: a no-op UPDATE takes the database's write lock now
    (the driver begins the transaction at the first write), so the head read next is the one we chain onto.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    elif dialect == "sqlite":
        session.execute(text("UPDATE audit_log SET seq = seq WHERE 0"))


AUDIT_LOCK_KEY = 0x7265766965776572  # "reviewer": the advisory lock id of the audit chain on PostgreSQL


def record(session: Session, action: str, actor: User | str | None, *, document_id: int | None = None,
           version_sha256: str | None = None, ip: str | None = None,
           details: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry; it is committed (or rolled back) together with the caller's transaction."""
    hold_chain(session)
    _lock_database(session)
    last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
    data = {"seq": (last.seq + 1) if last else 1,
            "ts": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
            "actor": actor.name if isinstance(actor, User) else actor,
            "action": action, "document_id": document_id, "version_sha256": version_sha256,
            "ip": ip, "details": details or None, "prev_hash": last.hash if last else GENESIS}
    entry = AuditEntry(**data, hash=entry_hash(data))
    session.add(entry)
    session.flush()
    return entry


def as_dict(entry: AuditEntry) -> dict[str, Any]:
    return {"seq": entry.seq, "ts": entry.ts, "actor": entry.actor, "action": entry.action,
            "document_id": entry.document_id, "version_sha256": entry.version_sha256, "ip": entry.ip,
            "details": entry.details, "prev_hash": entry.prev_hash, "hash": entry.hash}


def entries(session: Session, batch: int = 1000) -> Iterator[AuditEntry]:
    after = 0
    while True:
        rows = session.execute(select(AuditEntry).where(AuditEntry.seq > after)
                               .order_by(AuditEntry.seq).limit(batch)).scalars().all()
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def verify(session: Session) -> tuple[bool, int | None]:
    """Walk the chain: (True, None) when intact, else (False, seq of the first entry that does not fit)."""
    prev, expected_seq = GENESIS, 1
    for entry in entries(session):
        data = as_dict(entry)
        if entry.seq != expected_seq or entry.prev_hash != prev or entry.hash != entry_hash(data):
            return False, entry.seq
        prev, expected_seq = entry.hash, entry.seq + 1
    return True, None
