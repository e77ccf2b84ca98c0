"""Repeated failures lock an account; the lock lifts by itself after a while, or at once when a
board admin unlocks it. A locked account is refused even with the right password."""

from __future__ import annotations

import datetime as dt

import pytest
from admin_support import audit_actions, post, text
from sqlalchemy import select

from core import db
from core.auth import services
from core.auth.models import Membership, User
from core.testing import sign_in


@pytest.fixture
def no_throttle(monkeypatch):
    """Lift the burst throttle so the lock-out, which counts failures in a row, can be reached."""
    monkeypatch.setattr(services, "ACCOUNT_LIMIT", 1000)
    monkeypatch.setattr(services, "ADDRESS_LIMIT", 1000)


def _fail_until_locked(client) -> None:
    for _ in range(services.LOCK_AFTER_FAILURES):
        assert sign_in(client, "board-a", "rev@a.example", "wrong password").status_code == 401


def test_repeated_failures_lock_the_account_and_say_how_to_get_back(
    app, client, no_throttle, make_tenant, make_user
):
    tenant = make_tenant("board-a")
    make_user("rev@a.example", tenant, role="reviewer")
    _fail_until_locked(client)
    response = sign_in(client, "board-a", "rev@a.example")
    assert response.status_code == 423
    page = text(response)
    assert "locked after too many failed attempts" in page
    assert "unlocks itself after 30 minutes" in page and "a board admin can unlock it now" in page
    assert "auth.account_locked" in audit_actions(app, tenant.id)


def test_the_lock_lifts_by_itself(app, client, no_throttle, make_tenant, make_user):
    make_user("rev@a.example", make_tenant("board-a"), role="reviewer")
    _fail_until_locked(client)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "rev@a.example"))
        user.locked_until = db.utcnow() - dt.timedelta(seconds=1)
        db.session.commit()
    assert sign_in(client, "board-a", "rev@a.example").status_code == 302


def test_a_board_admin_unlocks_a_locked_account(app, client, no_throttle, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    make_user("rev@a.example", tenant, role="reviewer")
    _fail_until_locked(client)
    admin = app.test_client()
    sign_in(admin, "board-a", "admin@a.example")
    people = text(admin.get("/board-a/admin/people"))
    assert "Locked" in people
    with app.app_context(), db.tenant_scope(tenant.id):
        mid = db.session.scalar(
            select(Membership.id).join(User).where(User.email == "rev@a.example")
        )
    post(
        admin,
        f"/board-a/admin/people/{mid}",
        {"action": "unlock"},
        form_url="/board-a/admin/people",
    )
    assert sign_in(client, "board-a", "rev@a.example").status_code == 302
    assert "people.unlocked" in audit_actions(app, tenant.id)


def test_wrong_codes_count_towards_the_lock(
    app, client, no_throttle, monkeypatch, make_tenant, make_user
):
    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", ("board_admin",))
    make_user("admin@a.example", make_tenant("board-a"))
    sign_in(client, "board-a", "admin@a.example")
    for _ in range(services.LOCK_AFTER_FAILURES):
        post(client, "/board-a/login/two-factor/setup", {"code": "000000"})
    response = post(client, "/board-a/login/two-factor/setup", {"code": "000000"})
    assert response.status_code == 423
    assert "locked after too many failed attempts" in text(response)
