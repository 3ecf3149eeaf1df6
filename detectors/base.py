"""The recognizer interface: Presidio recognizers that may also see where their text sits."""
from __future__ import annotations

from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer, RecognizerResult

if TYPE_CHECKING:
    from reviewer.document import Segment

# Keys a recognizer may set in RecognizerResult.recognition_metadata; the engine turns them into the
# finding's severity (e.g. "info" for a masked value or an official named in role), masked flag,
# detail (SENSITIVE_PERSONAL kind) and the explanation a reviewer reads.
SEVERITY = "severity"
MASKED = "masked"
DETAIL = "detail"
EXPLANATION = "explanation"


class SegmentRecognizer(EntityRecognizer):
    """A Presidio EntityRecognizer that the engine calls with the segment, not only its text.

    `text` is the engine's normalised text of the segment (half-width, no zero-width characters,
    Traditional converted to Simplified, same length as the original so offsets carry over).
    `segment` gives the location (part, paragraph, page, sheet) and, for table rows, the cells
    with their column headings.
    """

    def analyze_segment(self, text: str, segment: "Segment", entities: list[str]) -> list[RecognizerResult]:
        return self.analyze(text, entities, None)

    def load(self) -> None:  # Presidio calls this from __init__
        pass
