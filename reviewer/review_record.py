"""The printable review record (政府信息公开保密审查单) as PDF and .docx (first version: fields fixed, layout to follow)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RecordFinding:
    type_label: str          # Chinese label of the finding type (reviewer.findings.label)
    text: str                # the value; masked when printed
    location_label: str      # where it is, in words a reader uses (第3段, 表1 第2行第3列…)
    resolution: str          # '删除' or '保留'
    reason: str = ""


@dataclass
class ReviewRecord:
    title: str
    filename: str
    version_number: int
    sha256: str
    uploaded_by: str
    uploaded_at: str
    reviewed_by: str = ""
    reviewed_at: str = ""
    signed_by: str = ""
    signed_at: str = ""
    disclosure: str = ""     # 主动公开 / 依申请公开 / 不予公开 / 部分公开
    basis: str = ""
    comment: str = ""
    findings: list[RecordFinding] = field(default_factory=list)
    office: str | None = None


def render_pdf(record: ReviewRecord) -> bytes:
    raise NotImplementedError


def render_docx(record: ReviewRecord) -> bytes:
    raise NotImplementedError
