"""People: a board admin adds staff (a new account gets a one-time password shown once), sets roles,
deactivates, unlocks and resets two-factor; nobody can remove the last board admin."""

from __future__ import annotations

import re

from admin_support import audit_actions, post, text
from sqlalchemy import select

from core import db
from core.auth.models import Membership, User

URL = "/board-a/admin/people"


def _membership(app, tenant, email) -> Membership:
    with app.app_context(), db.tenant_scope(tenant.id):
        return db.session.scalar(select(Membership).join(User).where(User.email == email))


def test_adding_a_reviewer_with_two_factor_shows_a_one_time_password(admin, board, client):
    response = post(
        admin,
        URL,
        {
            "email": "Reviewer@A.example",
            "name": "Rhian",
            "role": "reviewer",
            "require_two_factor": "y",
        },
    )
    assert response.status_code == 200
    page = text(response)
    password = re.search(r'<code dir="ltr">([^<]+)</code>', page).group(1)
    assert len(password) >= 12
    m = _membership(board.app, board.tenant, "reviewer@a.example")
    assert m.role == "reviewer" and m.require_two_factor
    assert "people.added" in audit_actions(board.app, board.tenant.id)
    assert password not in str(audit_actions(board.app, board.tenant.id))


def test_an_invalid_person_is_refused_with_reasons(admin):
    response = post(admin, URL, {"email": "not an email", "role": "emperor"})
    assert response.status_code == 400
    page = text(response)
    assert "Enter an email address like name@example.org" in page
    assert "Not a valid choice" in page


def test_the_last_board_admin_cannot_be_demoted_or_deactivated(admin, board):
    m = _membership(board.app, board.tenant, "admin@a.example")
    for data in ({"action": "role", "role": "reviewer"}, {"action": "deactivate"}):
        response = post(admin, f"{URL}/{m.id}", data, form_url=URL, follow_redirects=True)
        assert "last active board admin" in text(response)
    again = _membership(board.app, board.tenant, "admin@a.example")
    assert again.role == "board_admin" and again.active


def test_a_second_admin_makes_demotion_possible(admin, board, make_user):
    make_user("second@a.example", board.tenant)
    m = _membership(board.app, board.tenant, "second@a.example")
    post(admin, f"{URL}/{m.id}", {"action": "role", "role": "review_manager"}, form_url=URL)
    assert _membership(board.app, board.tenant, "second@a.example").role == "review_manager"
    assert "people.role_changed" in audit_actions(board.app, board.tenant.id)


def test_deactivated_staff_cannot_sign_in(admin, board, make_user, app):
    from core.testing import sign_in

    make_user("rev@a.example", board.tenant, role="reviewer")
    m = _membership(board.app, board.tenant, "rev@a.example")
    post(admin, f"{URL}/{m.id}", {"action": "deactivate"}, form_url=URL)
    assert sign_in(app.test_client(), "board-a", "rev@a.example").status_code == 401


def test_people_of_another_board_cannot_be_changed(admin, make_tenant, make_user):
    other = make_tenant("board-b")
    make_user("admin@b.example", other)
    with admin.application.app_context(), db.tenant_scope(other.id):
        theirs = db.session.scalar(select(Membership.id))
    response = post(admin, f"{URL}/{theirs}", {"action": "deactivate"}, form_url=URL)
    assert response.status_code == 404
