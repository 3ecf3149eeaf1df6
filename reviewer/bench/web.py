"""Web latency in the bench: upload to findings for a 100-page PDF, its release copy with every finding redacted, and the review page of a document with 2,000 findings."""
from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

PASSWORD = "bench-horse-battery-staple"
PDF_PAGES = {"full": 100, "quick": 20, "tiny": 5}
REVIEW_FINDINGS = {"full": 2000, "quick": 400, "tiny": 40}


def web_latency(out: Path, preset: str) -> dict:
    """Through the app's test client on a temporary SQLite database, with the real scanner and job runner."""
    try:
        from web import create_app  # noqa: F401
    except ImportError as exc:
        return {"todo": f"TODO: web latency not measured: the web app does not import ({exc})"}
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        app = _app(Path(tmp))
        try:
            upload = _upload_to_findings(app, out, PDF_PAGES[preset])
            return {**{k: v for k, v in upload.items() if not k.startswith("_")},
                    **_release_copy(app, upload["_document"], upload["_version"]),
                    **_review_page(app, REVIEW_FINDINGS[preset])}
        finally:
            from reviewer import jobs
            jobs.wait_idle(600)
            app.extensions["reviewer.engine"].dispose()


def _app(tmp: Path):
    from reviewer import accounts
    from reviewer.db import create_schema
    from web import create_app

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench",
                      "INSTANCE_DIR": str(tmp), "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
                      "STORAGE_DIR": str(tmp / "files"), "SCAN_SYNC": False})
    create_schema(app.extensions["reviewer.engine"])
    with app.extensions["reviewer.sessions"]() as s:
        accounts.create_user(s, None, "drafter", ["drafter"], PASSWORD)
        accounts.create_user(s, None, "reviewer", ["reviewer"], PASSWORD)
        accounts.create_user(s, None, "approver", ["approver"], PASSWORD)
        s.commit()
    return app


def _login(client, name: str) -> None:
    resp = client.post("/login", data={"username": name, "password": PASSWORD})
    if resp.status_code >= 400:
        raise RuntimeError(f"login as {name} failed: {resp.status_code}")


def _upload(client, data: bytes, name: str) -> tuple[int, int]:
    from reviewer.db.models import Document

    resp = client.post("/upload", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
    if resp.status_code not in (201, 202, 302, 303):
        raise RuntimeError(f"upload of {name} answered {resp.status_code}")
    doc_id = int(resp.headers["Location"].rstrip("/").split("/")[-1])
    with client.application.extensions["reviewer.sessions"]() as s:
        return doc_id, s.get(Document, doc_id).versions[-1].id


def _wait_scanned(client, version_id: int, timeout: float = 600) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/versions/{version_id}/status").get_json()
        if status["scan_status"] not in ("queued", "scanning"):
            return status["scan_status"]
        time.sleep(0.02)
    raise TimeoutError(f"version {version_id} not scanned after {timeout} s")


def _upload_to_findings(app, out: Path, pages: int) -> dict:
    """POST the PDF, poll its status as the page does, then GET the review page: the time a drafter waits."""
    import random

    from .textgen import TextGen
    from .writers import write_pdf

    path = out / f"web-{pages}p.pdf"
    if not path.exists():
        write_pdf(path, TextGen(random.Random("web-pdf").randrange(1 << 30)), pages, table_every=10)
    data = path.read_bytes()
    client = app.test_client()
    _login(client, "drafter")
    _wait_first_scan(client)
    t0 = time.perf_counter()
    doc_id, vid = _upload(client, data, "百页公示.pdf")
    uploaded = time.perf_counter() - t0
    status = _wait_scanned(client, vid)
    page = client.get(f"/documents/{doc_id}")
    total = time.perf_counter() - t0
    return {"pdf_pages": pages, "upload_seconds": round(uploaded, 2), "upload_to_findings_seconds": round(total, 2),
            "pdf_scan_status": status, "document_page_status": page.status_code, "_document": doc_id, "_version": vid}


def _release_copy(app, doc_id: int, vid: int) -> dict:
    """The PDF's findings (all but info) marked redact, decided and signed off; then 下载发布稿 polled as the
    page does until the copy is ready: the leader's wait, and the download of the stored copy after it.

    The copy is built in the background from the sign-off on (reviewer/release_jobs.py): each page holding
    a value becomes an image, and the copy is read back (with OCR of those pages when OCR is on). CPU
    seconds are this process's, the background build's thread included.
    """
    from reviewer.db.models import Finding
    from reviewer.parsers import ocr
    from sqlalchemy import select

    with app.extensions["reviewer.sessions"]() as s:
        rows = s.execute(select(Finding.id, Finding.severity).where(Finding.version_id == vid)).all()
    ids = [i for i, severity in rows if severity != "info"]
    notes = [i for i, severity in rows if severity == "info"]
    client = app.test_client()
    _login(client, "reviewer")
    for chosen, form in ((ids, {"action": "redact"}), (notes, {"action": "keep", "reason": "提示信息，无需删除"})):
        resp = client.post(f"/versions/{vid}/resolve", data={"finding": chosen, **form}) if chosen else None
        if resp is not None and resp.status_code >= 400:
            raise RuntimeError(f"marking {len(chosen)} findings {form['action']} answered {resp.status_code}")
    resp = client.post(f"/versions/{vid}/decision", data={"disclosure": "部分公开", "basis": "15-privacy"})
    if resp.status_code >= 400:
        raise RuntimeError(f"the decision answered {resp.status_code}: {resp.data.decode()[:300]}")
    client.post("/logout")
    _login(client, "approver")
    t0, c0 = time.perf_counter(), time.process_time()
    resp = client.post(f"/versions/{vid}/signoff", data={"outcome": "approve"})
    if resp.status_code >= 400:
        raise RuntimeError(f"the sign-off answered {resp.status_code}: {resp.data.decode()[:300]}")
    resp = _wait_release(client, doc_id)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    t1 = time.perf_counter()
    again = client.get(f"/documents/{doc_id}/release")
    download = time.perf_counter() - t1
    if again.status_code != resp.status_code or again.data != resp.data:
        raise RuntimeError("a second download of the release copy gave another answer")
    return {"release_redacted": len(ids), "release_copy_seconds": round(wall, 1), "release_copy_cpu_seconds": round(cpu, 1),
            "release_download_seconds": round(download, 3),
            "release_status": resp.status_code, "release_kb": round(len(resp.data) / 1024),
            "release_ocr": ocr.enabled()}


def _wait_release(client, doc_id: int, timeout: float = 1800):
    """GET 下载发布稿 until it no longer answers 202 (生成中): the ready copy (200) or the refusal (409)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resp = client.get(f"/documents/{doc_id}/release")
        if resp.status_code != 202:
            return resp
        time.sleep(0.1)
    raise TimeoutError(f"release copy of document {doc_id} not ready after {timeout} s")


def _wait_first_scan(client) -> None:
    """One small upload first: building the scanner once per server process is start-up, not latency."""
    doc, vid = _upload(client, "预热：联系电话13812345678。\n".encode(), "预热.txt")
    _wait_scanned(client, vid)


def _review_page(app, findings: int) -> dict:
    """A .txt whose lines each carry an ID number and a mobile: `findings` findings; GET its review page."""
    import random

    from .values import Values

    v = Values(random.Random("web-review"))
    lines = [f"第{i + 1}户：身份证号码{v.resident_id()}，联系电话{v.mobile()}。" for i in range(findings // 2)]
    client = app.test_client()
    _login(client, "drafter")
    _, vid = _upload(client, "\n".join(lines).encode(), "两千条.txt")
    _wait_scanned(client, vid)
    client.post("/logout")
    _login(client, "reviewer")
    times, status, size = [], None, 0
    for _ in range(3):
        t0 = time.perf_counter()
        resp = client.get(f"/versions/{vid}/review")
        times.append(time.perf_counter() - t0)
        status, size = resp.status_code, len(resp.data)
    from reviewer.db.models import Finding
    from sqlalchemy import func, select
    with app.extensions["reviewer.sessions"]() as s:
        stored = s.scalar(select(func.count()).select_from(Finding).where(Finding.version_id == vid))
    return {"review_page_findings": stored, "review_page_seconds": round(statistics.median(times), 2),
            "review_page_status": status, "review_page_kb": round(size / 1024)}
