"""Shared helpers of the detector tests: an engine with the identifier recognizers only, and span lookups."""
from __future__ import annotations

from functools import lru_cache

from detectors.config import CONF_DIR, build_recognizer, load_settings
from detectors.engine import DetectorEngine
from reviewer.document import Detection, Location, Segment


@lru_cache(maxsize=1)
def identifier_engine() -> DetectorEngine:
    """The identifier recognizers of detectors/conf/identifiers.yaml, as shipped (no office file)."""
    settings = load_settings(files=[CONF_DIR / "identifiers.yaml"])
    return DetectorEngine([build_recognizer(s) for s in settings.enabled()], settings)


def scan(text: str, engine: DetectorEngine | None = None) -> list[Detection]:
    return (engine or identifier_engine()).scan(Segment(text, Location()))


def found(text: str, entity: str | None = None, engine: DetectorEngine | None = None) -> list[str]:
    """The written values found (of `entity`, or of every type as "TYPE:value")."""
    out = []
    for d in scan(text, engine):
        if entity is None:
            out.append(f"{d.type}:{text[d.start:d.end]}")
        elif d.type == entity:
            out.append(text[d.start:d.end])
    return out


def severities(text: str, entity: str) -> list[str | None]:
    return [d.severity for d in scan(text) if d.type == entity]
