"""`reviewer run-local` set-up: the first admin account and a few demo documents, built in code, ready to review."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator

from sqlalchemy import func, select

from reviewer import accounts, jobs, workflow
from reviewer.db import make_engine, make_session_factory
from reviewer.db.models import Document, User
from reviewer.limits import Limits

DEMO_USERS = (("zhangwei", "张伟", ["drafter"]), ("lina", "李娜", ["reviewer"]), ("wangfang", "王芳", ["approver"]))
# A made-up but checksum-valid ID number and an unassigned-looking mobile number.
DEMO_ID = "530102198703150012"
DEMO_PHONE = "13812345678"


def _factory(settings: dict):
    return make_session_factory(make_engine(settings["DATABASE_URL"]))


def ensure_admin(settings: dict) -> Iterator[str]:
    """Create the account `admin` when no administrator exists, and say its one-time password."""
    with _factory(settings)() as session:
        admins = [u for u in session.execute(select(User)).scalars() if "admin" in u.roles and not u.disabled]
        if admins:
            return
        name = "admin" if accounts.find_user(session, "admin") is None else "admin2"
        _user, password = accounts.create_user(session, None, name, ["admin"], display_name="管理员")
        session.commit()
    yield f"已创建管理员账户：{name}  一次性密码：{password}  （只显示这一次，首次登录须修改）"


def demo_docx() -> bytes:
    """A 低保 notice with an ID number and a phone in a table, and a reviewer's comment left in the file."""
    import docx
    d = docx.Document()
    d.add_heading("关于2026年城乡低保对象审核情况的公示", level=1)
    p = d.add_paragraph("根据《社会救助暂行办法》，现将新增低保对象审核情况公示如下，公示期七天。")
    t = d.add_table(rows=2, cols=4)
    for cell, text in zip(t.rows[0].cells, ("姓名", "身份证号码", "联系电话", "保障人数")):
        cell.text = text
    for cell, text in zip(t.rows[1].cells, ("张某某", DEMO_ID, DEMO_PHONE, "3")):
        cell.text = text
    q = d.add_paragraph("如有异议，请在公示期内向乡民政办反映。")
    d.add_comment(q.runs, text="联系人李四 13987654321，公示前记得删掉", author="起草人")
    d.core_properties.author = "张伟"
    d.add_paragraph("（此件公开发布）")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def demo_txt() -> str:
    return ("秘密★1年\n关于做好重点时段安全保卫工作的通知\n各乡（镇）人民政府：\n"
            "为做好重点时段安全保卫工作，现将有关事项通知如下。\n一、加强值班值守。\n"
            "联系人：王五，电话 13711112222。\n")


def demo_clear_txt() -> str:
    return ("关于开展2026年度政务公开工作培训的通知\n各有关单位：\n"
            "为提升政务公开工作水平，定于12月10日举办培训，请各单位派员参加。\n")


def load_demo(settings: dict) -> Iterator[str]:
    """Upload the demo documents as a demo drafter (once: only when the database has no documents)."""
    factory = _factory(settings)
    with factory() as session:
        if session.execute(select(func.count()).select_from(Document)).scalar_one():
            return
        made = {}
        for name, display, roles in DEMO_USERS:
            user = accounts.find_user(session, name)
            if user is None:
                user, password = accounts.create_user(session, None, name, roles, display_name=display)
                made[name] = password
        session.commit()
    for name, display, roles in DEMO_USERS:
        if name in made:
            yield f"演示账户 {name}（{display}，{accounts.ROLES[roles[0]]}）一次性密码：{made[name]}"
    jobs.configure(jobs.Runtime(factory, Path(settings["STORAGE_DIR"]), sync=True))
    files = (("低保公示（含身份证号）.docx", demo_docx()), ("安全保卫通知.txt", demo_txt().encode("utf-8")),
             ("政务公开培训通知.txt", demo_clear_txt().encode("utf-8")))
    with factory() as session:
        drafter = accounts.find_user(session, "zhangwei")
        ids = []
        for filename, data in files:
            try:
                v = workflow.upload(session, drafter, io.BytesIO(data), filename, storage_dir=settings["STORAGE_DIR"],
                                    max_bytes=Limits.from_env().max_file_bytes)
            except workflow.WorkflowError as exc:
                yield f"演示文件“{filename}”未载入：{exc.message}"
                session.rollback()
                continue
            session.commit()
            ids.append(v.id)
    for vid in ids:
        jobs.submit_scan(vid)
    yield f"已载入 {len(ids)} 份演示文件（起草人 zhangwei），可用 lina 审查、wangfang 签发。"
