"""Two-factor recovery codes (issue 16, item 4): made at enrolment and shown once, kept only as
hashes, each good for one sign-in at the second-factor step; the account page says how many are
left; new ones are made only after re-authentication, and the old ones then stop working."""

from __future__ import annotations

import hashlib
import re
import time

import pyotp
import pytest
from admin_support import post, second_factor, text
from sqlalchemy import select
from sqlalchemy import text as sql

from core import db
from core.auth.models import User
from core.testing import DEFAULT_PASSWORD, sign_in

CODE = re.compile(r"\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\b")


@pytest.fixture
def required(app, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", ("board_admin",))


def _enrol(app, make_tenant, make_user, slug="board-a", email="admin@a.example"):
    """Sign in for the first time, enrol, and return (client, the codes shown, the TOTP secret)."""
    tenant = make_tenant(slug)
    make_user(email, tenant)
    client = app.test_client()
    sign_in(client, slug, email)
    client.get(f"/{slug}/login/two-factor/setup")
    with client.session_transaction() as s:
        secret = s["pending"]["secret"]
    done = second_factor(client, f"/{slug}")
    assert done.status_code == 302
    landing = text(client.get(done.headers["Location"]))
    codes = CODE.findall(landing)
    return client, codes, secret


def _second_sign_in(app, code, slug="board-a", email="admin@a.example"):
    client = app.test_client()
    assert sign_in(client, slug, email).headers["Location"] == f"/{slug}/login/two-factor"
    return client, post(client, f"/{slug}/login/two-factor", {"code": code})


def test_enrolment_shows_ten_codes_once_and_keeps_only_their_hashes(
    app, required, make_tenant, make_user
):
    client, codes, _secret = _enrol(app, make_tenant, make_user)
    assert len(codes) == 10 and len(set(codes)) == 10
    # Shown once: the next page (the account page itself) does not show them again.
    again = text(client.get("/board-a/staff"))
    assert CODE.findall(again) == []
    assert "Two-factor recovery codes left: 10" in again
    with app.app_context():
        stored = [row[0] for row in db.session.execute(sql("SELECT code_hash FROM recovery_codes"))]
    assert len(stored) == 10
    for code in codes:
        assert all(code not in value and code.replace("-", "") not in value for value in stored)
    wanted = hashlib.sha256(codes[0].replace("-", "").encode()).hexdigest()
    assert wanted in stored


def test_a_recovery_code_signs_in_at_the_second_factor_step_once(
    app, required, make_tenant, make_user
):
    _client, codes, _secret = _enrol(app, make_tenant, make_user)
    # Typed as people type what they read off paper: capitals, spaces for the dashes.
    typed = codes[3].upper().replace("-", " ")
    client, answer = _second_sign_in(app, typed)
    assert answer.status_code == 302, text(answer)[:500]
    page = text(client.get("/board-a/staff"))
    assert "signed in with a recovery code" in page
    assert "Two-factor recovery codes left: 9" in page
    assert client.get("/board-a/admin/").status_code == 200
    _other, replay = _second_sign_in(app, codes[3])
    assert replay.status_code == 401
    _other, made_up = _second_sign_in(app, "abcd-efgh-jkmn-pqrs")
    assert made_up.status_code == 401


def test_new_codes_need_re_authentication_and_replace_the_old(
    app, required, clock, make_tenant, make_user
):
    client, old, secret = _enrol(app, make_tenant, make_user)
    clock.advance(minutes=11)  # past the re-authentication window, still inside the idle timeout
    asked = client.get("/board-a/account/recovery-codes")
    assert asked.status_code == 302
    assert asked.headers["Location"].startswith("/board-a/confirm?next=")
    refused = post(client, "/board-a/account/recovery-codes", {}, form_url="/board-a/staff")
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/board-a/confirm")
    next_code = pyotp.TOTP(secret).at(time.time() + 30)  # the one already used cannot come again
    confirmed = post(
        client,
        "/board-a/confirm?next=/board-a/account/recovery-codes",
        {"password": DEFAULT_PASSWORD, "code": next_code},
    )
    assert confirmed.status_code == 302
    page = text(client.get("/board-a/account/recovery-codes"))
    assert "You have 10 unused recovery codes" in page and CODE.findall(page) == []
    made = post(client, "/board-a/account/recovery-codes", {})
    assert made.status_code == 200
    assert made.headers["Cache-Control"] == "no-store"
    new = CODE.findall(text(made))
    assert len(new) == 10 and not set(new) & set(old)
    _c, with_old = _second_sign_in(app, old[0])
    assert with_old.status_code == 401
    _c, with_new = _second_sign_in(app, new[0])
    assert with_new.status_code == 302


def test_resetting_two_factor_forgets_the_codes(app, required, make_tenant, make_user):
    _client, _codes, _secret = _enrol(app, make_tenant, make_user)
    from core.auth import twofactor

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "admin@a.example"))
        twofactor.reset(user)
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, "board-a", "admin@a.example").headers["Location"].endswith("/setup")
    with app.app_context():
        assert db.session.execute(sql("SELECT count(*) FROM recovery_codes")).scalar() == 0


def test_another_boards_staff_cannot_reach_this_boards_recovery_codes_page(
    app, required, make_tenant, make_user
):
    _client, _codes, _secret = _enrol(app, make_tenant, make_user)
    client_b, codes_b, _s = _enrol(app, make_tenant, make_user, "board-b", "admin@b.example")
    assert client_b.get("/board-a/account/recovery-codes").status_code in (302, 403, 404)
    assert client_b.get("/board-a/staff").status_code in (302, 403, 404)
    # A code of board B's admin is no code for board A's.
    _c, crossed = _second_sign_in(app, codes_b[0])
    assert crossed.status_code == 401


def test_codes_waiting_to_be_shown_are_not_readable_in_the_session_cookie(
    app, required, make_tenant, make_user
):
    """The session is a signed cookie, readable by anyone who holds it: the codes wait there
    encrypted, and are gone from it once the landing page has shown them."""
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    client = app.test_client()
    sign_in(client, "board-a", "admin@a.example")
    client.get("/board-a/login/two-factor/setup")
    done = second_factor(client, "/board-a")
    assert done.status_code == 302
    with client.session_transaction() as s:
        waiting = repr(dict(s))
    assert "recovery_codes" in waiting and CODE.findall(waiting) == []
    landing = text(client.get(done.headers["Location"]))
    assert len(CODE.findall(landing)) == 10
    with client.session_transaction() as s:
        assert "recovery_codes" not in s
