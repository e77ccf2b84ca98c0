"""Family requests: store them encrypted, list them for staff, mark them handled, purge old ones."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from core import db
from core.audit.services import record
from core.auth.models import User
from core.db import utcnow
from core.family.models import ContactRequest
from core.tenancy.models import Tenant


def create_request(
    tenant: Tenant,
    *,
    kind: str,
    locale: str,
    format_key: str,
    name: str,
    contact: str,
    message: str,
    email_consent: bool = False,
) -> ContactRequest:
    from core.family import inbox

    request_row = ContactRequest(
        tenant_id=tenant.id,
        kind=kind,
        reference=inbox.new_reference(),
        locale=locale,
        format_key=format_key if kind == "format" else "",
        name=name.strip(),
        contact=contact.strip(),
        message=message.strip(),
        email_consent=email_consent,
        delete_after=utcnow() + dt.timedelta(days=tenant.contact_retention_days),
    )
    db.session.add(request_row)
    db.session.flush()
    record(
        "contact_request.received",
        f"request:{request_row.id}",
        {"kind": kind, "locale": locale, "email_consent": email_consent},
    )
    inbox.notify_staff(tenant, request_row)
    inbox.acknowledge(tenant, request_row)
    return request_row


def open_requests() -> list[ContactRequest]:
    return list(
        db.session.scalars(
            select(ContactRequest).order_by(
                ContactRequest.handled_at.is_not(None), ContactRequest.created_at.desc()
            )
        )
    )


def mark_handled(request_id: int, actor: User) -> ContactRequest | None:
    row = db.session.scalar(select(ContactRequest).where(ContactRequest.id == request_id))
    if row is None:
        return None
    if row.handled_at is None:
        row.handled_at = utcnow()
        row.handled_by_id = actor.id
        record("contact_request.handled", f"request:{row.id}", {}, actor=actor)
    return row


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete requests past their retention date in the scoped tenant (or all, in platform scope)."""
    result = db.session.execute(
        delete(ContactRequest)
        .where(ContactRequest.delete_after < (now or utcnow()))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
