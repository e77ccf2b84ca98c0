"""Staff sign in to one board at a time; sign-in is throttled, CSRF-protected and audited."""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.testing import csrf_token, sign_in


def _actions(app, tenant):
    with app.app_context(), db.tenant_scope(tenant.id):
        return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_staff_sign_in_and_out_are_audited(app, client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    response = sign_in(client, "board-a", "admin@a.example")
    assert response.status_code == 302
    assert client.get("/board-a/staff").status_code == 200
    token = csrf_token(client, "/board-a/staff")
    assert client.post("/board-a/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/board-a/staff").status_code == 302
    actions = _actions(app, tenant)
    assert "auth.signed_in" in actions
    assert "auth.signed_out" in actions


def test_wrong_password_is_refused_and_audited(app, client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    response = sign_in(client, "board-a", "admin@a.example", "not the password")
    assert response.status_code == 401
    assert "not right" in response.get_data(as_text=True)
    assert "auth.sign_in_failed" in _actions(app, tenant)


def test_a_user_of_another_board_cannot_sign_in_here(client, make_tenant, make_user):
    make_tenant("board-a")
    other = make_tenant("board-b")
    make_user("admin@b.example", other)
    assert sign_in(client, "board-a", "admin@b.example").status_code == 401


def test_a_session_for_one_board_is_not_valid_at_another(client, make_tenant, make_user):
    a = make_tenant("board-a")
    b = make_tenant("board-b")
    make_user("admin@a.example", a)
    make_user("admin@b.example", b)
    sign_in(client, "board-a", "admin@a.example")
    assert client.get("/board-a/admin/requests").status_code == 200
    # Signed in to board A: board B's staff pages do not exist for this session.
    assert client.get("/board-b/admin/requests").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, make_tenant):
    make_tenant("board-a")
    response = client.get("/board-a/admin/requests")
    assert response.status_code == 302
    assert "/board-a/login?next=" in response.headers["Location"]


def test_sign_in_without_csrf_token_is_refused(client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    response = client.post(
        "/board-a/login",
        data={"email": "admin@a.example", "password": "correct horse battery staple"},
    )
    assert response.status_code == 400


def test_sign_in_is_throttled_per_account_with_a_clear_message(app, client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    for _ in range(5):
        assert sign_in(client, "board-a", "admin@a.example", "wrong").status_code == 401
    # Even the right password is refused while the account is throttled.
    response = sign_in(client, "board-a", "admin@a.example")
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert "auth.sign_in_throttled" in _actions(app, tenant)


def test_sign_in_is_throttled_per_client_address(client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    for i in range(21):
        make_user(f"user{i}@a.example", tenant) if i == 20 else None
    for i in range(20):
        sign_in(client, "board-a", f"nobody{i}@a.example", "wrong")
    assert sign_in(client, "board-a", "user20@a.example").status_code == 429


def test_redirect_after_sign_in_stays_on_this_site(client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    token = csrf_token(client, "/board-a/login")
    response = client.post(
        "/board-a/login?next=https://evil.example/",
        data={
            "csrf_token": token,
            "email": "admin@a.example",
            "password": "correct horse battery staple",
        },
    )
    assert response.headers["Location"].endswith("/board-a/staff")


def test_session_cookie_is_httponly_and_samesite(client, make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    response = sign_in(client, "board-a", "admin@a.example")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_cookies_are_secure(migrated_database):
    from core.testing import make_test_app

    app = make_test_app(
        migrated_database,
        ENV="production",
        ENCRYPTION_KEYS="ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA=",
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_passwords_are_stored_with_argon2(app, make_tenant, make_user):
    from core.auth.models import User

    make_user("admin@a.example", make_tenant("board-a"))
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "admin@a.example"))
        assert user.password_hash.startswith("$argon2id$")
