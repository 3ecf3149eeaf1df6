"""Rebuild every corpus document and gold.jsonl: python corpora/build/build.py"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS  # noqa: E402

import docs_txt  # noqa: E402

MODULES = [docs_txt]
for name in ("docs_docx", "docs_pdf", "docs_xlsx"):
    try:
        MODULES.append(__import__(name))
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise


def main() -> None:
    docs = [d for m in MODULES for d in m.DOCS]
    names = [Path(d.file).name for d in docs]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        sys.exit(f"duplicate basenames: {sorted(dup)}")
    for d in docs:
        path = CORPUS / d.file
        path.parent.mkdir(parents=True, exist_ok=True)
        d.make(path)
    with open(CORPUS / "gold.jsonl", "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d.gold(), ensure_ascii=False) + "\n")
    print(f"built {len(docs)} documents")


if __name__ == "__main__":
    main()
