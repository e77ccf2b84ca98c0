"""Family notices: recording an extension sends the family member who chose e-mail the notice in
their language, with the new date and the reason, and marks the family as told on that date."""

from __future__ import annotations

import email
from pathlib import Path

from reviews_support import d
from sqlalchemy import select

from core import db
from core.mail.models import OutboxMessage
from core.reviews import people, services
from core.reviews.context import as_of
from core.reviews.models import Extension
from core.reviews.queries import get_review

DECIDED = [
    ("notify", {"notified_on": d("2025-03-05"), "notified_to": "Panel"}),
    (
        "rapid_review_sent",
        {
            "rapid_review_on": d("2025-03-20"),
            "key_practice_episodes": "Three episodes of health and school contact",
            "inequalities": "How language shaped the family's contact with services",
        },
    ),
    ("decide_local", {"decision_on": d("2025-03-28"), "decision_rationale": "Learning"}),
]


def decided_review(t, a, reference, pseudonym):
    """A review the board became aware of on 3 March 2025 and decided on 28 March to hold."""
    with as_of(d("2025-03-03")):
        review = services.create_review(
            t, a, reference=reference, pseudonym=pseudonym, aware_on=d("2025-03-03")
        )
    with as_of(d("2025-03-28")):
        for key, values in DECIDED:
            services.transition(t, a, review, key, values)
    return review


def _mother_by_email(t, a, review, locale):
    """The child's mother, on 1 April 2025: by e-mail, in `locale`."""
    with as_of(d("2025-04-01")):
        people.save_family_member(
            t, a, review, role="Mother", preferred_locale=locale, contact_by="email",
            contact_email="mother@example.org",
        )  # fmt: skip


def _text(message) -> str:
    return "\n".join(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_maintype() == "text"
    )


def test_an_extension_sends_the_urdu_notice_and_marks_the_family_told(
    app, make_tenant, make_user, as_role
):
    tenant = make_tenant("board-ur", locales=["en", "ur"], jurisdiction="england")
    manager = make_user("manager@board-ur.example", tenant, "review_manager")

    def prepare(t, a):
        review = decided_review(t, a, "CR-9", "Child A")
        _mother_by_email(t, a, review, "ur")
        with as_of(d("2025-04-01")):
            people.save_family_member(
                t, a, review, role="Father", preferred_locale="en", contact_by="post",
            )  # fmt: skip
        return review.id

    review_id = as_role(tenant, manager, "review_manager", prepare)

    def extend(t, a):
        with as_of(d("2025-09-01")):
            services.extend(
                t, a, get_review(a, review_id), new_target_on=d("2025-11-28"),
                reason="ایک پولیس تفتیش جاری ہے", family_told_on=None,
            )  # fmt: skip

    as_role(tenant, manager, "review_manager", extend)

    (path,) = sorted((Path(app.config["INSTANCE_PATH"]) / "mail").glob("*.eml"))
    message = email.message_from_bytes(path.read_bytes())
    assert message["To"] == "mother@example.org"
    body = _text(message)
    assert "جائزے میں ہمارے منصوبے سے زیادہ وقت لگے گا" in body  # Urdu, not English
    assert "ایک پولیس تفتیش جاری ہے" in body
    assert "۲۰۲۵" in body or "2025" in body
    assert "Child A" not in body and "Mother" not in body and "CR-9" not in body
    with app.app_context(), db.tenant_scope(tenant.id):
        (sent,) = db.session.scalars(select(OutboxMessage)).all()
        extension = db.session.scalars(select(Extension)).one()
        assert sent.locale == "ur" and sent.sent_at is not None
        assert extension.family_told_on == sent.sent_at.date()


def test_no_notice_is_sent_when_staff_already_told_the_family(app, make_tenant, make_user, as_role):
    tenant = make_tenant("board-told", locales=["en"], jurisdiction="england")
    manager = make_user("manager@board-told.example", tenant, "review_manager")

    def run(t, a):
        review = decided_review(t, a, "CR-1", "Child B")
        _mother_by_email(t, a, review, "en")
        with as_of(d("2025-09-02")):
            services.extend(
                t, a, review, new_target_on=d("2025-11-28"), reason="Inquest",
                family_told_on=d("2025-09-01"),
            )  # fmt: skip
        return db.session.scalars(select(OutboxMessage)).all()

    assert as_role(tenant, manager, "review_manager", run) == []


def test_a_family_member_who_chose_email_needs_an_address(app, make_tenant, make_user, as_role):
    import pytest

    from core.reviews.context import ReviewError

    tenant = make_tenant("board-addr", locales=["en"], jurisdiction="england")
    manager = make_user("manager@board-addr.example", tenant, "review_manager")

    def run(t, a):
        with as_of(d("2025-03-03")):
            review = services.create_review(
                t, a, reference="CR-2", pseudonym="Child C", aware_on=d("2025-03-03"),
            )  # fmt: skip
        with pytest.raises(ReviewError) as caught:
            people.save_family_member(
                t, a, review, role="Aunt", contact_by="email", contact_email="not an address"
            )
        return caught.value

    assert "contact_email" in as_role(tenant, manager, "review_manager", run).errors
