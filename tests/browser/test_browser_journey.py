"""The review journey in chromium: upload, review in place, decide 部分公开, sign off, download the release copy."""
from __future__ import annotations

import io
import zipfile

import pytest

from web.demo import DEMO_ID, DEMO_PHONE, demo_docx

pytestmark = pytest.mark.browser


def _upload(person, tmp_path, name: str, data: bytes) -> None:
    page = person.page
    path = tmp_path / name
    path.write_bytes(data)
    page.goto(person.base + "/upload")
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="上传并扫描").click()
    page.wait_for_url("**/documents/*")
    # the page says 扫描中 and reloads itself when the scan is done
    page.locator(".heading-row .badge").filter(has_text="待审查").wait_for(timeout=60_000)


def test_journey_upload_review_decide_sign_release(person, tmp_path):
    page = person.page
    person.login("zhangwei")
    _upload(person, tmp_path, "低保公示.docx", demo_docx())
    doc_url = page.url
    person.logout()

    person.login("lina")
    page.get_by_role("link", name="低保公示").first.wait_for()
    page.goto(doc_url)
    page.get_by_role("link", name="开始审查").click()
    # both values highlighted in place, in the table where they are
    id_mark = page.locator("a.hl", has_text=DEMO_ID)
    phone_mark = page.locator("a.hl", has_text=DEMO_PHONE)
    assert id_mark.count() == 1 and phone_mark.count() == 1
    assert page.locator(f"#f-{id_mark.get_attribute('id')[2:]} .type").inner_text().startswith("身份证号")
    assert page.locator(".segment.concealed .concealed-label").first.inner_text().startswith("批注")
    person.shot("review.png")
    page.keyboard.press("j")
    assert page.locator(".finding.current").count() == 1

    page.get_by_role("button", name="全选本页未处理").click()
    page.get_by_role("button", name="删除所选").click()
    page.wait_for_url("**/review**")
    assert page.locator(".finding.res-open").count() == 0
    assert "未处理 0" in page.locator(".progress-line").inner_text()

    page.get_by_role("link", name="公开属性决定 →").click()
    page.locator("input[name=disclosure][value=部分公开]").check()
    page.get_by_label("法律依据（《政府信息公开条例》", exact=False).select_option("15-privacy")
    page.get_by_label("审查意见").fill("删除个人身份证号、电话及批注后公开。")
    assert page.locator(".removals", has_text=DEMO_ID).count() == 1
    person.shot("decision.png")
    page.get_by_role("button", name="提交决定，送签发").click()
    page.locator(".heading-row .badge", has_text="待签发").wait_for()
    person.logout()

    person.login("wangfang")
    page.goto(doc_url)
    page.get_by_role("link", name="签发 / 退回").click()
    page.get_by_role("button", name="同意签发").click()
    page.locator(".heading-row .badge", has_text="已签发").wait_for()
    # the release copy is built in the background: the page says so (生成中) until it is ready, then reloads
    # itself and offers the download
    status = page.locator(".release-status")
    assert status.inner_text().startswith(("发布稿：生成中", "发布稿：可下载"))
    status.filter(has_text="发布稿：可下载").wait_for(timeout=120_000)
    with page.expect_download() as info:
        page.get_by_role("link", name="下载发布稿").click()
    data = open(info.value.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    assert DEMO_ID not in xml and DEMO_PHONE not in xml
    assert "低保对象审核情况" in xml  # the rest of the document is still there


def test_refused_gate_shows_its_message(person, tmp_path):
    page = person.page
    person.login("zhangwei")
    _upload(person, tmp_path, "安全保卫通知.txt",
            "秘密★1年\n关于做好重点时段安全保卫工作的通知\n联系电话 13711112222。\n".encode("utf-8"))
    doc_url = page.url
    person.logout()

    person.login("lina")
    page.get_by_role("link", name="安全保卫通知").wait_for()
    person.shot("queue.png")
    page.goto(doc_url)
    page.get_by_role("link", name="公开属性决定").click()
    page.locator("input[name=disclosure][value=主动公开]").check()
    page.get_by_role("button", name="提交决定，送签发").click()
    assert "条发现未处理" in page.locator(".refusal").inner_text()

    page.goto(doc_url)
    page.get_by_role("link", name="开始审查").click()
    page.get_by_role("button", name="全选本页未处理").click()
    page.get_by_role("button", name="删除所选").click()
    page.wait_for_url("**/review**")
    page.get_by_role("link", name="公开属性决定 →").click()
    page.locator("input[name=disclosure][value=部分公开]").check()
    page.get_by_label("法律依据（《政府信息公开条例》", exact=False).select_option("15-privacy")
    page.get_by_role("button", name="提交决定，送签发").click()
    refusal = page.locator(".refusal").inner_text()
    assert "秘密★1年" in refusal and "只能决定为“不予公开”" in refusal
    person.shot("gate-refused.png")


def test_several_files_at_once_with_a_duplicate(person, tmp_path):
    page = person.page
    person.login("zhangwei")
    a, b = tmp_path / "培训通知.txt", tmp_path / "培训通知（副本）.txt"
    a.write_text("关于开展政务公开培训的通知\n请各单位派员参加。\n", encoding="utf-8")
    b.write_bytes(a.read_bytes())
    page.goto(person.base + "/upload")
    page.set_input_files("#file", [str(a), str(b)])
    assert page.locator("#chosen li").count() == 2
    page.get_by_role("button", name="上传并扫描").click()
    results = page.locator("#upload-results li")
    results.nth(1).wait_for()
    assert "已上传为第 1 版" in results.nth(0).inner_text()
    assert "内容完全相同" in results.nth(1).inner_text() and "培训通知" in results.nth(1).inner_text()
    assert page.locator("#progress").get_attribute("value") == "100"
    page.get_by_role("link", name="前往审查队列").click()
    page.get_by_role("link", name="培训通知").wait_for()
