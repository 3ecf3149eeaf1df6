"""Database engine and sessions: one engine per URL, sessions handed to the domain functions."""
from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .models import Base

__all__ = ["Base", "make_engine", "make_session_factory", "create_schema"]


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets foreign keys, a busy timeout and WAL so the scan threads can write."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            from pathlib import Path
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()
        return engine
    return create_engine(url, **pool_options())


def pool_options(env: dict[str, str] | None = None) -> dict[str, object]:
    """Connection pool of a server database, per process (docs/readme/deployment.md): REVIEWER_DB_POOL_*."""
    import os
    env = os.environ if env is None else env
    return {"pool_pre_ping": True,
            "pool_size": int(env.get("REVIEWER_DB_POOL_SIZE") or 5),
            "max_overflow": int(env.get("REVIEWER_DB_MAX_OVERFLOW") or 10),
            "pool_timeout": float(env.get("REVIEWER_DB_POOL_TIMEOUT") or 30),
            "pool_recycle": int(env.get("REVIEWER_DB_POOL_RECYCLE") or 1800)}


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def create_schema(engine: Engine) -> None:
    """Create every table directly (tests); real databases use `reviewer db upgrade`."""
    Base.metadata.create_all(engine)
