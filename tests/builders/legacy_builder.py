"""Builds legacy .doc/.xls files for tests by converting a .docx/.xlsx with LibreOffice (skips when it is absent)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from reviewer.parsers.legacy import soffice


def to_legacy(src: Path, fmt: str, dst: Path) -> Path:
    """Convert `src` to `fmt` ("doc" or "xls") with soffice and write it to `dst` (any name, e.g. .wps)."""
    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed"
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", fmt, "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(tmp) / (src.stem + "." + fmt), dst)
    return dst


def patch_stream(src: Path, dst: Path, stream: str, edit: Callable[[bytearray], None]) -> Path:
    """Copy the OLE file `src` to `dst` with `edit` applied in place to the bytes of one of its streams
    (the stream keeps its length: olefile rewrites it where it lies)."""
    import olefile
    dst.write_bytes(src.read_bytes())
    with olefile.OleFileIO(str(dst), write_mode=True) as ole:
        data = bytearray(ole.openstream(stream).read())
        edit(data)
        ole.write_stream(stream, bytes(data))
    return dst
