"""The office's allow list: its own public values (咨询电话, office e-mail, officials' names) reported as info."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .config import ConfigError
from .normalize import normalise_value

ENV_ALLOW_LIST = "REVIEWER_ALLOW_LIST"
ANY_TYPE = "ANY"
# Types compared on their digits and letters only: 0878-8712345 = 0878 8712345 = (0878)8712345.
NUMBER_TYPES = {"CN_RESIDENT_ID", "CN_MOBILE_PHONE", "CN_LANDLINE_PHONE", "BANK_CARD", "CN_PASSPORT",
                "CN_LICENSE_PLATE", "ORG_CREDIT_CODE"}
# Types where a finding inside an allowed value (or the reverse) is allowed: a listed office
# address also allows the part of it a recognizer found.
CONTAINMENT_TYPES = {"ADDRESS"}
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_SPACE = re.compile(r"\s+")


def value_key(entity_type: str, value: str) -> str:
    """How a value is compared: normalised (full-width, Traditional, zero-width), then per type."""
    v = normalise_value(value)
    if entity_type in NUMBER_TYPES:
        v = _NOT_ALNUM.sub("", v)
        if entity_type in ("CN_MOBILE_PHONE", "CN_LANDLINE_PHONE") and v.startswith("86") and len(v) > 11:
            v = v[2:]
        return v
    return _SPACE.sub("", v)


@dataclass
class AllowList:
    """Values per finding type (ANY: every type), compared after normalisation."""

    values: dict[str, set[str]] = field(default_factory=dict)
    source: str = ""

    def add(self, entity_type: str, value: str) -> None:
        key = value_key(entity_type, value)
        if key:
            self.values.setdefault(entity_type, set()).add(key)

    def allows(self, entity_type: str, value: str) -> bool:
        for t in (entity_type, ANY_TYPE):
            listed = self.values.get(t)
            if not listed:
                continue
            key = value_key(entity_type if t == ANY_TYPE else t, value)
            if key in listed:
                return True
            if entity_type in CONTAINMENT_TYPES and any(key in v or v in key for v in listed):
                return True
        return False

    def __len__(self) -> int:
        return sum(len(v) for v in self.values.values())


def parse_allow_list(data: object, source: str = "") -> AllowList:
    """`{TYPE: [value, ...], ...}`; a bare string is one value."""
    if data is None:
        return AllowList(source=source)
    if not isinstance(data, dict):
        raise ConfigError(f"白名单“{source}”的顶层应是映射：类型: [值, …]（例如 CN_LANDLINE_PHONE: [0878-8712345]）。")
    allow = AllowList(source=source)
    for etype, values in data.items():
        if isinstance(values, (str, int)):
            values = [values]
        if not isinstance(values, list):
            raise ConfigError(f"白名单“{source}”中 {etype} 的值应是列表。")
        for v in values:
            allow.add(str(etype).upper(), str(v))
    return allow


def load_allow_list(path: str | os.PathLike | None = None) -> AllowList | None:
    """The file named by the argument or REVIEWER_ALLOW_LIST; None when neither is set."""
    path = path or os.environ.get(ENV_ALLOW_LIST)
    if not path:
        return None
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取白名单“{p}”（{ENV_ALLOW_LIST}）：{exc}。请检查路径和 YAML 格式。") from exc
    return parse_allow_list(data, str(p))
