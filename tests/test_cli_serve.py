"""`reviewer serve` start-up: with scans in its own thread pool, the detectors are built before the first upload."""
from __future__ import annotations

import gc

import reviewer.pipeline as pipeline
from reviewer.cli.web import _build_scanner_now


def test_the_detectors_are_built_at_start_up_and_kept_from_the_collector(monkeypatch):
    monkeypatch.setattr(pipeline, "_SCANNER", None)
    try:
        _build_scanner_now()
        built = pipeline._SCANNER
        assert built is not None and pipeline.default_scanner() is built   # the first upload's scan reuses it
        assert gc.get_freeze_count() > 10_000                              # its tables are out of reach
    finally:
        gc.unfreeze()
