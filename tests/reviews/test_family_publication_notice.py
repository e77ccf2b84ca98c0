"""The advance notice of publication: setting a publication date sends the family member who chose
e-mail the notice in their language, once per date, and records the family's notice before
publication as met on the day it was sent."""

from __future__ import annotations

import email
from pathlib import Path

from reviews_support import d
from sqlalchemy import select
from test_family_notices import _text
from test_family_notices import decided_review as decided

from core import db
from core.mail.models import OutboxMessage
from core.reviews import people, services
from core.reviews.context import as_of
from core.reviews.models import Obligation
from core.reviews.queries import get_review


def mail(app) -> list[email.message.Message]:
    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    return [email.message_from_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]


def decided_review(tenant, manager, as_role, **member) -> int:
    def prepare(t, a):
        review = decided(t, a, "CR-30", "Child P")
        with as_of(d("2025-04-01")):
            people.save_family_member(t, a, review, role="Mother", **member)
        return review.id

    return as_role(tenant, manager, "review_manager", prepare)


def plan_publication(tenant, manager, as_role, review_id, on: str) -> None:
    def plan(t, a):
        with as_of(d("2025-09-01")):
            services.update_review(t, a, get_review(a, review_id), planned_publication_on=d(on))

    as_role(tenant, manager, "review_manager", plan)


def notice_obligation(app, tenant) -> Obligation:
    with app.app_context(), db.tenant_scope(tenant.id):
        return db.session.scalars(select(Obligation).where(Obligation.key == "family_notice")).one()


def test_a_publication_date_sends_the_urdu_notice_once_and_meets_the_promise(
    app, make_tenant, make_user, as_role
):
    tenant = make_tenant("board-pub", locales=["en", "ur"], jurisdiction="england")
    manager = make_user("manager@board-pub.example", tenant, "review_manager")
    review_id = decided_review(
        tenant, manager, as_role, preferred_locale="ur", contact_by="email",
        contact_email="mother@example.org",
    )  # fmt: skip
    assert notice_obligation(app, tenant).state == "due"
    plan_publication(tenant, manager, as_role, review_id, "2025-10-20")
    (message,) = mail(app)
    assert message["To"] == "mother@example.org"
    body = _text(message)
    assert "ہم آپ کو پہلے سے بتانے کے لیے لکھ رہے ہیں کہ جائزے کی رپورٹ شائع کی جائے گی۔" in body
    assert 'dir="rtl"' in body
    assert "Child P" not in body and "Mother" not in body and "CR-30" not in body
    with app.app_context(), db.tenant_scope(tenant.id):
        sent = db.session.scalars(select(OutboxMessage)).one()
    notice = notice_obligation(app, tenant)
    assert notice.state == "met" and notice.met_on == sent.sent_at.date()
    # The same date again sends nothing; a new date tells the family the new date.
    plan_publication(tenant, manager, as_role, review_id, "2025-10-20")
    assert len(mail(app)) == 1
    plan_publication(tenant, manager, as_role, review_id, "2025-11-03")
    assert len(mail(app)) == 2


def test_no_notice_by_email_to_a_family_member_who_chose_post(app, make_tenant, make_user, as_role):
    tenant = make_tenant("board-post", locales=["en"], jurisdiction="england")
    manager = make_user("manager@board-post.example", tenant, "review_manager")
    review_id = decided_review(tenant, manager, as_role, contact_by="post")
    plan_publication(tenant, manager, as_role, review_id, "2025-10-20")
    assert mail(app) == []
    assert notice_obligation(app, tenant).state == "due"
