"""HTTP API v1 under /api/v1: token auth, JSON errors, the same workflow functions and gates as the web form."""
from __future__ import annotations

from flask import Flask, request

from . import audit, documents  # noqa: F401  (their routes register on the blueprint)
from .core import bp, http_error

__all__ = ["bp", "init_app"]


def init_app(app: Flask, csrf) -> None:
    """Register the blueprint, exempt it from CSRF (token auth only), and answer routing errors under /api/ in JSON."""
    csrf.exempt(bp)
    app.register_blueprint(bp)
    for status in (404, 405, 413, 500):
        handlers = app.error_handler_spec.get(None, {}).get(status, {})
        for exc_class, handler in list(handlers.items()):
            def wrapped(exc, handler=handler):
                if request.path.startswith(bp.url_prefix + "/"):
                    return http_error(exc)
                return handler(exc)
            handlers[exc_class] = wrapped
