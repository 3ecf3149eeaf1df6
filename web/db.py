"""One database session per request, kept in g, rolled back if left uncommitted and closed at teardown."""
from __future__ import annotations

from flask import Flask, current_app, g, request
from sqlalchemy.orm import Session


def session() -> Session:
    if "db" not in g:
        g.db = current_app.extensions["reviewer.sessions"]()
    return g.db


def close_session(_exc=None) -> None:
    s = g.pop("db", None)
    if s is not None:
        s.close()


def client_ip() -> str | None:
    return request.remote_addr


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_session)
