"""The finding types of SPEC: category, default severity and the Chinese label reviewers see."""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("block", "high", "medium", "low", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}  # info=0 … block=4
SEVERITY_LABELS = {"block": "阻断", "high": "高", "medium": "中", "low": "低", "info": "提示"}


@dataclass(frozen=True)
class FindingType:
    name: str
    category: str
    severity: str
    label: str


FINDING_TYPES: dict[str, FindingType] = {t.name: t for t in (
    FindingType("CN_RESIDENT_ID", "personal", "high", "身份证号"),
    FindingType("CN_MOBILE_PHONE", "personal", "high", "手机号"),
    FindingType("CN_LANDLINE_PHONE", "personal", "medium", "固定电话"),
    FindingType("BANK_CARD", "personal", "high", "银行卡号"),
    FindingType("EMAIL_ADDRESS", "personal", "medium", "电子邮箱"),
    FindingType("CN_PASSPORT", "personal", "high", "护照/通行证号"),
    FindingType("CN_LICENSE_PLATE", "personal", "medium", "车牌号"),
    FindingType("PERSON", "personal", "medium", "姓名"),
    FindingType("ADDRESS", "personal", "medium", "详细地址"),
    FindingType("SENSITIVE_PERSONAL", "personal", "high", "敏感个人信息"),
    FindingType("ORG_CREDIT_CODE", "organisation", "info", "统一社会信用代码"),
    FindingType("SECRECY_MARKING", "secrecy", "block", "密级标志"),
    FindingType("RESTRICTED_MARKING", "secrecy", "block", "内部/工作秘密标志"),
    FindingType("DRAFT_MARKING", "process", "medium", "过程稿标志"),
    FindingType("HIDDEN_CONTENT", "concealed", "high", "隐藏内容"),
    FindingType("DOCUMENT_METADATA", "metadata", "low", "文档属性"),
)}

CONCEALED_LABELS = {
    "comment": "批注", "tracked_change": "修订痕迹", "hidden_text": "隐藏文字",
    "hidden_sheet": "隐藏工作表", "hidden_row": "隐藏行", "hidden_column": "隐藏列",
    "covered_text": "被遮盖的文字", "white_text": "白色/不可见文字", "annotation": "PDF 注释",
    "embedded_file": "嵌入文件",
}

METADATA_LABELS = {
    "author": "作者", "last_modified_by": "最后修改者", "company": "单位", "manager": "主管",
    "creator": "创建者", "producer": "生成软件", "title": "标题", "subject": "主题",
    "keywords": "关键词", "comments": "备注", "category": "类别", "defined_name": "定义名称",
}


def label(type_name: str) -> str:
    t = FINDING_TYPES.get(type_name)
    return t.label if t else type_name


def verdict(severities) -> str:
    """block when any finding blocks; review when any is above info; clear otherwise."""
    worst = "clear"
    for s in severities:
        if s == "block":
            return "block"
        if s != "info":
            worst = "review"
    return worst
