"""Documents built straight through the workflow into each review state, for the security tests."""
from __future__ import annotations

import io
import itertools

from reviewer import accounts, jobs, workflow
from reviewer.db.models import Finding, Version
from tests.web.webfakes import PERSONAL_TXT, SECRET_TXT

STATES = ("scanning", "failed", "to_review", "decided", "signed_off", "returned", "refused")
STATE_LABELS = {"scanning": "扫描中", "failed": "扫描失败", "to_review": "待审查", "decided": "待签发",
                "signed_off": "已签发", "returned": "退回修改", "refused": "不予公开"}
TITLE = "机密草稿标题"          # shown to whoever may see the document; leaked if anyone else sees it
_n = itertools.count(1)


def build(app, state: str, owner: str = "drafter") -> dict:
    """A document of `owner` in `state`; returns its ids, title and a finding id."""
    n = next(_n)
    data = (SECRET_TXT if state == "refused" else PERSONAL_TXT) + f"\n编号{n}-{state}\n".encode()
    title = f"{TITLE}{n}"
    factory = app.extensions["reviewer.sessions"]
    with factory() as s:
        user = accounts.find_user(s, owner)
        v = workflow.upload(s, user, io.BytesIO(data), f"{title}.txt", storage_dir=app.config["STORAGE_DIR"],
                            max_bytes=1 << 20, title=title)
        s.commit()
        doc, vid = v.document_id, v.id
    if state != "scanning":
        jobs.submit_scan(vid)
    with factory() as s:
        v = s.get(Version, vid)
        reviewer, approver = accounts.find_user(s, "reviewer"), accounts.find_user(s, "approver")
        if state == "failed":
            v.scan_status, v.scan_error = "failed", {"code": "corrupt_file", "message": "损坏"}
        ids = [f.id for f in s.query(Finding).filter_by(version_id=vid)]
        if state in ("decided", "signed_off", "returned", "refused"):
            workflow.resolve(s, reviewer, v, ids, "redact")
            basis = "14-state-secret" if state == "refused" else "15-privacy"
            workflow.decide(s, reviewer, v, "不予公开" if state == "refused" else "部分公开", basis)
        if state in ("signed_off", "refused"):
            workflow.sign_off(s, approver, v)
        if state == "returned":
            workflow.return_for_revision(s, approver, v, "请修改")
        from reviewer.workflow_rules import refresh_document
        assert refresh_document(s, v.document) == STATE_LABELS[state], (state, v.document.state)
        s.commit()
    return {"doc": doc, "ver": vid, "finding": ids[0] if state != "scanning" else 1, "title": title,
            "user": accounts.find_user(factory(), "drafter2").id}


def state_of(app, doc: int) -> str:
    from reviewer.db.models import Document
    with app.extensions["reviewer.sessions"]() as s:
        return s.get(Document, doc).state
