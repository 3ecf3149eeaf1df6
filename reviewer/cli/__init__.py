"""The `reviewer` command: a thin click layer over the core; one module per command group."""
from __future__ import annotations

import sys

import click

from ..errors import ExitCode
from .scan import scan


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gov-disclosure-reviewer")
def cli() -> None:
    """政务公开发布前保密审查工具 (pre-publication review for government information disclosure)."""


cli.add_command(scan)


def _register_optional() -> None:
    """Command groups that live in their own modules (web, database, accounts, audit, release, jobs)."""
    import importlib
    for module, names in (
        ("reviewer.cli.web", ("serve", "run_local")),
        ("reviewer.cli.db", ("db",)),
        ("reviewer.cli.users", ("user", "token")),
        ("reviewer.cli.audit", ("audit",)),
        ("reviewer.cli.redact", ("redact",)),
        ("reviewer.cli.worker", ("worker",)),
        ("reviewer.cli.check", ("check",)),
        ("reviewer.cli.backup", ("backup", "restore")),
        ("reviewer.cli.retention", ("retention", "storage")),
        ("reviewer.cli.stats", ("stats",)),
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue
            raise
        for name in names:
            cmd = getattr(mod, name, None)
            if cmd is not None:
                cli.add_command(cmd)


_register_optional()


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已中止。", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        exc.show()
        sys.exit(ExitCode.USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code if exc.exit_code != 1 else ExitCode.USAGE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(0)
