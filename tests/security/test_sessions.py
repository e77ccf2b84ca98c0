"""Sessions end after a spell of inactivity, and sensitive actions ask the person to confirm who
they are when they last did so too long ago."""

from __future__ import annotations

import time

from admin_support import audit_actions, post, text

from core.testing import DEFAULT_PASSWORD, sign_in


def _admin(client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    sign_in(client, "board-a", "admin@a.example")
    return tenant


def test_an_idle_session_ends_and_the_sign_in_page_says_why(client, clock, make_tenant, make_user):
    _admin(client, make_tenant, make_user)
    assert client.get("/board-a/admin/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/board-a/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/board-a/login")
    assert "You were signed out because you had not used Candour for 30 minutes." in text(
        client.get("/board-a/login")
    )
    assert client.get("/board-a/admin/").status_code == 302


def test_a_session_in_use_does_not_end(client, clock, make_tenant, make_user):
    _admin(client, make_tenant, make_user)
    for _ in range(5):
        clock.advance(minutes=29)
        assert client.get("/board-a/admin/").status_code == 200


def test_sensitive_actions_ask_for_the_password_again(app, client, make_tenant, make_user):
    tenant = _admin(client, make_tenant, make_user)
    with client.session_transaction() as s:
        s["auth_at"] = time.time() - 11 * 60
    for url in ("/board-a/admin/plugins/audio", "/board-a/admin/people"):
        response = client.get(url)
        assert response.headers["Location"].startswith("/board-a/confirm?next=")
    wrong = post(client, "/board-a/confirm?next=/board-a/admin/people", {"password": "not it"})
    assert wrong.status_code == 401 and "The password or code is not right." in text(wrong)
    right = post(
        client, "/board-a/confirm?next=/board-a/admin/people", {"password": DEFAULT_PASSWORD}
    )
    assert right.headers["Location"] == "/board-a/admin/people"
    assert client.get("/board-a/admin/people").status_code == 200
    assert "auth.reauthenticated" in audit_actions(app, tenant.id)


def test_a_post_to_a_sensitive_action_is_not_carried_out_without_confirmation(
    app, client, make_tenant, make_user
):
    from admin_support import plugin_versions, token

    tenant = _admin(client, make_tenant, make_user)
    csrf = token(client, "/board-a/staff")
    with client.session_transaction() as s:
        s["auth_at"] = 0
    response = client.post("/board-a/admin/plugins/audio", data={"csrf_token": csrf})
    assert response.headers["Location"].startswith("/board-a/confirm")
    assert plugin_versions(app, tenant.id, "audio") == []
