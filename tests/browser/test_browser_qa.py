"""What walking the app at 1366 px turned up, in chromium: the upload box, Chinese form checks, findings not under the toolbar."""
from __future__ import annotations

import pytest

from tests.browser.test_browser_journey import _upload

pytestmark = pytest.mark.browser


def test_upload_box_has_one_chooser_and_links_each_result(person, tmp_path):
    page = person.page
    person.login("zhangwei")
    page.goto(person.base + "/upload")
    # one 选择文件 button; the browser's own (English) "Choose Files" control stays out of sight
    box = page.locator("#file").bounding_box()
    assert box is None or (box["width"] <= 2 and box["height"] <= 2)
    tiny = tmp_path / "空白说明.txt"
    tiny.write_text("关于开展政务公开培训的通知。\n", encoding="utf-8")
    page.set_input_files("#file", [str(tiny), str(tiny)])
    assert "字节）" in page.locator("#chosen li").first.inner_text()  # not “1 KB” for 40 bytes
    page.get_by_role("button", name="上传并扫描").click()
    dup = page.locator("#upload-results li.error")
    dup.wait_for()
    assert "内容完全相同" in dup.inner_text()
    assert dup.get_by_role("link", name="查看").get_attribute("href").startswith("/documents/")


def test_form_checks_speak_chinese_and_a_resolved_finding_stays_in_view(person, tmp_path):
    page = person.page
    person.login("zhangwei")
    body = "关于做好重点时段安全保卫工作的通知\n" + "请各单位加强值班。\n" * 40 + "联系人：王五，电话 13711112222。\n"
    _upload(person, tmp_path, "值班通知.txt", body.encode("utf-8"))
    doc_url = page.url
    person.logout()

    person.login("lina")
    page.goto(doc_url)
    page.get_by_role("link", name="开始审查").click()
    last = page.locator(".finding").last
    fid = last.get_attribute("data-finding")
    last.get_by_role("button", name="删除").click()
    page.wait_for_url(f"**#f-{fid}")
    toolbar = page.locator(".toolbar").bounding_box()
    card = page.locator(f"#f-{fid}").bounding_box()
    assert card["y"] >= toolbar["y"] + toolbar["height"] - 1, (card, toolbar)  # not hidden under the sticky toolbar

    page.goto(doc_url)
    page.get_by_role("link", name="公开属性决定").click()
    # the removals list keeps a type on one line (身份证号 wrapped into two beside long values at 1366 px)
    assert page.locator(".removals td").first.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    page.get_by_role("button", name="提交决定，送签发").click()  # nothing chosen
    assert page.locator("input[name=disclosure]").first.evaluate("e => e.validationMessage") == "请选择公开属性。"
    page.locator("input[name=disclosure][value=不予公开]").check()
    page.get_by_role("button", name="提交决定，送签发").click()  # no legal basis
    assert "法律依据" in page.locator("#basis").evaluate("e => e.validationMessage")
    page.locator("#basis").select_option("14-state-secret")
    assert page.locator("#basis").evaluate("e => e.validity.valid")


def test_queue_updates_itself_and_keeps_the_upload_messages(person, tmp_path):
    page = person.page
    person.login("zhangwei")
    files = []
    for i, name in enumerate(("会议通知甲.txt", "会议通知乙.txt")):
        path = tmp_path / name
        path.write_text(f"关于召开第{i + 1}次工作会议的通知\n联系人：王五，电话 13711112222。\n", encoding="utf-8")
        files.append(str(path))
    page.goto(person.base + "/upload")
    page.set_input_files("#file", files)
    page.get_by_role("button", name="上传并扫描").click()
    page.wait_for_url(person.base + "/")
    flash = page.locator(".flash", has_text="会议通知甲.txt")
    flash.wait_for()
    # the rows leave 扫描中 by themselves; the messages about what arrived stay on the page
    page.locator("table.queue [data-poll-url]").first.wait_for(state="detached", timeout=60_000)
    assert page.locator("table.queue tr", has_text="会议通知乙").locator(".badge").inner_text() == "待审查"
    assert flash.is_visible() and page.locator(".flash", has_text="会议通知乙.txt").is_visible()
