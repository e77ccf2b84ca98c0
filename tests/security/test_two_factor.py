"""TOTP two-factor: required of board admins (enrolled at first sign-in) and operators, of anyone a
board or a board admin asks it of, optional for others; codes are single-use; the board admin can
reset a lost device."""

from __future__ import annotations

import pytest
from admin_support import current_code, post, second_factor, text
from sqlalchemy import select

from core import db
from core.auth.models import Membership, User
from core.testing import sign_in


@pytest.fixture
def required(app, monkeypatch):
    """Two-factor as production has it: required of board admins."""
    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", ("board_admin",))


def _user(app, email) -> User:
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def test_a_board_admin_enrols_at_first_sign_in_and_only_then_is_signed_in(
    app, client, required, make_tenant, make_user
):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    response = sign_in(client, "board-a", "admin@a.example")
    assert response.headers["Location"] == "/board-a/login/two-factor/setup"
    assert client.get("/board-a/admin/").status_code == 302  # the password alone is not enough
    page = text(client.get("/board-a/login/two-factor/setup"))
    assert "Set up two-factor authentication" in page and 'id="totp-key"' in page
    wrong = post(client, "/board-a/login/two-factor/setup", {"code": "000000"})
    assert wrong.status_code == 401
    assert "That code is not right or has already been used" in text(wrong)
    done = second_factor(client, "/board-a")
    assert done.status_code == 302
    assert client.get("/board-a/admin/").status_code == 200
    assert _user(app, "admin@a.example").has_two_factor


def _enrolled_secret(client) -> str:
    with client.session_transaction() as s:
        return s["pending"]["secret"]


def test_an_enrolled_user_is_asked_for_a_code_and_a_code_cannot_be_replayed(
    app, required, make_tenant, make_user
):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    first = app.test_client()
    sign_in(first, "board-a", "admin@a.example")
    first.get("/board-a/login/two-factor/setup")
    secret = _enrolled_secret(first)
    code = current_code(secret)
    assert post(first, "/board-a/login/two-factor/setup", {"code": code}).status_code == 302

    second = app.test_client()
    assert (
        sign_in(second, "board-a", "admin@a.example").headers["Location"]
        == "/board-a/login/two-factor"
    )
    replay = post(second, "/board-a/login/two-factor", {"code": code})
    assert replay.status_code == 401
    assert "already been used" in text(replay)


def test_other_roles_sign_in_with_a_password_unless_two_factor_is_required(
    app, client, required, make_tenant, make_user, in_app
):
    tenant = make_tenant("board-a")
    make_user("rev@a.example", tenant, role="reviewer")
    assert sign_in(client, "board-a", "rev@a.example").headers["Location"] == "/board-a/staff"

    def require() -> None:
        with db.tenant_scope(tenant.id):
            db.session.scalar(select(Membership)).require_two_factor = True

    in_app(require)
    other = app.test_client()
    assert (
        sign_in(other, "board-a", "rev@a.example").headers["Location"].endswith("/two-factor/setup")
    )


def test_a_board_can_require_two_factor_of_everyone(app, client, make_tenant, make_user, in_app):
    tenant = make_tenant("board-a")
    make_user("rev@a.example", tenant, role="reviewer")

    def require() -> None:
        with db.all_tenants():
            from core.tenancy.models import Tenant

            db.session.get(Tenant, tenant.id).require_two_factor = True

    in_app(require)
    assert (
        sign_in(client, "board-a", "rev@a.example")
        .headers["Location"]
        .endswith("/two-factor/setup")
    )


def test_a_held_sign_in_expires(app, client, required, make_tenant, make_user):
    make_user("admin@a.example", make_tenant("board-a"))
    sign_in(client, "board-a", "admin@a.example")
    with client.session_transaction() as s:
        s["pending"] = {**s["pending"], "at": 0}
    response = client.get("/board-a/login/two-factor/setup")
    assert response.headers["Location"] == "/board-a/login"
    assert "Your sign-in has expired" in text(client.get("/board-a/login"))


def test_a_held_sign_in_is_not_valid_at_another_board(
    app, client, required, make_tenant, make_user
):
    make_user("admin@a.example", make_tenant("board-a"))
    make_tenant("board-b")
    sign_in(client, "board-a", "admin@a.example")
    assert client.get("/board-b/login/two-factor/setup").headers["Location"] == "/board-b/login"


def test_a_board_admin_resets_a_lost_second_factor(app, client, make_tenant, make_user):
    from admin_support import audit_actions

    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    make_user("rev@a.example", tenant, role="reviewer")
    reviewer = app.test_client()
    sign_in(reviewer, "board-a", "rev@a.example")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "rev@a.example"))
        user.totp_secret, user.totp_confirmed_at = "JBSWY3DPEHPK3PXP", db.utcnow()
        db.session.commit()
    sign_in(client, "board-a", "admin@a.example")
    with app.app_context(), db.tenant_scope(tenant.id):
        mid = db.session.scalar(
            select(Membership.id).join(User).where(User.email == "rev@a.example")
        )
    post(
        client,
        f"/board-a/admin/people/{mid}",
        {"action": "reset_two_factor"},
        form_url="/board-a/admin/people",
    )
    assert not _user(app, "rev@a.example").has_two_factor
    assert "people.two_factor_reset" in audit_actions(app, tenant.id)


def test_the_enrolment_qr_code_is_an_svg_image_of_the_provisioning_uri():
    import base64
    import xml.etree.ElementTree as ET

    from core.auth import twofactor

    uri = twofactor.provisioning_uri(twofactor.new_secret(), "admin@a.example", "Candour (board-a)")
    assert uri.startswith("otpauth://totp/") and "issuer=Candour" in uri
    data = twofactor.qr_data_uri(uri)
    assert data.startswith("data:image/svg+xml;base64,")
    root = ET.fromstring(base64.b64decode(data.split(",", 1)[1]))  # noqa: S314  (our own output)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") and root.get("height")


def test_anyone_may_turn_two_factor_on_for_themselves(app, client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("rev@a.example", tenant, role="reviewer")
    sign_in(client, "board-a", "rev@a.example")
    assert "/board-a/two-factor" in text(client.get("/board-a/staff"))
    client.get("/board-a/two-factor")
    with client.session_transaction() as s:
        secret = s["enrol_secret"]
    wrong = post(client, "/board-a/two-factor", {"code": "000000"})
    assert wrong.status_code == 401 and "That code is not right" in text(wrong)
    assert post(client, "/board-a/two-factor", {"code": current_code(secret)}).status_code == 302
    assert _user(app, "rev@a.example").has_two_factor
    again = app.test_client()
    assert (
        sign_in(again, "board-a", "rev@a.example").headers["Location"]
        == "/board-a/login/two-factor"
    )
