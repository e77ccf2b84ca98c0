"""The accessibility statement gives the date the board's admin says it was last reviewed, in the
reader's language; a wrong date is refused with the reason and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from admin_support import audit_actions, post, text

URL = "/board-a/admin/languages"


def _statement(client, locale: str = "en") -> str:
    return text(client.get(f"/board-a/{locale}/accessibility"))


def test_a_board_that_never_reviewed_its_statement_gives_no_date(admin, board, client):
    assert "last reviewed" not in _statement(client)


def test_the_admin_sets_the_review_date_and_the_statement_gives_it(admin, board, client):
    before = _statement(client)
    response = post(admin, URL, {"action": "accessibility", "reviewed_on": "2026-11-20"})
    assert response.status_code == 302, text(response)[:2000]
    assert "This statement was last reviewed on 20 November 2026." in _statement(client)
    assert before != _statement(client)
    assert "accessibility.reviewed" in audit_actions(board.app, board.tenant.id)


def test_the_date_is_written_in_the_readers_language(admin, board, client, make_tenant):
    from core import db
    from core.tenancy.models import Tenant

    def offer_welsh() -> None:
        tenant = db.session.get(Tenant, board.tenant.id)
        tenant.locales = ["en", "cy"]
        tenant.content_version += 1
        db.session.commit()

    with board.app.app_context():
        offer_welsh()
    post(admin, URL, {"action": "accessibility", "reviewed_on": "2026-11-20"})
    assert "20 Tachwedd 2026" in _statement(client, "cy")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", "Enter the date the statement was reviewed"),
        ("20/11/2026", "Enter a date like 2026-12-01"),
        ((dt.date.today() + dt.timedelta(days=3)).isoformat(), "cannot be in the future"),
    ],
)
def test_a_wrong_date_is_refused_with_the_reason_and_changes_nothing(
    admin, board, client, value, says
):
    post(admin, URL, {"action": "accessibility", "reviewed_on": "2026-11-20"})
    response = post(admin, URL, {"action": "accessibility", "reviewed_on": value})
    assert response.status_code == 400
    assert says in text(response)
    assert "last reviewed on 20 November 2026." in _statement(client)


def test_another_boards_admin_cannot_set_this_boards_date(board, client, make_tenant, make_user):
    from core.testing import csrf_token, sign_in

    other = make_tenant("board-b", contact_email="b@example.org")
    make_user("admin@b.example", other)
    assert sign_in(client, "board-b", "admin@b.example").status_code == 302
    token = csrf_token(client, "/board-b/admin/languages")  # a valid token, of board B's session
    response = client.post(
        URL, data={"csrf_token": token, "action": "accessibility", "reviewed_on": "2026-11-20"}
    )
    assert response.status_code in (302, 403, 404)
    assert "last reviewed" not in _statement(client)
