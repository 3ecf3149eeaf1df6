"""`reviewer serve` (waitress) and `reviewer run-local` (database, first admin, demo documents, then serve)."""
from __future__ import annotations

import click

from .. import config


def _serve(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from web import create_app
    from .. import jobs, release_jobs
    app = create_app()
    if not jobs.runtime().broker_url:   # scans and release checks run in this process
        _build_scanner_now()
    jobs.resubmit_unfinished(app.extensions["reviewer.sessions"])
    release_jobs.resubmit_unfinished(app.extensions["reviewer.sessions"])
    click.echo(f"审查系统已启动：http://{host}:{port}/   （Ctrl+C 停止）")
    waitress_serve(app, host=host, port=port, threads=threads, ident="reviewer")


def _build_scanner_now() -> None:
    """The detectors built at start-up instead of inside the first upload's scan, and kept out of the
    garbage collector's reach from then on, like a `reviewer scan` batch (reviewer/cli/scan.py,
    scanner_frozen): only the app and the scanner exist yet, and both live as long as the process."""
    import gc

    from ..pipeline import default_scanner
    default_scanner()
    gc.freeze()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app with waitress (run `reviewer db upgrade` first)."""
    _serve(host, port, threads)


@click.command("run-local")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="do not load the demo documents")
def run_local(host: str, port: int, no_demo: bool) -> None:
    """Initialise the database, create an admin if none exists, load demo documents, and serve."""
    from ..migrations import upgrade
    settings = config.load()
    upgrade(settings["DATABASE_URL"])
    from web.demo import ensure_admin, load_demo
    for line in ensure_admin(settings):
        click.echo(line)
    if not no_demo:
        for line in load_demo(settings):
            click.echo(line)
    _serve(host, port, 8)
