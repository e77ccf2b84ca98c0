"""Protected identifiers are encrypted at rest, never in the timeline or audit log, and rotate."""

from __future__ import annotations

from reviews_support import d
from sqlalchemy import select, text

from core import db
from core.audit.models import AuditEvent
from core.keys import rotate_all
from core.reviews import people, services
from core.reviews.queries import get_review

REAL_NAME = "Jessica Wintergreen-Okafor"


def test_identifiers_are_encrypted_at_rest_and_never_logged(app, board, as_role, client):
    b = board("lcspr-2023", slug="board-a")

    def make(t, a):
        review = services.create_review(
            t, a, reference="CR-1", pseudonym="Child A", aware_on=d("2025-03-03")
        )
        people.add_identifier(t, a, review, kind="name", value=REAL_NAME)
        people.add_identifier(t, a, review, kind="school", value="St Bartholomew's Primary")
        return review.id

    review_id = as_role(b["tenant"], b["manager"], "review_manager", make)
    with app.app_context(), db.all_tenants():
        raw = (
            db.session.execute(text("SELECT value FROM review_identifiers ORDER BY id"))
            .scalars()
            .all()
        )
        assert len(raw) == 2
        assert all(REAL_NAME not in value and "Bartholomew" not in value for value in raw)
        assert all(value.startswith("gAAAAA") for value in raw)  # Fernet tokens
        events = db.session.execute(text("SELECT summary FROM review_events")).scalars().all()
        audit = db.session.scalars(select(AuditEvent)).all()
        assert not any(REAL_NAME in e for e in events)
        assert not any(REAL_NAME in str(e.details) or REAL_NAME in e.target for e in audit)

    from core.testing import sign_in

    sign_in(client, "board-a", "manager@board-a.example")
    page = client.get(f"/board-a/reviews/{review_id}/identifiers").get_data(as_text=True)
    assert REAL_NAME not in page and "Real name: hidden" in page
    for listing in (
        "/board-a/reviews/",
        f"/board-a/reviews/{review_id}",
        "/board-a/reviews/export.csv",
    ):
        assert REAL_NAME not in client.get(listing).get_data(as_text=True)
    revealed = as_role(
        b["tenant"],
        b["manager"],
        "review_manager",
        lambda t, a: [i.value for i in people.reveal_identifiers(a, get_review(a, review_id))],
    )
    assert REAL_NAME in revealed


def test_key_rotation_re_encrypts_identifiers(app, board, as_role):
    from cryptography.fernet import Fernet

    b = board("lcspr-2023", slug="board-a")

    def make(t, a):
        review = services.create_review(t, a, reference="CR-1", pseudonym="Child A")
        people.add_identifier(t, a, review, kind="address", value="1 Fictional Street")
        return review.id

    review_id = as_role(b["tenant"], b["manager"], "review_manager", make)
    old_keys = app.config["ENCRYPTION_KEYS"]
    try:
        app.config["ENCRYPTION_KEYS"] = f"{Fernet.generate_key().decode()},{old_keys}"
        with app.app_context(), db.all_tenants():
            before = db.session.execute(text("SELECT value FROM review_identifiers")).scalar_one()
            assert rotate_all() >= 1
            after = db.session.execute(text("SELECT value FROM review_identifiers")).scalar_one()
            db.session.commit()
        assert before != after
        app.config["ENCRYPTION_KEYS"] = app.config["ENCRYPTION_KEYS"].split(",")[0]
        value = as_role(
            b["tenant"],
            b["manager"],
            "review_manager",
            lambda t, a: get_review(a, review_id, audit=False).identifiers[0].value,
        )
        assert value == "1 Fictional Street"
    finally:
        app.config["ENCRYPTION_KEYS"] = old_keys


def test_revealing_identifiers_asks_the_manager_to_confirm_who_they_are(
    app, board, as_role, client
):
    from core.testing import DEFAULT_PASSWORD, csrf_token, sign_in

    b = board("lcspr-2023", slug="board-a")

    def make(t, a):
        review = services.create_review(
            t, a, reference="CR-2", pseudonym="Child B", aware_on=d("2025-03-03")
        )
        people.add_identifier(t, a, review, kind="name", value=REAL_NAME)
        return review.id

    review_id = as_role(b["tenant"], b["manager"], "review_manager", make)
    url = f"/board-a/reviews/{review_id}/identifiers"
    sign_in(client, "board-a", "manager@board-a.example")
    token = csrf_token(client, url)
    with client.session_transaction() as s:
        s["auth_at"] = 0  # signed in long ago
    asked = client.post(url, data={"csrf_token": token, "action": "reveal"})
    assert asked.status_code == 302 and asked.headers["Location"].startswith("/board-a/confirm")
    assert REAL_NAME not in asked.get_data(as_text=True)
    confirm = f"/board-a/confirm?next={url}"
    client.post(
        confirm, data={"csrf_token": csrf_token(client, confirm), "password": DEFAULT_PASSWORD}
    )
    shown = client.post(url, data={"csrf_token": token, "action": "reveal"})
    assert shown.status_code == 200 and REAL_NAME in shown.get_data(as_text=True)
