"""Messages to families about their review, in each family member's own language: the notice that
the review has been extended (new date and the reason staff recorded), and the advance notice of
publication (when a publication date is set). Only to a family member who gave an e-mail address and
agreed to be contacted that way; the message names no child and no family member. When it is sent,
the promise it keeps is recorded as met on that date (the family told of the extension; the
family's notice before publication)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event, select
from sqlalchemy.orm import object_session

from core import db
from core.audit.services import record
from core.jobs.queueing import after_commit
from core.mail.models import OutboxMessage
from core.mail.services import link, queue_message
from core.reviews.models import Extension, FamilyMember, Obligation, Review
from core.tenancy.models import Tenant

EXTENSION_REF = "extension:"
PUBLICATION_REF = "publication_notice:"
NOTICE_OBLIGATION = "family_notice"  # the frameworks' "Tell the family before publication"


def _by_email(tenant: Tenant, review: Review) -> list[tuple[FamilyMember, str]]:
    """Family members who agreed to e-mail, each with the language to write to them in."""
    return [
        (m, m.preferred_locale if m.preferred_locale in tenant.locales else "en")
        for m in review.family_members
        if m.contact_by == "email" and m.contact_email
    ]


def _about(tenant: Tenant, locale: str) -> dict[str, Any]:
    return {
        "board": tenant.name_in(locale),
        "contact_role": tenant.contact_role_in(locale),
        "contact_phone": tenant.contact_phone,
        "page_url": link("family.page", tenant=tenant.slug, locale=locale),
    }


def extension_recorded(tenant: Tenant, review: Review, extension: Extension) -> int:
    """Queue the extension notice for each family member who chose e-mail; return how many.

    Called inside the transaction that records the extension. Nothing is queued when staff
    recorded that they already told the family.
    """
    if extension.family_told_on is not None:
        return 0
    db.session.flush()
    queued = 0
    for member, locale in _by_email(tenant, review):
        message = queue_message(
            tenant,
            template="family_extension",
            to=member.contact_email,
            locale=locale,
            dedupe_key=f"{EXTENSION_REF}{extension.id}:member:{member.id}",
            subject_ref=f"{EXTENSION_REF}{extension.id}",
            previous_target_on=extension.previous_target_on,
            new_target_on=extension.new_target_on,
            reason=extension.reason,
            **_about(tenant, locale),
        )
        queued += message is not None
    return queued


def publication_planned(tenant: Tenant, review: Review) -> int:
    """Queue the advance notice of publication for each family member who chose e-mail; return
    how many. Run by the worker after a publication date is set (or moved: the family hears the
    new date). Nothing once the review is published or closed, or when staff waived the notice."""
    planned = review.planned_publication_on
    if planned is None or review.published_on is not None or review.closed:
        return 0
    notice = next((o for o in review.obligations if o.key == NOTICE_OBLIGATION), None)
    if notice is not None and notice.state == "waived":
        return 0
    queued = 0
    for member, locale in _by_email(tenant, review):
        message = queue_message(
            tenant,
            template="family_publication_notice",
            to=member.contact_email,
            locale=locale,
            dedupe_key=f"{PUBLICATION_REF}{review.id}:{planned.isoformat()}:member:{member.id}",
            subject_ref=f"{PUBLICATION_REF}{review.id}",
            publication_on=planned,
            **_about(tenant, locale),
        )
        queued += message is not None
    return queued


def _mark_told(message: OutboxMessage) -> None:
    """The notice went: the family was told of the extension on the day it was sent."""
    if message.sent_at is None:
        return
    if message.subject_ref.startswith(PUBLICATION_REF):
        _mark_notice_given(message)
        return
    if not message.subject_ref.startswith(EXTENSION_REF):
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


def _mark_notice_given(message: OutboxMessage) -> None:
    """The advance notice went: the family's notice before publication is met on that day."""
    assert message.sent_at is not None
    review_id = int(message.subject_ref[len(PUBLICATION_REF) :])
    notice = db.session.scalar(
        select(Obligation).where(
            Obligation.review_id == review_id, Obligation.key == NOTICE_OBLIGATION
        )
    )
    if notice is None or notice.state != "due":
        return
    notice.state, notice.met_on = "met", message.sent_at.date()
    notice.note = "Advance notice sent by e-mail."
    record(
        "review.family_notice_sent",
        f"review:{review_id}",
        {"on": notice.met_on.isoformat(), "by": "e-mail"},
        tenant_id=message.tenant_id,
    )


def _publication_date_set(target: Review, value: Any, old: Any, _initiator: Any) -> None:
    if value == old or value is None or target.id is None:
        return
    session = object_session(target)
    if session is not None:
        after_commit("reviews.publication_notice", target.tenant_id, target.id, session=session)


def init_app(app: Flask) -> None:
    app.extensions.setdefault("candour.mail_sent", []).append(_mark_told)
    if not event.contains(Review.planned_publication_on, "set", _publication_date_set):
        event.listen(Review.planned_publication_on, "set", _publication_date_set)
