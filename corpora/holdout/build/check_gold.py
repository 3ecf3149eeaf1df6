"""Sanity checks for the held-out gold (independent of the scanner):
every annotated value occurs in the document's full text (visible and concealed, modulo
spaces/dashes/width), IDs pass MOD 11-2, cards pass Luhn, basenames unique and prefixed h_,
hidden/block fields well-formed.   /work/main/.venv/bin/python corpora/holdout/build/check_gold.py
"""
import html
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
HIDDEN = {"comment", "tracked_change", "hidden_text", "metadata", "hidden_sheet", "hidden_row",
          "hidden_column", "covered_text", "white_text", "annotation", "embedded_file"}
TYPES = {"CN_RESIDENT_ID", "CN_MOBILE_PHONE", "CN_LANDLINE_PHONE", "BANK_CARD", "EMAIL_ADDRESS", "CN_PASSPORT",
         "CN_LICENSE_PLATE", "PERSON", "ADDRESS", "SECRECY_MARKING", "RESTRICTED_MARKING", "DRAFT_MARKING"}


def norm(s):
    return re.sub(r"[\s\-—·・（）()]", "", unicodedata.normalize("NFKC", s)).upper()


def full_text(path):
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix in (".docx", ".xlsx"):
        z = zipfile.ZipFile(path)
        out = []
        for n in z.namelist():
            if n.endswith(".xml") or n.endswith(".vml"):
                x = z.read(n).decode("utf-8")
                out.append(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</(w:p|row|si|c)>", "\n", x))))
        return "\n".join(out)
    with pdfplumber.open(path) as pdf:
        out = [p.extract_text() or "" for p in pdf.pages]
        out += [a.get("contents") or "" for p in pdf.pages for a in p.annots]
        out += [str(v) for v in pdf.metadata.values()]
    return "\n".join(out)


def id_ok(v):
    v = norm(v)
    if len(v) == 15:
        return v.isdigit()
    return len(v) == 18 and "10X98765432"[sum(int(a) * b for a, b in zip(v[:17], W)) % 11] == v[17]


def luhn(v):
    d = [int(c) for c in norm(v)][::-1]
    return sum(x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(d)) % 10 == 0


errors = []
names = set()
lines = (ROOT / "gold.jsonl").read_text(encoding="utf-8").splitlines()
for ln in lines:
    g = json.loads(ln)
    p = ROOT / g["file"]
    base = p.name
    if not base.startswith("h_") or base in names:
        errors.append(f"basename {base}")
    names.add(base)
    if not p.exists():
        errors.append(f"missing {p}")
        continue
    t = norm(full_text(p))
    for e in g["entities"] + g["ignore"]:
        if e["type"] not in TYPES:
            errors.append(f"{base}: type {e['type']}")
        if norm(e["value"]) not in t:
            errors.append(f"{base}: {e['type']} {e['value']!r} not in text")
    for e in g["entities"]:
        if e["type"] == "CN_RESIDENT_ID" and not id_ok(e["value"]):
            errors.append(f"{base}: bad ID {e['value']}")
        if e["type"] == "BANK_CARD" and not (luhn(e["value"]) and 16 <= len(norm(e["value"])) <= 19):
            errors.append(f"{base}: bad card {e['value']}")
    if set(g["hidden"]) - HIDDEN or not isinstance(g["block"], bool):
        errors.append(f"{base}: hidden/block field")
    marks = {e["type"] for e in g["entities"]} & {"SECRECY_MARKING", "RESTRICTED_MARKING"}
    if bool(marks) != g["block"]:
        errors.append(f"{base}: block does not follow markings")
on_disk = {q.name for d in ("txt", "docx", "pdf", "xlsx") for q in (ROOT / d).iterdir()}
if on_disk != names:
    errors.append(f"files without gold / gold without files: {sorted(on_disk ^ names)}")
print(f"{len(lines)} documents checked")
print("\n".join(errors) or "OK")
sys.exit(1 if errors else 0)
