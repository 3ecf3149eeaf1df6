"""Release copy of a .docx: values blanked across runs in every story, then comments, revisions, hidden text, properties, embedded and custom data dropped."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

from ..limits import DEFAULT_LIMITS
from ..parsers.docx_format import W, Styles
from ..parsers.ooxml import check_zip, parse_xml
from . import RedactionTarget, Redaction
from .docx_story import blank_values, clean_story
from .match import Needles, mask_value, normalise

PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
# concealed parts dropped whole, with the line the user sees
DROPPED_PARTS = (
    (re.compile(r"word/(comments\w*|people)\.xml$"), "批注"),
    (re.compile(r"word/embeddings/.+"), "嵌入文件"),
    (re.compile(r"customXml/.+"), "自定义 XML 数据"),
    (re.compile(r"docProps/custom\.xml$"), "自定义文档属性"),
    (re.compile(r"docProps/thumbnail\.\w+$"), "文档缩略图"),
    (re.compile(r"word/afchunk.*|word/[^/]*\.(mht|html?|rtf)$", re.I), "嵌入的外部文档"),
    (re.compile(r"word/vba\w*\.(bin|xml)$", re.I), "宏代码"),
)
CLEARED_PROPERTIES = ((DC + "creator", "作者"), (CP + "lastModifiedBy", "最后修改者"), (DC + "description", "备注"),
                      (EP + "Company", "单位"), (EP + "Manager", "主管"))
SETTINGS_DROPPED = (W + "attachedTemplate", W + "trackRevisions", W + "docVars")
KIND_LINES = {"tracked_change": "已接受修订并删除修订痕迹 {n} 处", "hidden_text": "已删除隐藏文字 {n} 处",
              "white_text": "已删除白色或极小字号的不可见文字 {n} 处", "embedded_object": "已删除嵌入对象 {n} 个"}


def _dropped(name: str) -> str | None:
    folder, base = posixpath.split(name)
    if posixpath.basename(folder) == "_rels" and base.endswith(".rels"):    # the relationships of a dropped part
        name = _rels_source(name)
    for pattern, what in DROPPED_PARTS:
        if pattern.match(name):
            return what
    return None


def _rels_source(rels_name: str) -> str:
    """word/_rels/document.xml.rels → word/document.xml; _rels/.rels → ''."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[:-len(".rels")])


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _xml(data: bytes, name: str, part: str) -> etree._Element:
    return parse_xml(io.BytesIO(data), name, part, DEFAULT_LIMITS)


def _dump(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def redact(source: Path, targets: list[RedactionTarget], dest: Path) -> Redaction:
    check_zip(source, DEFAULT_LIMITS)
    needles = Needles(normalise(t.text) for t in targets)
    done = Redaction()
    counts: Counter = Counter()
    tally: Counter = Counter()
    with zipfile.ZipFile(source) as zin:
        infos = zin.infolist()
        names = [i.filename for i in infos]
        dropped = {n: what for n in names if (what := _dropped(n))}
        for rels in [n for n in names if n.endswith(".rels")]:       # what the dropped parts point to
            root = _xml(zin.read(rels), source.name, rels)
            src = _rels_source(rels)
            for rel in root.iter(PKG_REL):
                if rel.get("TargetMode") != "External" and rel.get("Type", "").endswith(("/aFChunk", "/package", "/oleObject")):
                    dropped.setdefault(_resolve(src, rel.get("Target", "")), "嵌入文件")
        styles = Styles(_xml(zin.read("word/styles.xml"), source.name, "word/styles.xml")
                        if "word/styles.xml" in names else None)
        comment_authors = _comment_authors(zin, names, source.name)
        dropped_ids = _dropped_ids(zin, names, dropped, source.name)
        out: list[tuple[zipfile.ZipInfo, bytes]] = []
        for info in infos:
            name = info.filename
            if name in dropped or name.endswith("/"):
                continue
            data = zin.read(info)
            if name == "[Content_Types].xml":
                data = _content_types(_xml(data, source.name, name), dropped)
            elif name.endswith(".rels"):
                data = _rels(_xml(data, source.name, name), _rels_source(name), dropped, needles, counts)
            elif name.endswith(".xml") or data.lstrip()[:5] == b"<?xml":
                root = _xml(data, source.name, name)
                if name.startswith("word/"):
                    clean_story(root, styles, dropped_ids.get(name, set()), tally)
                if name == "word/settings.xml":
                    _settings(root, done)
                if name in ("docProps/core.xml", "docProps/app.xml"):
                    _properties(root, done)
                blank_values(root, needles, counts)
                data = _dump(root)
            out.append((info, data))
    _write(dest, out)
    for t in targets:
        n = counts.get(normalise(t.text), 0)
        if n and t.text not in done.values:
            done.count(t.text, n)
    _report(done, dropped, tally, comment_authors)
    return done


def _comment_authors(zin: zipfile.ZipFile, names: list[str], file_name: str) -> list[str]:
    if "word/comments.xml" not in names:
        return []
    root = _xml(zin.read("word/comments.xml"), file_name, "word/comments.xml")
    return [c.get(W + "author") or "" for c in root.iter(W + "comment")]


def _dropped_ids(zin: zipfile.ZipFile, names: list[str], dropped: dict[str, str],
                 file_name: str) -> dict[str, set[str]]:
    """For each part, the relationship ids that pointed to dropped parts."""
    found: dict[str, set[str]] = {}
    for rels in (n for n in names if n.endswith(".rels")):
        src = _rels_source(rels)
        for rel in _xml(zin.read(rels), file_name, rels).iter(PKG_REL):
            if rel.get("TargetMode") != "External" and _resolve(src, rel.get("Target", "")) in dropped:
                found.setdefault(src, set()).add(rel.get("Id", ""))
    return found


def _content_types(root: etree._Element, dropped: dict[str, str]) -> bytes:
    for ov in list(root.iter(CT + "Override")):
        if ov.get("PartName", "").lstrip("/") in dropped:
            root.remove(ov)
    return _dump(root)


def _rels(root: etree._Element, src: str, dropped: dict[str, str], needles: Needles, counts: Counter) -> bytes:
    from .docx_story import blank_counted
    for rel in list(root.iter(PKG_REL)):
        if rel.get("TargetMode") == "External":
            rel.set("Target", blank_counted(rel.get("Target", ""), needles, counts))
        elif _resolve(src, rel.get("Target", "")) in dropped:
            root.remove(rel)
    return _dump(root)


def _settings(root: etree._Element, done: Redaction) -> None:
    for tag in SETTINGS_DROPPED:
        for el in list(root.iter(tag)):
            el.getparent().remove(el)
            if tag == W + "docVars":
                done.dropped.append("已删除文档变量（docVars）")


def _properties(root: etree._Element, done: Redaction) -> None:
    for tag, what in CLEARED_PROPERTIES:
        for el in list(root.iter(tag)):
            value = "".join(el.itertext()).strip()
            el.getparent().remove(el)
            if value:
                done.dropped.append(f"已清除文档属性“{what}”：{mask_value(value)}")


def _write(dest: Path, members: list[tuple[zipfile.ZipInfo, bytes]]) -> None:
    members.sort(key=lambda m: m[0].filename != "[Content_Types].xml")
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in members:
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


def _report(done: Redaction, dropped: dict[str, str], tally: Counter, authors: list[str]) -> None:
    if authors:
        who = "、".join(sorted({mask_value(a) for a in authors if a}))
        done.dropped.append(f"已删除批注 {len(authors)} 条" + (f"（作者：{who}）" if who else ""))
    by_kind: dict[str, list[str]] = {}
    for name, what in sorted(dropped.items()):
        if what != "批注":
            by_kind.setdefault(what, []).append(posixpath.basename(name))
    for what, files in by_kind.items():
        shown = "、".join(files[:5]) + ("等" if len(files) > 5 else "")
        done.dropped.append(f"已删除{what} {len(files)} 个（{shown}）")
    for kind, line in KIND_LINES.items():
        if tally[kind]:
            done.dropped.append(line.format(n=tally[kind]))


def leftovers(path: Path) -> list[str]:
    """Concealed parts still in a .docx, found by looking at its parts and XML directly."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            what = _dropped(name)
            if what:
                problems.append(f"{what}（{name}）")
            if not name.endswith(".xml"):
                continue
            root = _xml(zf.read(name), path.name, name)
            for tag, what in ((W + "ins", "修订（插入）"), (W + "del", "修订（删除）"), (W + "delText", "修订（删除的文字）"),
                              (W + "moveFrom", "修订（移动）"), (W + "commentReference", "批注标记"),
                              (W + "docVars", "文档变量")):
                if next(root.iter(tag), None) is not None:
                    problems.append(f"{what}（{name}）")
            for tag, what in CLEARED_PROPERTIES:
                el = next(root.iter(tag), None)
                if el is not None and "".join(el.itertext()).strip():
                    problems.append(f"文档属性“{what}”")
    return problems
