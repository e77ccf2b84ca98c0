"""The operator's console: only operators, always with two-factor; boards created, edited,
suspended and restored; host names and storage per board; installed plugins with how many boards
use each; everything audited."""

from __future__ import annotations

from admin_support import audit_actions, post, text
from sqlalchemy import select

from core import db
from core.tenancy.models import Tenant
from core.testing import sign_in


def _tenant(app, slug) -> Tenant:
    with app.app_context(), db.all_tenants():
        return db.session.scalar(select(Tenant).where(Tenant.slug == slug))


def test_signed_out_visitors_and_board_staff_are_sent_to_the_operators_sign_in(
    client, make_tenant, make_user
):
    assert client.get("/platform/").headers["Location"].startswith("/platform/login")
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    sign_in(client, "board-a", "admin@a.example")
    assert client.get("/platform/").headers["Location"].startswith("/platform/login")


def test_a_board_admin_cannot_sign_in_to_the_console(client, make_tenant, make_user):
    make_user("admin@a.example", make_tenant("board-a"))
    response = post(
        client,
        "/platform/login",
        {"email": "admin@a.example", "password": "correct horse battery staple"},
    )
    assert response.status_code == 401
    assert "not an operator" in text(response)


def test_the_operator_enrols_two_factor_at_first_sign_in(client, operator, app):
    response = post(
        client,
        "/platform/login",
        {"email": "operator@platform.example", "password": "correct horse battery staple"},
    )
    assert response.headers["Location"] == "/platform/login/two-factor/setup"
    setup = text(client.get("/platform/login/two-factor/setup"))
    assert 'src="data:image/svg+xml;base64,' in setup and 'id="totp-key"' in setup
    assert client.get("/platform/").status_code == 302  # not signed in yet
    from admin_support import second_factor

    assert second_factor(client, "/platform").headers["Location"] == "/platform/"
    assert client.get("/platform/").status_code == 200
    actions = audit_actions(app, None)
    assert "auth.two_factor_enrolled" in actions and "platform.signed_in" in actions


def test_the_operator_creates_a_fourth_board_and_suspends_and_restores_it(
    console, demo_tenants, app, client
):
    response = post(
        console,
        "/platform/tenants/new",
        {
            "slug": "fourth-board",
            "name": "Fourth Safeguarding Board (fictional)",
            "jurisdiction": "england",
            "framework": "lcspr-2023",
        },
    )
    assert response.status_code == 302
    # Being set up: not listed, no family pages, an empty contact form accepts nothing.
    assert client.get("/fourth-board/en/").status_code == 404
    assert client.get("/fourth-board/en/contact").status_code == 404
    assert "fourth-board" not in text(client.get("/"))
    assert client.get("/fourth-board/login").status_code == 200
    board_page = text(console.get("/platform/tenants/fourth-board"))
    assert "being set up" in board_page and "at least one board admin" in board_page
    post(
        console,
        "/platform/tenants/fourth-board",
        {"section": "contact", "contact_phone": "01632 960 444", "contact_email": ""},
    )
    assert client.get("/fourth-board/en/").status_code == 404
    invited = post(
        console,
        "/platform/tenants/fourth-board/first-admin",
        {"email": "first.admin@fourth.example", "name": "First Admin"},
        form_url="/platform/tenants/fourth-board",
    )
    assert invited.status_code == 200 and 'id="one-time-password"' in text(invited)
    assert _tenant(app, "fourth-board").status == "active"
    family = text(client.get("/fourth-board/en/"))
    assert "01632 960 444" in family
    assert "fourth-board" in text(client.get("/"))
    page = text(console.get("/platform/"))
    for slug in ("salford", "northmoor", "cwm-ffuglen", "fourth-board"):
        assert f"<code>{slug}</code>" in page
    post(
        console,
        "/platform/tenants/fourth-board/status",
        {"action": "suspend"},
        form_url="/platform/tenants/fourth-board",
    )
    assert _tenant(app, "fourth-board").status == "suspended"
    suspended = client.get("/fourth-board/en/")
    assert suspended.status_code == 503
    post(
        console,
        "/platform/tenants/fourth-board/status",
        {"action": "restore"},
        form_url="/platform/tenants/fourth-board",
    )
    assert client.get("/fourth-board/en/").status_code == 200
    actions = audit_actions(app, _tenant(app, "fourth-board").id)
    assert [a for a in actions if a.startswith("platform.")] == [
        "platform.tenant_created",
        "platform.contact_set",
        "platform.tenant_suspended",
        "platform.tenant_restored",
    ]


def test_a_bad_new_board_is_refused_with_reasons(console):
    response = post(
        console,
        "/platform/tenants/new",
        {"slug": "Admin!", "name": "", "jurisdiction": "mars", "framework": "none"},
    )
    assert response.status_code == 400
    page = text(response)
    for reason in (
        "is not a valid board slug",
        "Enter the board",
        "Choose where the board works",
        "Choose a review framework",
    ):
        assert reason in page
    reserved = post(
        console,
        "/platform/tenants/new",
        {"slug": "platform", "name": "X", "jurisdiction": "england", "framework": "lcspr-2023"},
    )
    assert "is reserved for the platform" in text(reserved)


def test_host_names_are_set_checked_and_serve_the_board(console, make_tenant, app):
    make_tenant("board-a")
    make_tenant("board-b")
    url = "/platform/tenants/board-a"
    assert (
        post(
            console, url, {"section": "hostnames", "hostnames": "reviews.board-a.example\n"}
        ).status_code
        == 302
    )
    page = app.test_client().get("/en/", headers={"Host": "reviews.board-a.example"})
    assert page.status_code == 200
    bad = post(console, url, {"section": "hostnames", "hostnames": "not a host"})
    assert "Not a host name: not a host" in text(bad)
    taken = post(
        console,
        "/platform/tenants/board-b",
        {"section": "hostnames", "hostnames": "reviews.board-a.example"},
    )
    assert "Already another board" in text(taken)


def test_storage_is_set_per_board_and_checked(console, make_tenant, app):
    make_tenant("board-a")
    url = "/platform/tenants/board-a/storage"
    ok = post(
        console,
        url,
        {
            "backend": "local",
            "bucket": "board-a-reports",
            "prefix": "boards/a",
            "sse": "aws:kms",
            "kms_key_id": "arn:aws:kms:eu-west-2:111122223333:key/abcd-1234",
        },
        form_url="/platform/tenants/board-a",
    )
    assert ok.status_code == 302
    settings = _tenant(app, "board-a").storage_settings
    assert settings["bucket"] == "board-a-reports" and settings["sse"] == "aws:kms"
    with app.test_request_context():
        from core.storage import stores

        store_config = stores()._config("tenants/board-a", settings)
        assert (
            store_config.kms_key_id.endswith("abcd-1234")
            and store_config.bucket == "board-a-reports"
        )
    bad = post(
        console,
        url,
        {"bucket": "Bad_Bucket", "sse": "aws:kms", "prefix": "../x"},
        form_url="/platform/tenants/board-a",
    )
    assert bad.status_code == 400
    for reason in ("A bucket name is 3 to 63", "needs a key id", "A prefix uses letters"):
        assert reason in text(bad)
    assert "platform.storage_set" in audit_actions(app, _tenant(app, "board-a").id)


def test_the_plugin_page_counts_the_boards_using_each_plugin(console, demo_tenants):
    page = text(console.get("/platform/plugins"))
    assert 'id="plugin-scr-2015"' in page
    assert "5 of 5" in page  # pdf, on for every demo board


def test_storage_changes_need_a_recent_confirmation(console, make_tenant):
    make_tenant("board-a")
    with console.session_transaction() as s:
        s["auth_at"] = 0
    response = post(
        console,
        "/platform/tenants/board-a/storage",
        {"prefix": "x"},
        form_url="/platform/tenants/board-a",
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/platform/confirm")
