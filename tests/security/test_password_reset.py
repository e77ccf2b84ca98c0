"""A forgotten password is reset by a link sent by mail: it works once and for an hour, asking
never reveals whether an account exists, and using it signs the account out everywhere."""

from __future__ import annotations

import re
import time
from email import message_from_bytes
from pathlib import Path

from admin_support import audit_actions, post, text

from core.testing import sign_in

NEW = "plum orchard lantern seventeen"
FORGOT = "/board-a/login/forgot"


def _mail(app) -> set[Path]:
    folder = Path(app.config["INSTANCE_PATH"]) / "mail"
    return set(folder.glob("*.eml")) if folder.exists() else set()


def _ask(app, email, url=FORGOT):
    client = app.test_client()
    before = _mail(app)
    response = post(client, url, {"email": email})
    return response, sorted(_mail(app) - before)


def _link(path: Path) -> str:
    body = message_from_bytes(path.read_bytes()).get_payload(decode=True).decode()
    return re.search(r"http://[^/\s]+(/\S+)", body).group(1)


def _board(make_tenant, make_user):
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    return tenant


def test_asking_says_the_same_whether_or_not_the_account_exists(app, make_tenant, make_user):
    _board(make_tenant, make_user)
    known, sent = _ask(app, "admin@a.example")
    unknown, none = _ask(app, "nobody@a.example")
    assert known.status_code == unknown.status_code == 200
    clean = lambda r: re.sub(r'name="csrf_token"[^>]*>', "", text(r))  # noqa: E731
    assert clean(known) == clean(unknown)
    assert len(sent) == 1 and none == []
    message = message_from_bytes(sent[0].read_bytes())
    assert message["To"] == "admin@a.example"
    assert "/board-a/login/reset/" in _link(sent[0])


def test_the_link_works_once_and_signs_out_every_session(app, make_tenant, make_user):
    tenant = _board(make_tenant, make_user)
    signed_in = app.test_client()
    sign_in(signed_in, "board-a", "admin@a.example")
    _, sent = _ask(app, "admin@a.example")
    link = _link(sent[0])
    client = app.test_client()
    assert "Choose a new password" in text(client.get(link))
    weak = post(client, link, {"new": "password1234", "again": "password1234"})
    assert weak.status_code == 400
    done = post(client, link, {"new": NEW, "again": NEW})
    assert done.status_code == 303 and done.headers["Location"] == "/board-a/login"
    assert signed_in.get("/board-a/staff").status_code == 302
    assert sign_in(app.test_client(), "board-a", "admin@a.example", NEW).status_code == 302
    again = app.test_client().get(link)
    assert again.status_code == 404 and "already been used" in text(again)
    assert "account.password_reset" in audit_actions(app, tenant.id)


def test_the_link_expires_after_an_hour(app, make_tenant, make_user, monkeypatch):
    _board(make_tenant, make_user)
    _, sent = _ask(app, "admin@a.example")
    link = _link(sent[0])
    later = int(time.time()) + 3601
    monkeypatch.setattr("itsdangerous.timed.TimestampSigner.get_timestamp", lambda self: later)
    assert app.test_client().get(link).status_code == 404


def test_a_tampered_link_does_not_work(app, make_tenant, make_user):
    _board(make_tenant, make_user)
    _, sent = _ask(app, "admin@a.example")
    link = _link(sent[0])
    assert app.test_client().get(link[:-3] + "xyz").status_code == 404
    assert app.test_client().get("/board-a/login/reset/" + "a" * 2000).status_code == 404


def test_another_board_sends_no_link_for_someone_who_is_not_its_staff(app, make_tenant, make_user):
    _board(make_tenant, make_user)
    make_tenant("board-b")
    response, sent = _ask(app, "admin@a.example", url="/board-b/login/forgot")
    assert response.status_code == 200 and sent == []


def test_asking_again_and_again_sends_only_a_few_links(app, make_tenant, make_user):
    _board(make_tenant, make_user)
    sent = [len(_ask(app, "admin@a.example")[1]) for _ in range(5)]
    assert sent == [1, 1, 1, 0, 0]
