"""Web latency in the bench: upload to findings for a 100-page PDF, and the review page of a document with 2,000 findings."""
from __future__ import annotations

from pathlib import Path


def web_latency(out: Path, preset: str) -> dict:
    return {"todo": "TODO: web latency not measured yet (the web app is being written; added after it lands)"}
