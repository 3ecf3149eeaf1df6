"""Check gold.jsonl against the files: checksums, verbatim presence, hidden parts, basenames.

  python corpora/build/check_gold.py        # exit 1 and a list of problems when anything is off
"""
import json
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from checks import is_plausible_id15, is_valid_id18, luhn_ok  # noqa: E402
from common import CORPUS  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TYPES = {"CN_RESIDENT_ID", "CN_MOBILE_PHONE", "CN_LANDLINE_PHONE", "BANK_CARD", "EMAIL_ADDRESS", "CN_PASSPORT",
         "CN_LICENSE_PLATE", "PERSON", "ADDRESS", "SECRECY_MARKING", "RESTRICTED_MARKING", "DRAFT_MARKING"}
HIDDEN = {"comment", "tracked_change", "hidden_text", "metadata", "hidden_sheet", "hidden_row", "hidden_column",
          "covered_text", "white_text", "annotation", "embedded_file"}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def plain(s: str) -> str:
    return unicodedata.normalize("NFKC", squash(s)).replace("-", "").replace("+", "")


def docx_text(path: Path) -> tuple[str, dict]:
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    cp = d.core_properties
    meta = {"author": cp.author or "", "last_modified_by": cp.last_modified_by or ""}
    found = set()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            for p in root.iter(W + "p"):
                parts.append("".join(e.text or "" for e in p.iter(W + "t", W + "delText")))
            if name == "word/comments.xml" and root.find(W + "comment") is not None:
                found.add("comment")
            if root.find(f".//{W}del") is not None or root.find(f".//{W}ins") is not None:
                found.add("tracked_change")
            if root.find(f".//{W}vanish") is not None:
                found.add("hidden_text")
        if "docProps/app.xml" in z.namelist():
            m = re.search(rb"<Company>([^<]*)</Company>", z.read("docProps/app.xml"))
            meta["company"] = m.group(1).decode() if m else ""
    parts += meta.values()
    if any(meta.values()):
        found.add("metadata")
    return "\n".join(parts), found


def xlsx_text(path: Path) -> tuple[str, dict]:
    import openpyxl
    wb = openpyxl.load_workbook(path)
    parts, found = [], set()
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            found.add("hidden_sheet")
        if any(d.hidden for d in ws.row_dimensions.values()):
            found.add("hidden_row")
        if any(d.hidden for d in ws.column_dimensions.values()):
            found.add("hidden_column")
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    parts.append(str(c.value))
                if c.comment is not None:
                    found.add("comment")
                    parts.append(c.comment.text)
    meta = [wb.properties.creator or "", wb.properties.lastModifiedBy or ""]
    with zipfile.ZipFile(path) as z:
        if "docProps/app.xml" in z.namelist():
            m = re.search(rb"<Company>([^<]*)</Company>", z.read("docProps/app.xml"))
            meta.append(m.group(1).decode() if m else "")
    parts += meta
    if any(meta):
        found.add("metadata")
    return "\n".join(parts), found


def pdf_text(path: Path) -> tuple[str, dict]:
    import pdfplumber
    parts, found = [], set()
    with pdfplumber.open(path) as pdf:
        meta = [pdf.metadata.get(k, "") or "" for k in ("Author", "Creator", "Subject")]
        meta = [m for m in meta if m and m not in ("(unspecified)", "ReportLab PDF Library - www.reportlab.com")]
        if pdf.metadata.get("Author") not in (None, "", "(anonymous)", "anonymous"):
            found.add("metadata")
        parts += meta
        for page in pdf.pages:
            parts.append(page.extract_text() or "")
            for a in page.annots:
                found.add("annotation")
                parts.append(a.get("contents") or "")
            blacks = [r for r in page.rects if r.get("non_stroking_color") in ((0, 0, 0), [0, 0, 0], (0,), [0], 0)
                      and r.get("fill")]
            for r in blacks:
                if any(ch["x0"] >= r["x0"] - 1 and ch["x1"] <= r["x1"] + 1 and ch["top"] >= r["top"] - 1 and
                       ch["bottom"] <= r["bottom"] + 1 for ch in page.chars):
                    found.add("covered_text")
            if any(ch.get("non_stroking_color") in ((1, 1, 1), [1, 1, 1], (1,), [1]) for ch in page.chars):
                found.add("white_text")
    return "\n".join(parts), found


def value_ok(typ: str, v: str) -> str | None:
    d = plain(v).upper()
    if typ == "CN_RESIDENT_ID" and not (is_valid_id18(d) or is_plausible_id15(d)):
        return "ID fails MOD 11-2 / 15-digit form"
    if typ == "BANK_CARD" and not (16 <= len(d) <= 19 and luhn_ok(d)):
        return "card fails Luhn or length"
    if typ == "CN_MOBILE_PHONE" and not re.fullmatch(r"(86)?1[3-9]\d{9}", d):
        return "not a mobile number"
    if typ == "CN_LANDLINE_PHONE" and not re.fullmatch(r"[(（]?0\d{2,3}[)）]?\d{7,8}", d):
        return "not a landline"
    if typ == "EMAIL_ADDRESS" and not re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", d, re.A):
        return "not an e-mail"
    if typ == "CN_PASSPORT" and not re.fullmatch(r"[A-Z]{0,2}\d{7,9}|[EC][A-Z0-9]\d{7}", d):
        return "not a travel-document number"
    return None


def main() -> int:
    problems = []
    lines = (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = []
    for i, line in enumerate(lines, 1):
        try:
            gold.append(json.loads(line))
        except json.JSONDecodeError as e:
            problems.append(f"gold line {i}: {e}")
    names = Counter(Path(g["file"]).name for g in gold)
    problems += [f"duplicate basename {n}" for n, k in names.items() if k > 1]
    counts = Counter()
    for g in gold:
        f = g["file"]
        path = CORPUS / f
        if set(g) != {"file", "entities", "ignore", "hidden", "block"}:
            problems.append(f"{f}: keys {sorted(g)}")
        if not path.is_file():
            problems.append(f"{f}: missing file")
            continue
        ext = path.suffix
        if ext == ".txt":
            text, found = path.read_text(encoding="utf-8"), set()
        else:
            text, found = {".docx": docx_text, ".xlsx": xlsx_text, ".pdf": pdf_text}[ext](path)
        flat = squash(text)
        seen = set()
        for e in g["entities"] + g["ignore"]:
            t, v = e["type"], e["value"]
            if t not in TYPES:
                problems.append(f"{f}: unknown type {t}")
            if squash(v) not in flat:
                problems.append(f"{f}: {t} {v!r} not in extracted text")
        for e in g["entities"]:
            t, v = e["type"], e["value"]
            msg = value_ok(t, v)
            if msg:
                problems.append(f"{f}: {t} {v!r}: {msg}")
            key = (t, plain(v).upper())
            if key in seen:
                problems.append(f"{f}: duplicate entity {t} {v!r}")
            seen.add(key)
            counts[t] += 1
        ent_keys = {(e["type"], plain(e["value"]).upper()) for e in g["entities"]}
        for e in g["ignore"]:
            if (e["type"], plain(e["value"]).upper()) in ent_keys:
                problems.append(f"{f}: {e['value']!r} both entity and ignore")
        for h in g["hidden"]:
            if h not in HIDDEN:
                problems.append(f"{f}: unknown hidden kind {h}")
        if ext != ".txt":
            want = set(g["hidden"])
            if want != found:
                problems.append(f"{f}: hidden in gold {sorted(want)} but file shows {sorted(found)}")
        marks = {e["type"] for e in g["entities"]} & {"SECRECY_MARKING", "RESTRICTED_MARKING"}
        if bool(marks) != g["block"]:
            problems.append(f"{f}: block={g['block']} but markings {sorted(marks)}")
    # look-alike numbers declared in the build scripts must fail the checks
    import build
    for m in build.MODULES:
        for d in m.DOCS:
            for v in d.decoys:
                if is_valid_id18(v) or (len(plain(v)) >= 16 and luhn_ok(v) and not plain(v).startswith("62")):
                    problems.append(f"{d.file}: decoy {v} passes a checksum")
    for p in problems:
        print(p)
    print(f"{len(gold)} documents, {sum(counts.values())} entities: " +
          ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
