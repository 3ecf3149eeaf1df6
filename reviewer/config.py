"""Settings of the web app and the workflow, read from REVIEWER_* environment variables and declared as data."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


@dataclass(frozen=True)
class Setting:
    """One configurable value: its environment variable, default and what it is for."""

    name: str           # key in the Flask config / settings dict
    env: str            # environment variable
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _bool(raw: str) -> bool:
    return raw.strip().lower() in ("1", "true", "yes", "on")


SETTINGS: tuple[Setting, ...] = (
    Setting("INSTANCE_DIR", "REVIEWER_INSTANCE_DIR", "instance",
            "folder for the default database, stored files and the generated secret key"),
    Setting("DATABASE_URL", "REVIEWER_DATABASE_URL", None,
            "SQLAlchemy URL; default sqlite under the instance folder; postgresql+psycopg://… works too"),
    Setting("STORAGE_DIR", "REVIEWER_STORAGE_DIR", None,
            "where uploaded files are kept, named by their SHA-256; default <instance>/files"),
    Setting("SECRET_KEY", "REVIEWER_SECRET_KEY", None,
            "signs session cookies and CSRF tokens; generated once and kept in <instance>/secret_key when unset"),
    Setting("SESSION_COOKIE_SECURE", "REVIEWER_COOKIE_SECURE", False,
            "send the session cookie over HTTPS only (set to 1 behind TLS)", _bool),
    Setting("SESSION_HOURS", "REVIEWER_SESSION_HOURS", 8.0,
            "a login expires after this many hours", float),
    Setting("MAX_UPLOAD_MB", "REVIEWER_MAX_UPLOAD_MB", 500.0,
            "largest request body (all files of one upload together); each file also obeys REVIEWER_MAX_FILE_MB",
            float),
    Setting("SCAN_WORKERS", "REVIEWER_SCAN_WORKERS", 1,
            "threads that scan uploads in the web process (when no broker is configured); scans are CPU-bound, "
            "so more threads mostly help when files wait on disk", int),
    Setting("SCAN_SYNC", "REVIEWER_SCAN_SYNC", False,
            "run scans inside the upload request (tests, debugging)", _bool),
    Setting("BROKER_URL", "REVIEWER_BROKER_URL", None,
            "redis://… sends scans to Celery workers (`reviewer worker`); unset: scans run in-process"),
    Setting("LOGIN_MAX_FAILURES", "REVIEWER_LOGIN_MAX_FAILURES", 5,
            "failed logins per account within the lock window before it is locked", int),
    Setting("LOGIN_MAX_FAILURES_IP", "REVIEWER_LOGIN_MAX_FAILURES_IP", 20,
            "failed logins per client address within the lock window before it is locked", int),
    Setting("LOGIN_LOCK_MINUTES", "REVIEWER_LOGIN_LOCK_MINUTES", 15.0,
            "length of the window and of the lock", float),
    Setting("PAGE_SEGMENTS", "REVIEWER_PAGE_SEGMENTS", 300,
            "text segments shown per page of the review page", int),
)


def load(env: dict[str, str] | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """All settings: defaults, then the environment, then explicit overrides; derived paths filled in."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for s in SETTINGS:
        raw = env.get(s.env)
        values[s.name] = s.parse(raw) if raw not in (None, "") else s.default
    values.update(overrides or {})
    instance = Path(values["INSTANCE_DIR"]).resolve()
    values["INSTANCE_DIR"] = str(instance)
    if not values["DATABASE_URL"]:
        values["DATABASE_URL"] = f"sqlite:///{instance / 'reviewer.sqlite3'}"
    if not values["STORAGE_DIR"]:
        values["STORAGE_DIR"] = str(instance / "files")
    if not values["SECRET_KEY"]:
        values["SECRET_KEY"] = instance_secret(instance)
    return values


def instance_secret(instance: Path) -> str:
    """The generated secret key kept in the instance folder (created, readable by the owner only, on first use)."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    return key
