"""Letters to post: queue one (in the notice's transaction), render it in the worker through the
board's format plugins, list a review's letters, and record one as posted (the promise it keeps is
met on that date)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.db import utcnow
from core.document import Document, Paragraph, Section
from core.formats import service as formats
from core.jobs.queueing import after_commit
from core.letters.models import FamilyLetter
from core.mail.services import render_message
from core.reports.documents import document_of, documents_of
from core.reviews import familymail
from core.reviews.context import Actor, ReviewError, ReviewForbidden, today
from core.reviews.models import FamilyMember, Review
from core.storage import storage_for
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)

# A family member's own format, if the board offers it; any other gets standard print.
LETTER_FORMATS = ("large-print", "easy-read")


def queue_letter(
    tenant: Tenant,
    review: Review,
    member: FamilyMember,
    *,
    template: str,
    locale: str,
    dedupe_key: str,
    subject_ref: str,
    **context: Any,
) -> FamilyLetter | None:
    """Write the letter's text now (as the e-mail would read) and render it after the commit.
    Returns None if this letter was already queued."""
    taken = db.session.scalar(select(FamilyLetter.id).where(FamilyLetter.dedupe_key == dedupe_key))
    if taken is not None:
        return None
    subject, text, _html = render_message(tenant, template, locale, **context)
    letter = FamilyLetter(
        tenant_id=tenant.id,
        review_id=review.id,
        family_member_id=member.id,
        template=template,
        subject_ref=subject_ref,
        dedupe_key=dedupe_key,
        locale=locale,
        format_key=member.preferred_format if member.preferred_format in LETTER_FORMATS else "pdf",
        subject=subject,
        body=text,
    )
    db.session.add(letter)
    db.session.flush()
    after_commit("letters.render", letter.id)
    return letter


def letter_document(tenant: Tenant, letter: FamilyLetter) -> Document:
    """The letter as a document: the board's name at the top, then the notice's paragraphs."""
    paragraphs = [" ".join(p.split()) for p in letter.body.split("\n\n") if p.strip()]
    return Document(
        title=tenant.name_in(letter.locale),
        locale=letter.locale,
        board_name=tenant.name_in(letter.locale),
        sections=(Section("letter", letter.subject, tuple(Paragraph.of(p) for p in paragraphs)),),
    )


def render(letter_id: int) -> bool:
    """Render one letter into the board's storage (the worker's job); returns whether it did."""
    with db.all_tenants():
        letter = db.session.get(FamilyLetter, letter_id)
        tenant = db.session.get(Tenant, letter.tenant_id) if letter is not None else None
    if letter is None or tenant is None or letter.state == "ready":
        db.session.rollback()
        return False
    with db.tenant_scope(tenant.id):
        letter = db.session.get(FamilyLetter, letter_id)
        assert letter is not None
        document = letter_document(tenant, letter)
        wanted = [letter.format_key] + (["pdf"] if letter.format_key != "pdf" else [])
        for key in wanted:
            item = formats.find(tenant, letter.locale, key) or formats.find(tenant, "en", key)
            if item is None:
                continue
            context = formats.render_context(tenant, letter.locale, item.plugin)
            db.release_transaction()  # nothing is locked while the format renders
            try:
                data = item.format.render(document, context)
            except Exception as exc:  # the next format (standard print) is tried
                log.warning("letter %s could not be rendered as %s: %s", letter_id, key, exc)
                continue
            stored = storage_for(tenant).put(
                f"letters/{letter_id}.{item.format.extension}",
                bytes(data),
                item.format.media_type,
                {"letter": str(letter_id), "locale": letter.locale, "format": key},
            )
            letter = db.session.get(FamilyLetter, letter_id)
            assert letter is not None
            letter.format_key, letter.storage_key = key, stored.key
            letter.state, letter.rendered_at = "ready", utcnow()
            db.session.commit()
            return True
        letter = db.session.get(FamilyLetter, letter_id)
        assert letter is not None
        letter.state = "failed"
        db.session.commit()
    raise RuntimeError(f"letter {letter_id} could not be rendered in any format")


def letters_for(review: Review) -> list[FamilyLetter]:
    return documents_of(FamilyLetter, review)


def get_letter(review: Review, letter_id: int) -> FamilyLetter | None:
    return document_of(FamilyLetter, review, letter_id)


def mark_posted(
    tenant: Tenant,
    actor: Actor,
    letter: FamilyLetter,
    posted_on: dt.date | None,
) -> FamilyLetter:
    """Staff posted the letter on `posted_on`: the promise it keeps is met on that date."""
    if not actor.is_manager:
        raise ReviewForbidden("only a review manager or board admin can do this")
    if not isinstance(posted_on, dt.date):
        raise ReviewError({"posted_on": "Enter the date the letter was posted."})
    if posted_on > today():
        raise ReviewError({"posted_on": "The date it was posted cannot be in the future."})
    if posted_on < letter.created_at.date():
        raise ReviewError({"posted_on": "The letter cannot have been posted before it was made."})
    if letter.state != "ready":
        raise ReviewError({"posted_on": "The letter is not ready to print yet."})
    if letter.posted_on is not None:
        return letter
    letter.posted_on, letter.posted_by_id = posted_on, actor.user_id
    familymail.promise_kept(tenant.id, letter.subject_ref, posted_on, "post")
    record(
        "letter.posted",
        f"letter:{letter.id}",
        {"on": posted_on.isoformat(), "review": letter.review_id},
        tenant_id=tenant.id,
        actor=actor.user,
    )
    return letter
