"""docs/readme/web.md documents every REVIEWER_* setting the app reads."""
from pathlib import Path

from reviewer.config import SETTINGS

DOC = Path(__file__).resolve().parents[2] / "docs" / "readme" / "web.md"


def test_every_setting_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in text]
    assert not missing, f"undocumented settings: {missing}"
