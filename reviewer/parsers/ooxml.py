"""Safety checks for zip-based Office files (docx, xlsx): zip bombs, unpacked-size limits, hardened XML parsing."""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from lxml import etree

from ..errors import CorruptFileError, UnsafeXmlError, ZipBombError
from ..limits import Limits


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a package whose members would unpack past the limits, before any library opens it."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise CorruptFileError(
            f"“{path.name}”已损坏或不完整（ZIP 结构无法读取：{exc}）。请从原始软件重新保存后提交。") from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * 1024 * 1024 and ratio > limits.max_compression_ratio:
            raise ZipBombError(
                f"“{path.name}”中的部件 {info.filename} 压缩比异常（{ratio:.0f}:1，上限 "
                f"{limits.max_compression_ratio:g}:1），疑似“压缩炸弹”，已拒绝处理。请从原始软件重新保存后提交。")
        if total > limits.max_unpacked_bytes:
            raise ZipBombError(
                f"“{path.name}”解压后超过 {limits.max_unpacked_mb:g} MB 上限（REVIEWER_MAX_UNPACKED_MB），"
                "疑似“压缩炸弹”或文件过大，已拒绝处理。请拆分后提交。")


# ---------------------------------------------------------------- hardened XML
# Office XML never needs a DTD: one is refused outright (billion laughs, external entities).
PARSER_OPTIONS = dict(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                      dtd_validation=False, remove_comments=True, remove_pis=True)
# libxml2 errors that mean a DTD or entity trick, not mere damage
UNSAFE_WORDS = ("entity", "amplification", "pereference", "doctype", "dtd")
REPAIR_HINT = "请用原软件（Word/Excel/WPS）打开后另存一份，再重新提交。"


def _corrupt(file_name: str, part: str, exc: BaseException) -> CorruptFileError:
    return CorruptFileError(f"“{file_name}”已损坏或不完整：内部部件 {part} 无法读取（{exc}）。{REPAIR_HINT}")


def _unsafe(file_name: str, part: str, what: str) -> UnsafeXmlError:
    return UnsafeXmlError(f"“{file_name}”的内部部件 {part} {what}，已拒绝处理。{REPAIR_HINT}")


def iter_xml(stream: IO[bytes], file_name: str, part: str, limits: Limits,
             events: tuple[str, ...] = ("start", "end")) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs of one XML part with the hardened parser.

    Refuses a part that declares a DOCTYPE (UnsafeXmlError) or nests deeper than
    limits.max_xml_depth; malformed XML becomes CorruptFileError naming the file and part.
    The caller may clear elements it has finished with. "start" events are always tracked
    for the depth check; only the requested events are yielded.
    """
    want_start, want_end = "start" in events, "end" in events
    depth = 0
    max_depth = limits.max_xml_depth
    try:
        checked = False
        for event, elem in etree.iterparse(stream, events=("start", "end"), **PARSER_OPTIONS):
            if event == "start":
                if not checked:
                    checked = True
                    info = elem.getroottree().docinfo
                    if info.doctype or info.internalDTD is not None:
                        raise _unsafe(file_name, part, "声明了 DTD/实体（可能是“实体扩展炸弹”）")
                depth += 1
                if depth > max_depth:
                    raise _unsafe(file_name, part,
                                  f"嵌套超过 {max_depth} 层（REVIEWER_MAX_XML_DEPTH）")
                if want_start:
                    yield event, elem
            else:
                depth -= 1
                if want_end:
                    yield event, elem
    except etree.XMLSyntaxError as exc:
        text = str(exc)
        if "Excessive depth" in text:
            raise _unsafe(file_name, part, "嵌套过深") from exc
        if any(word in text.lower() for word in UNSAFE_WORDS):
            raise _unsafe(file_name, part, "含有未声明或递归的实体引用") from exc
        raise _corrupt(file_name, part, exc) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:  # truncated or bad CRC
        raise _corrupt(file_name, part, exc) from exc


def parse_xml(stream: IO[bytes], file_name: str, part: str, limits: Limits) -> etree._Element:
    """The whole tree of one (small) XML part, with the same checks as iter_xml.

    Parsed in one call to libxml2 (styles.xml alone is thousands of elements: stepping through
    iterparse events in Python was half the time of reading a .docx); DOCTYPE and depth are
    checked on the finished tree. A part libxml2 rejects is read again step by step, so that
    the error is the one iter_xml gives."""
    try:
        data = stream.read()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise _corrupt(file_name, part, exc) from exc
    try:
        root = etree.fromstring(data, etree.XMLParser(**PARSER_OPTIONS))
    except (etree.XMLSyntaxError, ValueError):
        return _parse_xml_stepwise(io.BytesIO(data), file_name, part, limits)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _unsafe(file_name, part, "声明了 DTD/实体（可能是“实体扩展炸弹”）")
    if limits.max_xml_depth < LIBXML_MAX_DEPTH and _deeper_than(root, limits.max_xml_depth):
        raise _unsafe(file_name, part, f"嵌套超过 {limits.max_xml_depth} 层（REVIEWER_MAX_XML_DEPTH）")
    return root


def _parse_xml_stepwise(stream: IO[bytes], file_name: str, part: str, limits: Limits) -> etree._Element:
    root = None
    for _event, elem in iter_xml(stream, file_name, part, limits, events=("start",)):
        if root is None:
            root = elem
    if root is None:
        raise _corrupt(file_name, part, ValueError("空的 XML"))
    return root


# libxml2 itself refuses deeper nesting without XML_PARSE_HUGE (an "Excessive depth" syntax error)
LIBXML_MAX_DEPTH = 256


def _deeper_than(root: etree._Element, depth: int) -> bool:
    """Whether any element sits deeper than `depth` levels (the root is level 1), found by XPath in C."""
    return bool(root.xpath("boolean(" + "*/" * (depth - 1) + "*)")) if depth >= 1 else True


# ---------------------------------------------------------------- package
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True, slots=True)
class Relationship:
    """One entry of a part's .rels: what kind of link, and the part (or URL) it points to."""

    id: str
    type: str          # last path segment of the relationship type URI: "header", "comments"…
    target: str        # package part name without leading slash, or the URL when external
    external: bool


class Package:
    """An opened docx/xlsx whose parts are read through the hardened parser; use as a context manager."""

    def __init__(self, path: Path, limits: Limits):
        check_zip(path, limits)
        self.path = path
        self.limits = limits
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise _corrupt(path.name, "(zip)", exc) from exc
        self._names = {i.filename for i in self.zip.infolist()}

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def has(self, part: str) -> bool:
        return part in self._names

    def names(self) -> list[str]:
        return [i.filename for i in self.zip.infolist()]

    def open(self, part: str) -> IO[bytes]:
        try:
            return self.zip.open(part)
        except KeyError as exc:
            raise CorruptFileError(
                f"“{self.path.name}”缺少必需的内部部件 {part}，文件不完整。{REPAIR_HINT}") from exc
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise _corrupt(self.path.name, part, exc) from exc

    def iter_xml(self, part: str, events: tuple[str, ...] = ("start", "end")
                 ) -> Iterator[tuple[str, etree._Element]]:
        with self.open(part) as fh:
            yield from iter_xml(fh, self.path.name, part, self.limits, events)

    def xml(self, part: str) -> etree._Element:
        with self.open(part) as fh:
            return parse_xml(fh, self.path.name, part, self.limits)

    def xml_if_present(self, part: str) -> etree._Element | None:
        return self.xml(part) if self.has(part) else None

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of `part` ("word/document.xml" → word/_rels/document.xml.rels), in file order."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        root = self.xml_if_present(rels_part)
        if root is None:
            return []
        out = []
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = (target[1:] if target.startswith("/")
                          else posixpath.normpath(posixpath.join(folder, target)))
            out.append(Relationship(rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1],
                                    target, external))
        return out
