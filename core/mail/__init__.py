"""Outgoing mail: the outbox (written with the change that causes a message), the notifier that
delivers it (a plugin chosen by the scheme of `CANDOUR_SMTP_URL`, or the `.eml` folder under
`instance/mail/` when none is set), and the worker's delivery job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app

from core import hookspecs
from core.config import ConfigError
from core.mail.folder import EmlFolder
from core.plugin_api import Notifier, NotifierConfig
from core.plugins import get_host


def build_notifier(app: Flask) -> Notifier:
    factories: dict[str, Callable[[NotifierConfig], Notifier]] = {}
    for plugin, notifiers in get_host(app).call_each(hookspecs.register_notifiers):
        for scheme, factory in notifiers.items():
            if scheme in factories:
                raise ConfigError(f"mail scheme {scheme!r} is registered twice ({plugin})")
            factories[scheme] = factory
    url = app.config.get("SMTP_URL") or ""
    config = NotifierConfig(
        url=url,
        sender=app.config["MAIL_FROM"],
        folder=str(Path(app.config["INSTANCE_PATH"]) / "mail"),
    )
    if not url:
        return EmlFolder(config)
    scheme = urlsplit(url).scheme
    if scheme not in factories:
        known = ", ".join(sorted(factories)) or "none"
        raise ConfigError(f"CANDOUR_SMTP_URL has scheme {scheme!r}; installed: {known}")
    return factories[scheme](config)


def init_app(app: Flask) -> None:
    app.extensions["candour.notifier"] = build_notifier(app)
    # Templates only (mail/…): the blueprint has no routes.
    app.register_blueprint(Blueprint("mail", __name__, template_folder="templates"))


def notifier() -> Notifier:
    return current_app.extensions["candour.notifier"]
