"""Helpers of the name, address, marking and sensitive-data tests: an engine per YAML file, segments by place."""
from __future__ import annotations

from functools import lru_cache

from detectors.config import CONF_DIR, build_recognizer, load_settings
from detectors.engine import DetectorEngine
from reviewer.document import Cell, Location, Segment


@lru_cache(maxsize=None)
def engine(conf: str) -> DetectorEngine:
    """The recognizers of one shipped detectors/conf file (persons.yaml, markings.yaml …)."""
    settings = load_settings(files=[CONF_DIR / conf])
    return DetectorEngine([build_recognizer(s) for s in settings.enabled()], settings)


def segment(text: str, part: str = "body", paragraph: int | None = 20, page: int | None = None,
            headers: list[str] | None = None) -> Segment:
    """A paragraph, or with `headers` a table row whose cells are the tab-separated parts of `text`."""
    cells = None
    if headers is not None:
        cells, pos = [], 0
        for i, (value, header) in enumerate(zip(text.split("\t"), headers)):
            cells.append(Cell(pos, f"表1 第2行第{i + 1}列", header))
            pos += len(value) + 1
        part = "table"
    return Segment(text, Location(part, paragraph=paragraph, page=page), cells=cells)


def findings(conf: str, text_or_segment, entity: str | None = None):
    """(type, written value, severity, masked, detail) of each detection."""
    seg = text_or_segment if isinstance(text_or_segment, Segment) else segment(text_or_segment)
    out = []
    for d in engine(conf).scan(seg):
        if entity is None or d.type == entity:
            out.append((d.type, seg.text[d.start:d.end], d.severity, d.masked, d.detail))
    return out


def values(conf: str, text_or_segment, entity: str, severity: str | None = "any") -> list[str]:
    """The written values of `entity`; `severity` filters ("private" = anything above info)."""
    out = []
    for _, value, sev, _, _ in findings(conf, text_or_segment, entity):
        if severity == "any" or (severity == "private" and sev != "info") or sev == severity:
            out.append(value)
    return out
