"""Builds the blank spaCy zh pipeline on disk so that nothing is downloaded at run time."""
from __future__ import annotations

import sys
from pathlib import Path

PIPELINE_DIR = Path(__file__).parent / "nlp" / "zh_blank"


def build(target: Path = PIPELINE_DIR) -> Path:
    """spacy.blank("zh") (character segmentation: no jieba, no pkuseg model) saved to `target`."""
    import spacy

    nlp = spacy.blank("zh")
    nlp.meta["name"] = "zh_blank_reviewer"
    nlp.meta["description"] = "Blank Chinese pipeline for presidio-analyzer, built by detectors.nlp_build"
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return target


def ensure_built() -> Path:
    if not (PIPELINE_DIR / "meta.json").is_file():
        build()
    return PIPELINE_DIR


def main() -> None:
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else PIPELINE_DIR)
    print(f"spaCy zh pipeline written to {path}")


if __name__ == "__main__":
    main()
