"""The `candour` command line: boards, users, tokens, keys and the database."""

from __future__ import annotations

import hashlib

from sqlalchemy import select, text

from core import db
from core.auth.models import ApiToken, User


def run(app, *args, stdin=None):
    return app.test_cli_runner().invoke(args=list(args), input=stdin)


def test_tenants_create_and_list(app):
    result = run(app, "tenants", "create", "board-z", "--name", "Zed Safeguarding Board")
    assert result.exit_code == 0, result.output
    listing = run(app, "tenants", "list")
    assert "board-z" in listing.output
    assert "Zed Safeguarding Board" in listing.output


def test_a_board_made_on_the_command_line_goes_public_once_it_has_contact_and_an_admin(app):
    made = run(
        app, "tenants", "create", "board-z", "--name", "Zed", "--contact-phone", "01632 960 777"
    )
    assert made.exit_code == 0, made.output
    assert "public once it has at least one board admin" in made.output
    client = app.test_client()
    assert client.get("/board-z/en/").status_code == 404
    assert "board-z" not in client.get("/").get_data(as_text=True)
    assert client.get("/board-z/login").status_code == 200
    admin = run(
        app, "users", "create", "admin@zed.example", "--tenant", "board-z", "--role",
        "board_admin", stdin="a sufficiently long password\n",
    )  # fmt: skip
    assert admin.exit_code == 0, admin.output
    page = client.get("/board-z/en/")
    assert page.status_code == 200
    assert "01632 960 777" in page.get_data(as_text=True)


def test_tenants_create_refuses_a_contact_that_is_no_phone_number(app):
    made = run(app, "tenants", "create", "board-z", "--name", "Z", "--contact-phone", "call me")
    assert made.exit_code != 0
    assert "phone number" in made.output


def test_tenants_create_refuses_reserved_and_duplicate_slugs(app):
    assert run(app, "tenants", "create", "platform", "--name", "X").exit_code != 0
    assert "reserved" in run(app, "tenants", "create", "api", "--name", "X").output
    assert run(app, "tenants", "create", "board-z", "--name", "Z").exit_code == 0
    again = run(app, "tenants", "create", "board-z", "--name", "Z")
    assert again.exit_code != 0
    assert "already exists" in again.output


def test_tenants_load_is_idempotent(app):
    first = run(app, "tenants", "load")
    assert first.exit_code == 0, first.output
    assert "salford: updated" in first.output
    second = run(app, "tenants", "load")
    assert second.output.count("unchanged") == 5, second.output


def test_users_create_reads_the_password_from_stdin(app):
    run(app, "tenants", "create", "board-z", "--name", "Zed")
    result = run(
        app,
        "users",
        "create",
        "Manager@Zed.example",
        "--tenant",
        "board-z",
        "--role",
        "review_manager",
        stdin="a sufficiently long password\n",
    )
    assert result.exit_code == 0, result.output
    assert "review_manager in board-z" in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "manager@zed.example"))
        assert user is not None
        assert "a sufficiently long password" not in user.password_hash


def test_users_create_refuses_a_short_password_and_unknown_board(app):
    run(app, "tenants", "create", "board-z", "--name", "Zed")
    short = run(
        app,
        "users",
        "create",
        "a@zed.example",
        "--tenant",
        "board-z",
        "--role",
        "reviewer",
        stdin="short\n",
    )
    assert short.exit_code != 0
    assert "at least 12 characters" in short.output
    unknown = run(
        app,
        "users",
        "create",
        "a@zed.example",
        "--tenant",
        "nope",
        "--role",
        "reviewer",
        stdin="long enough password\n",
    )
    assert unknown.exit_code != 0
    assert "no board" in unknown.output


def test_users_create_cannot_demote_the_boards_last_admin(app):
    # The admin's people page refuses this (tests/admin/test_people.py); the command does too.
    run(app, "tenants", "create", "board-z", "--name", "Zed")
    args = ("users", "create", "admin@zed.example", "--tenant", "board-z", "--role")
    made = run(app, *args, "board_admin", stdin="a sufficiently long password\n")
    assert made.exit_code == 0, made.output
    demoted = run(app, *args, "reviewer", stdin="a sufficiently long password\n")
    assert demoted.exit_code != 0
    assert "last active board admin" in demoted.output


def test_tokens_are_printed_once_and_stored_hashed(app):
    run(app, "tenants", "create", "board-z", "--name", "Zed")
    run(
        app,
        "users",
        "create",
        "a@zed.example",
        "--tenant",
        "board-z",
        "--role",
        "board_admin",
        stdin="long enough password\n",
    )
    result = run(app, "tokens", "create", "--tenant", "board-z", "--email", "a@zed.example")
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert token.startswith("cdr_") and len(token) > 40
    with app.app_context(), db.all_tenants():
        stored = db.session.scalars(select(ApiToken)).all()
        assert [t.token_hash for t in stored] == [hashlib.sha256(token.encode()).hexdigest()]
        raw = db.session.execute(text("SELECT * FROM api_tokens")).all()
        assert token not in repr(raw)


def test_tokens_need_a_role_in_the_board(app):
    run(app, "tenants", "create", "board-y", "--name", "Why")
    run(app, "tenants", "create", "board-z", "--name", "Zed")
    run(
        app,
        "users",
        "create",
        "a@zed.example",
        "--tenant",
        "board-z",
        "--role",
        "reviewer",
        stdin="long enough password\n",
    )
    result = run(app, "tokens", "create", "--tenant", "board-y", "--email", "a@zed.example")
    assert result.exit_code != 0
    assert "no role" in result.output


def test_demo_accounts_print_their_sign_in_once(app):
    run(app, "tenants", "load")
    first = run(app, "demo", "accounts")
    assert "board-admin@salford.demo.candour.example" in first.output
    second = run(app, "demo", "accounts")
    assert "already exist" in second.output
    assert "board-admin@salford" not in second.output


def test_keys_rotate_reencrypts_under_the_newest_key(app, make_tenant, in_app):
    from cryptography.fernet import Fernet

    from core.family.models import ContactRequest
    from core.family.requests import create_request

    tenant = make_tenant("board-a", contact_retention_days=30)

    def add():
        with db.tenant_scope(tenant.id):
            create_request(
                tenant,
                kind="question",
                locale="en",
                format_key="",
                name="Sam Example",
                contact="sam@example.org",
                message="When is the meeting?",
                email_consent=True,
            )

    in_app(add)
    old_keys = app.config["ENCRYPTION_KEYS"]
    new_key = Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEYS"] = f"{new_key},{old_keys}"
    try:
        # The request's name, contact and message, and the acknowledgement's address in the outbox.
        assert "Re-encrypted 4 values" in run(app, "keys", "rotate").output
        app.config["ENCRYPTION_KEYS"] = new_key  # the old key is gone: values still open
        with app.app_context(), db.tenant_scope(tenant.id):
            row = db.session.scalars(select(ContactRequest)).one()
            assert row.name == "Sam Example"
    finally:
        app.config["ENCRYPTION_KEYS"] = old_keys


def test_serve_chooses_workers_and_timeouts_from_the_machine(monkeypatch):
    import os

    from core.cli import gunicorn_settings

    monkeypatch.delenv("CANDOUR_WEB_WORKERS", raising=False)
    settings = gunicorn_settings()
    assert settings["workers"] == 2 * (os.cpu_count() or 1) + 1
    assert settings["timeout"] == 60
    monkeypatch.setenv("CANDOUR_WEB_WORKERS", "3")
    assert gunicorn_settings()["workers"] == 3


def test_demo_reviews_fill_each_boards_dashboard_once(app):
    run(app, "tenants", "load")
    run(app, "demo", "accounts")
    first = run(app, "demo", "reviews")
    assert "Opened 15 sample reviews." in first.output, first.output
    assert "already there" in run(app, "demo", "reviews").output
    due = run(app, "reviews", "due", "--tenant", "salford", "--days", "14")
    assert "DEMO-" in due.output
