"""Flask extensions (CSRF, sign-in sessions) and serving plugins' static folders."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, abort, g, send_from_directory
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy import select

from core import db
from core.auth import sessions
from core.auth.access import load_actor
from core.auth.models import User
from core.plugins import get_host

csrf = CSRFProtect()
login_manager = LoginManager()


def init_app(app: Flask) -> None:
    csrf.init_app(app)


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
    app.before_request(load_actor)


def _load_user(user_id: str) -> User | None:
    try:
        wanted = int(user_id)
    except ValueError:
        return None
    holder = sessions.holder()  # read with the session, before any view
    if holder is not None and holder.user is not None and holder.user.id == wanted:
        return holder.user
    return db.session.scalar(select(User).where(User.id == wanted, User.active.is_(True)))


def register_plugin_assets(app: Flask) -> None:
    """Serve each plugin's static folder at `/static/plugins/<name>/` and add its template folders."""
    host = get_host(app)

    def plugin_static(plugin: str, filename: str) -> Any:
        folder = host.static_folders.get(plugin)
        if folder is None:
            abort(404)
        return send_from_directory(folder, filename, max_age=86400)

    app.add_url_rule("/static/plugins/<plugin>/<path:filename>", "plugin_static", plugin_static)
    if host.template_folders:
        from jinja2 import ChoiceLoader, FileSystemLoader

        app.jinja_loader = ChoiceLoader(
            [app.jinja_loader, FileSystemLoader(host.template_folders)]  # type: ignore[list-item]
        )

    @app.before_request
    def _asset_version() -> None:
        g.asset_version = app.config.get("ASSET_VERSION") or _asset_stamp(app)


def _asset_stamp(app: Flask) -> str:
    stamp = app.extensions.get("candour.asset_stamp")
    if stamp is None:
        css = os.path.join(app.static_folder or "", "vendor", "manifest.json")
        stamp = str(int(os.path.getmtime(css))) if os.path.exists(css) else "0"
        app.extensions["candour.asset_stamp"] = stamp
    return str(stamp)
