"""A family's request: the fewest fields, clear errors, CSRF, a rate limit, encrypted and kept apart."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, text

from core import db
from core.family.models import ContactRequest
from core.testing import csrf_token, sign_in


def send(client, slug="salford", locale="en", **fields):
    token = csrf_token(client, f"/{slug}/{locale}/contact")
    data = {
        "csrf_token": token,
        "kind": "views",
        "name": "Sam Example",
        "contact": "sam@example.org",
        "message": "",
    }
    data.update(fields)
    return client.post(f"/{slug}/{locale}/contact", data=data)


def test_a_family_can_ask_to_give_their_views(client, demo_tenants):
    response = send(client)
    assert response.status_code == 302
    done = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your message has been sent" in done
    assert (
        "Business Manager at Salford Safeguarding Children Board will contact you within 5 working days"
        in done
    )


def test_missing_fields_are_explained_and_nothing_is_stored(app, client, demo_tenants):
    response = send(client, kind="", name="", contact="")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Choose what you would like to do" in page
    assert "Enter your name" in page
    assert "Enter a phone number or email address so we can reply" in page
    with app.app_context(), db.all_tenants():
        assert db.session.scalars(select(ContactRequest)).all() == []


def test_a_question_needs_its_text_and_a_reply_address_must_look_real(client, demo_tenants):
    page = send(client, kind="question", message="", contact="12").get_data(as_text=True)
    assert "Enter your question" in page
    assert "Enter a phone number, like 0161 603 4336, or an email address" in page


def test_asking_to_be_emailed_without_an_email_address_is_explained_and_nothing_is_lost(
    app, client, demo_tenants
):
    response = send(
        client,
        kind="question",
        name="Sam Example",
        contact="0161 603 4336",
        message="When will we hear about the meeting?",
        email_consent="y",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "If you would like us to email you, enter your email address" in page
    assert 'href="#email_consent"' in page  # the summary leads to the box
    # Everything the family typed is still there, the box still ticked.
    assert 'value="Sam Example"' in page
    assert 'value="0161 603 4336"' in page
    assert "When will we hear about the meeting?" in page
    (box,) = re.findall(r'<input[^>]*id="email_consent"[^>]*>', page)
    assert " checked " in box
    (question,) = re.findall(r'<input[^>]*value="question"[^>]*>', page)
    assert " checked " in question
    with app.app_context(), db.all_tenants():
        assert db.session.scalars(select(ContactRequest)).all() == []


def test_the_question_about_email_is_asked_in_the_familys_language(client, demo_tenants):
    english = client.get("/salford/en/contact").get_data(as_text=True)
    assert "May we email you about your message?" in english
    welsh = client.get("/salford/cy/contact").get_data(as_text=True)
    assert "May we email you about your message?" not in welsh


def test_errors_are_shown_in_the_familys_language(client, demo_tenants):
    page = send(client, locale="cy", kind="", name="", contact="").get_data(as_text=True)
    assert '<html lang="cy"' in page
    assert "Enter your name" not in page, "errors must be translated"


def test_the_form_needs_its_csrf_token(client, demo_tenants):
    response = client.post(
        "/salford/en/contact", data={"kind": "views", "name": "Sam", "contact": "sam@example.org"}
    )
    assert response.status_code == 400


def test_requests_are_rate_limited_per_connection(client, demo_tenants):
    for _ in range(5):
        assert send(client).status_code == 302
    response = send(client)
    assert response.status_code == 429
    assert "Please wait" in response.get_data(as_text=True)


def test_personal_details_are_encrypted_at_rest(app, client, demo_tenants):
    send(
        client,
        kind="question",
        message="When will we see the report?",
        name="Sam Example",
        contact="07700 900123",
    )
    with app.app_context(), db.all_tenants():
        raw = db.session.execute(text("SELECT name, contact, message FROM contact_requests")).one()
        for value in raw:
            assert "Sam" not in value and "07700" not in value and "report" not in value
        row = db.session.scalars(select(ContactRequest)).one()
        assert (row.name, row.contact) == ("Sam Example", "07700 900123")


def test_staff_see_their_boards_requests_only_and_mark_them_handled(
    app, client, demo_tenants, make_user
):
    send(client, slug="salford", name="Salford Family")
    send(client, slug="northmoor", name="Northmoor Family")
    make_user("manager@salford.example", demo_tenants["salford"], "review_manager")
    sign_in(client, "salford", "manager@salford.example")
    listing = client.get("/salford/admin/requests").get_data(as_text=True)
    assert "Salford Family" in listing
    assert "Northmoor Family" not in listing
    with app.app_context(), db.tenant_scope(demo_tenants["salford"].id):
        request_id = db.session.scalars(select(ContactRequest.id)).one()
    token = csrf_token(client, "/salford/admin/requests")
    assert (
        client.post(
            "/salford/admin/requests", data={"csrf_token": token, "request_id": request_id}
        ).status_code
        == 302
    )
    with app.app_context(), db.tenant_scope(demo_tenants["salford"].id):
        row = db.session.get(ContactRequest, request_id)
        assert row.handled_at is not None and row.handled_by_id is not None
    # Another board's request cannot be marked from here, even by guessing its id.
    with app.app_context(), db.tenant_scope(demo_tenants["northmoor"].id):
        other_id = db.session.scalars(select(ContactRequest.id)).one()
    assert (
        client.post(
            "/salford/admin/requests", data={"csrf_token": token, "request_id": other_id}
        ).status_code
        == 404
    )


def test_reviewers_cannot_see_family_requests(client, demo_tenants, make_user):
    make_user("reviewer@salford.example", demo_tenants["salford"], "reviewer")
    sign_in(client, "salford", "reviewer@salford.example")
    assert client.get("/salford/admin/requests").status_code == 403


def test_requests_past_their_retention_are_deleted(app, client, demo_tenants):
    send(client)
    with app.app_context(), db.all_tenants():
        row = db.session.scalars(select(ContactRequest)).one()
        row.delete_after = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["requests", "purge"])
    assert "Deleted 1 expired requests" in result.output
    with app.app_context(), db.all_tenants():
        assert db.session.scalars(select(ContactRequest)).all() == []
