"""Detectors for Chinese personal data and secrecy markings, built on presidio-analyzer."""
from __future__ import annotations

import os


def build_scanner(config_path: str | os.PathLike | None = None, allow_list_path: str | os.PathLike | None = None):
    """The scanner the pipeline calls per segment: every enabled recognizer of the YAML configuration.

    `config_path` (or REVIEWER_DETECTORS_CONFIG) names an office's own YAML file, loaded after
    detectors/conf/*.yaml; `allow_list_path` (or REVIEWER_ALLOW_LIST) its allow list.
    """
    from .allowlist import load_allow_list
    from .config import build_recognizer, load_settings
    from .engine import DetectorEngine

    settings = load_settings(config_path)
    recognizers = [build_recognizer(spec) for spec in settings.enabled()]
    return DetectorEngine(recognizers, settings, allow_list=load_allow_list(allow_list_path))
