"""Passwords: staff change their own (proving the current one), a one-time password must be
changed at first sign-in, and the command line says when it left an existing password alone and
applies the same rules as the pages."""

from __future__ import annotations

import re

from admin_support import audit_actions, post, text

from core.testing import DEFAULT_PASSWORD, sign_in

NEW = "plum orchard lantern seventeen"
PAGE = "/board-a/account/password"


def _cli(app, *args, stdin=None):
    return app.test_cli_runner().invoke(args=list(args), input=stdin)


def _admin(client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    sign_in(client, "board-a", "admin@a.example")
    return tenant


def test_changing_ones_password_needs_the_current_one_and_signs_out_other_sessions(
    app, client, make_tenant, make_user
):
    tenant = _admin(client, make_tenant, make_user)
    elsewhere = app.test_client()
    sign_in(elsewhere, "board-a", "admin@a.example")
    wrong = post(client, PAGE, {"current": "not it at all", "new": NEW, "again": NEW})
    assert wrong.status_code == 400 and "current password is not right" in text(wrong)
    weak = post(
        client, PAGE, {"current": DEFAULT_PASSWORD, "new": "password1234", "again": "password1234"}
    )
    assert weak.status_code == 400 and "too common" in text(weak)
    differ = post(client, PAGE, {"current": DEFAULT_PASSWORD, "new": NEW, "again": NEW + "x"})
    assert differ.status_code == 400
    done = post(client, PAGE, {"current": DEFAULT_PASSWORD, "new": NEW, "again": NEW})
    assert done.status_code == 303
    assert client.get("/board-a/staff").status_code == 200  # this session goes on
    assert elsewhere.get("/board-a/staff").status_code == 302  # the others end
    assert sign_in(app.test_client(), "board-a", "admin@a.example").status_code == 401
    assert sign_in(app.test_client(), "board-a", "admin@a.example", NEW).status_code == 302
    assert "account.password_changed" in audit_actions(app, tenant.id)


def test_a_one_time_password_must_be_changed_at_first_sign_in(app, client, make_tenant, make_user):
    _admin(client, make_tenant, make_user)
    added = post(client, "/board-a/admin/people", {"email": "new@a.example", "role": "reviewer"})
    one_time = re.search(r'<code dir="ltr">([^<]+)</code>', text(added)).group(1)
    person = app.test_client()
    assert sign_in(person, "board-a", "new@a.example", one_time).status_code == 302
    for url in ("/board-a/staff", "/board-a/reviews/", "/board-a/account/tokens"):
        response = person.get(url)
        assert response.status_code == 302 and response.headers["Location"] == PAGE
    assert "one-time password" in text(person.get(PAGE))
    post(person, PAGE, {"current": one_time, "new": NEW, "again": NEW})
    assert person.get("/board-a/staff").status_code == 200


def test_the_cli_leaves_an_existing_password_alone_and_says_so(app, make_tenant, make_user):
    make_tenant("board-a")
    make_tenant("board-b")
    make_user("admin@a.example", _tenant(app, "board-a"))
    result = _cli(
        app,
        "users",
        "create",
        "admin@a.example",
        "--tenant",
        "board-b",
        "--role",
        "reviewer",
        stdin=NEW + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "password was left alone" in result.output
    assert sign_in(app.test_client(), "board-b", "admin@a.example").status_code == 302
    assert sign_in(app.test_client(), "board-b", "admin@a.example", NEW).status_code == 401


def test_the_cli_applies_the_same_password_rules_as_the_pages(app, make_tenant):
    make_tenant("board-a")
    for weak in ("short", "password1234", "Board-A Safeguarding Board", "board-a"):
        result = _cli(
            app,
            "users",
            "create",
            "x@a.example",
            "--tenant",
            "board-a",
            "--role",
            "reviewer",
            stdin=weak + "\n",
        )
        assert result.exit_code != 0, weak


def _tenant(app, slug):
    from sqlalchemy import select

    from core import db
    from core.tenancy.models import Tenant

    with app.app_context(), db.all_tenants():
        return db.session.scalar(select(Tenant).where(Tenant.slug == slug))
