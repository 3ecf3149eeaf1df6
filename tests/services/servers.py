"""Real PostgreSQL, Redis, Celery worker and waitress processes on loopback, started and stopped by the tests."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HANG_GUARD = 60.0   # seconds a server may take to come up before the test set-up gives up


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bindir() -> Path | None:
    """Debian's PostgreSQL server binaries (initdb, pg_ctl), newest version first."""
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(d, "initdb").exists() and Path(d, "pg_ctl").exists():
            return Path(d)
    return None


def missing_binaries() -> list[str]:
    missing = [] if pg_bindir() else ["PostgreSQL (initdb, pg_ctl)"]
    return missing + ([] if shutil.which("redis-server") else ["redis-server"])


def _wait(ready, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not start within {HANG_GUARD:.0f} s\n{tail}")


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Postgres:
    """A throw-away cluster: initdb into a temp dir, pg_ctl start on a free loopback port (as `postgres` under root)."""

    dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="reviewer-pg-")))
    port: int = field(default_factory=free_port)

    def _run(self, *args: str, **kw) -> subprocess.CompletedProcess:
        cmd = list(args)
        if os.geteuid() == 0:  # postgres refuses to run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=HANG_GUARD, **kw)

    def start(self) -> "Postgres":
        bindir = pg_bindir()
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        data = self.dir / "data"
        self._run(str(bindir / "initdb"), "-D", str(data), "-U", "reviewer", "--auth=trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(self.dir / "log"), "-w",
                  "-t", str(int(HANG_GUARD)), "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://reviewer@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=reviewer dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(pg_bindir() / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        except (subprocess.SubprocessError, OSError):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


@dataclass
class Redis:
    """redis-server on a free loopback port, nothing saved to disk."""

    dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="reviewer-redis-")))
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    def start(self) -> "Redis":
        log = self.dir / "log"
        self.proc = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir), "--logfile", str(log), "--databases", "64"])
        _wait(lambda: _port_open(self.port), "redis-server", log)
        return self

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        stop_process(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


def stop_process(proc: subprocess.Popen | None, grace: float = 20.0) -> None:
    """SIGTERM (a Celery worker's warm shutdown, waitress's exit), then SIGKILL after `grace` seconds."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@dataclass
class Stack:
    """One test module's deployment: its own database, Redis database index, storage folder and settings."""

    database_url: str
    broker_url: str
    storage_dir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    procs: list[subprocess.Popen] = field(default_factory=list)

    def env(self, **more: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEWER_", "PYTEST_", "COV_"))}
        env.update({"REVIEWER_DATABASE_URL": self.database_url, "REVIEWER_BROKER_URL": self.broker_url,
                    "REVIEWER_STORAGE_DIR": str(self.storage_dir), "REVIEWER_INSTANCE_DIR": str(self.storage_dir.parent),
                    "REVIEWER_SECRET_KEY": "services-test", "PYTHONPATH": str(REPO),
                    "REVIEWER_TEST_SCANNER": "tests.web.webfakes:FakeScanner"})
        env.update(self.extra_env)
        env.update(more)
        return env

    def reviewer(self, *args: str, input: str | None = None, **more: str) -> subprocess.CompletedProcess:
        return subprocess.run([reviewer_exe(), *args], env=self.env(**more), cwd=REPO, capture_output=True,
                              text=True, input=input, timeout=HANG_GUARD)

    def worker(self, name: str, concurrency: int = 1, **more: str) -> subprocess.Popen:
        """`reviewer worker` as its own process; returns once Celery says it is ready."""
        log = self.storage_dir.parent / f"worker-{name}.log"
        fh = open(log, "w")
        proc = subprocess.Popen([reviewer_exe(), "worker", "--concurrency", str(concurrency), "--hostname",
                                 f"{name}@%h", "--loglevel", "INFO"], env=self.env(**more), cwd=REPO,
                                stdout=fh, stderr=subprocess.STDOUT)
        fh.close()
        self.procs.append(proc)
        _wait(lambda: proc.poll() is not None or " ready." in log.read_text(errors="replace"), f"worker {name}", log)
        if proc.poll() is not None:
            raise RuntimeError(f"worker {name} exited:\n{log.read_text(errors='replace')[-3000:]}")
        return proc

    def serve(self, **more: str) -> tuple[subprocess.Popen, str]:
        """`reviewer serve` (waitress) on a free loopback port; (process, base URL)."""
        port = free_port()
        log = self.storage_dir.parent / "serve.log"
        fh = open(log, "w")
        proc = subprocess.Popen([reviewer_exe(), "serve", "--host", "127.0.0.1", "--port", str(port),
                                 "--threads", "16"], env=self.env(**more), cwd=REPO, stdout=fh,
                                stderr=subprocess.STDOUT)
        fh.close()
        self.procs.append(proc)
        _wait(lambda: proc.poll() is not None or _port_open(port), "reviewer serve", log)
        if proc.poll() is not None:
            raise RuntimeError(f"reviewer serve exited:\n{log.read_text(errors='replace')[-3000:]}")
        return proc, f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        for proc in self.procs:   # all at once: each worker's warm shutdown runs alongside the others
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(self.procs):
            stop_process(proc)


def reviewer_exe() -> str:
    beside = Path(sys.executable).with_name("reviewer")
    return str(beside) if beside.exists() else (shutil.which("reviewer") or "reviewer")
