"""Walk the audit chain and say where and how it first breaks: altered, missing predecessor, or reordered."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .audit import GENESIS, ACTION_LABELS, as_dict, entries, entry_hash
from .db.models import AuditEntry

PROBLEMS = {
    "hash_mismatch": "内容与其哈希不符：这一条在写入后被修改过",
    "missing_predecessor": "缺少前一条：之前的记录被删除（或序号被改动）",
    "reordered": "顺序被打乱：这一条原本不在这个位置",
    "bad_link": "与前一条的哈希链接不符：前一条被替换或删除",
}
REORDER_WINDOW = 64  # how far from its place a moved entry is looked for


@dataclass(frozen=True)
class ChainBreak:
    """The first entry that does not fit the chain, and why."""

    seq: int
    ts: str
    action: str
    problem: str      # a key of PROBLEMS
    detail: str = ""

    def describe(self) -> str:
        label = ACTION_LABELS.get(self.action, self.action)
        text = f"第 {self.seq} 条（{self.ts}，{label} {self.action}）：{PROBLEMS[self.problem]}"
        return text + (f"。{self.detail}" if self.detail else "。")


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head_seq: int | None
    head_hash: str | None
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _seq_of_hash(session: Session, digest: str) -> int | None:
    return session.execute(select(AuditEntry.seq).where(AuditEntry.hash == digest).limit(1)).scalar_one_or_none()


def _diagnose(session: Session, entry: AuditEntry, expected_seq: int, prev_hash: str) -> ChainBreak | None:
    data = as_dict(entry)
    where = dict(seq=entry.seq, ts=entry.ts, action=entry.action)
    if entry.hash != entry_hash(data):
        # moved rows keep their content and hash; only the sequence number they were hashed with differs
        origin = 0 if entry.prev_hash == GENESIS else _seq_of_hash(session, entry.prev_hash)
        nearby = range(max(1, entry.seq - REORDER_WINDOW), entry.seq + REORDER_WINDOW + 1)
        for seq in ([origin + 1] if origin is not None else []) + list(nearby):
            if seq != entry.seq and entry_hash({**data, "seq": seq}) == entry.hash:
                return ChainBreak(**where, problem="reordered", detail=f"它原本是第 {seq} 条")
        return ChainBreak(**where, problem="hash_mismatch")
    if entry.seq != expected_seq:
        missing = f"第 {expected_seq} 条" if entry.seq == expected_seq + 1 else \
            f"第 {expected_seq}–{entry.seq - 1} 条"
        return ChainBreak(**where, problem="missing_predecessor", detail=f"{missing}不见了")
    if entry.prev_hash != prev_hash:
        origin = _seq_of_hash(session, entry.prev_hash)
        if origin is not None:
            return ChainBreak(**where, problem="reordered", detail=f"它应紧接第 {origin} 条之后")
        return ChainBreak(**where, problem="bad_link")
    return None


def check(session: Session) -> ChainReport:
    """Verify every entry in order; the report names the first break, if any."""
    prev_hash, expected_seq, count, head = GENESIS, 1, 0, None
    for entry in entries(session):
        broken = _diagnose(session, entry, expected_seq, prev_hash)
        if broken is not None:
            return ChainReport(count, head.seq if head else None, head.hash if head else None, broken)
        count += 1
        head = entry
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    return ChainReport(count, head.seq if head else None, head.hash if head else None, None)


def check_anchor(session: Session, seq: int, digest: str) -> str | None:
    """Compare an entry with a hash noted down earlier (e.g. printed by a past verify); why not, or None."""
    entry = session.get(AuditEntry, seq)
    if entry is None:
        return f"第 {seq} 条不存在：日志被截短或该条被删除。"
    if entry.hash != digest.strip().lower():
        return f"第 {seq} 条的哈希与记下的不同：日志在该条或之前被改写。"
    return None
