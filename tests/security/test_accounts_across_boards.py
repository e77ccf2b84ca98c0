"""Accounts are global, memberships are a board's: one board's admin cannot weaken an account that
also belongs to another board, and joining a second board is an invitation the person accepts while
signed in. Security actions on a shared account belong to the person or the platform operator."""

from __future__ import annotations

import pyotp
from admin_support import audit_actions, operator_sign_in, post, text
from sqlalchemy import select

from core import db
from core.auth.models import Membership, User
from core.testing import DEFAULT_PASSWORD, sign_in

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PEOPLE = "/board-a/admin/people"


def _user(app, email) -> User:
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def _membership(app, tenant, email) -> Membership | None:
    with app.app_context(), db.tenant_scope(tenant.id):
        return db.session.scalar(select(Membership).join(User).where(User.email == email))


def _enrol_and_lock(app, email) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        user.totp_secret, user.totp_confirmed_at = SECRET, db.utcnow()
        user.locked_until = db.utcnow().replace(year=db.utcnow().year + 1)
        db.session.commit()


def _unlock(app, email) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        user.locked_until = None
        db.session.commit()


def _boards(app, make_tenant, make_user):
    a, b = make_tenant("board-a"), make_tenant("board-b")
    make_user("admin@a.example", a)
    make_user("admin@b.example", b)
    return a, b


def test_adding_another_boards_admin_invites_them_and_gives_no_role(
    app, client, make_tenant, make_user
):
    a, _b = _boards(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    response = post(client, PEOPLE, {"email": "admin@b.example", "role": "board_admin"})
    assert response.status_code == 302
    invited = _membership(app, a, "admin@b.example")
    assert invited is not None and invited.pending
    assert "people.invited" in audit_actions(app, a.id)
    page = text(client.get(PEOPLE))
    assert "Invited" in page and "correct horse" not in page
    # Until they accept, the invitation opens nothing at board A.
    theirs = app.test_client()
    sign_in(theirs, "board-a", "admin@b.example")
    assert theirs.get("/board-a/admin/").status_code == 404
    assert theirs.get("/board-a/staff").status_code == 404


def test_the_invited_person_accepts_while_signed_in_and_then_has_the_role(
    app, client, make_tenant, make_user
):
    a, _b = _boards(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    post(client, PEOPLE, {"email": "admin@b.example", "role": "reviewer"})
    theirs = app.test_client()
    response = sign_in(theirs, "board-a", "admin@b.example")
    assert response.headers["Location"] == "/board-a/invitation"
    assert "Join Board-A Safeguarding Board?" in text(theirs.get("/board-a/invitation"))
    accepted = post(theirs, "/board-a/invitation", {"answer": "accept"})
    assert accepted.headers["Location"] == "/board-a/staff"
    assert theirs.get("/board-a/staff").status_code == 200
    assert not _membership(app, a, "admin@b.example").pending
    assert "membership.accepted" in audit_actions(app, a.id)


def test_a_declined_invitation_is_gone_and_signs_the_person_out(
    app, client, make_tenant, make_user
):
    a, _b = _boards(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    post(client, PEOPLE, {"email": "admin@b.example", "role": "reviewer"})
    theirs = app.test_client()
    sign_in(theirs, "board-a", "admin@b.example")
    declined = post(theirs, "/board-a/invitation", {"answer": "decline"})
    assert declined.headers["Location"] == "/board-a/login"
    assert _membership(app, a, "admin@b.example") is None
    assert sign_in(app.test_client(), "board-a", "admin@b.example").status_code == 401


def test_an_invitation_cannot_be_answered_from_another_board(app, client, make_tenant, make_user):
    a, _b = _boards(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    post(client, PEOPLE, {"email": "admin@b.example", "role": "reviewer"})
    theirs = app.test_client()
    sign_in(theirs, "board-b", "admin@b.example")
    assert theirs.get("/board-a/invitation").status_code == 404
    assert _membership(app, a, "admin@b.example").pending


def test_a_board_admin_cannot_reset_two_factor_or_unlock_an_account_of_another_board(
    app, client, make_tenant, make_user
):
    a, _b = _boards(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    post(client, PEOPLE, {"email": "admin@b.example", "role": "reviewer"})
    theirs = app.test_client()
    _enrol_and_lock(app, "admin@b.example")
    _unlock(app, "admin@b.example")  # sign in once to accept, then lock again
    assert sign_in(theirs, "board-a", "admin@b.example").status_code == 302
    post(theirs, "/board-a/login/two-factor", {"code": pyotp.TOTP(SECRET).now()})
    post(theirs, "/board-a/invitation", {"answer": "accept"})
    _enrol_and_lock(app, "admin@b.example")
    mid = _membership(app, a, "admin@b.example").id

    page = text(client.get(PEOPLE))
    assert 'value="reset_two_factor"' not in page and 'value="unlock"' not in page
    assert "only the person or the platform operator" in page
    for action in ("reset_two_factor", "unlock"):
        response = post(
            client, f"{PEOPLE}/{mid}", {"action": action}, form_url=PEOPLE, follow_redirects=True
        )
        assert "This account also belongs to another board" in text(response)
    user = _user(app, "admin@b.example")
    assert user.has_two_factor and user.locked_until is not None
    actions = audit_actions(app, a.id)
    assert "account.two_factor_reset" not in actions and "account.unlocked" not in actions


def test_a_board_admin_still_resets_an_account_that_belongs_to_their_board_alone(
    app, client, make_tenant, make_user
):
    a, _b = _boards(app, make_tenant, make_user)
    make_user("rev@a.example", a, role="reviewer")
    _enrol_and_lock(app, "rev@a.example")
    sign_in(client, "board-a", "admin@a.example")
    mid = _membership(app, a, "rev@a.example").id
    post(client, f"{PEOPLE}/{mid}", {"action": "unlock"}, form_url=PEOPLE)
    post(client, f"{PEOPLE}/{mid}", {"action": "reset_two_factor"}, form_url=PEOPLE)
    user = _user(app, "rev@a.example")
    assert not user.has_two_factor and user.locked_until is None
    assert {"account.unlocked", "account.two_factor_reset"} <= set(audit_actions(app, a.id))


def test_a_board_admin_cannot_weaken_the_operators_account(app, client, make_tenant, make_user):
    a = make_tenant("board-a")
    make_user("admin@a.example", a)
    make_user("op@platform.example", a, role="reviewer")
    with app.app_context():
        op = db.session.scalar(select(User).where(User.email == "op@platform.example"))
        op.platform_operator = True
        db.session.commit()
    _enrol_and_lock(app, "op@platform.example")
    sign_in(client, "board-a", "admin@a.example")
    mid = _membership(app, a, "op@platform.example").id
    post(client, f"{PEOPLE}/{mid}", {"action": "reset_two_factor"}, form_url=PEOPLE)
    assert _user(app, "op@platform.example").has_two_factor


def test_the_operator_resets_and_unlocks_any_account(app, client, make_tenant, make_user, in_app):
    from core.auth.services import get_or_create_user

    _boards(app, make_tenant, make_user)

    def operator():
        user, _ = get_or_create_user("operator@platform.example", DEFAULT_PASSWORD)
        user.platform_operator = True

    in_app(operator)
    _enrol_and_lock(app, "admin@b.example")
    operator_sign_in(client, "operator@platform.example")
    found = client.get("/platform/accounts?email=admin@b.example")
    assert found.status_code == 200 and 'value="reset_two_factor"' in text(found)
    assert client.get("/platform/accounts?email=nobody@b.example").status_code == 404
    uid = _user(app, "admin@b.example").id
    url = f"/platform/accounts/{uid}"
    form = "/platform/accounts?email=admin@b.example"
    post(client, url, {"action": "unlock"}, form_url=form)
    post(client, url, {"action": "reset_two_factor"}, form_url=form)
    user = _user(app, "admin@b.example")
    assert not user.has_two_factor and user.locked_until is None
    assert {"account.unlocked", "account.two_factor_reset"} <= set(audit_actions(app, None))
    assert (
        post(
            client, "/platform/accounts/99999999999", {"action": "unlock"}, form_url=form
        ).status_code
        == 404
    )


def test_account_actions_in_the_console_are_for_operators_only(app, client, make_tenant, make_user):
    _boards(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    uid = _user(app, "admin@b.example").id
    response = post(
        client, f"/platform/accounts/{uid}", {"action": "reset_two_factor"}, form_url=PEOPLE
    )
    assert response.status_code == 302 and response.headers["Location"].startswith(
        "/platform/login"
    )
    assert client.get("/platform/accounts?email=admin@b.example").status_code == 302


def test_the_person_can_reset_their_own_two_factor_from_the_people_page(
    app, client, make_tenant, make_user
):
    """Self is always allowed, even where the account belongs to other boards too."""
    a, _b = _boards(app, make_tenant, make_user)
    make_user("admin@b.example", a)  # provisioning grants a second board directly
    _enrol_and_lock(app, "admin@b.example")
    _unlock(app, "admin@b.example")
    sign_in(client, "board-a", "admin@b.example")
    post(client, "/board-a/login/two-factor", {"code": pyotp.TOTP(SECRET).now()})
    mid = _membership(app, a, "admin@b.example").id
    post(client, f"{PEOPLE}/{mid}", {"action": "reset_two_factor"}, form_url=PEOPLE)
    assert not _user(app, "admin@b.example").has_two_factor
