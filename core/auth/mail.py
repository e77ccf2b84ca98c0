"""Account mail (invitations, password resets), written as `.eml` files under `instance/mail/` —
the embedded default of the platform's mail. `send` is the one place account mail leaves from, so
it can be routed through the mail outbox once there is one.

Account mail never carries personal details beyond the address it is sent to: it says what needs
doing and links to a page behind sign-in.
"""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from flask import current_app, has_request_context, request, url_for

from core.tenancy.context import HOST_ENVIRON_KEY

DEFAULT_FROM = "candour@localhost"


def mail_folder() -> Path:
    folder = Path(current_app.config["INSTANCE_PATH"]) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def send(to: str, subject: str, body: str) -> Path:
    """Write one plain-text message to `to`; returns the file it was written to."""
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_FROM") or DEFAULT_FROM
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="candour")
    message.set_content(body)
    path = mail_folder() / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(message.as_bytes())
    return path


def absolute_url(endpoint: str, **values: Any) -> str:
    """A link for a message, on the platform's configured host (never the request's Host header,
    which a caller controls); in development, on the address the page was reached at."""
    path = url_for(endpoint, **values)
    host = current_app.config.get("PLATFORM_HOST")
    if has_request_context() and request.environ.get(HOST_ENVIRON_KEY):
        host = request.host  # a board's own host name: configured, and the path is built for it
    if host:
        scheme = "https" if current_app.config.get("ENV") == "production" else "http"
        return f"{scheme}://{host}{path}"
    if current_app.config.get("ENV") != "production" and has_request_context():
        return request.host_url.rstrip("/") + path
    return path
