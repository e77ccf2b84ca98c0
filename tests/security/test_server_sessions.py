"""Sessions live on the server: sign-out, "sign out everywhere" and deactivation end them wherever
the cookie has been copied to, and a session ends a fixed time after sign-in however busy it is."""

from __future__ import annotations

from admin_support import audit_actions, operator_sign_in, post, text
from sqlalchemy import select

from core import db
from core.auth.models import Membership, User
from core.testing import DEFAULT_PASSWORD, sign_in


def _copy(client, app):
    """A second browser holding a copy of `client`'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _admin(app, client, make_tenant, make_user, slug="board-a", email="admin@a.example"):
    tenant = make_tenant(slug)
    make_user(email, tenant)
    assert sign_in(client, slug, email).status_code == 302
    return tenant


def test_a_cookie_copied_before_sign_out_no_longer_opens_staff_pages(
    app, client, make_tenant, make_user
):
    _admin(app, client, make_tenant, make_user)
    thief = _copy(client, app)
    assert thief.get("/board-a/admin/").status_code == 200
    post(client, "/board-a/logout", {}, form_url="/board-a/staff")
    replay = thief.get("/board-a/admin/")
    assert replay.status_code == 302 and replay.headers["Location"].startswith("/board-a/login")
    assert thief.get("/board-a/staff").status_code == 302


def test_a_sign_in_from_seven_days_ago_no_longer_works(app, client, clock, make_tenant, make_user):
    _admin(app, client, make_tenant, make_user)
    clock.advance(days=7)
    response = client.get("/board-a/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/board-a/login")


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(
    app, client, clock, make_tenant, make_user
):
    _admin(app, client, make_tenant, make_user)
    for _ in range(11 * 3):  # every 20 minutes for 11 hours: never idle
        clock.advance(minutes=20)
        assert client.get("/board-a/staff").status_code == 200
    clock.advance(minutes=61)
    client.get("/board-a/staff")  # within the idle timeout, past the lifetime
    assert client.get("/board-a/staff").status_code == 302
    assert "Your sign-in has expired" in text(client.get("/board-a/login"))


def test_the_absolute_lifetime_is_a_setting(
    app, client, clock, make_tenant, make_user, monkeypatch
):
    monkeypatch.setitem(app.config, "SESSION_LIFETIME_HOURS", 1)
    _admin(app, client, make_tenant, make_user)
    clock.advance(minutes=25)
    assert client.get("/board-a/staff").status_code == 200
    clock.advance(minutes=25)
    assert client.get("/board-a/staff").status_code == 200
    clock.advance(minutes=25)
    assert client.get("/board-a/staff").status_code == 302


def test_sign_out_everywhere_ends_every_session_of_the_account(app, client, make_tenant, make_user):
    a = _admin(app, client, make_tenant, make_user)
    b = make_tenant("board-b")
    make_user("admin@a.example", b)
    elsewhere = app.test_client()
    sign_in(elsewhere, "board-b", "admin@a.example")
    thief = _copy(client, app)
    page = text(client.get("/board-a/account/sessions"))
    assert "Board-A Safeguarding Board" in page and "Board-B Safeguarding Board" in page
    assert "This session" in page
    response = post(client, "/board-a/account/sessions/end-all", {}, form_url="/board-a/staff")
    assert response.headers["Location"] == "/board-a/login"
    for browser, url in (
        (client, "/board-a/staff"),
        (thief, "/board-a/staff"),
        (elsewhere, "/board-b/staff"),
    ):
        assert browser.get(url).status_code == 302
    assert "auth.signed_out_everywhere" in audit_actions(app, a.id)
    assert sign_in(app.test_client(), "board-a", "admin@a.example").status_code == 302
    del b


def test_the_sessions_page_lists_only_ones_own_sessions(app, client, make_tenant, make_user):
    _admin(app, client, make_tenant, make_user)
    other = app.test_client()
    _admin(app, other, make_tenant, make_user, slug="board-b", email="admin@b.example")
    other.get("/board-b/staff", headers={"User-Agent": "Board B browser"})
    page = text(client.get("/board-a/account/sessions"))
    assert "Board-B" not in page and "Board B browser" not in page
    assert page.count('id="session-') == 1


def test_the_sessions_page_of_another_board_is_not_found(app, client, make_tenant, make_user):
    _admin(app, client, make_tenant, make_user)
    make_tenant("board-b")
    assert client.get("/board-b/account/sessions").status_code in (302, 404)
    response = client.post("/board-b/account/sessions/end-all", data={"csrf_token": "x"})
    assert response.status_code in (302, 400, 404)
    assert client.get("/board-a/staff").status_code == 200


def test_deactivation_ends_the_persons_sessions_at_the_board_at_once(
    app, client, make_tenant, make_user
):
    tenant = _admin(app, client, make_tenant, make_user)
    make_user("rev@a.example", tenant, role="reviewer")
    reviewer = app.test_client()
    sign_in(reviewer, "board-a", "rev@a.example")
    assert reviewer.get("/board-a/staff").status_code == 200
    with app.app_context(), db.tenant_scope(tenant.id):
        mid = db.session.scalar(
            select(Membership.id).join(User).where(User.email == "rev@a.example")
        )
    post(
        client,
        f"/board-a/admin/people/{mid}",
        {"action": "deactivate"},
        form_url="/board-a/admin/people",
    )
    assert reviewer.get("/board-a/staff").status_code == 302
    post(
        client,
        f"/board-a/admin/people/{mid}",
        {"action": "reactivate"},
        form_url="/board-a/admin/people",
    )
    assert reviewer.get("/board-a/staff").status_code == 302  # ended for good, not suspended


def test_an_operators_cookie_copied_before_sign_out_no_longer_opens_the_console(
    app, client, in_app
):
    from core.auth.services import get_or_create_user

    def operator():
        user, _ = get_or_create_user("operator@platform.example", DEFAULT_PASSWORD)
        user.platform_operator = True

    in_app(operator)
    operator_sign_in(client, "operator@platform.example")
    thief = _copy(client, app)
    assert thief.get("/platform/").status_code == 200
    post(client, "/platform/logout", {}, form_url="/platform/")
    assert thief.get("/platform/").status_code == 302


def test_the_role_read_with_the_session_is_the_role_held_now_and_only_at_its_board(
    app, client, make_tenant, make_user, in_app
):
    """The session, its person and their role are read in one statement at each request: a role
    changed, or a person made inactive, shows at the next request; a board's criteria keep the
    role at another board out."""
    tenant = _admin(app, client, make_tenant, make_user)
    make_user("manager@a.example", tenant, role="review_manager")
    other = make_tenant("board-b")
    make_user("manager@a.example", other, role="board_admin")  # the same person, at board B
    manager = app.test_client()
    sign_in(manager, "board-a", "manager@a.example")
    assert manager.get("/board-a/reviews/new").status_code == 200  # a manager opens reviews
    assert manager.get("/board-a/admin/").status_code == 403  # not board A's admin
    assert manager.get("/board-b/admin/").status_code in (302, 404)  # signed in to A, not to B
    with app.app_context(), db.tenant_scope(tenant.id):
        mid = db.session.scalar(
            select(Membership.id).join(User).where(User.email == "manager@a.example")
        )
    url = "/board-a/admin/people"
    post(client, f"{url}/{mid}", {"action": "role", "role": "reviewer"}, form_url=url)
    assert manager.get("/board-a/reviews/new").status_code == 403  # a reviewer now
    assert manager.get("/board-a/staff").status_code == 200

    def deactivate():
        db.session.scalar(select(User).where(User.email == "manager@a.example")).active = False

    in_app(deactivate)
    response = manager.get("/board-a/staff")
    assert response.status_code == 302 and response.headers["Location"].startswith("/board-a/login")
