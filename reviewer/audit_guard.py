"""Database triggers that refuse UPDATE and DELETE (and TRUNCATE) on the audit log, on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

MESSAGE = "audit_log is append-only: 审计日志只能追加，不能修改或删除"
SQLITE_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")

_SQLITE_INSTALL = tuple(
    f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({op} refused)'); END"
    for op in ("UPDATE", "DELETE"))
_SQLITE_REMOVE = tuple(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS)

_PG_INSTALL = (
    "CREATE OR REPLACE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()",
)
_PG_REMOVE = (
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_refuse()",
)


def _statements(conn: Connection, install: bool) -> tuple[str, ...]:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    if dialect == "postgresql":
        return _PG_INSTALL if install else _PG_REMOVE
    return ()  # other databases: the hash chain still shows any change


def install(conn: Connection) -> bool:
    """Create the triggers (idempotent); False when this database has none we know how to make."""
    statements = _statements(conn, True)
    for sql in statements:
        conn.execute(text(sql))
    return bool(statements)


def remove(conn: Connection) -> None:
    """Drop the triggers (the migration's downgrade, and tests that tamper as a file holder could)."""
    for sql in _statements(conn, False):
        conn.execute(text(sql))


def installed(conn: Connection) -> bool:
    """Whether the triggers are in place."""
    if conn.dialect.name == "sqlite":
        names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                  "AND tbl_name = 'audit_log'")).scalars().all()
        return set(SQLITE_TRIGGERS) <= set(names)
    if conn.dialect.name == "postgresql":
        names = conn.execute(text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
                                  "AND NOT tgisinternal")).scalars().all()
        return {"audit_log_no_change", "audit_log_no_truncate"} <= set(names)
    return False
