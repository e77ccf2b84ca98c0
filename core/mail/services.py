"""Queue a message in the outbox (inside the caller's transaction) and deliver it (in the worker).

`queue_message` renders the message at once, in the recipient's language, from templates under
`mail/`: `<name>.subject.txt`, `<name>.txt` and `<name>.html`. Messages say what needs doing and link
to the page behind sign-in; they never carry a child's or a family member's personal details.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g, has_request_context, render_template, url_for
from sqlalchemy import select

from core import db
from core.db import utcnow
from core.i18n import catalogs
from core.jobs import after_commit
from core.jobs.services import safe_error
from core.mail import notifier
from core.mail.models import OutboxMessage
from core.plugin_api import OutgoingMail
from core.plugins import tenant_plugins
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)


@contextmanager
def _speaking(tenant: Tenant, locale: str) -> Iterator[None]:
    """Render in `locale` with the board's own wording, then put the page's translator back."""
    had = "translator" in g
    previous = g.get("translator")
    g.translator = catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled)
    try:
        yield
    finally:
        if had:
            g.translator = previous
        else:
            g.pop("translator", None)


def link(endpoint: str, **values: Any) -> str:
    """An absolute URL for a message: this request's host, or the platform's outside a request."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    host = current_app.config.get("PLATFORM_HOST") or "127.0.0.1:5000"
    scheme = "https" if current_app.config.get("ENV") == "production" else "http"
    with current_app.test_request_context(base_url=f"{scheme}://{host}"):
        return url_for(endpoint, _external=True, **values)


def render_message(
    tenant: Tenant, template: str, locale: str, **context: Any
) -> tuple[str, str, str]:
    """The message's subject, plain text and HTML in `locale`, with the board's own wording (a
    letter to post is made from the same text)."""
    context = {"tenant": tenant, "locale": locale, **context}
    with _speaking(tenant, locale):
        subject = render_template(f"mail/{template}.subject.txt", **context).strip()
        text = render_template(f"mail/{template}.txt", **context)
        html = render_template(f"mail/{template}.html", subject=subject, **context)
    return " ".join(subject.split()), text, html


def queue_message(
    tenant: Tenant,
    *,
    template: str,
    to: str,
    dedupe_key: str,
    locale: str = "en",
    subject_ref: str = "",
    headers: dict[str, str] | None = None,
    **context: Any,
) -> OutboxMessage | None:
    """Write one message to the outbox in the current transaction; the worker sends it after the
    commit. Returns None (and writes nothing) if a message with `dedupe_key` was already queued."""
    existing = db.session.scalar(
        select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)
    )
    if existing is not None or not to:
        return None
    message = OutboxMessage(tenant_id=tenant.id, template=template, locale=locale, recipient=to)
    message.subject_ref, message.dedupe_key = subject_ref, dedupe_key
    message.headers = dict(headers or {})
    rendered = render_message(tenant, template, locale, **context)
    message.subject, message.text_body, message.html_body = rendered
    db.session.add(message)
    db.session.flush()
    after_commit("mail.deliver", message.id)
    return message


def _mail(message: OutboxMessage) -> OutgoingMail:
    domain = (current_app.config["MAIL_FROM"].rsplit("@", 1)[-1] or "localhost").strip("> ")
    return OutgoingMail(
        to=message.recipient,
        sender=current_app.config["MAIL_FROM"],
        subject=message.subject,
        text=message.text_body,
        html=message.html_body,
        message_id=f"<candour-{message.tenant_id}-{message.id}@{domain}>",
        headers=dict(message.headers or {}),
    )


def deliver(message_id: int) -> bool:
    """Send one outbox message if it is not sent yet. No transaction is held while sending.

    Raises when the notifier fails, so the queue retries it with back-off; returns whether it sent.
    """
    with db.all_tenants():
        message = db.session.get(OutboxMessage, message_id, populate_existing=True)
        if message is None or message.sent_at is not None:
            db.session.rollback()
            return False
        mail = _mail(message)
        tenant_id = message.tenant_id
    db.session.commit()  # end the read before the relay is reached
    try:
        notifier().send(mail)
    except Exception as exc:
        with db.tenant_scope(tenant_id):
            row = db.session.get(OutboxMessage, message_id)
            if row is not None:
                row.attempts += 1
                row.last_error = safe_error(exc)
                row.last_attempt_at = utcnow()
            db.session.commit()
        raise
    with db.tenant_scope(tenant_id):
        row = db.session.get(OutboxMessage, message_id)
        if row is not None:
            row.attempts += 1
            row.sent_at = utcnow()
            row.last_error = ""
            _sent(row)
        db.session.commit()
    return True


_sent_listeners: list[Callable[[OutboxMessage], None]] = []


def when_sent(listener: Callable[[OutboxMessage], None]) -> None:
    """Call `listener(message)` in the transaction that marks a message sent. A domain above mail
    registers here at init (a family's promise kept, for one), so mail imports none of them;
    registering the same listener again changes nothing."""
    if listener not in _sent_listeners:
        _sent_listeners.append(listener)


def _sent(message: OutboxMessage) -> None:
    """Tell whoever queued the message that it went."""
    for listener in _sent_listeners:
        listener(message)


def unsent(older_than: dt.timedelta) -> list[int]:
    """Ids of messages not sent yet and queued more than `older_than` ago (every board)."""
    cutoff = utcnow() - older_than
    with db.all_tenants():
        return list(
            db.session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.sent_at.is_(None), OutboxMessage.created_at < cutoff)
                .order_by(OutboxMessage.id)
                .limit(1000)
            )
        )
