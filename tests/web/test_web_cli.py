"""The command line over the same core: db upgrade (Alembic matches the models), user add, token create."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect

from reviewer.cli import cli
from reviewer.db import Base, make_engine


@pytest.fixture
def env(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("REVIEWER_DATABASE_URL", url)
    monkeypatch.setenv("REVIEWER_INSTANCE_DIR", str(tmp_path))
    assert CliRunner().invoke(cli, ["db", "upgrade"]).exit_code == 0
    return url


def test_migrations_create_every_model_table_and_column(env):
    insp = inspect(make_engine(env))
    for table in Base.metadata.tables.values():
        assert {c["name"] for c in insp.get_columns(table.name)} == {c.name for c in table.columns}, table.name


def test_user_add_prints_a_one_time_password_and_token_create(env):
    runner = CliRunner()
    out = runner.invoke(cli, ["user", "add", "lina", "--role", "reviewer", "--role", "approver"])
    assert out.exit_code == 0 and "一次性密码：" in out.output
    out = runner.invoke(cli, ["user", "add", "wang", "--role", "drafter", "--password-stdin"], input="short\n")
    assert out.exit_code != 0 and "至少需要 10 个字符" in out.output
    out = runner.invoke(cli, ["user", "add", "wang", "--role", "drafter", "--password-stdin"], input="a-fine-password\n")
    assert out.exit_code == 0 and "一次性密码" not in out.output
    out = runner.invoke(cli, ["token", "create", "lina"])
    assert out.exit_code == 0 and out.stdout.startswith("rvw_")
    out = runner.invoke(cli, ["token", "create", "nobody"])
    assert out.exit_code != 0 and "不存在" in out.output
