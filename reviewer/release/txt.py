"""Release copy of a plain-text file: values blanked in place, encoding and line endings kept."""
from __future__ import annotations

from pathlib import Path

from ..parsers.txt import decode
from . import RedactionTarget, Redaction
from .match import MARK, blank, find_counted, normalise


def redact(source: Path, targets: list[RedactionTarget], dest: Path) -> Redaction:
    text, encoding = decode(source.read_bytes(), source.name)
    mark = MARK
    try:
        mark.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        mark = "*"
    done = Redaction()
    spans, counts = find_counted(text, (normalise(t.text) for t in targets))    # one pass for all values
    for t in targets:
        n = counts.get(normalise(t.text), 0)
        if n and t.text not in done.values:
            done.count(t.text, n)
    text = blank(text, spans, mark)
    dest.write_bytes(text.encode(encoding))
    return done
