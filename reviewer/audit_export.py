"""Audit entries filtered by user, document, action and time: one query for the CLI export, the API and the web page."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import IO, Any, Iterator

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from .audit import ACTION_LABELS, as_dict
from .db.models import AuditEntry

CSV_COLUMNS = ("seq", "ts", "actor", "action", "action_label", "document_id", "version_sha256", "ip", "details",
               "prev_hash", "hash")


class BadFilter(ValueError):
    """A filter value that cannot be understood; the message says what to write instead."""


def parse_time(raw: str | None, *, end_of_day: bool = False) -> str | None:
    """An ISO 8601 date or date-time as the stored UTC form ('…+00:00'); a date alone is its start (or end) of day.

    A time without an offset is taken as UTC.
    """
    if raw is None or not str(raw).strip():
        return None
    raw = str(raw).strip()
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            moment = datetime.combine(day, time.max if end_of_day else time.min, tzinfo=timezone.utc)
        else:
            moment = datetime.fromisoformat(raw.upper().replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise BadFilter(f"无法识别的时间“{raw[:40]}”。请写成 2026-11-27 或 2026-11-27T14:30:00+08:00。") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class AuditFilter:
    """Which entries: every field optional; times are ISO 8601 strings (see parse_time)."""

    document_id: int | None = None
    actor: str | None = None
    action: str | None = None
    since: str | None = None
    until: str | None = None

    @classmethod
    def parse(cls, *, document_id: Any = None, actor: Any = None, action: Any = None, since: Any = None,
              until: Any = None) -> "AuditFilter":
        doc = None
        if document_id not in (None, ""):
            try:
                doc = int(document_id)
            except (TypeError, ValueError):
                raise BadFilter(f"文件编号应为整数，收到“{str(document_id)[:40]}”。") from None
            if not 0 < doc < 2**63:
                raise BadFilter("文件编号应为正整数。")
        since_ts, until_ts = parse_time(since), parse_time(until, end_of_day=True)
        return cls(doc, (actor or "").strip() or None, (action or "").strip() or None, since_ts, until_ts)

    def apply(self, query: Select) -> Select:
        if self.document_id is not None:
            query = query.where(AuditEntry.document_id == self.document_id)
        if self.actor:
            query = query.where(AuditEntry.actor == self.actor)
        if self.action:
            query = query.where(AuditEntry.action == self.action)
        if self.since:
            query = query.where(AuditEntry.ts >= self.since)
        if self.until:
            query = query.where(AuditEntry.ts <= self.until)
        return query


def count(session: Session, flt: AuditFilter) -> int:
    return session.execute(flt.apply(select(func.count()).select_from(AuditEntry))).scalar_one()


def page(session: Session, flt: AuditFilter, *, page: int, per_page: int, newest_first: bool = False
         ) -> list[AuditEntry]:
    order = AuditEntry.seq.desc() if newest_first else AuditEntry.seq
    query = flt.apply(select(AuditEntry)).order_by(order).offset((page - 1) * per_page).limit(per_page)
    return list(session.execute(query).scalars())


def iter_entries(session: Session, flt: AuditFilter, batch: int = 1000) -> Iterator[AuditEntry]:
    """Every matching entry in chain order, read in batches (the log may be long)."""
    after = 0
    while True:
        rows = session.execute(flt.apply(select(AuditEntry)).where(AuditEntry.seq > after)
                               .order_by(AuditEntry.seq).limit(batch)).scalars().all()
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def record(entry: AuditEntry) -> dict[str, Any]:
    """One entry as exported: every hashed field, its hash, and the action's Chinese label."""
    data = as_dict(entry)
    data["action_label"] = ACTION_LABELS.get(entry.action, entry.action)
    return data


def write_jsonl(rows: Iterator[AuditEntry], out: IO[str], header: bool = True) -> int:
    n = 0
    for entry in rows:
        out.write(json.dumps(record(entry), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def _cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula (the JSONL export keeps values exactly)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(rows: Iterator[AuditEntry], out: IO[str], header: bool = True) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    if header:
        writer.writeheader()
    n = 0
    for entry in rows:
        data = record(entry)
        data["details"] = json.dumps(data["details"], ensure_ascii=False, sort_keys=True) if data["details"] else ""
        writer.writerow({k: _cell(v) for k, v in data.items()})
        n += 1
    return n


WRITERS = {"csv": write_csv, "jsonl": write_jsonl}


def chunks(session: Session, flt: AuditFilter, fmt: str, batch: int = 1000) -> Iterator[str]:
    """The export as text chunks of `batch` entries each, for a streamed download."""
    import io
    rows: list[AuditEntry] = []
    first = True
    for entry in iter_entries(session, flt, batch):
        rows.append(entry)
        if len(rows) == batch:
            out = io.StringIO()
            WRITERS[fmt](iter(rows), out, header=first)
            yield out.getvalue()
            rows, first = [], False
    out = io.StringIO()
    WRITERS[fmt](iter(rows), out, header=first)
    yield out.getvalue()
