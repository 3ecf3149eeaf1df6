"""A small JSON client for /api/v1 over real HTTP on loopback (urllib only), for the services tests."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid


class Api:
    def __init__(self, base: str, tokens: dict[str, str]) -> None:
        self.base, self.tokens = base.rstrip("/") + "/api/v1", tokens

    def call(self, method: str, path: str, who: str, body: bytes | None = None,
             content_type: str = "application/json") -> tuple[int, dict]:
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers={"Authorization": f"Bearer {self.tokens[who]}",
                                              "Content-Type": content_type})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return resp.status, json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"{}")

    def get(self, path: str, who: str) -> tuple[int, dict]:
        return self.call("GET", path, who)

    def post(self, path: str, who: str, payload: dict) -> tuple[int, dict]:
        return self.call("POST", path, who, json.dumps(payload).encode())

    def upload(self, who: str, name: str, data: bytes, title: str) -> tuple[int, dict]:
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n{title}\r\n'.encode(),
                 f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f"Content-Type: text/plain\r\n\r\n".encode() + data + b"\r\n",
                 f"--{boundary}--\r\n".encode()]
        return self.call("POST", "/documents", who, b"".join(parts), f"multipart/form-data; boundary={boundary}")

    def wait_scanned(self, doc_id: int, who: str, guard: float = 120.0) -> dict:
        """Poll the document until its scan has finished (a hang guard, not a timing assertion)."""
        deadline = time.monotonic() + guard
        while True:
            status, doc = self.get(f"/documents/{doc_id}", who)
            assert status == 200, doc
            if doc["current_version"]["scan_status"] not in ("queued", "scanning"):
                return doc
            if time.monotonic() > deadline:
                raise AssertionError(f"document {doc_id} still {doc['current_version']['scan_status']} "
                                     f"after {guard:.0f} s")
            time.sleep(0.2)
