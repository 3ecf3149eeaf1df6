"""Consistency check after a crash or a restore: database rows, stored files and the audit chain agree."""
from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from . import audit
from .db.models import AuditEntry, Decision, Document, SignOff, Version, utcnow

STORED_NAME = re.compile(r"([0-9a-f]{64})(\.[a-z0-9]{1,8})$")
INTERRUPTED = {"code": "interrupted",
               "message": "扫描被中断（服务器曾意外停止）。请点击“重新扫描”；仍失败请联系管理员。"}
MISSING_FILE = {"code": "file_missing",
                "message": "该版本的原文件在存储目录中找不到（可能被删除或未从备份恢复）。请重新上传该文件，或请管理员从备份恢复。"}


@dataclass
class Problem:
    kind: str          # orphan_file, temp_file, missing_file, stuck_scan, scan_running, empty_document, dangling_row,
                       # audit_chain, audit_missing, state_drift, stuck_release, release_running, release_refused,
                       # release_failed
    what: str          # a sentence a person can act on
    repairable: bool = True
    repaired: bool = False


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    versions: int = 0
    files: int = 0
    audit_entries: int = 0

    def add(self, kind: str, what: str, repairable: bool = True) -> Problem:
        p = Problem(kind, what, repairable)
        self.problems.append(p)
        return p

    @property
    def remaining(self) -> list[Problem]:
        return [p for p in self.problems if not p.repaired]


def stored_files(storage_dir: Path) -> dict[str, Path]:
    """sha256+extension → path of every file kept in storage (the tmp/ folder excluded)."""
    out: dict[str, Path] = {}
    if not storage_dir.is_dir():
        return out
    for sub in storage_dir.iterdir():
        if sub.is_dir() and re.fullmatch(r"[0-9a-f]{2}", sub.name):
            for f in sub.iterdir():
                m = STORED_NAME.fullmatch(f.name)
                if m and f.is_file():
                    out[m.group(1) + m.group(2)] = f
    return out


def check(session: Session, storage_dir: Path | str, *, repair: bool = False,
          orphan_age_seconds: float = 3600, stale_seconds: float | None = None) -> CheckReport:
    """Find (and with repair=True fix, then commit) what a crash can leave behind; see docs/security.md.

    A scan or a release copy's build counts as stuck when its heartbeat is older than `stale_seconds` (default
    REVIEWER_SCAN_STALE_SECONDS, 120): a younger one may belong to a worker that is still running.
    """
    storage_dir = Path(storage_dir)
    report = CheckReport()
    if stale_seconds is None:
        from .jobs_claim import stale_seconds as configured
        stale_seconds = configured()
    _check_audit(session, report)
    _check_rows(session, report, repair, stale_seconds)
    _check_release_copies(session, report, repair, stale_seconds)
    _check_files(session, storage_dir, report, repair, orphan_age_seconds)
    if repair:
        session.commit()
    return report


def _check_audit(session: Session, report: CheckReport) -> None:
    ok, broken = audit.verify(session)
    report.audit_entries = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    if not ok:
        report.add("audit_chain", f"审计日志哈希链在第 {broken} 条断开：请运行 reviewer audit verify 查看详情，"
                                  "并从备份核对该条前后的记录。", repairable=False)
    uploads = set(session.execute(select(AuditEntry.version_sha256).where(AuditEntry.action == "upload")).scalars())
    shas = set(session.execute(select(Version.sha256)).scalars())
    for sha in sorted(shas - uploads):
        report.add("audit_missing", f"版本 {sha[:12]}… 没有对应的上传审计记录。", repairable=False)
    for sha in sorted(uploads - shas - {None} - _retired(session)):
        report.add("audit_missing", f"上传审计记录所指的版本 {sha[:12]}… 不在数据库中。", repairable=False)
    for model, actions, label in ((Decision, ("decide",), "公开属性决定"), (SignOff, ("signoff", "return"), "签发/退回")):
        rows = session.execute(select(Version.sha256, func.count()).join(model, model.version_id == Version.id)
                               .group_by(Version.sha256)).all()
        logged = dict(session.execute(select(AuditEntry.version_sha256, func.count())
                                      .where(AuditEntry.action.in_(actions))
                                      .group_by(AuditEntry.version_sha256)).all())
        for sha, n in rows:
            if logged.get(sha, 0) < n:
                report.add("audit_missing", f"版本 {sha[:12]}… 有 {n} 条{label}，审计日志只记了 {logged.get(sha, 0)} 条。",
                           repairable=False)


def _retired(session: Session) -> set[str]:
    """Versions removed on purpose (none are today: retention deletes files, not rows)."""
    return set()


def _check_rows(session: Session, report: CheckReport, repair: bool, stale_seconds: float) -> None:
    from .workflow_rules import refresh_document
    for table, column, parent in (("findings", "version_id", "versions"), ("segments", "version_id", "versions"),
                                  ("decisions", "version_id", "versions"), ("signoffs", "version_id", "versions"),
                                  ("versions", "document_id", "documents")):
        n = session.execute(text(f"SELECT count(*) FROM {table} t LEFT JOIN {parent} p ON p.id = t.{column} "
                                 f"WHERE p.id IS NULL")).scalar_one()
        if n:
            p = report.add("dangling_row", f"{table} 表中有 {n} 行所属的 {parent} 记录不存在。")
            if repair:
                session.execute(text(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT id FROM {parent})"))
                p.repaired = True
    empty = session.execute(select(Document).where(~Document.versions.any())).scalars().all()
    for doc in empty:
        p = report.add("empty_document", f"文件 {doc.id}“{doc.title}”没有任何版本（上传未完成）。")
        if repair:
            session.delete(doc)
            p.repaired = True
    stuck = session.execute(select(Version).where(Version.scan_status == "scanning")).scalars().all()
    for v in stuck:
        if _beating(v.heartbeat_at, stale_seconds):
            report.add("scan_running", f"文件 {v.document_id} 第 {v.number} 版正在扫描（{stale_seconds:g} 秒内有心跳），"
                                       "暂不处理；如服务已停止，请稍后再运行本检查。", repairable=False)
            continue
        p = report.add("stuck_scan", f"文件 {v.document_id} 第 {v.number} 版停在“扫描中”：将标为扫描失败，可重新扫描。")
        if repair:
            v.scan_status, v.scan_error = "failed", dict(INTERRUPTED)
            audit.record(session, "scan_failed", "system", document_id=v.document_id, version_sha256=v.sha256,
                         details={"error": INTERRUPTED, "by": "reviewer check --repair"})
            p.repaired = True
    report.versions = session.execute(select(func.count()).select_from(Version)).scalar_one()
    if repair:
        for doc in session.execute(select(Document).where(Document.versions.any())).scalars():
            before = doc.state
            if refresh_document(session, doc) != before:
                report.add("state_drift", f"文件 {doc.id} 的状态缓存“{before}”已更正为“{doc.state}”。").repaired = True


def _beating(beat: datetime | None, stale_seconds: float) -> bool:
    """Whether a heartbeat is younger than stale_seconds (its worker may still be running)."""
    if beat is None:
        return False
    return (datetime.now(timezone.utc) - (beat if beat.tzinfo else beat.replace(tzinfo=timezone.utc))).total_seconds() \
        < stale_seconds


def _check_release_copies(session: Session, report: CheckReport, repair: bool, stale_seconds: float) -> None:
    """Release copies (reviewer/release_jobs.py) stuck in 生成中, and those of signed-off versions that were refused
    or failed. A stuck one is queued again on repair (reviewer serve submits it when it starts, a download does too);
    a refused or failed one needs a person: 重新生成发布稿, or a corrected version."""
    from .db.models import ReleaseCopy
    from .workflow_release import release_copy_of
    building = session.execute(select(ReleaseCopy).where(ReleaseCopy.status == "building")
                               .order_by(ReleaseCopy.id)).scalars().all()
    for copy in building:
        where = _release_where(session, copy)
        if _beating(copy.heartbeat_at, stale_seconds):
            report.add("release_running", f"{where}正在生成（{stale_seconds:g} 秒内有心跳），暂不处理；"
                                          "如服务已停止，请稍后再运行本检查。", repairable=False)
            continue
        p = report.add("stuck_release", f"{where}停在“生成中”（生成进程已停止）：将重新排队，"
                                        "reviewer serve 启动时（或下次下载时）重新生成。")
        if repair:
            copy.status, copy.claim_token, copy.requested_at = "queued", None, utcnow()
            p.repaired = True
    unfinished = session.execute(select(ReleaseCopy).where(ReleaseCopy.status.in_(("refused", "failed")))
                                 .order_by(ReleaseCopy.id)).scalars().all()
    for copy in unfinished:
        version = session.get(Version, copy.version_id)
        if version is None or release_copy_of(session, version.document) is not copy:
            continue   # an older version's or decision's copy: never served again
        said = "未通过核验" if copy.status == "refused" else "生成失败"
        report.add(f"release_{copy.status}", f"{_release_where(session, copy)}{said}：{copy.message or '（无说明）'} "
                                             "审查人或签发人可在文件页点击“重新生成发布稿”；如是文件内容所致，请上传修改后的版本。",
                   repairable=False)


def _release_where(session: Session, copy) -> str:
    version = session.get(Version, copy.version_id)
    if version is None:
        return f"发布稿 {copy.id}（所属版本已不存在）"
    return f"文件 {version.document_id} 第 {version.number} 版的发布稿"


def _check_files(session: Session, storage_dir: Path, report: CheckReport, repair: bool, min_age: float) -> None:
    files = stored_files(storage_dir)
    report.files = len(files)
    known = set()
    for v in session.execute(select(Version)).scalars():
        key = v.sha256 + v.extension
        known.add(key)
        if key not in files and not _released_file_gone(v):
            p = report.add("missing_file", f"文件 {v.document_id} 第 {v.number} 版（{v.original_name}）的原文件缺失。",
                           repairable=v.scan_status != "done")
            if repair and v.scan_status != "done":
                v.scan_status, v.scan_error = "failed", dict(MISSING_FILE)
                p.repaired = True
    now = time.time()
    for key, path in sorted(files.items()):
        if key in known:
            continue
        old = now - path.stat().st_mtime >= min_age
        p = report.add("orphan_file", f"存储目录中的 {path.name} 不属于任何版本（上传中断留下的文件）"
                                      + ("" if old else "，但刚刚写入，可能仍在上传：暂不删除") + "。", repairable=old)
        if repair and old:
            path.unlink(missing_ok=True)
            p.repaired = True
    _check_encryption(files, report, repair)
    tmp = storage_dir / "tmp"
    if tmp.is_dir():
        for f in tmp.iterdir():
            if f.is_file() and now - f.stat().st_mtime >= min_age:
                p = report.add("temp_file", f"临时文件 {f.name} 是中断的上传留下的。")
                if repair:
                    f.unlink(missing_ok=True)
                    p.repaired = True


def _released_file_gone(version: Version) -> bool:
    """A file deleted on purpose by the retention policy (recorded in the version's notes)."""
    return any(isinstance(n, str) and n.startswith("retention:") for n in (version.notes or []))



def _check_encryption(files: dict[str, Path], report: CheckReport, repair: bool) -> None:
    """With REVIEWER_STORAGE_KEY set: every stored file is sealed with that key (plaintext ones are sealed on repair)."""
    from .crypto import StorageKeyError, encrypt_file, is_encrypted, key_from_env, key_id
    try:
        key = key_from_env()
    except StorageKeyError as exc:
        report.add("storage_key", exc.message, repairable=False)
        return
    if key is None:
        return
    plain, foreign = [], 0
    for path in files.values():
        if not is_encrypted(path):
            plain.append(path)
        else:
            with open(path, "rb") as fh:
                foreign += fh.read(14)[6:14] != key_id(key)
    if plain:
        p = report.add("unencrypted", f"{len(plain)} 个存储文件尚未加密（设置密钥之前上传的）。")
        if repair:
            for path in plain:
                encrypt_file(path, key)
            p.repaired = True
    if foreign:
        report.add("foreign_key", f"{foreign} 个存储文件是用另一把密钥加密的：请设置 REVIEWER_STORAGE_KEY_OLD 后运行 "
                                  "reviewer storage rotate-key。", repairable=False)
