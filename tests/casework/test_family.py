"""The family's contact log and involvement plan: recorded through the pages and the API, a dated
promise tracked with the review's deadlines, what was said encrypted in the database and never in
the timeline, dates checked for sense, the reads audited, and another board's staff finding none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from admin_support import audit_actions, post, text
from sqlalchemy import select
from sqlalchemy import text as sql

from core import db
from core.auth.tokens import create_token
from core.casework.models import FamilyContact, InvolvementPlan
from core.reviews import people
from core.reviews.models import Obligation, Review, ReviewEvent
from core.testing import sign_in

SAID = "Mrs Hartley said the school never called her back about Tom"
PROMISED = "Send her the terms of reference in Polish"
FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


def _member(as_role, board) -> int:
    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        return people.save_family_member(
            t, actor, review, role="Mother", preferred_locale="pl", involvement="invited",
            invited_on=dt.date(2025, 1, 20),
        ).id  # fmt: skip

    return as_role(board["tenant"], board["manager"], "review_manager", run)


def _staff(app, slug="board-a"):
    client = app.test_client()
    sign_in(client, slug, f"manager@{slug}.example")
    return client


def _token(in_app, board, user) -> dict[str, str]:
    def make() -> str:
        with db.tenant_scope(board["tenant"].id):
            return create_token(db.session.merge(board["tenant"]), db.session.merge(user), "tests")

    return {"Authorization": f"Bearer {in_app(make)}"}


def test_a_manager_records_a_contact_with_a_promise_tracked_like_the_others(app, as_role, boards):
    a = boards["a"]
    member_id = _member(as_role, a)
    staff = _staff(app)
    review_page = text(staff.get(f"/board-a/reviews/{a['review_id']}"))
    page_url = f"/board-a/casework/reviews/{a['review_id']}/family/{member_id}"
    assert page_url in review_page
    assert "No contact is recorded yet" in text(staff.get(page_url))
    yesterday = dt.date.today() - dt.timedelta(days=1)
    due = dt.date.today() + dt.timedelta(days=10)
    done = post(
        staff,
        f"{page_url}/contacts",
        {
            "contacted_on": yesterday.isoformat(),
            "way": "phone",
            "said": SAID,
            "promised": PROMISED,
            "promise_due_on": due.isoformat(),
        },
        form_url=page_url,
    )
    assert done.status_code == 302, text(done)
    page = text(staff.get(page_url))
    assert SAID in page and PROMISED in page and "Phone call" in page
    assert "by manager@board-a.example" in page or "by Manager" in page

    with app.app_context(), db.tenant_scope(a["tenant"].id):
        contact = db.session.scalars(select(FamilyContact)).one()
        promise = db.session.get(Obligation, contact.promise_id)
        assert (promise.kind, promise.due_on, promise.state) == ("promise", due, "due")
        assert promise.family_member_id == member_id and "Mother" in promise.label
        timeline = " ".join(e.summary for e in db.session.scalars(select(ReviewEvent)))
        assert "phone call" in timeline and "Hartley" not in timeline and "Polish" not in timeline
        # At rest, what was said and promised is ciphertext.
        raw_said, raw_promised = db.session.execute(
            sql("SELECT said, promised FROM casework_family_contacts WHERE id = :id"),
            {"id": contact.id},
        ).one()
    assert "Hartley" not in raw_said and raw_said.startswith("gAAAA")
    assert "Polish" not in raw_promised and raw_promised.startswith("gAAAA")
    # The promise is on the review's list of deadlines, to be met like any other.
    assert "Keep the promise made to Mother" in text(
        staff.get(f"/board-a/reviews/{a['review_id']}")
    )
    assert {"casework.family_log_viewed", "review.family_contact", "review.promise_created"} <= set(
        audit_actions(app, a["tenant"].id)
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"contacted_on": FUTURE}, "contacted_on", "cannot be in the future"),
        ({"contacted_on": ""}, "contacted_on", "Enter the date of the contact"),
        ({"contacted_on": "2025-02-30"}, "contacted_on", "Enter a real date"),
        ({"way": "carrier-pigeon"}, "way", "Choose how the contact was made"),
        ({"promise_due_on": "2025-01-01"}, "promised", "Say what was promised"),
        (
            {"promised": "Call back", "promise_due_on": "2000-01-01"},
            "promise_due_on",
            "cannot be due before the contact",
        ),
    ],
)
def test_a_contact_that_makes_no_sense_is_refused_and_nothing_is_saved(
    app, as_role, boards, fields, field, message
):
    a = boards["a"]
    member_id = _member(as_role, a)
    staff = _staff(app)
    page_url = f"/board-a/casework/reviews/{a['review_id']}/family/{member_id}"
    data = {"contacted_on": "2025-03-03", "way": "visit", "said": SAID, **fields}
    refused = post(staff, f"{page_url}/contacts", data, form_url=page_url)
    assert refused.status_code == 400
    body = text(refused)
    assert "There is a problem" in body and message in body
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        assert db.session.scalars(select(FamilyContact)).all() == []
        assert (
            db.session.scalars(select(Obligation).where(Obligation.kind == "promise")).all() == []
        )


def test_the_involvement_plan_is_saved_encrypted_and_checked(app, as_role, boards):
    a = boards["a"]
    member_id = _member(as_role, a)
    staff = _staff(app)
    page_url = f"/board-a/casework/reviews/{a['review_id']}/family/{member_id}"
    plan = {
        "advocate_chosen": "AAFDA advocate, Ms Nowak",
        "interpreter_or_format": "Polish interpreter at meetings",
        "meet_panel": "yes",
        "see_terms": "undecided",
        "draft_sent_on": "2025-03-03",
        "draft_reading_days": "20",
    }
    bad = post(staff, f"{page_url}/plan", {**plan, "draft_reading_days": "lots"}, form_url=page_url)
    assert bad.status_code == 400 and "Enter a whole number of days" in text(bad)
    bad = post(staff, f"{page_url}/plan", {**plan, "draft_sent_on": FUTURE}, form_url=page_url)
    assert bad.status_code == 400 and "cannot be in the future" in text(bad)
    bad = post(staff, f"{page_url}/plan", {**plan, "draft_reading_days": "400"}, form_url=page_url)
    assert bad.status_code == 400 and "from 1 to 365" in text(bad)
    saved = post(staff, f"{page_url}/plan", plan, form_url=page_url)
    assert saved.status_code == 302
    page = text(staff.get(page_url))
    assert "Ms Nowak" in page and "Polish interpreter at meetings" in page
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        row = db.session.scalars(select(InvolvementPlan)).one()
        assert (row.meet_panel, row.see_terms, row.draft_reading_days) == ("yes", "undecided", 20)
        raw = db.session.execute(
            sql("SELECT advocate_chosen, interpreter_or_format FROM casework_involvement_plans")
        ).one()
    assert "Nowak" not in raw[0] and "Polish" not in raw[1]


def test_the_contact_log_through_the_api(client, in_app, as_role, boards):
    a = boards["a"]
    member_id = _member(as_role, a)
    manager = _token(in_app, a, a["manager"])
    base = f"/api/v1/reviews/{a['review_id']}/family/{member_id}"
    sent = client.post(
        f"{base}/contacts",
        json={"contacted_on": "2025-03-03", "way": "letter", "said": SAID, "promised": PROMISED,
              "promise_due_on": "2025-03-20"},
        headers=manager,
    )  # fmt: skip
    assert sent.status_code == 201, sent.get_json()
    body = sent.get_json()
    assert body["said"] == SAID and body["promise"]["due_on"] == "2025-03-20"
    listed = client.get(f"{base}/contacts", headers=manager).get_json()["items"]
    assert [c["id"] for c in listed] == [body["id"]]
    future = client.post(
        f"{base}/contacts", json={"contacted_on": FUTURE, "way": "phone"}, headers=manager
    )
    assert future.status_code == 422 and "contacted_on" in future.get_json()["errors"]
    for junk in ({"contacted_on": 3, "way": "phone"}, {"way": "phone"}, {"contacted_on": "x"},
                 {"contacted_on": "2025-03-03", "way": "phone", "by_id": 2**40},
                 {"contacted_on": "2025-03-03", "way": "phone", "nope": 1}):  # fmt: skip
        assert client.post(f"{base}/contacts", json=junk, headers=manager).status_code == 422
    put = client.put(
        f"{base}/plan",
        json={"meet_panel": "no", "not_involved_reason": "", "draft_reading_days": 15,
              "draft_sent_on": "2025-03-01"},
        headers=manager,
    )  # fmt: skip
    assert put.status_code == 200, put.get_json()
    assert client.get(f"{base}/plan", headers=manager).get_json()["draft_reading_days"] == 15
    bad = client.put(f"{base}/plan", json={"meet_panel": "maybe"}, headers=manager)
    assert bad.status_code == 422
    reviewer = _token(in_app, a, a["reviewer"])
    assert client.get(f"{base}/contacts", headers=reviewer).status_code == 403
    assert client.get(f"{base}/contacts", headers=manager).status_code == 200
    assert (
        client.get(f"/api/v1/reviews/{a['review_id']}/family/999/plan", headers=manager).status_code
        == 404
    )
    assert (
        client.get(
            f"/api/v1/reviews/{a['review_id']}/family/{2**40}/plan", headers=manager
        ).status_code
        == 404
    )


def test_another_board_finds_none_of_the_family_log(app, client, in_app, as_role, boards):
    a, b = boards["a"], boards["b"]
    member_id = _member(as_role, a)
    a_page = f"/casework/reviews/{a['review_id']}/family/{member_id}"
    other = _staff(app, "board-b")
    assert other.get(f"/board-b{a_page}").status_code == 404
    assert other.get(f"/board-a{a_page}").status_code in (302, 404)
    refused = post(
        other,
        f"/board-b{a_page}/contacts",
        {"contacted_on": "2025-03-03", "way": "phone", "said": "x"},
        form_url="/board-b/casework/agencies",
    )
    assert refused.status_code == 404
    b_token = _token(in_app, b, b["manager"])
    base = f"/api/v1/reviews/{a['review_id']}/family/{member_id}"
    assert client.get(f"{base}/contacts", headers=b_token).status_code == 404
    assert (
        client.post(
            f"{base}/contacts", json={"contacted_on": "2025-03-03", "way": "phone"}, headers=b_token
        ).status_code
        == 404
    )
    assert client.put(f"{base}/plan", json={}, headers=b_token).status_code == 404
    with app.app_context(), db.all_tenants():
        assert db.session.scalars(select(FamilyContact)).all() == []
        assert db.session.scalars(select(InvolvementPlan)).all() == []
    # A reviewer of board A may not open it either.
    reviewer = app.test_client()
    sign_in(reviewer, "board-a", "reviewer@board-a.example")
    assert reviewer.get(f"/board-a{a_page}").status_code == 403
