"""`reviewer worker` without a broker is a usage error that says what to set; the pool settings are read."""
from __future__ import annotations

import subprocess

from reviewer.db import pool_options
from tests.services.servers import REPO, reviewer_exe


def test_worker_without_broker_says_what_to_set(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "REVIEWER_INSTANCE_DIR": str(tmp_path)}
    out = subprocess.run([reviewer_exe(), "worker"], env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "REVIEWER_BROKER_URL" in out.stderr and "redis://" in out.stderr


def test_worker_refuses_a_broker_it_cannot_use(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "REVIEWER_INSTANCE_DIR": str(tmp_path), "REVIEWER_BROKER_URL": "amqp://mq/"}
    out = subprocess.run([reviewer_exe(), "worker"], env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "redis://" in out.stderr


def test_pool_settings_come_from_the_environment():
    opts = pool_options({"REVIEWER_DB_POOL_SIZE": "20", "REVIEWER_DB_MAX_OVERFLOW": "0"})
    assert (opts["pool_size"], opts["max_overflow"], opts["pool_pre_ping"]) == (20, 0, True)
    assert pool_options({})["pool_size"] == 5
