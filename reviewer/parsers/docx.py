"""docx parser (being written)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..document import ParseContext, Segment
from ..errors import UnsupportedFormatError


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    raise UnsupportedFormatError("docx 解析器尚未完成。")
    yield
