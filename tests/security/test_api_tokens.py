"""API tokens have a name, an expiry (90 days by default) and a last use; they are listed and
revoked from the command line and the staff page; deactivating the person's membership revokes
them for good."""

from __future__ import annotations

import datetime as dt

from admin_support import audit_actions, post, text
from sqlalchemy import select

from core import db
from core.auth.models import ApiToken, Membership, User
from core.testing import sign_in


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def _board(app, make_tenant, make_user, slug="board-a", email="admin@a.example"):
    tenant = make_tenant(slug)
    make_user(email, tenant)
    return tenant


def _token(app, slug="board-a", email="admin@a.example", *extra):
    result = _cli(app, "tokens", "create", "--tenant", slug, "--email", email, *extra)
    assert result.exit_code == 0, result.output
    return result.output.strip()


def _api(client, token):
    return client.get("/api/v1/reviews", headers={"Authorization": f"Bearer {token}"})


def _row(app, token) -> ApiToken:
    with app.app_context(), db.all_tenants():
        return db.session.scalar(select(ApiToken).where(ApiToken.prefix == token[:12]))


def test_a_token_expires_after_ninety_days_by_default(
    app, client, make_tenant, make_user, monkeypatch
):
    _board(app, make_tenant, make_user)
    token = _token(app, "board-a", "admin@a.example", "--name", "nightly export")
    row = _row(app, token)
    assert row.name == "nightly export"
    lifetime = row.expires_at.replace(tzinfo=None) - row.created_at.replace(tzinfo=None)
    assert dt.timedelta(days=89, hours=23) < lifetime <= dt.timedelta(days=90)
    assert _api(client, token).status_code == 200
    later = row.expires_at.replace(tzinfo=dt.UTC) + dt.timedelta(seconds=1)
    monkeypatch.setattr("core.auth.tokens.utcnow", lambda: later)
    expired = _api(client, token)
    assert expired.status_code == 401 and "expired" in expired.get_json()["detail"]


def test_a_token_records_when_it_was_last_used(app, client, make_tenant, make_user):
    _board(app, make_tenant, make_user)
    token = _token(app)
    assert _row(app, token).last_used_at is None
    _api(client, token)
    assert _row(app, token).last_used_at is not None


def test_tokens_are_listed_and_revoked_from_the_command_line(app, client, make_tenant, make_user):
    _board(app, make_tenant, make_user)
    token = _token(app, "board-a", "admin@a.example", "--name", "ci", "--days", "7")
    listing = _cli(app, "tokens", "list", "--tenant", "board-a").output
    assert token[:12] in listing and "ci" in listing and token not in listing
    row = _row(app, token)
    assert _cli(app, "tokens", "revoke", str(row.id), "--tenant", "board-a").exit_code == 0
    assert _api(client, token).status_code == 401
    assert token[:12] not in _cli(app, "tokens", "list", "--tenant", "board-a").output


def test_a_token_of_another_board_cannot_be_revoked_from_the_command_line(
    app, make_tenant, make_user
):
    _board(app, make_tenant, make_user)
    _board(app, make_tenant, make_user, "board-b", "admin@b.example")
    theirs = _row(app, _token(app, "board-b", "admin@b.example"))
    result = _cli(app, "tokens", "revoke", str(theirs.id), "--tenant", "board-a")
    assert result.exit_code != 0 and _row(app, theirs.prefix).revoked_at is None


def test_the_staff_page_creates_lists_and_revokes_tokens(app, client, make_tenant, make_user):
    tenant = _board(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    created = post(client, "/board-a/account/tokens", {"name": "reports robot", "days": "30"})
    assert created.status_code == 200
    token = created.get_data(as_text=True).split('<code dir="ltr">')[1].split("<")[0]
    assert token.startswith("cdr_") and _api(app.test_client(), token).status_code == 200
    page = text(client.get("/board-a/account/tokens"))
    assert "reports robot" in page and token not in page
    row = _row(app, token)
    post(client, f"/board-a/account/tokens/{row.id}/revoke", {}, form_url="/board-a/account/tokens")
    assert _api(app.test_client(), token).status_code == 401
    assert "token.revoked" in audit_actions(app, tenant.id)


def test_a_bad_token_request_is_refused_not_an_error(app, client, make_tenant, make_user):
    _board(app, make_tenant, make_user)
    sign_in(client, "board-a", "admin@a.example")
    for days in ("0", "9999", "many"):
        response = post(client, "/board-a/account/tokens", {"name": "x", "days": days})
        assert response.status_code == 400
    response = post(client, "/board-a/account/tokens", {"name": "x" * 150, "days": "5"})
    assert response.status_code == 400
    big = post(
        client, "/board-a/account/tokens/99999999999/revoke", {}, form_url="/board-a/account/tokens"
    )
    assert big.status_code == 404


def test_another_boards_token_cannot_be_revoked_from_the_staff_page(
    app, client, make_tenant, make_user
):
    _board(app, make_tenant, make_user)
    _board(app, make_tenant, make_user, "board-b", "admin@b.example")
    theirs = _token(app, "board-b", "admin@b.example")
    sign_in(client, "board-a", "admin@a.example")
    assert theirs[:12] not in text(client.get("/board-a/account/tokens"))
    row = _row(app, theirs)
    response = post(
        client, f"/board-a/account/tokens/{row.id}/revoke", {}, form_url="/board-a/account/tokens"
    )
    assert response.status_code == 404
    assert _api(app.test_client(), theirs).status_code == 200


def test_a_reviewer_sees_and_revokes_only_their_own_tokens(app, client, make_tenant, make_user):
    tenant = _board(app, make_tenant, make_user)
    make_user("rev@a.example", tenant, role="reviewer")
    admins = _token(app)
    sign_in(client, "board-a", "rev@a.example")
    assert admins[:12] not in text(client.get("/board-a/account/tokens"))
    row = _row(app, admins)
    response = post(
        client, f"/board-a/account/tokens/{row.id}/revoke", {}, form_url="/board-a/account/tokens"
    )
    assert response.status_code == 404


def test_deactivation_revokes_tokens_for_good(app, client, make_tenant, make_user):
    tenant = _board(app, make_tenant, make_user)
    make_user("rev@a.example", tenant, role="reviewer")
    token = _token(app, "board-a", "rev@a.example")
    assert _api(app.test_client(), token).status_code == 200
    sign_in(client, "board-a", "admin@a.example")
    with app.app_context(), db.tenant_scope(tenant.id):
        mid = db.session.scalar(
            select(Membership.id).join(User).where(User.email == "rev@a.example")
        )
    people = "/board-a/admin/people"
    post(client, f"{people}/{mid}", {"action": "deactivate"}, form_url=people)
    assert _api(app.test_client(), token).status_code == 401
    post(client, f"{people}/{mid}", {"action": "reactivate"}, form_url=people)
    assert _api(app.test_client(), token).status_code == 401
    assert _row(app, token).revoked_at is not None
