"""The 统计 dashboard in chromium: the charts are drawn (bars visible), the CSV links work; saves docs/screenshots/dashboard.png."""
from __future__ import annotations

import threading

import pytest
from argon2 import PasswordHasher

from reviewer import accounts
from reviewer.db import create_schema
from tests.browser.conftest import PASSWORD, Session
from tests.stats_history import build

pytestmark = pytest.mark.browser
PEOPLE = {"zhangwei": ("张伟", ["drafter"]), "lina": ("李娜", ["reviewer"]), "zhaomin": ("赵敏", ["reviewer"]),
          "wangfang": ("王芳", ["approver"]), "guanli": ("管理员", ["admin"])}


@pytest.fixture(scope="module")
def history_server(tmp_path_factory):
    """The app on a loopback port over the known history of tests/stats_history.py."""
    from waitress.server import create_server

    from web import create_app
    tmp = tmp_path_factory.mktemp("dash")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        app = create_app({"SECRET_KEY": "dashboard-browser", "INSTANCE_DIR": str(tmp),
                          "DATABASE_URL": f"sqlite:///{tmp / 'dash.sqlite3'}", "STORAGE_DIR": str(tmp / "files")})
        create_schema(app.extensions["reviewer.engine"])
        with app.extensions["reviewer.sessions"]() as s:
            users = {n: accounts.create_user(s, None, n, roles, PASSWORD, display_name=d)[0]
                     for n, (d, roles) in PEOPLE.items()}
            s.commit()
            build(s, users["zhangwei"], users["lina"], users["zhaomin"], users["wangfang"])
        server = create_server(app, host="127.0.0.1", port=0, threads=2)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.effective_port}"
        server.close()
        app.extensions["reviewer.engine"].dispose()


def test_dashboard_draws_the_charts(page, history_server):
    person = Session(page, history_server)
    person.login("guanli")
    page.get_by_role("link", name="统计").click()
    page.wait_for_url("**/dashboard")
    # choose the first quarter of 2026 in the form, as a person would
    page.get_by_label("周期", exact=True).select_option(label="季度")
    page.get_by_label("年份", exact=True).fill("2026")
    page.get_by_label("季度", exact=True).select_option(label="第1季度")
    page.get_by_role("button", name="统计", exact=True).click()
    page.wait_for_url("**/dashboard?*year=2026*")
    for key, bars in (("reviewed", 6), ("findings", 9), ("blocked", 2), ("disclosure", 4), ("basis", 5),
                      ("duration", 6), ("open", 3)):
        svg = page.locator(f"svg#chart-{key}")
        svg.wait_for(state="visible")
        box = svg.bounding_box()
        assert box["width"] > 300 and box["height"] > 100, (key, box)
        rects = svg.locator("rect.bar")
        assert rects.count() == bars, key
        first = rects.first.bounding_box()
        assert first["width"] > 1 and first["height"] > 1, (key, first)
        assert page.locator(f"#fig-{key} .table-box table").is_visible()
    # the tallest January bar (办结 3) is taller than the February one (办结 1)
    jan, feb = (page.locator("svg#chart-reviewed rect.bar[data-series='1']").nth(i).bounding_box()["height"] for i in (0, 1))
    assert jan == pytest.approx(3 * feb, rel=0.02)
    assert page.locator("#fig-disclosure").get_by_role("cell", name="部分公开").count() == 0   # row headers, not cells
    assert page.locator("#fig-disclosure th", has_text="部分公开").is_visible()
    # the Chinese labels are drawn in a CJK font (no tofu): the text has a real width
    label = page.locator("svg#chart-basis text", has_text="第十六条 过程性信息")
    assert label.bounding_box()["width"] > 80
    page.set_viewport_size({"width": 1400, "height": 1300})
    person.shot("dashboard.png")
    with page.expect_download() as dl:
        page.locator("#fig-disclosure").get_by_role("link", name="下载 CSV").click()
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[1:] == ["主动公开,1", "依申请公开,1", "不予公开,2", "部分公开,2"]


def test_drafter_is_refused(page, history_server):
    person = Session(page, history_server)
    person.login("zhangwei")
    assert page.get_by_role("link", name="统计").count() == 0
    resp = page.goto(history_server + "/dashboard")
    assert resp.status == 403
