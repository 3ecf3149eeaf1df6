"""Shared pieces of the corpus build: the Doc record, fixed dates, deterministic zips."""
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

CORPUS = Path(__file__).resolve().parent.parent
FIXED_DT = datetime(2024, 5, 20, 9, 30, 0)
ZIP_DT = (2024, 5, 20, 9, 30, 0)

# Finding types used in the gold (short aliases keep the hand-written lists readable).
ID, MOB, TEL, CARD, MAIL = "CN_RESIDENT_ID", "CN_MOBILE_PHONE", "CN_LANDLINE_PHONE", "BANK_CARD", "EMAIL_ADDRESS"
PASS, PLATE, PER, ADDR = "CN_PASSPORT", "CN_LICENSE_PLATE", "PERSON", "ADDRESS"
SECRET, RESTRICT, DRAFT = "SECRECY_MARKING", "RESTRICTED_MARKING", "DRAFT_MARKING"


@dataclass
class Doc:
    """One corpus document: where it goes, how it is made, and its gold annotation."""
    file: str                      # path relative to corpora/
    genre: str
    script: str                    # 简 or 繁
    tests: str                     # what it tests (README column)
    make: Callable[[Path], None]   # writes the file to the given path
    entities: list = field(default_factory=list)   # (type, value) pairs that must be found
    ignore: list = field(default_factory=list)     # (type, value) pairs that may be found
    hidden: list = field(default_factory=list)
    block: bool = False
    decoys: list = field(default_factory=list)     # look-alike numbers that must NOT be IDs/cards

    def gold(self) -> dict:
        return {"file": self.file,
                "entities": [{"type": t, "value": v} for t, v in self.entities],
                "ignore": [{"type": t, "value": v} for t, v in self.ignore],
                "hidden": list(self.hidden),
                "block": self.block}


def write_text(path: Path, text: str) -> None:
    path.write_text(text.lstrip("\n"), encoding="utf-8")


_MODIFIED = re.compile(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*(</dcterms:(?:modified|created)>)")
_WDATE = re.compile(rb'w:date="[^"]*"')


def _set_company(app_xml: bytes, company: str) -> bytes:
    value = company.encode("utf-8")
    if re.search(rb"<Company\s*/>|<Company>[^<]*</Company>", app_xml):
        return re.sub(rb"<Company\s*/>|<Company>[^<]*</Company>", b"<Company>" + value + b"</Company>", app_xml)
    if company:
        return app_xml.replace(b"</Properties>", b"<Company>" + value + b"</Company></Properties>")
    return app_xml


def normalise_zip(path: Path, company: str = "") -> None:
    """Rewrite an OOXML zip with fixed timestamps (and the given Company property) for identical rebuilds."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>2024-05-20T09:30:00Z\g<2>", data)
            if name == "docProps/app.xml":
                data = _set_company(data, company)
            if name.startswith("word/") and name.endswith(".xml"):
                data = _WDATE.sub(b'w:date="2024-05-20T09:30:00Z"', data)
            info = zipfile.ZipInfo(name, date_time=ZIP_DT)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)
