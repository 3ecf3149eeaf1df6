"""Fixtures of the services tests: a real PostgreSQL and Redis per xdist worker, a database and workers per module."""
from __future__ import annotations

import itertools
import os

import pytest

from tests.services.servers import Postgres, Redis, Stack, missing_binaries

_index = itertools.count(1)


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "tests/services/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.services)


@pytest.fixture(scope="session")
def servers():
    """PostgreSQL and redis-server on free loopback ports, for this pytest process only; stopped at the end."""
    missing = missing_binaries()
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (`make test` installs them: make system-test-deps)")
    pg, redis = Postgres(), Redis()
    try:
        pg.start()
        redis.start()
        yield pg, redis
    finally:
        redis.stop()
        pg.stop()


@pytest.fixture(scope="module")
def stack(servers, tmp_path_factory, request):
    """A fresh database (migrated with `reviewer db upgrade`), Redis database and storage folder for one module."""
    pg, redis = servers
    n = next(_index)
    name = f"{request.module.__name__.rsplit('.', 1)[-1]}_{os.getpid()}_{n}".lower()
    root = tmp_path_factory.mktemp(f"stack{n}")
    st = Stack(pg.create_database(name), redis.url(n), root / "files")
    st.storage_dir.mkdir()
    out = st.reviewer("db", "upgrade")
    assert out.returncode == 0, out.stderr
    yield st
    st.stop()
