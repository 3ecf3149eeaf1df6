"""The review workflow's vocabulary: states, 公开属性, legal bases from the 条例, and how a version's state is read."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .db.models import Decision, Document, Finding, SignOff, Version

STATES = ("扫描中", "扫描失败", "待审查", "审查中", "待签发", "退回修改", "已签发", "不予公开")
REVIEWABLE = ("待审查", "审查中", "退回修改")   # findings may be resolved and a decision made

DISCLOSURES = ("主动公开", "依申请公开", "不予公开", "部分公开")
# (value, article, label): the reasons 条例 第十四、十五、十六条 give for not disclosing
BASES: tuple[tuple[str, str, str], ...] = (
    ("14-state-secret", "第十四条", "依法确定为国家秘密的政府信息"),
    ("14-law-forbids", "第十四条", "法律、行政法规禁止公开的政府信息"),
    ("14-security", "第十四条", "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息"),
    ("15-trade-secret", "第十五条", "涉及商业秘密，公开会对第三方合法权益造成损害"),
    ("15-privacy", "第十五条", "涉及个人隐私，公开会对第三方合法权益造成损害"),
    ("16-internal", "第十六条第一款", "内部事务信息（人事管理、后勤管理、内部工作流程等）"),
    ("16-process", "第十六条第二款", "过程性信息（讨论记录、过程稿、磋商信函、请示报告等）"),
    ("16-enforcement", "第十六条第二款", "行政执法案卷信息"),
)
BASIS_LABELS = {value: f"条例{article}：{label}" for value, article, label in BASES}
MARKING_TYPES = ("SECRECY_MARKING", "RESTRICTED_MARKING")
KEEP_REASONS = ("公职人员履职信息", "已脱敏", "法定公开内容", "当事人同意公开", "单位公开信息",
                "已解密", "非密级标志", "误报")


def latest_decision(session: Session, version: Version) -> Decision | None:
    return session.execute(select(Decision).where(Decision.version_id == version.id)
                           .order_by(Decision.id.desc()).limit(1)).scalar_one_or_none()


def latest_signoff(session: Session, version: Version) -> SignOff | None:
    return session.execute(select(SignOff).where(SignOff.version_id == version.id)
                           .order_by(SignOff.id.desc()).limit(1)).scalar_one_or_none()


def finding_counts(session: Session, version: Version) -> dict[str, int]:
    """total, unresolved, redact and keep findings of a version."""
    rows = session.execute(select(Finding.resolution, func.count()).where(Finding.version_id == version.id)
                           .group_by(Finding.resolution)).all()
    counts = {"total": 0, "unresolved": 0, "redact": 0, "keep": 0}
    for resolution, n in rows:
        counts["total"] += n
        counts[resolution or "unresolved"] += n
    return counts


def version_state(session: Session, version: Version) -> str:
    if version.scan_status in ("queued", "scanning"):
        return "扫描中"
    if version.scan_status == "failed":
        return "扫描失败"
    decision = latest_decision(session, version)
    signoff = latest_signoff(session, version)
    if signoff is not None and decision is not None and signoff.decision_id == decision.id:
        if signoff.outcome == "returned":
            return "退回修改"
        return "不予公开" if decision.disclosure == "不予公开" else "已签发"
    if decision is not None:
        return "待签发"
    resolved = session.execute(select(func.count()).select_from(Finding).where(
        Finding.version_id == version.id, Finding.resolution.is_not(None))).scalar_one()
    return "审查中" if resolved else "待审查"


def refresh_document(session: Session, document: Document) -> str:
    """Recompute the document's cached state and verdict from its current version (the queue filters on them)."""
    from .db.models import utcnow
    session.flush()
    current = session.execute(select(Version).where(Version.document_id == document.id)
                              .order_by(Version.number.desc()).limit(1)).scalar_one()
    document.state = version_state(session, current)
    document.verdict = current.verdict
    document.updated_at = utcnow()
    return document.state


def unresolved_ids(session: Session, version: Version, finding_type: str | None = None) -> list[int]:
    """Ids of the version's unresolved findings (of one type), for "resolve all of this type"."""
    query = select(Finding.id).where(Finding.version_id == version.id, Finding.resolution.is_(None))
    if finding_type:
        query = query.where(Finding.type == finding_type)
    return list(session.execute(query.order_by(Finding.seq)).scalars())
