"""A known review history written straight into the database, for the statistics, dashboard and export tests.

Times are UTC; the statistics count by Beijing time (UTC+8), so 2026-01-31 17:00 UTC falls in February and
2025-12-31 17:00 UTC in January 2026. The expected figures are spelled out in tests/test_stats.py.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from itertools import count

from sqlalchemy.orm import Session

from reviewer.db.models import Decision, Document, Finding, SignOff, User, Version
from reviewer.findings import FINDING_TYPES
from reviewer.workflow_rules import refresh_document

_seq = count(1)


def at(text: str) -> datetime:
    """'2026-01-05 02:00' as a UTC timestamp."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)


def user(s: Session, name: str, roles: str, display: str | None = None) -> User:
    u = User(name=name, display_name=display, password_hash="-", roles_csv=roles)
    s.add(u)
    s.flush()
    return u


class History:
    """Builds documents, versions, findings, resolutions, decisions and sign-offs with chosen times."""

    def __init__(self, s: Session, drafter: User, li: User, zhao: User, wang: User):
        self.s, self.drafter, self.li, self.zhao, self.wang = s, drafter, li, zhao, wang
        self.docs: dict[str, Document] = {}

    def doc(self, key: str, title: str, unit: str) -> Document:
        d = Document(title=title, office_unit=unit, created_by_id=self.drafter.id, created_at=at("2025-01-01 00:00"))
        self.s.add(d)
        self.s.flush()
        self.docs[key] = d
        return d

    def version(self, d: Document, uploaded: str, verdict: str | None, findings: dict[str, int] | None = None,
                status: str = "done") -> Version:
        n = next(_seq)
        number = len(d.versions) + 1
        v = Version(document_id=d.id, number=number, sha256=hashlib.sha256(f"v{n}".encode()).hexdigest(),
                    original_name=f"{d.title}.txt", extension=".txt", format="txt", size=100,
                    uploaded_by_id=self.drafter.id, uploaded_at=at(uploaded), scan_status=status, verdict=verdict)
        self.s.add(v)
        self.s.flush()
        for kind, k in (findings or {}).items():
            t = FINDING_TYPES[kind]
            for i in range(k):
                self.s.add(Finding(version_id=v.id, seq=i, type=kind, category=t.category, severity=t.severity,
                                   text=f"{kind}-{i}", score=1.0, location={"part": "body"}, part="body", start=0, end=1))
        self.s.flush()
        self.s.refresh(d)
        return v

    def resolve(self, v: Version, who: User, when: str, action: str = "redact", only: int | None = None) -> None:
        rows = self.s.query(Finding).filter_by(version_id=v.id).order_by(Finding.id).all()
        for f in rows[:only] if only is not None else rows:
            f.resolution, f.reason = action, ("误报" if action == "keep" else None)
            f.resolved_by_id, f.resolved_at = who.id, at(when)
        self.s.flush()

    def decide(self, v: Version, who: User, when: str, disclosure: str, basis: str | None = None) -> Decision:
        dec = Decision(version_id=v.id, disclosure=disclosure, basis=basis, decided_by_id=who.id, decided_at=at(when))
        self.s.add(dec)
        self.s.flush()
        return dec

    def sign(self, v: Version, dec: Decision, when: str, outcome: str = "approved") -> None:
        self.s.add(SignOff(version_id=v.id, decision_id=dec.id, approver_id=self.wang.id, outcome=outcome,
                           comment="" if outcome == "approved" else "请修改", at=at(when)))
        self.s.flush()

    def finish(self) -> None:
        for d in self.docs.values():
            self.s.refresh(d)
            refresh_document(self.s, d)
        self.s.commit()


def build(s: Session, drafter: User, li: User, zhao: User, wang: User) -> History:
    """The history every statistics test checks (see the table in tests/test_stats.py)."""
    h = History(s, drafter, li, zhao, wang)
    # D1 January: 部分公开 (个人隐私), 2 days
    v = h.version(h.doc("D1", "低保公示", "民政科"), "2026-01-05 02:00", "review", {"CN_RESIDENT_ID": 2, "CN_MOBILE_PHONE": 1})
    h.resolve(v, li, "2026-01-06 01:00")
    h.sign(v, h.decide(v, li, "2026-01-06 02:00", "部分公开", "15-privacy"), "2026-01-07 02:00")
    # D2 January: blocked, 不予公开 (国家秘密), 1 day
    v = h.version(h.doc("D2", "安全保卫工作通知", "办公室"), "2026-01-10 00:00", "block", {"SECRECY_MARKING": 1})
    h.resolve(v, zhao, "2026-01-10 12:00")
    h.sign(v, h.decide(v, zhao, "2026-01-10 13:00", "不予公开", "14-state-secret"), "2026-01-11 00:00")
    # D3 uploaded 2026-02-01 01:00 Beijing: 主动公开, 3 days
    v = h.version(h.doc("D3", "政务公开培训通知", "民政科"), "2026-01-31 17:00", "clear")
    h.sign(v, h.decide(v, li, "2026-02-02 00:00", "主动公开"), "2026-02-03 17:00")
    # D4 February, two versions: 不予公开 returned, then 部分公开 (过程性信息) signed in March, 20 days
    d4 = h.doc("D4", "征地补偿方案（征求意见稿）", "办公室")
    v = h.version(d4, "2026-02-10 00:00", "review", {"DRAFT_MARKING": 1, "PERSON": 2})
    h.resolve(v, li, "2026-02-10 08:00", "redact")
    h.sign(v, h.decide(v, li, "2026-02-11 00:00", "不予公开", "16-process"), "2026-02-12 00:00", "returned")
    v = h.version(d4, "2026-02-20 00:00", "review", {"PERSON": 1})
    h.resolve(v, li, "2026-02-21 00:00")
    h.sign(v, h.decide(v, li, "2026-02-21 01:00", "部分公开", "16-process"), "2026-03-02 00:00")
    # D5 March: blocked, 不予公开 (行政执法案卷), 3 days
    v = h.version(h.doc("D5", "行政执法案卷", "办公室"), "2026-03-01 00:00", "block",
                  {"RESTRICTED_MARKING": 1, "CN_RESIDENT_ID": 1})
    h.resolve(v, zhao, "2026-03-02 00:00")
    h.sign(v, h.decide(v, zhao, "2026-03-03 00:00", "不予公开", "16-enforcement"), "2026-03-04 00:00")
    # D6 March: 审查中 (李娜 resolved one of two)
    v = h.version(h.doc("D6", "救助名单", "民政科"), "2026-03-10 00:00", "review", {"CN_MOBILE_PHONE": 2})
    h.resolve(v, li, "2026-03-11 00:00", only=1)
    # D7 March: 待审查, nobody has touched it
    h.version(h.doc("D7", "会议纪要", "办公室"), "2026-03-15 00:00", "review", {"PERSON": 1})
    # D8 March: 待签发 (赵敏 decided)
    v = h.version(h.doc("D8", "工作动态", "民政科"), "2026-03-20 00:00", "clear")
    h.decide(v, zhao, "2026-03-21 00:00", "主动公开")
    # D9 uploaded December 2025, signed 2026-01-01 01:00 Beijing: 依申请公开 (商业秘密), 281 hours
    v = h.version(h.doc("D9", "供应商资质", "民政科"), "2025-12-20 00:00", "clear")
    h.sign(v, h.decide(v, li, "2025-12-28 00:00", "依申请公开", "15-trade-secret"), "2025-12-31 17:00")
    # D10 February: the scan failed (送审, but not scanned)
    h.version(h.doc("D10", "损坏的文件", "民政科"), "2026-02-05 00:00", None, status="failed")
    # D11 signed 2025-12-31 23:00 Beijing: in 2025, not 2026
    v = h.version(h.doc("D11", "年终总结", "民政科"), "2025-12-01 00:00", "clear")
    h.sign(v, h.decide(v, li, "2025-12-30 00:00", "主动公开"), "2025-12-31 15:00")
    # D12 March: 退回修改 (赵敏's 部分公开 returned)
    v = h.version(h.doc("D12", "补贴发放表", "民政科"), "2026-03-25 00:00", "review", {"PERSON": 1})
    h.resolve(v, zhao, "2026-03-26 00:00")
    h.sign(v, h.decide(v, zhao, "2026-03-26 01:00", "部分公开", "15-privacy"), "2026-03-27 00:00", "returned")
    h.finish()
    return h
