"""Messages casework must send, recorded first and then handed on.

Until the outbox lands (issue #14), `deliver` writes each message as an `.eml` file under
`instance/mail/`, the embedded default DESIGN.md names; it is the one place to route through the
outbox later. Messages never carry a child's or family member's personal details.
"""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

from core.casework.models import OutgoingMessage
from core.tenancy.models import Tenant


def deliver(tenant: Tenant, message: OutgoingMessage) -> str:
    """Write `message` as an .eml file; return where it was written."""
    mail = EmailMessage()
    mail["To"] = message.to_email
    mail["From"] = current_app.config.get("MAIL_FROM") or f"no-reply@{tenant.slug}.candour.invalid"
    mail["Subject"] = message.subject
    mail["X-Candour-Board"] = tenant.slug
    mail["X-Candour-Kind"] = message.kind
    mail.set_content(message.body)
    folder = Path(current_app.config["INSTANCE_PATH"]) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"casework-{message.kind}-{uuid.uuid4().hex}.eml"
    path.write_bytes(bytes(mail))
    return str(path)
