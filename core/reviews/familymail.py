"""Messages to families about their review, in each family member's own language: the notice that
the review has been extended (new date and the reason staff recorded). Only to a family member who
gave an e-mail address and agreed to be contacted that way; the message names no child and no
family member. When it is sent, the promise it keeps is recorded as met on that date."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.mail.models import OutboxMessage
from core.mail.services import link, queue_message
from core.reviews.models import Extension, Review
from core.tenancy.models import Tenant

EXTENSION_REF = "extension:"


def extension_recorded(tenant: Tenant, review: Review, extension: Extension) -> int:
    """Queue the extension notice for each family member who chose e-mail; return how many.

    Called inside the transaction that records the extension. Nothing is queued when staff
    recorded that they already told the family.
    """
    if extension.family_told_on is not None:
        return 0
    db.session.flush()
    queued = 0
    for member in review.family_members:
        if member.contact_by != "email" or not member.contact_email:
            continue
        locale = member.preferred_locale if member.preferred_locale in tenant.locales else "en"
        message = queue_message(
            tenant,
            template="family_extension",
            to=member.contact_email,
            locale=locale,
            dedupe_key=f"{EXTENSION_REF}{extension.id}:member:{member.id}",
            subject_ref=f"{EXTENSION_REF}{extension.id}",
            board=tenant.name_in(locale),
            contact_role=tenant.contact_role_in(locale),
            contact_phone=tenant.contact_phone,
            previous_target_on=extension.previous_target_on,
            new_target_on=extension.new_target_on,
            reason=extension.reason,
            page_url=link("family.page", tenant=tenant.slug, locale=locale),
        )
        queued += message is not None
    return queued


def _mark_told(message: OutboxMessage) -> None:
    """The notice went: the family was told of the extension on the day it was sent."""
    if not message.subject_ref.startswith(EXTENSION_REF) or message.sent_at is None:
        return
    extension_id = int(message.subject_ref[len(EXTENSION_REF) :])
    extension = db.session.scalar(select(Extension).where(Extension.id == extension_id))
    if extension is None or extension.family_told_on is not None:
        return
    extension.family_told_on = message.sent_at.date()
    record(
        "extension.family_told",
        f"extension:{extension.id}",
        {"on": extension.family_told_on.isoformat(), "by": "e-mail"},
        tenant_id=message.tenant_id,
    )


def init_app(app: Flask) -> None:
    app.extensions.setdefault("candour.mail_sent", []).append(_mark_told)
