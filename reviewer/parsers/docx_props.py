"""Word document properties (author, company…) and embedded files, as segments."""
from __future__ import annotations

import posixpath
from typing import Iterator

from ..document import Location, Segment
from .ooxml import Package

CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
# (part, element, field name in Location.field / METADATA_LABELS)
PROPERTIES = (
    ("docProps/core.xml", DC + "creator", "author"),
    ("docProps/core.xml", CP + "lastModifiedBy", "last_modified_by"),
    ("docProps/app.xml", EP + "Company", "company"),
    ("docProps/app.xml", EP + "Manager", "manager"),
    ("docProps/core.xml", DC + "title", "title"),
    ("docProps/core.xml", DC + "subject", "subject"),
    ("docProps/core.xml", CP + "keywords", "keywords"),
    ("docProps/core.xml", DC + "description", "comments"),
    ("docProps/core.xml", CP + "category", "category"),
)
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
EMBEDDINGS = "word/embeddings/"


def metadata(pkg: Package) -> Iterator[Segment]:
    """One segment per non-empty property, in the order of PROPERTIES."""
    roots = {part: pkg.xml_if_present(part) for part in {p for p, _, _ in PROPERTIES}}
    for part, tag, name in PROPERTIES:
        root = roots[part]
        el = root.find(tag) if root is not None else None
        value = "".join(el.itertext()).strip() if el is not None else ""
        if value:
            yield Segment(value, Location("metadata", field=name))
    yield from custom_properties(pkg)


def custom_properties(pkg: Package) -> Iterator[Segment]:
    """User-defined properties (File → Properties → Custom), as "name：value" so detectors see the label."""
    root = pkg.xml_if_present("docProps/custom.xml")
    for prop in root.iter(CUSTOM) if root is not None else ():
        name = (prop.get("name") or "").strip()
        value = "".join(prop.itertext()).strip()
        if value:
            yield Segment(f"{name}：{value}", Location("metadata", field=f"custom:{name}"))


def page_count(pkg: Package) -> int | None:
    """The page count Word stored when the file was last saved (docProps/app.xml), if any."""
    root = pkg.xml_if_present("docProps/app.xml")
    el = root.find(EP + "Pages") if root is not None else None
    try:
        pages = int((el.text or "").strip()) if el is not None else 0
    except ValueError:
        return None
    return pages if pages > 0 else None


def embedded_files(pkg: Package) -> Iterator[Segment]:
    """One concealed segment per file embedded in the document (an OLE object, a workbook, a package…)."""
    for name in pkg.names():
        if name.startswith(EMBEDDINGS) and not name.endswith("/"):
            yield Segment(posixpath.basename(name), Location("body"), concealed="embedded_file",
                          group=f"embedded:{name}")
