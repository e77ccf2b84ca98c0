"""Families' contact requests as staff work them: a reference number per request, its age and the
date a reply is due (the promise made to the family, in working days), and the message to the
board's review managers when a family writes in."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy import select

from core import db
from core.auth.links import staff_link
from core.auth.memberships import review_managers
from core.family.models import ContactRequest
from core.reviews.calendar import for_jurisdiction
from core.tenancy.models import Tenant

# No 0/O, 1/I/L: a reference is read out over the phone.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
KIND_LABELS = {
    "format": "a request for another format",
    "views": "a request to give their views",
    "question": "a question",
}


def new_reference() -> str:
    """A short reference a family can quote, unique within the board."""
    while True:
        code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
        reference = f"{code[:4]}-{code[4:]}"
        taken = db.session.scalar(
            select(ContactRequest.id).where(ContactRequest.reference == reference)
        )
        if taken is None:
            return reference


def reply_working_days() -> int:
    return int(current_app.config.get("CONTACT_REPLY_WORKING_DAYS") or 5)


def reply_due(tenant: Tenant, received: dt.datetime) -> dt.date:
    calendar = for_jurisdiction(tenant.jurisdiction)
    return calendar.add_working_days(received.date(), reply_working_days())


@dataclass(frozen=True)
class InboxItem:
    request: ContactRequest
    age_days: int
    due_on: dt.date
    overdue: bool


def inbox_items(tenant: Tenant, requests: list[ContactRequest], today: dt.date) -> list[InboxItem]:
    items = []
    for row in requests:
        due = reply_due(tenant, row.created_at)
        items.append(
            InboxItem(
                request=row,
                age_days=(today - row.created_at.date()).days,
                due_on=due,
                overdue=row.handled_at is None and due < today,
            )
        )
    return items


def notify_staff(tenant: Tenant, row: ContactRequest) -> None:
    """Queue, in the request's own transaction, a message to each review manager. It names the
    kind of request, its reference and due date, and links to the inbox: nothing the family wrote."""
    from core.mail.services import link, queue_message

    inbox = link("family.admin_requests", tenant=tenant.slug)
    due = reply_due(tenant, row.created_at)
    for user in review_managers(tenant):
        queue_message(
            tenant,
            template="staff_contact_request",
            to=user.email,
            dedupe_key=f"contact_request:{row.id}:staff:{user.id}",
            subject_ref=f"contact_request:{row.id}",
            kind_label=KIND_LABELS.get(row.kind, "a message"),
            reference=row.reference,
            due_on=due,
            days=reply_working_days(),
            inbox_url=inbox,
        )


def will_acknowledge(row: ContactRequest) -> bool:
    """Whether the family is e-mailed their reference: only if they ticked "you may email me" and
    gave an e-mail address (the form refuses the one without the other)."""
    address = row.contact.strip()
    return row.email_consent and "@" in address and not any(ch.isspace() for ch in address)


def acknowledge(tenant: Tenant, row: ContactRequest) -> None:
    """Queue, in the request's own transaction, the family's acknowledgement with their reference
    number, in the language they wrote in, when they agreed to be e-mailed about their message.
    It repeats nothing they wrote."""
    from core.mail.services import link, queue_message

    if not will_acknowledge(row):
        return
    address = row.contact.strip()
    locale = row.locale if row.locale in tenant.locales else "en"
    queue_message(
        tenant,
        template="family_acknowledgement",
        to=address,
        locale=locale,
        dedupe_key=f"contact_request:{row.id}:acknowledgement",
        subject_ref=f"contact_request:{row.id}",
        reference=row.reference,
        days=reply_working_days(),
        board=tenant.name_in(locale),
        contact_role=tenant.contact_role_in(locale),
        contact_phone=tenant.contact_phone,
        page_url=link("family.page", tenant=tenant.slug, locale=locale),
    )


def init_app(app: Flask) -> None:
    staff_link("family.admin_requests", "Requests from families", ("board_admin", "review_manager"))
