"""`reviewer worker`: a Celery worker that runs scans queued by the web processes (needs REVIEWER_BROKER_URL)."""
from __future__ import annotations

import click

from .. import config


@click.command()
@click.option("--concurrency", "-c", type=click.IntRange(1, 256), default=None,
              help="scan processes on this machine (default: one per CPU)")
@click.option("--queues", "-Q", default="scans", show_default=True, help="queues to take jobs from, comma-separated")
@click.option("--loglevel", "-l", default="INFO", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False))
@click.option("--hostname", "-n", default=None, help="worker name (default celery@<host>)")
def worker(concurrency: int | None, queues: str, loglevel: str, hostname: str | None) -> None:
    """Start a Celery worker for scans (REVIEWER_BROKER_URL, REVIEWER_DATABASE_URL, REVIEWER_STORAGE_DIR)."""
    settings = config.load()
    broker = settings["BROKER_URL"]
    if not broker:
        raise click.UsageError("未配置任务队列：请设置 REVIEWER_BROKER_URL（例如 redis://127.0.0.1:6379/0）后再启动 "
                               "reviewer worker。未设置时扫描在网页服务进程内运行，无需单独的 worker。")
    if not broker.startswith(("redis://", "rediss://")):
        raise click.UsageError(f"REVIEWER_BROKER_URL 应以 redis:// 或 rediss:// 开头，现为：{broker.split('@')[-1]}")
    from ..jobs_celery import _test_scanner, get_app
    if _test_scanner() is None:  # load the detectors once here, so every forked scan process inherits them
        import gc

        from ..pipeline import default_scanner
        default_scanner()
        # never collected from now on: shared with the forked processes page for page, and not walked by
        # each full collection during a long document (reviewer/cli/scan.py, scanner_frozen)
        gc.freeze()
    argv = ["worker", f"--queues={queues}", f"--loglevel={loglevel.upper()}", "--without-gossip", "--without-mingle"]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    if hostname:
        argv.append(f"--hostname={hostname}")
    get_app(broker).worker_main(argv=argv)
