"""Who signs in with a second factor: board admins, review managers and the operator by default;
reviewers where the board or a board admin asks it of them."""

from __future__ import annotations

import pytest
from admin_support import post

from core import db
from core.testing import make_test_app, sign_in


@pytest.fixture
def configured_app(migrated_database):
    """An application with the platform's own defaults (not the test suite's relaxed ones)."""
    application = make_test_app(migrated_database, ENV="development")
    yield application
    db.get_database(application).engine.dispose()


def test_the_default_asks_board_admins_and_review_managers_for_a_second_factor(configured_app):
    assert set(configured_app.config["TWO_FACTOR_ROLES"]) == {"board_admin", "review_manager"}


@pytest.mark.parametrize(
    ("role", "asked"), [("board_admin", True), ("review_manager", True), ("reviewer", False)]
)
def test_who_is_asked_for_a_second_factor_at_sign_in(
    app, client, make_tenant, make_user, monkeypatch, role, asked
):
    from core.auth.session import DEFAULT_TWO_FACTOR_ROLES

    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", DEFAULT_TWO_FACTOR_ROLES)
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    make_user("someone@a.example", tenant, role=role)
    response = sign_in(client, "board-a", "someone@a.example")
    went_to_two_factor = response.headers["Location"].startswith("/board-a/login/two-factor")
    assert went_to_two_factor is asked
    assert (client.get("/board-a/staff").status_code == 200) is not asked


def test_a_board_may_ask_it_of_its_reviewers_too(app, client, make_tenant, make_user, monkeypatch):
    from core.auth.session import DEFAULT_TWO_FACTOR_ROLES

    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", ())
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    make_user("rev@a.example", tenant, role="reviewer")
    sign_in(client, "board-a", "admin@a.example")
    post(
        client,
        "/board-a/admin/people/two-factor",
        {"required": "on"},
        form_url="/board-a/admin/people",
    )
    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", DEFAULT_TWO_FACTOR_ROLES)
    response = sign_in(app.test_client(), "board-a", "rev@a.example")
    assert response.headers["Location"].startswith("/board-a/login/two-factor")
