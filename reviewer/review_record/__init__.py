"""The printable review record (政府信息公开保密审查单): its fields, and renderers to PDF and .docx."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import METADATA_LABELS, label
from ..release.match import mask_value

TITLE = "政府信息公开保密审查单"
DISCLOSURES = ("主动公开", "依申请公开", "不予公开", "部分公开")
RESOLUTIONS = {"redact": "删除", "keep": "保留", "删除": "删除", "保留": "保留"}
PART_LABELS = {"body": "正文", "table": "表格", "header": "页眉", "footer": "页脚", "footnote": "脚注/尾注",
               "comment": "批注", "tracked_change": "修订痕迹", "hidden_text": "隐藏文字", "metadata": "文档属性",
               "sheet": "工作表", "hidden_sheet": "隐藏工作表", "hidden_row": "隐藏行", "hidden_column": "隐藏列",
               "covered_text": "被遮盖的文字", "annotation": "注释"}


@dataclass
class RecordFinding:
    """One finding as the record lists it; `text` is masked when printed."""

    type_label: str          # Chinese label of the finding type (reviewer.findings.label)
    text: str                # the value as found
    location_label: str      # where it is, in a reader's words: 第 2 页, 表格 表1 第3行第2列, 工作表“名单”B7
    resolution: str          # '删除' or '保留'
    reason: str = ""

    @classmethod
    def from_finding(cls, finding: dict, resolution: str, reason: str = "") -> "RecordFinding":
        """From a SPEC finding dict and a resolution ('redact'/'keep' or '删除'/'保留')."""
        return cls(label(finding["type"]), finding.get("text", ""), location_label(finding.get("location") or {}),
                   RESOLUTIONS.get(resolution, resolution), reason)

    @property
    def shown(self) -> str:
        return mask_value(self.text)


@dataclass
class ReviewRecord:
    """Everything the printed record shows about one reviewed document version."""

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
    basis: str = ""          # 法律依据, e.g. 《政府信息公开条例》第十五条（个人隐私）
    comment: str = ""        # 审查意见
    findings: list[RecordFinding] = field(default_factory=list)
    office: str | None = None

    def groups(self) -> list[tuple[str, list[RecordFinding]]]:
        """Findings grouped by type, in the order the types first appear."""
        out: dict[str, list[RecordFinding]] = {}
        for f in self.findings:
            out.setdefault(f.type_label, []).append(f)
        return list(out.items())

    def summary(self) -> str:
        redacted = sum(1 for f in self.findings if f.resolution == "删除")
        return f"共 {len(self.findings)} 项发现：删除 {redacted} 项，保留 {len(self.findings) - redacted} 项。"


def location_label(location: dict) -> str:
    """A SPEC location dict in words: 第 2 页 正文第 3 段, 工作表“名单”B7, 文档属性（作者）."""
    bits = []
    if location.get("page"):
        bits.append(f"第 {location['page']} 页")
    part = location.get("part") or "body"
    if location.get("sheet"):
        bits.append(f"{'隐藏' if part == 'hidden_sheet' else ''}工作表“{location['sheet']}”{location.get('cell') or ''}")
        if part in ("hidden_row", "hidden_column"):
            bits.append(PART_LABELS[part])
    else:
        name = PART_LABELS.get(part, part)
        if location.get("cell"):
            bits.append(f"{name} {location['cell']}")
        elif location.get("paragraph") is not None and part not in ("metadata",):
            bits.append(f"{name}第 {location['paragraph'] + 1} 段")
        else:
            bits.append(name)
    if location.get("field"):
        bits[-1] += f"（{METADATA_LABELS.get(location['field'], location['field'])}）"
    if location.get("author"):
        bits[-1] += f"（作者 {mask_value(location['author'])}）"
    return " ".join(bits)


def render_pdf(record: ReviewRecord) -> bytes:
    """The record as an A4 PDF (reportlab, Chinese in the STSong-Light CID font)."""
    from .pdf import render
    return render(record)


def render_docx(record: ReviewRecord) -> bytes:
    """The record as a Word document (python-docx), A4, tables with borders."""
    from .docx import render
    return render(record)


__all__ = ["ReviewRecord", "RecordFinding", "render_pdf", "render_docx", "location_label", "TITLE"]
