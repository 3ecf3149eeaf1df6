"""Detector configuration: YAML files say which recognizers load, with which context words, scores and severities."""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reviewer.errors import UsageError

CONF_DIR = Path(__file__).parent / "conf"
ENV_CONFIG = "REVIEWER_DETECTORS_CONFIG"

# Keys of a recognizer entry the engine uses itself; any other key is passed to the class's __init__.
ENGINE_KEYS = {"name", "class", "enabled", "severity", "context", "context_window", "priority",
               "entity", "patterns", "prefilter", "masked_patterns", "options"}


class ConfigError(UsageError, ValueError):
    """A detector configuration file that cannot be used; the message names the file and the entry."""

    code = "detector_config"


@dataclass
class RecognizerSpec:
    """One `recognizers:` entry after all files were merged (later files override earlier ones by name)."""

    name: str
    cls: str | None = None                   # dotted path; None: a pattern recognizer defined in YAML
    enabled: bool = True
    severity: str | None = None
    context: list[str] | None = None
    context_window: int | None = None
    priority: int | None = None
    entity: str | None = None
    patterns: list[dict] | None = None
    prefilter: str | None = None
    masked_patterns: list[str] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    source: str = ""


@dataclass
class Settings:
    """The engine settings (`engine:` section) and the recognizer entries, in load order."""

    score_threshold: float = 0.4
    context_window: int = 20
    context_factor: float = 0.35
    specs: list[RecognizerSpec] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def enabled(self) -> list[RecognizerSpec]:
        return [s for s in self.specs if s.enabled]


def config_files(config_path: str | os.PathLike | None = None) -> list[Path]:
    """detectors/conf/*.yaml in name order, then the office's own file (argument or REVIEWER_DETECTORS_CONFIG)."""
    files = sorted(CONF_DIR.glob("*.yaml"))
    extra = config_path or os.environ.get(ENV_CONFIG)
    if extra:
        p = Path(extra)
        if not p.is_file():
            raise ConfigError(f"检测器配置文件“{p}”不存在（{ENV_CONFIG}）。请检查路径，或取消该环境变量。")
        files.append(p)
    return files


def load_settings(config_path: str | os.PathLike | None = None, files: list[Path] | None = None) -> Settings:
    """Merge the configuration files (default: config_files(config_path)) into one Settings."""
    settings = Settings()
    by_name: dict[str, RecognizerSpec] = {}
    for path in files if files is not None else config_files(config_path):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"无法读取检测器配置“{path}”：{exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"检测器配置“{path}”的顶层应是映射（engine:, recognizers:）。")
        settings.files.append(path)
        engine = data.get("engine") or {}
        settings.score_threshold = float(engine.get("score_threshold", settings.score_threshold))
        settings.context_window = int(engine.get("context_window", settings.context_window))
        settings.context_factor = float(engine.get("context_factor", settings.context_factor))
        for i, entry in enumerate(data.get("recognizers") or []):
            _merge(by_name, settings, entry, f"{path} recognizers[{i}]")
    return settings


def _merge(by_name: dict[str, RecognizerSpec], settings: Settings, entry: Any, where: str) -> None:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}：每个识别器条目应是映射。")
    name = entry.get("name") or (str(entry["class"]).rsplit(".", 1)[-1] if entry.get("class") else None)
    if not name:
        raise ConfigError(f"{where}：需要 name（或 class）。")
    spec = by_name.get(name)
    if spec is None:
        if not entry.get("class") and not entry.get("patterns"):
            raise ConfigError(f"{where}：识别器“{name}”既没有 class 也没有 patterns，"
                              "也不是前面已定义的识别器名称。")
        spec = RecognizerSpec(name=name)
        by_name[name] = spec
        settings.specs.append(spec)
    spec.source = where
    for key, value in entry.items():
        if key == "class":
            spec.cls = value
        elif key in ENGINE_KEYS and key != "name":
            setattr(spec, key, value)
        elif key not in ENGINE_KEYS:
            spec.options[key] = value
    if spec.patterns is not None and not spec.cls and not spec.entity:
        raise ConfigError(f"{where}：YAML 定义的识别器“{name}”需要 entity（实体类型，如 OFFICE_CASE_NO）。")


def import_class(dotted: str, where: str = "") -> type:
    module, _, attr = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ConfigError(f"{where}：找不到识别器类“{dotted}”（{exc}）。") from exc


def build_recognizer(spec: RecognizerSpec):
    """Instantiate one enabled spec: its class with the YAML's arguments, or a CnPatternRecognizer."""
    from presidio_analyzer import Pattern

    from .base import CnPatternRecognizer
    from .normalize import t2s

    kwargs: dict[str, Any] = dict(spec.options)
    if spec.context is not None:
        kwargs["context"] = [t2s(str(w)) for w in spec.context]
    if "negative_context" in kwargs:
        kwargs["negative_context"] = [t2s(str(w)) for w in kwargs["negative_context"]]
    if spec.patterns is not None:
        try:
            kwargs["patterns"] = [Pattern(p["name"], p["regex"], float(p.get("score", 0.5))) for p in spec.patterns]
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"{spec.source}：patterns 的每项需要 name、regex 和 score。") from exc
    if spec.masked_patterns is not None:
        kwargs["masked_patterns"] = tuple(spec.masked_patterns)
    if spec.prefilter is not None:
        kwargs["prefilter"] = spec.prefilter
    if spec.cls:
        cls = import_class(spec.cls, spec.source)
        if spec.entity:
            kwargs["supported_entity"] = spec.entity
    else:
        cls = CnPatternRecognizer
        kwargs["supported_entity"] = spec.entity
    kwargs.setdefault("name", spec.name)
    later = _not_accepted(cls, kwargs, ("name", "context", "prefilter", "negative_context"))
    try:
        rec = cls(**kwargs)
    except Exception as exc:
        raise ConfigError(f"{spec.source}：无法创建识别器“{spec.name}”：{exc}") from exc
    for key, value in later.items():   # set as attributes what the class's __init__ does not take
        setattr(rec, key, value)
    rec.severity = spec.severity
    rec.context_window = spec.context_window
    rec.priority = spec.priority
    if spec.prefilter is not None:
        rec.prefilter = spec.prefilter
    return rec


def _not_accepted(cls: type, kwargs: dict, keys: tuple[str, ...]) -> dict:
    """Remove from kwargs (and return) those of `keys` that cls.__init__ does not accept."""
    import inspect
    params = inspect.signature(cls.__init__).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return {}
    return {k: kwargs.pop(k) for k in keys if k in kwargs and k not in params}
