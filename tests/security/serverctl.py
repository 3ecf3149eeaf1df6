"""A real `reviewer serve` on a loopback port in a fresh instance folder, for the crash and restore tests."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

from reviewer import accounts
from reviewer.db import make_engine, make_session_factory
from reviewer.migrations import upgrade
from tests.web.webfakes import PASSWORD

USERS = {"drafter": ["drafter"], "reviewer": ["reviewer"], "approver": ["approver"], "admin": ["admin"]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def instance_env(folder: Path) -> dict[str, str]:
    kept = ("REVIEWER_STORAGE_KEY", "REVIEWER_STORAGE_KEY_OLD", "REVIEWER_RETENTION_DAYS")   # a test may set these
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEWER_") or k in kept}
    env.update(REVIEWER_INSTANCE_DIR=str(folder), REVIEWER_SECRET_KEY="crash-test", REVIEWER_OCR="0",
               REVIEWER_SCAN_WORKERS="1")
    return env


def init_instance(folder: Path) -> dict[str, str]:
    """Migrated database with one user per role; returns an API token per role."""
    url = f"sqlite:///{folder / 'reviewer.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    tokens = {}
    with make_session_factory(engine)() as s:
        for name, roles in USERS.items():
            user, _ = accounts.create_user(s, None, name, roles, PASSWORD)
            s.flush()
            tokens[name] = accounts.create_token(s, None, user)
        s.commit()
    engine.dispose()
    return tokens


class Server:
    def __init__(self, exe: str, folder: Path) -> None:
        self.exe, self.folder, self.port, self.proc = exe, folder, free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> "Server":
        self.proc = subprocess.Popen([self.exe, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                     env=instance_env(self.folder), stdout=subprocess.DEVNULL,
                                     stderr=open(self.folder / "serve.log", "ab"), start_new_session=True)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if requests.get(self.url + "/login", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.3)
            if self.proc.poll() is not None:
                raise RuntimeError((self.folder / "serve.log").read_text()[-2000:])
        self.kill()
        raise RuntimeError("reviewer serve did not answer within the time limit")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no commit, no cleanup."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


def run_cli(folder: Path, *args: str):
    """`reviewer ARGS` in this process (no interpreter start-up), in the instance folder; .returncode/.stdout/.stderr."""
    from click.testing import CliRunner

    from reviewer.cli import cli
    env = {k: None for k in os.environ if k.startswith("REVIEWER_")}
    env.update({k: v for k, v in instance_env(folder).items() if k.startswith("REVIEWER_")})
    result = CliRunner().invoke(cli, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    result.returncode = result.exit_code
    return result
