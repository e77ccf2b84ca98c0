"""Messages to families about their review, in each family member's own language: the notice that
the review has been extended (new date and the reason staff recorded), and the advance notice of
publication (when a publication date is set). A family member who gave an e-mail address and agreed
to e-mail gets a message; one who prefers a letter gets the same text as a letter to print and post
(made by whoever registered with `when_posted`: the letters package). The text names no
child and no family member. When the message is sent, or staff record the letter as posted, the
promise it keeps is recorded as met on that date (the family told of the extension; the family's
notice before publication)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import event, select
from sqlalchemy.orm import object_session

from core import db
from core.audit.services import record
from core.jobs.queueing import after_commit
from core.mail.models import OutboxMessage
from core.mail.services import link, queue_message, when_sent
from core.reviews.models import Extension, FamilyMember, Obligation, Review
from core.tenancy.models import Tenant

EXTENSION_REF = "extension:"
PUBLICATION_REF = "publication_notice:"
NOTICE_OBLIGATION = "family_notice"  # the frameworks' "Tell the family before publication"


# The letters package, above this one, registers its letter writer here at init.
LetterWriter = Callable[..., object | None]
_letter_writers: list[LetterWriter] = []


def when_posted(write_letter: LetterWriter) -> None:
    """Have `write_letter(tenant, review, member, template=, locale=, dedupe_key=, subject_ref=,
    **context)` queue the letter for a family member who prefers post; it returns None when the
    letter was queued before. Registering the same writer again changes nothing."""
    if write_letter not in _letter_writers:
        _letter_writers.append(write_letter)


def _language(tenant: Tenant, member: FamilyMember) -> str:
    return member.preferred_locale if member.preferred_locale in tenant.locales else "en"


def _about(tenant: Tenant, locale: str) -> dict[str, Any]:
    return {
        "board": tenant.name_in(locale),
        "contact_role": tenant.contact_role_in(locale),
        "contact_phone": tenant.contact_phone,
        "page_url": link("family.page", tenant=tenant.slug, locale=locale),
    }


def _tell(
    tenant: Tenant,
    review: Review,
    *,
    template: str,
    ref: str,
    dedupe: str,
    **context: Any,
) -> int:
    """Queue `template` for every family member who agreed to e-mail or to letters; return how
    many. `dedupe` is the message's key without the member (a rerun queues nothing more)."""
    queued = 0
    for member in review.family_members:
        locale = _language(tenant, member)
        values = {**context, **_about(tenant, locale)}
        key = f"{dedupe}:member:{member.id}"
        if member.contact_by == "email" and member.contact_email:
            message = queue_message(
                tenant, template=template, to=member.contact_email, locale=locale,
                dedupe_key=key, subject_ref=ref, **values,
            )  # fmt: skip
            queued += message is not None
        elif member.contact_by == "post":
            for write_letter in _letter_writers:
                letter = write_letter(
                    tenant, review, member, template=template, locale=locale,
                    dedupe_key=key, subject_ref=ref, **values,
                )  # fmt: skip
                queued += letter is not None
    return queued


def extension_recorded(tenant: Tenant, review: Review, extension: Extension) -> int:
    """Queue the extension notice for each family member who chose e-mail or letters.

    Called inside the transaction that records the extension. Nothing is queued when staff
    recorded that they already told the family.
    """
    if extension.family_told_on is not None:
        return 0
    db.session.flush()
    return _tell(
        tenant,
        review,
        template="family_extension",
        ref=f"{EXTENSION_REF}{extension.id}",
        dedupe=f"{EXTENSION_REF}{extension.id}",
        previous_target_on=extension.previous_target_on,
        new_target_on=extension.new_target_on,
        reason=extension.reason,
    )


def publication_planned(tenant: Tenant, review: Review) -> int:
    """Queue the advance notice of publication for each family member who chose e-mail or letters.
    Run by the worker after a publication date is set (or moved: the family hears the new date).
    Nothing once the review is published or closed, or when staff waived the notice."""
    planned = review.planned_publication_on
    if planned is None or review.published_on is not None or review.closed:
        return 0
    notice = next((o for o in review.obligations if o.key == NOTICE_OBLIGATION), None)
    if notice is not None and notice.state == "waived":
        return 0
    return _tell(
        tenant,
        review,
        template="family_publication_notice",
        ref=f"{PUBLICATION_REF}{review.id}",
        dedupe=f"{PUBLICATION_REF}{review.id}:{planned.isoformat()}",
        publication_on=planned,
    )


def promise_kept(tenant_id: int, subject_ref: str, on: dt.date, by: str) -> None:
    """A notice reached the family on `on` (`by` e-mail or post): record the promise it keeps."""
    if subject_ref.startswith(PUBLICATION_REF):
        review_id = int(subject_ref[len(PUBLICATION_REF) :])
        notice = db.session.scalar(
            select(Obligation).where(
                Obligation.review_id == review_id, Obligation.key == NOTICE_OBLIGATION
            )
        )
        if notice is None or notice.state != "due":
            return
        notice.state, notice.met_on = "met", on
        notice.note = f"Advance notice sent by {by}."
        record(
            "review.family_notice_sent",
            f"review:{review_id}",
            {"on": on.isoformat(), "by": by},
            tenant_id=tenant_id,
        )
    elif subject_ref.startswith(EXTENSION_REF):
        extension_id = int(subject_ref[len(EXTENSION_REF) :])
        extension = db.session.scalar(select(Extension).where(Extension.id == extension_id))
        if extension is None or extension.family_told_on is not None:
            return
        extension.family_told_on = on
        record(
            "extension.family_told",
            f"extension:{extension.id}",
            {"on": on.isoformat(), "by": by},
            tenant_id=tenant_id,
        )


def _mark_told(message: OutboxMessage) -> None:
    """The message went: its promise is kept on the day it was sent."""
    if message.sent_at is not None:
        promise_kept(message.tenant_id, message.subject_ref, message.sent_at.date(), "e-mail")


def _publication_date_set(target: Review, value: Any, old: Any, _initiator: Any) -> None:
    if value == old or value is None or target.id is None:
        return
    session = object_session(target)
    if session is not None:
        after_commit("reviews.publication_notice", target.tenant_id, target.id, session=session)


def init_app(app: Flask) -> None:
    when_sent(_mark_told)
    if not event.contains(Review.planned_publication_on, "set", _publication_date_set):
        event.listen(Review.planned_publication_on, "set", _publication_date_set)
