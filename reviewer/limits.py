"""Named limits on hostile or over-large input, all configurable from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None


@dataclass(frozen=True)
class Limits:
    """Ceilings a single document may not exceed; env var REVIEWER_<FIELD upper> overrides each."""

    max_file_mb: float = 200          # size of the uploaded file
    max_unpacked_mb: float = 1000     # total uncompressed size of a zip-based file (docx/xlsx)
    max_compression_ratio: float = 200  # a member that expands more than this is a zip bomb
    max_pages: int = 5000             # PDF pages
    max_cells: int = 20_000_000       # non-empty spreadsheet cells
    max_xml_depth: int = 256          # element nesting in Office XML
    max_seconds: float = 600          # wall time to parse and scan one file
    max_chars: int = 200_000_000      # characters of extracted text
    max_convert_seconds: float = 120  # LibreOffice converting one legacy .doc/.xls/.ppt/.wps/.et/.dps
    max_ocr_pages: int = 50           # scanned pages read by OCR (the rest are left for a person)
    max_image_pixels: int = 60_000_000  # pixels of one image or rendered page given to OCR
    # the check of a release copy runs in the background (reviewer/release_jobs.py): it reads every
    # page image by OCR, up to these two in place of max_ocr_pages and max_seconds
    release_check_ocr_pages: int = 1000
    release_check_seconds: float = 3600

    @classmethod
    def from_env(cls) -> "Limits":
        values = {}
        for f in fields(cls):
            value = _env_number("REVIEWER_" + f.name.upper(), f.default)
            values[f.name] = int(value) if f.type in ("int", int) else value
        return cls(**values)

    def for_release_check(self) -> "Limits":
        """These limits with the release check's own OCR pages and time in place of a scan's."""
        return replace(self, max_ocr_pages=self.release_check_ocr_pages, max_seconds=self.release_check_seconds)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_unpacked_bytes(self) -> int:
        return int(self.max_unpacked_mb * 1024 * 1024)


DEFAULT_LIMITS = Limits()
