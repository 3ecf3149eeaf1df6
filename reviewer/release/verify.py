"""Checking a release copy by construction: re-read it with ordinary libraries and the scanner, list what survived."""
from __future__ import annotations

import logging
import re
import zipfile
from itertools import compress, count
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from lxml import etree

from ..findings import CONCEALED_LABELS, METADATA_LABELS, label
from . import RedactionTarget
from .match import LINE_BREAKS, MIN_NEEDLE, WRAP_NEEDLE, mask_value, normalise

if TYPE_CHECKING:
    from ..document import Location, Segment
    from ..limits import Limits
    from ..pipeline import Scanner

log = logging.getLogger(__name__)
# elements after which a line ends, so that words of neighbouring paragraphs are not glued together
LINE_ENDS = {"p", "tr", "si", "row", "comment", "t"}
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


def xml_text(data: bytes) -> str:
    """All text nodes and attribute values of an XML document, a line per paragraph."""
    try:
        root = etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError:
        return data.decode("utf-8", "ignore")
    if root is None:
        return data.decode("utf-8", "ignore")
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for v in el.attrib.values():
            out.append("\n" + v + "\n")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        local = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if local in LINE_ENDS and local != "t":
            out.append("\n")
        if el.tail:
            out.append(el.tail)

    walk(root)
    return "".join(out)


def zip_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(member name, text) for every member: XML as text, anything else as raw bytes read both ways."""
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            yield info.filename, data.decode("utf-8", "ignore")
            if data.lstrip()[:1] == b"<" or info.filename.endswith((".xml", ".rels", ".vml")):
                yield info.filename, xml_text(data)
            else:
                yield info.filename, data.decode("utf-16-le", "ignore")


def texts(path: Path, fmt: str, workbook=None) -> Iterator[tuple[str, str]]:
    """Every piece of text ordinary libraries find in the file, with where it was found.

    `workbook`: the .xlsx copy already loaded by openpyxl (a large workbook takes seconds to load).
    """
    if fmt == "txt":
        from ..parsers.txt import decode
        yield "正文", decode(path.read_bytes(), path.name)[0]
    elif fmt in ("docx", "xlsx"):
        yield from zip_texts(path)
        yield from (_docx_library_texts(path) if fmt == "docx" else _xlsx_library_texts(path, workbook))
    elif fmt == "pdf":
        from .pdf_verify import pdf_texts
        yield from pdf_texts(path)


def _docx_library_texts(path: Path) -> Iterator[tuple[str, str]]:
    import docx
    doc = docx.Document(str(path))
    yield "正文", "\n".join(p.text for p in doc.paragraphs)
    for t in doc.tables:
        for row in t.rows:
            yield "表格", "\t".join(c.text for c in row.cells)
    for s in doc.sections:
        for hf in (s.header, s.footer, s.first_page_header, s.first_page_footer,
                   s.even_page_header, s.even_page_footer):
            yield "页眉页脚", "\n".join(p.text for p in hf.paragraphs)


def _xlsx_library_texts(path: Path, wb=None) -> Iterator[tuple[str, str]]:
    import openpyxl
    wb = wb if wb is not None else openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield f"工作表“{ws.title}”", "\t".join("" if c.value is None else str(c.value) for c in row)


def concealed_parts(path: Path, fmt: str, workbook=None) -> list[str]:
    """Concealed parts the format's own checks still find (independent of the scanner)."""
    if fmt == "docx":
        from .docx import leftovers
        return leftovers(path)
    if fmt == "xlsx":
        from .xlsx import leftovers
        return leftovers(path, workbook)
    if fmt == "pdf":
        from .pdf_verify import leftovers
        return leftovers(path)
    return []


def verify_copy(path: Path, fmt: str, targets: list[RedactionTarget],
                scanner: "Scanner | None" = None, limits: "Limits | None" = None) -> list[str]:
    """What survived in the copy, one Chinese phrase each; empty when the copy is clean.

    `limits` bound the re-reading scan (default: the environment's, for a release check:
    Limits.for_release_check)."""
    problems: list[str] = []
    wanted = {}
    for t in targets:
        n = normalise(t.text)
        if len(n) >= MIN_NEEDLE:
            wanted.setdefault(n, t)
    found: set[str] = set()
    search, order = _Search(wanted), {n: i for i, n in enumerate(wanted)}
    workbook = None
    if fmt == "xlsx":         # read once for its cell values and for its hidden sheets, rows and comments
        import openpyxl
        workbook = openpyxl.load_workbook(path)
    for where, text in texts(path, fmt, workbook):
        for n in sorted(search.present(text) - found, key=order.__getitem__):
            found.add(n)
            t = wanted[n]
            problems.append(f"{label(t.type)} {mask_value(t.text)}（{where}）")
    problems.extend(concealed_parts(path, fmt, workbook))
    del workbook
    problems.extend(_scan_problems(path, wanted, found, scanner, search, order, limits))
    return problems


class _Search:
    """The target values present in a text, all at once; written apart from the redactors' `Needles`.

    A value lies inside a run of characters that values are made of, at least as long as the
    shortest value: only such runs are read (a regular expression finds them; the markup of an
    XML part, the bulk of a workbook's bytes, is skipped). In a run, the values are grouped by
    their first two characters, and each pair of characters of the run that begins like one is
    compared with that group. A value of WRAP_NEEDLE characters or more is looked for in the
    whole text (it may run over a line break), a shorter one line by line (as `contains`).
    """

    def __init__(self, wanted: "dict[str, RedactionTarget]"):
        self.long = self._index(n for n in wanted if len(n) >= WRAP_NEEDLE)
        self.short = self._index(n for n in wanted if len(n) < WRAP_NEEDLE)

    @staticmethod
    def _index(values: "Iterator[str]") -> "tuple[re.Pattern, dict[str, dict[int, set[str]]]] | None":
        groups: dict[str, dict[int, set[str]]] = {}       # first two characters → length → values
        alphabet: set[str] = set()
        for v in values:
            groups.setdefault(v[:MIN_NEEDLE], {}).setdefault(len(v), set()).add(v)
            alphabet.update(v)
        if not groups:
            return None
        shortest = min(length for by_length in groups.values() for length in by_length)
        runs = re.compile("[" + "".join(re.escape(c) for c in sorted(alphabet)) + "]{%d,}" % shortest)
        return runs, groups

    @staticmethod
    def _in(flat: str, index, out: set[str]) -> None:
        if index is None:
            return
        runs, groups = index
        for run in runs.findall(flat):
            # each pair of characters looked up in C (MIN_NEEDLE == 2); Python sees only those that begin a value
            for i in compress(count(), map(groups.__contains__, map(str.__add__, run, run[1:]))):
                for length, values in groups[run[i:i + MIN_NEEDLE]].items():
                    if run[i:i + length] in values:
                        out.add(run[i:i + length])

    def present(self, text: str) -> set[str]:
        out: set[str] = set()
        if not text:
            return out
        self._in(normalise(text), self.long, out)
        if self.short:
            for line in LINE_BREAKS.split(text):
                self._in(normalise(line), self.short, out)
        return out


class _ReadingImages:
    """The scanner of the re-reading scan, which also looks for the target values in the text read from
    images by OCR (a segment with an OCR confidence): a value still legible on a page image refuses the
    copy even where no detector would report it (a name without its label, a number cut short)."""

    def __init__(self, scanner: "Scanner", search: _Search, order: dict[str, int], found: set[str]):
        self.scanner, self.search, self.order, self.found = scanner, search, order, found
        self.seen: list[tuple[str, "Location"]] = []

    def scan(self, segment: "Segment"):
        if segment.location.confidence is not None:
            for n in sorted(self.search.present(segment.text) - self.found, key=self.order.__getitem__):
                self.found.add(n)
                self.seen.append((n, segment.location))
        return self.scanner.scan(segment)


def _scan_problems(path: Path, wanted: dict[str, RedactionTarget], found: set[str], scanner: "Scanner | None",
                   search: _Search, order: dict[str, int], limits: "Limits | None") -> list[str]:
    from ..limits import Limits
    from ..pipeline import NullScanner, default_scanner, scan_file
    if scanner is None:
        try:
            scanner = default_scanner()
        except Exception:  # the detectors are optional here: the values were searched for above
            log.warning("detectors unavailable; verifying the release copy without them", exc_info=True)
            scanner = NullScanner()
    reading = _ReadingImages(scanner, search, order, found)
    report = scan_file(path, scanner=reading, limits=limits or Limits.from_env().for_release_check())
    legible = [f"{label(wanted[n].type)} {mask_value(wanted[n].text)}（{_page(where)}图像中仍可辨认，OCR 复核）"
               for n, where in reading.seen]
    if report.status != "ok":
        if report.error and report.error.get("code") in ("unsupported_format", "no_text_layer"):
            return legible   # no parser for the format, or every page became an image: the library checks stand
        return legible + [f"复核扫描无法读取发布稿（{report.error['message'] if report.error else '未知错误'}）"]
    problems = legible
    for f in report.findings:
        if f.type == "HIDDEN_CONTENT":
            problems.append(f"{CONCEALED_LABELS.get(f.detail or '', '隐藏内容')}“{mask_value(f.text[:30])}”")
        elif f.type == "DOCUMENT_METADATA":
            problems.append(f"文档属性“{METADATA_LABELS.get(f.detail or '', f.detail)}”：{f.text}")
        else:
            n = normalise(f.text)
            if n in wanted and n not in found:
                found.add(n)
                problems.append(f"{label(f.type)} {mask_value(f.text)}（扫描复核）")
    return problems


def _page(where: "Location") -> str:
    return f"第 {where.page} 页" if where.page else ""
