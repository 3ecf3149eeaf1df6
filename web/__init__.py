"""The web review application: create_app() builds Flask with one blueprint per area over the reviewer core."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from reviewer import config as settings_mod
from reviewer import jobs
from reviewer.db import make_engine, make_session_factory

csrf = CSRFProtect()


def create_app(test_config: dict | None = None) -> Flask:
    """The app factory: settings from REVIEWER_* variables, overridden by `test_config` (tests)."""
    app = Flask(__name__)
    settings = settings_mod.load(overrides=test_config)
    app.config.from_mapping(
        settings,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings["SESSION_HOURS"]),
        MAX_CONTENT_LENGTH=int(settings["MAX_UPLOAD_MB"] * 1024 * 1024),
        WTF_CSRF_TIME_LIMIT=None,
        JSON_AS_ASCII=False,
    )
    if test_config:
        app.config.update(test_config)
    Path(app.config["STORAGE_DIR"]).mkdir(parents=True, exist_ok=True)

    engine = make_engine(app.config["DATABASE_URL"])
    factory = make_session_factory(engine)
    app.extensions["reviewer.engine"] = engine
    app.extensions["reviewer.sessions"] = factory
    jobs.configure(jobs.Runtime(factory, Path(app.config["STORAGE_DIR"]), sync=app.config["SCAN_SYNC"],
                                workers=app.config["SCAN_WORKERS"], scanner=app.config.get("SCANNER"),
                                limits=app.config.get("LIMITS"), broker_url=app.config.get("BROKER_URL")))

    from . import admin, auth, db, documents, filters, review, security
    db.init_app(app)
    csrf.init_app(app)
    auth.init_app(app)
    filters.init_app(app)
    security.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(admin.bp)
    from . import dashboard
    app.register_blueprint(dashboard.bp)
    from . import api, audit_views, tokens
    app.register_blueprint(audit_views.bp)
    app.register_blueprint(tokens.bp)
    api.init_app(app, csrf)
    return app
