"""Pivot caches: the copy of a pivot table's source data a workbook keeps, even after the source sheet is deleted."""
from __future__ import annotations

from typing import Iterator

from ..document import Cell, Location, Segment
from .ooxml import Package
from .xlsx_values import render_iso_date, render_number

DEFINITION_PREFIX = "xl/pivotCache/pivotCacheDefinition"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _item_text(item) -> str:
    """One cached value: s (text), n (number), d (date), b (boolean), e (error); m (missing) is empty."""
    kind, value = _local(item.tag), item.get("v", "")
    if kind == "n":
        try:
            return render_number(value).text
        except ValueError:
            return value
    if kind == "d":
        return render_iso_date(value)
    if kind == "b":
        return "TRUE" if value in ("1", "true") else "FALSE"
    return value if kind in ("s", "e") else ""


class PivotCache:
    """One pivot cache definition: field names, their shared items, the source sheet, the records part."""

    def __init__(self, pkg: Package, part: str):
        self.part = part
        root = pkg.xml(part)
        self.fields: list[str] = []
        self.shared: list[list[str]] = []
        self.source: str | None = None
        for elem in root.iter():
            tag = _local(elem.tag)
            if tag == "worksheetSource":
                self.source = elem.get("sheet") or elem.get("name")
            elif tag == "cacheField":
                self.fields.append(elem.get("name", ""))
                items = next((c for c in elem if _local(c.tag) == "sharedItems"), None)
                self.shared.append([_item_text(i) for i in items] if items is not None else [])
        self.records = next((r.target for r in pkg.relationships(part)
                             if r.type == "pivotCacheRecords" and not r.external and pkg.has(r.target)), None)

    def location(self, index: int | None) -> Location:
        return Location("hidden_text", sheet=self.source, paragraph=index)


def pivot_segments(pkg: Package, counter) -> Iterator[Segment]:
    """One concealed segment per cached record (or per field when records were not saved)."""
    for part in sorted(n for n in pkg.names() if n.startswith(DEFINITION_PREFIX) and n.endswith(".xml")):
        cache = PivotCache(pkg, part)
        group = f"pivot:{part}"
        if cache.records is None:
            for j, (name, items) in enumerate(zip(cache.fields, cache.shared)):
                values = [v for v in items if v.strip()]
                if values:
                    counter(len(values))
                    yield _record(values, [name] * len(values), cache.location(None), group, f"数据透视缓存字段“{name}”")
            continue
        index = 0
        for _event, elem in pkg.iter_xml(cache.records, events=("end",)):
            if _local(elem.tag) != "r":
                continue
            index += 1
            values, heads = [], []
            for j, item in enumerate(elem):
                if _local(item.tag) == "x":  # an index into the field's shared items
                    items = cache.shared[j] if j < len(cache.shared) else []
                    k = int(item.get("v", "-1") or -1)
                    text = items[k] if 0 <= k < len(items) else ""
                else:
                    text = _item_text(item)
                if text.strip():
                    values.append(text)
                    heads.append(cache.fields[j] if j < len(cache.fields) else "")
            elem.clear()
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
            if values:
                counter(len(values))
                yield _record(values, heads, cache.location(index), group, f"数据透视缓存第{index}条")


def _record(values: list[str], heads: list[str], location: Location, group: str, where: str) -> Segment:
    cells, pos = [], 0
    for value, head in zip(values, heads):
        cells.append(Cell(pos, where, head or None))
        pos += len(value) + 1
    return Segment("\t".join(values), location, "hidden_text", group, cells)
