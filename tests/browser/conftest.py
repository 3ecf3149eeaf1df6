"""Browser-test fixtures: the app served by waitress on a free loopback port, and Debian's chromium via Playwright."""
from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from reviewer import accounts
from reviewer.db import create_schema

PASSWORD = "correct-horse-battery"
USERS = {"zhangwei": ("张伟", ["drafter"]), "lina": ("李娜", ["reviewer"]), "wangfang": ("王芳", ["approver"])}
# `make screenshots` refreshes the pictures in docs/screenshots/; an ordinary test run writes them to a
# scratch folder so that `make test` leaves the working tree as it found it.
SCREENSHOTS = Path(os.environ.get("REVIEWER_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "reviewer-screenshots")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The real app (CSRF on, scans in background threads, the real detectors) on 127.0.0.1:<free port>."""
    from waitress.server import create_server

    from web import create_app
    tmp = tmp_path_factory.mktemp("live")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        app = create_app({"SECRET_KEY": "browser-tests", "INSTANCE_DIR": str(tmp),
                          "DATABASE_URL": f"sqlite:///{tmp / 'live.sqlite3'}", "STORAGE_DIR": str(tmp / "files"),
                          "SCAN_SYNC": False})
        create_schema(app.extensions["reviewer.engine"])
        with app.extensions["reviewer.sessions"]() as s:
            for name, (display, roles) in USERS.items():
                accounts.create_user(s, None, name, roles, PASSWORD, display_name=display)
            s.commit()
        server = create_server(app, host="127.0.0.1", port=0, threads=4)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.effective_port}"
        server.close()
        app.extensions["reviewer.engine"].dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


class Session:
    """What a person does in the browser: log in and out."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base

    def login(self, name: str) -> None:
        self.page.goto(self.base + "/login")
        self.page.get_by_label("用户名").fill(name)
        self.page.get_by_label("密码").fill(PASSWORD)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_url(self.base + "/")

    def logout(self) -> None:
        self.page.get_by_role("button", name="退出").click()
        self.page.wait_for_url("**/login")

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / name), full_page=False)


@pytest.fixture
def person(page, live_server):
    return Session(page, live_server)
