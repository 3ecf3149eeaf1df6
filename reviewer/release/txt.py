"""Release copy of a plain-text file: values blanked in place, encoding and line endings kept."""
from __future__ import annotations

from pathlib import Path

from ..parsers.txt import decode
from . import RedactionTarget, Redaction
from .match import MARK, find_spans, blank, normalise


def redact(source: Path, targets: list[RedactionTarget], dest: Path) -> Redaction:
    text, encoding = decode(source.read_bytes(), source.name)
    mark = MARK
    try:
        mark.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        mark = "*"
    done = Redaction()
    for t in targets:
        n = len(find_spans(text, [normalise(t.text)]))
        if n:
            done.count(t.text, n)
    text = blank(text, find_spans(text, [normalise(t.text) for t in targets]), mark)
    dest.write_bytes(text.encode(encoding))
    return done
