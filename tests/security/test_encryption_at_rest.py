"""Stored drafts encrypted with REVIEWER_STORAGE_KEY: unreadable on disk, read normally by the app, rotatable."""
from __future__ import annotations

import io
import os

import pytest

from reviewer import crypto, storage
from reviewer.crypto import StorageKeyError
from tests.web.conftest import AuthActions, make_app
from tests.web.webfakes import ID, PERSONAL_TXT

from .serverctl import run_cli

KEY, KEY2 = crypto.new_key(), crypto.new_key()


@pytest.mark.parametrize("size", [1, 1000, crypto.CHUNK - 1, crypto.CHUNK, crypto.CHUNK + 1, 2 * crypto.CHUNK + 7])
def test_round_trip(size):
    data = os.urandom(size)
    sealed = io.BytesIO()
    crypto.encrypt_stream(io.BytesIO(data), sealed, crypto.parse_key(KEY))
    assert size < 16 or data not in sealed.getvalue()
    assert b"".join(crypto.decrypt_chunks(io.BytesIO(sealed.getvalue()), crypto.parse_key(KEY))) == data


def _sealed(data: bytes) -> bytes:
    out = io.BytesIO()
    crypto.encrypt_stream(io.BytesIO(data), out, crypto.parse_key(KEY))
    return out.getvalue()


DAMAGE = [
    ("flipped byte", lambda b: b[:40] + bytes([b[40] ^ 1]) + b[41:]),
    ("truncated", lambda b: b[:-5]),
    ("last chunk dropped", lambda b: b[:crypto.HEADER + crypto.CHUNK + crypto.TAG]),
    ("chunks swapped", lambda b: b[:crypto.HEADER] + b[crypto.HEADER + crypto.CHUNK + crypto.TAG:][:crypto.CHUNK + crypto.TAG]
     + b[crypto.HEADER:crypto.HEADER + crypto.CHUNK + crypto.TAG] + b[crypto.HEADER + 2 * (crypto.CHUNK + crypto.TAG):]),
]


@pytest.mark.parametrize("what,damage", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_tampering_is_detected(what, damage):
    sealed = _sealed(os.urandom(2 * crypto.CHUNK + 100))
    with pytest.raises(StorageKeyError) as exc:
        b"".join(crypto.decrypt_chunks(io.BytesIO(damage(sealed)), crypto.parse_key(KEY)))
    assert "备份" in exc.value.message or "损坏" in exc.value.message


def test_wrong_key_is_named():
    with pytest.raises(StorageKeyError) as exc:
        b"".join(crypto.decrypt_chunks(io.BytesIO(_sealed(b"abc")), crypto.parse_key(KEY2)))
    assert "另一把密钥" in exc.value.message


@pytest.mark.parametrize("raw", ["short", "zz" * 32, "a" * 44])
def test_bad_key_setting_is_refused(raw):
    with pytest.raises(StorageKeyError) as exc:
        crypto.parse_key(raw)
    assert "new-key" in exc.value.message


def test_web_app_with_a_key(tmp_path, fast_hashes, monkeypatch):
    """Upload, scan, view and download with the key set: nothing readable on disk, everything readable in the app."""
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", KEY)
    app = make_app(tmp_path)
    client = app.test_client()
    AuthActions(client).login("drafter")
    resp = AuthActions(client).upload(PERSONAL_TXT, "加密.txt")
    assert resp.status_code == 303
    files = [p for p in (tmp_path / "files").rglob("*.txt")]
    assert len(files) == 1 and crypto.is_encrypted(files[0])
    assert ID.encode() not in files[0].read_bytes() and "身份证".encode() not in files[0].read_bytes()
    from reviewer.db.models import Version
    with app.extensions["reviewer.sessions"]() as s:
        v = s.query(Version).one()
        assert v.scan_status == "done" and v.stats["findings"] >= 1   # the scan read the plaintext
        assert v.sha256 == storage.hashlib.sha256(PERSONAL_TXT).hexdigest()   # the key is the content's hash
    download = client.get(f"/versions/{v.id}/original")
    assert download.status_code == 200 and download.data == PERSONAL_TXT
    assert not [p for p in (tmp_path / "files" / "tmp").iterdir()], "no plaintext copy left behind"
    app.extensions["reviewer.engine"].dispose()


def test_rotate_key_command(tmp_path, fast_hashes, monkeypatch):
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", KEY)
    app = make_app(tmp_path)
    AuthActions(c := app.test_client()).login("drafter")
    assert AuthActions(c).upload(PERSONAL_TXT, "轮换.txt").status_code == 303
    app.extensions["reviewer.engine"].dispose()
    stored = next((tmp_path / "files").rglob("*.txt"))
    folder = tmp_path
    env = {"REVIEWER_STORAGE_KEY_OLD": KEY, "REVIEWER_STORAGE_KEY": KEY2}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("REVIEWER_DATABASE_URL", f"sqlite:///{folder / 'test.sqlite3'}")
    monkeypatch.setenv("REVIEWER_STORAGE_DIR", str(folder / "files"))
    out = _cli(folder, "storage", "rotate-key")
    assert out.returncode == 0 and "已重新加密 1 个文件" in out.stdout, out.output
    with open(stored, "rb") as fh:
        assert b"".join(crypto.decrypt_chunks(fh, crypto.parse_key(KEY2))) == PERSONAL_TXT
    again = _cli(folder, "storage", "rotate-key")      # interrupted and run again: nothing left to do
    assert again.returncode == 0 and "已重新加密 0 个文件" in again.stdout
    monkeypatch.setenv("REVIEWER_STORAGE_KEY_OLD", KEY)  # the wrong old key for what is on disk now…
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", crypto.new_key())
    bad = _cli(folder, "storage", "rotate-key")
    assert bad.returncode == 1 and "另一把密钥" in bad.output


def _cli(folder, *args):
    """run_cli but keeping the REVIEWER_* variables this test set."""
    from click.testing import CliRunner

    from reviewer.cli import cli
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    result.returncode = result.exit_code
    return result


def test_new_key_command(tmp_path):
    out = run_cli(tmp_path, "storage", "new-key")
    assert out.returncode == 0 and len(crypto.parse_key(out.stdout.strip())) == 32


def test_check_finds_and_seals_plaintext_files(tmp_path, fast_hashes, monkeypatch):
    """Files stored before the key was set are reported by `reviewer check` and sealed by --repair."""
    app = make_app(tmp_path)
    AuthActions(c := app.test_client()).login("drafter")
    assert AuthActions(c).upload(PERSONAL_TXT, "先于密钥.txt").status_code == 303
    app.extensions["reviewer.engine"].dispose()
    stored = next((tmp_path / "files").rglob("*.txt"))
    assert not crypto.is_encrypted(stored)
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", KEY)
    monkeypatch.setenv("REVIEWER_DATABASE_URL", f"sqlite:///{tmp_path / 'test.sqlite3'}")
    monkeypatch.setenv("REVIEWER_STORAGE_DIR", str(tmp_path / "files"))
    found = _cli(tmp_path, "check")
    assert found.returncode == 1 and "尚未加密" in found.stdout
    assert _cli(tmp_path, "check", "--repair").returncode == 0
    assert crypto.is_encrypted(stored)
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", KEY2)
    other = _cli(tmp_path, "check")
    assert other.returncode == 1 and "另一把密钥" in other.stdout


@pytest.mark.parametrize("state", ["signed_off"])
def test_release_copy_with_a_key(tmp_path, fast_hashes, monkeypatch, state):
    """The release copy is made from the decrypted draft: redacted values gone, the rest readable."""
    from .states import build
    monkeypatch.setenv("REVIEWER_STORAGE_KEY", KEY)
    app = make_app(tmp_path)
    doc = build(app, state)
    client = app.test_client()
    AuthActions(client).login("approver")
    resp = client.get(f"/documents/{doc['doc']}/release")
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    text = resp.data.decode("utf-8")
    assert ID not in text and "本通知自发布之日起施行" in text
    assert not [p for p in (tmp_path / "files" / "tmp").iterdir()]
    app.extensions["reviewer.engine"].dispose()
