"""Legacy .doc/.wps/.xls/.et/.ppt/.dps (and RTF saved as .doc): converted by LibreOffice in a sandbox, then read as .docx/.xlsx/.pptx."""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator

from ..document import ParseContext, Segment
from ..errors import EncryptedFileError, LegacyFormatError, ParseTimeoutError

SOFFICE_NAMES = ("soffice", "libreoffice")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# kind -> (converted to, input suffix, LibreOffice import filter: never its plain-text fallback)
TARGET = {"doc": ("docx", ".doc", "MS Word 97"), "xls": ("xlsx", ".xls", "MS Excel 97"),
          "rtf": ("docx", ".rtf", "Rich Text Format"), "ppt": ("pptx", ".ppt", "MS PowerPoint 97")}
RESAVE = "请用 WPS 或 Word/Excel 打开后另存为 .docx/.xlsx 再重新提交"
RESAVE_PPT = "请用 WPS 演示或 PowerPoint 打开后另存为 .pptx 再重新提交"
INSTALL = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"
# CurrentUserAtom.headerToken of a password-protected PowerPoint 97-2003 file ([MS-PPT] 2.3.2)
PPT_ENCRYPTED_TOKEN = 0xF3D1C4DF


def soffice() -> str | None:
    """Path of LibreOffice's soffice, or None when it is not installed (REVIEWER_SOFFICE overrides)."""
    configured = os.environ.get("REVIEWER_SOFFICE")
    if configured is not None:
        return configured if configured and shutil.which(configured) else None
    return next((p for p in map(shutil.which, SOFFICE_NAMES) if p), None)


def impress_missing(exe: str) -> bool:
    """True when `exe` belongs to a LibreOffice installation without Impress (no libsdlo beside soffice.bin)."""
    program = Path(os.path.realpath(exe)).parent
    if not (program / "soffice.bin").exists():
        return False        # not a LibreOffice program folder we can inspect: let the conversion decide
    return not any(program.glob("libsdlo.*")) and not (program / "sdlo.dll").exists()


@functools.lru_cache(maxsize=1)
def _network_sandbox() -> list[str]:
    """`unshare -n` (no network at all) when this machine allows it, else nothing."""
    tool = shutil.which("unshare")
    if not tool:
        return []
    try:
        ok = subprocess.run([tool, "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return [tool, "-n"] if ok else []


def ole_kind(path: Path) -> str | None:
    """"doc", "xls" or "ppt" from the OLE streams (WordDocument / Workbook / PowerPoint Document), else None."""
    import olefile
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("WordDocument"):
                return "doc"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "xls"
            if ole.exists("PowerPoint Document"):
                return "ppt"
    except Exception:   # olefile raises plain OSError/struct errors on damaged files
        return None
    return None


def is_encrypted(path: Path) -> bool:
    """A password set in Word/WPS (FIB fEncrypted), Excel/WPS 表格 (a FILEPASS record) or PowerPoint/WPS 演示."""
    import olefile
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("WordDocument"):
                fib = ole.openstream("WordDocument").read(12)
                return len(fib) >= 12 and bool(int.from_bytes(fib[10:12], "little") & 0x0100)
            for name in ("Workbook", "Book"):
                if ole.exists(name):
                    return _biff_filepass(ole.openstream(name).read(1 << 16))
            if ole.exists("PowerPoint Document"):
                # the CurrentUserAtom's headerToken says "encrypted"; the summary is then moved aside
                user = ole.openstream("Current User").read(16) if ole.exists("Current User") else b""
                return (len(user) >= 16 and int.from_bytes(user[12:16], "little") == PPT_ENCRYPTED_TOKEN
                        or ole.exists("EncryptedSummary"))
    except Exception:
        return False
    return False


def _biff_filepass(data: bytes) -> bool:
    """A FILEPASS record (0x002F) among the first records of the workbook globals."""
    pos = 0
    while pos + 4 <= len(data):
        rec, size = int.from_bytes(data[pos:pos + 2], "little"), int.from_bytes(data[pos + 2:pos + 4], "little")
        if rec == 0x002F:
            return True
        if rec == 0x000A:        # EOF of the globals substream
            return False
        pos += 4 + size
    return False


def parse(path: Path, ctx: ParseContext) -> Iterator[Segment]:
    """Convert with LibreOffice and hand the result to the .docx/.xlsx/.pptx parser."""
    from . import docx, pptx, xlsx
    with open(path, "rb") as fh:
        head = fh.read(8)
    kind = ole_kind(path) if head == OLE_MAGIC else "rtf"     # not OLE: RTF under .doc/.wps
    slides = kind == "ppt" or (kind is None and path.suffix.lower() in (".ppt", ".dps"))
    resave = RESAVE_PPT if slides else RESAVE
    if kind is None:
        raise LegacyFormatError(
            f"“{path.name}”不是可识别的 Word/Excel/PowerPoint/WPS 文件（旧版格式的内部结构缺失或已损坏）。{resave}。")
    if head == OLE_MAGIC and is_encrypted(path):
        raise EncryptedFileError(
            f"“{path.name}”设有打开密码，无法审查。请在 WPS 或 {'PowerPoint' if slides else 'Word/Excel'} 中输入密码打开，"
            f"取消“文档加密”后另存为 {'.pptx' if slides else '.docx/.xlsx'}，再重新提交。")
    exe = soffice()
    if exe is None:
        raise LegacyFormatError(
            f"“{path.name}”是旧版 Office/WPS 格式（{path.suffix.lower()}），本机未安装 LibreOffice，无法自动转换。"
            f"{resave}，或请管理员安装 LibreOffice（{INSTALL}）。")
    if slides and impress_missing(exe):
        raise LegacyFormatError(
            f"“{path.name}”是旧版演示文稿（{path.suffix.lower()}），本机的 LibreOffice 未安装演示组件 Impress，"
            f"无法自动转换。{resave}，或请管理员安装（apt-get install libreoffice-impress-nogui）。")
    target, suffix, infilter = TARGET[kind]
    with tempfile.TemporaryDirectory(prefix="reviewer-convert-") as tmp:
        converted = _convert(exe, path, Path(tmp), (target, suffix, infilter), ctx)
        where = "幻灯片、段落" if target == "pptx" else "段落、单元格"
        ctx.notes.append(f"本文件为旧版格式（{path.suffix.lower()}），已用 LibreOffice 转换为 .{target} 后审查；"
                         f"位置（{where}）按转换后的 .{target} 计")
        parser = {"docx": docx.parse, "xlsx": xlsx.parse, "pptx": pptx.parse}[target]
        yield from parser(converted, ctx)


def _convert(exe: str, path: Path, tmp: Path, how: tuple[str, str, str], ctx: ParseContext) -> Path:
    """Run soffice on a copy with a plain name, in its own profile, process group and time limit."""
    target, suffix, infilter = how
    resave = RESAVE_PPT if target == "pptx" else RESAVE
    source = tmp / ("input" + suffix)
    shutil.copyfile(path, source)
    outdir, profile = tmp / "out", tmp / "profile"
    outdir.mkdir()
    timeout = ctx.limits.max_convert_seconds
    if ctx.deadline is not None:
        timeout = max(1.0, min(timeout, ctx.deadline - time.monotonic()))
    argv = [*_network_sandbox(), exe, "--headless", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}", f"--infilter={infilter}",
            "--convert-to", target, "--outdir", str(outdir), str(source)]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp), "LANG": "C.UTF-8",
           "TMPDIR": str(tmp)}
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            cwd=tmp, env=env, start_new_session=True)
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise ParseTimeoutError(
            f"“{path.name}”用 LibreOffice 转换超过 {timeout:.0f} 秒仍未完成，已停止"
            f"（REVIEWER_MAX_CONVERT_SECONDS）。{resave}。") from None
    finally:
        _kill(proc)
    result = outdir / ("input." + target)
    if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        raise LegacyFormatError(
            f"“{path.name}”无法用 LibreOffice 转换（文件可能已损坏、加密或不是真正的 Office/WPS 文件"
            f"{'：' + detail[0][:120] if detail else ''}）。{resave}。")
    return result


def _kill(proc: subprocess.Popen) -> None:
    """End soffice and anything it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait()
