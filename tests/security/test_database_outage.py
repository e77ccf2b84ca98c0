"""The database goes away and comes back while the application runs (issue 16, item 7).

A real outage, not a stand-in: on PostgreSQL the application reaches the server through a relay the
test closes (connections refused, live ones cut) and opens again; on SQLite the database's folder is
moved away (no new connection can open it). Families keep the family page from its last good copy,
a family's contact form says the message was not sent, in their language, everyone else gets a
branded 503 with Retry-After, the API a problem+json 503; afterwards everything works again, with no
restart.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core import caches, db
from core.testing import make_test_app

SLUG = "outage-board"
BOARD_HOST = "families.outage-board.example"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Relay:
    """A TCP relay in front of PostgreSQL that can be switched off (a stopped server, seen from the
    application: nothing listens, and open connections drop) and on again on the same port."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self.start()

    def start(self) -> None:
        if self._listener is not None:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        with self._lock:
            if self._listener is not None:
                # Wakes the thread waiting in accept(); close() alone would not.
                with contextlib.suppress(OSError):
                    self._listener.shutdown(socket.SHUT_RDWR)
                self._listener.close()
                self._listener = None
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self._lock:
                self._open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class Outage:
    """`stop()` takes the application's database away; `start()` brings it back."""

    def __init__(self, url: str) -> None:
        self.parsed = make_url(url)
        self.relay: Relay | None = None
        if self.parsed.get_backend_name() == "postgresql":
            self.relay = Relay(self.parsed.host or "127.0.0.1", self.parsed.port or 5432)
            self.url = self.parsed.set(host="127.0.0.1", port=self.relay.port).render_as_string(
                hide_password=False
            )
        else:
            self.folder = Path(self.parsed.database or "").parent
            self.away = self.folder.with_name(self.folder.name + "-away")
            self.url = url
        self.app: Flask | None = None

    def stop(self) -> None:
        if self.relay is not None:
            self.relay.stop()
        else:
            self.folder.rename(self.away)
        # Whatever the pool held is as dead as the server.
        assert self.app is not None
        db.get_database(self.app).engine.dispose()

    def start(self) -> None:
        if self.relay is not None:
            self.relay.start()
        elif self.away.exists():
            self.away.rename(self.folder)


@pytest.fixture(scope="module")
def outage_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of this module's own (the board it commits cannot be removed again: audit rows
    are append-only), migrated; the URL the application uses."""
    from core.testing import APP_ROLE, _migrate

    base = os.environ.get("CANDOUR_TEST_DATABASE_URL", "")
    if not base:
        url = f"sqlite:///{tmp_path_factory.mktemp('outage') / 'candour.db'}"
        _migrate(url)
        yield url
        return
    owner = make_url(base).set(database=f"candour_o_{uuid.uuid4().hex[:10]}")
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{owner.database}"'))
    try:
        _migrate(owner.render_as_string(hide_password=False))
        yield owner.set(username=APP_ROLE, password=None).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{owner.database}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def _outage_app(outage_database: str) -> Iterator[tuple[Outage, Flask]]:
    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.platform.provisioning import create_tenant
    from core.tenancy.models import TenantHostname

    handle = Outage(outage_database)
    application = make_test_app(handle.url)
    handle.app = application
    with application.app_context():
        with db.all_tenants():
            board = create_tenant(
                SLUG,
                "Outage Safeguarding Board",
                framework="lcspr-2023",
                locales=["en", "cy"],
                contact_phone="01632 960 123",
                contact_role={"en": "Business Manager"},
            )
        user, _ = get_or_create_user("admin@outage.example", "correct horse battery staple")
        with db.tenant_scope(board.id):
            grant_role(board, user, "board_admin")
        with db.all_tenants():
            board.status = "active"
            db.session.add(TenantHostname(tenant_id=board.id, hostname=BOARD_HOST))
        db.session.commit()
    yield handle, application
    handle.start()
    db.get_database(application).engine.dispose()


@pytest.fixture
def outage(app: Flask, _outage_app: tuple[Outage, Flask]) -> Iterator[Outage]:
    """An application of its own, with a public board, whose database the test stops and starts.
    (`app` puts the test in the PostgreSQL pass too.)"""
    handle, application = _outage_app
    caches.clear_all(application)
    application.extensions["candour.limiter"].reset_all()
    try:
        yield handle
    finally:
        handle.start()
        caches.clear_all(application)


def test_families_keep_the_family_page_while_the_database_is_down(outage):
    client = outage.app.test_client()
    served = client.get(f"/{SLUG}/cy/")
    assert served.status_code == 200
    page = served.get_data(as_text=True)
    caches.clear_all(outage.app)  # not even the in-process copies: only what outlives them
    outage.stop()
    kept = client.get(f"/{SLUG}/cy/")
    assert kept.status_code == 200
    assert kept.get_data(as_text=True) == page
    assert 'lang="cy"' in page


def test_on_the_boards_own_host_name_too(outage, monkeypatch):
    monkeypatch.setattr("core.tenancy.context.HOST_CACHE_SECONDS", 0)  # every request asks again
    client = outage.app.test_client()
    served = client.get("/en/", headers={"Host": BOARD_HOST})
    assert served.status_code == 200
    outage.stop()
    kept = client.get("/en/", headers={"Host": BOARD_HOST})
    assert kept.status_code == 200
    assert kept.get_data() == served.get_data()
    down = client.get("/en/formats/", headers={"Host": BOARD_HOST})
    assert down.status_code == 503
    assert "Outage Safeguarding Board" in down.get_data(as_text=True)
    never_seen = client.get("/en/", headers={"Host": "other.outage-board.example"})
    assert never_seen.status_code == 503


def test_a_family_page_never_served_is_a_branded_503_in_the_familys_language(outage):
    client = outage.app.test_client()
    assert client.get(f"/{SLUG}/en/").status_code == 200  # the board's details are known now
    outage.stop()
    for path in (f"/{SLUG}/cy/formats/", f"/{SLUG}/cy/reports/", f"/{SLUG}/cy/accessibility"):
        down = client.get(path)
        assert down.status_code == 503, path
        assert down.headers["Retry-After"].isdigit()
        html = down.get_data(as_text=True)
        assert 'lang="cy"' in html and "<header" in html and "<footer" in html
        assert "Nid yw’r gwasanaeth hwn ar gael ar hyn o bryd" in html
        assert "Outage Safeguarding Board" in html and "01632 960 123" in html


def test_the_contact_form_says_plainly_the_message_was_not_sent(outage):
    client = outage.app.test_client()
    form = client.get(f"/{SLUG}/cy/contact")
    assert form.status_code == 200
    token = _CSRF.search(form.get_data(as_text=True)).group(1)
    outage.stop()
    posted = client.post(
        f"/{SLUG}/cy/contact",
        data={
            "csrf_token": token,
            "kind": "question",
            "message": "A question we must not lose",
            "contact": "parent@example.org",
        },
    )
    assert posted.status_code == 503
    assert posted.headers["Retry-After"].isdigit()
    assert posted.headers["Cache-Control"] == "no-store"
    html = posted.get_data(as_text=True)
    assert "Nid yw eich neges wedi’i hanfon" in html
    # What they wrote is given back, so a failed write loses nothing.
    assert "A question we must not lose" in html
    outage.start()
    again = client.get(f"/{SLUG}/cy/contact")
    assert again.status_code == 200


def test_staff_pages_and_the_list_of_boards_get_a_branded_503(outage):
    client = outage.app.test_client()
    outage.stop()
    for path in (f"/{SLUG}/login", "/", f"/{SLUG}/reviews/"):
        down = client.get(path, headers={"Accept-Language": "en"})
        assert down.status_code == 503, path
        assert down.headers["Retry-After"].isdigit()
        html = down.get_data(as_text=True)
        assert "This service is not available at the moment" in html and "<header" in html


def test_a_signed_in_cookie_gets_a_503_not_a_500(outage):
    client = outage.app.test_client()
    token = _CSRF.search(client.get(f"/{SLUG}/login").get_data(as_text=True)).group(1)
    signed_in = client.post(
        f"/{SLUG}/login",
        data={
            "csrf_token": token,
            "email": "admin@outage.example",
            "password": "correct horse battery staple",
        },
    )
    assert signed_in.status_code in (302, 303)
    outage.stop()
    down = client.get(f"/{SLUG}/reviews/")
    assert down.status_code == 503
    assert down.headers["Cache-Control"] == "no-store"


def test_api_clients_get_problem_json_with_retry_after(outage):
    client = outage.app.test_client()
    outage.stop()
    down = client.get("/api/v1/reviews", headers={"Authorization": "Bearer cdr_" + "x" * 43})
    assert down.status_code == 503
    assert down.mimetype == "application/problem+json"
    assert down.headers["Retry-After"].isdigit()
    assert down.get_json()["status"] == 503


def test_everything_works_again_once_the_database_is_back_without_a_restart(outage):
    client = outage.app.test_client()
    outage.stop()
    assert client.get(f"/{SLUG}/login").status_code == 503
    assert client.get("/readyz").status_code == 503
    outage.start()
    assert client.get("/readyz").status_code == 200
    assert client.get(f"/{SLUG}/login").status_code == 200
    assert client.get(f"/{SLUG}/en/").status_code == 200


def test_a_sqlite_file_gone_missing_is_an_outage_not_a_new_empty_database(tmp_path: Path) -> None:
    """The served app (wsgi.py) never creates its database: with the file moved away, pages are a
    503, and no empty file takes its place to answer 500s from."""
    from core.testing import _migrate

    path = tmp_path / "candour.db"
    url = f"sqlite:///{path}"
    _migrate(url)
    application = make_test_app(url, DATABASE_MUST_EXIST=True)
    client = application.test_client()
    assert client.get("/", headers={"Accept-Language": "en"}).status_code == 200
    db.get_database(application).engine.dispose()
    for part in tmp_path.glob("candour.db*"):
        part.rename(part.with_name(part.name + ".away"))
    down = client.get("/", headers={"Accept-Language": "en"})
    assert down.status_code == 503
    assert down.headers["Retry-After"].isdigit()
    assert not path.exists()
    for part in tmp_path.glob("candour.db*.away"):
        part.rename(part.with_name(part.name.removesuffix(".away")))
    assert client.get("/", headers={"Accept-Language": "en"}).status_code == 200


def test_a_kept_family_page_goes_as_the_full_stack_would_through_an_outage(outage, monkeypatch):
    """The warm page kept in front of Flask (core.family.fastpath) is answered while the board's
    copy is fresh — as the full stack answers from that copy without asking the database — and
    once it has expired, the outage answers as ever: the last good page from disk."""
    from types import SimpleNamespace

    now = [1000.0]
    monkeypatch.setattr("core.tenancy.context.time", SimpleNamespace(monotonic=lambda: now[0]))
    fast = make_test_app(outage.url, TENANT_CACHE_SECONDS=60)
    try:
        client = fast.test_client()
        served = [client.get(f"/{SLUG}/cy/") for _ in range(2)]
        assert served[0].get_data() == served[1].get_data()
        outage.stop()
        db.get_database(fast).engine.dispose()
        during = client.get(f"/{SLUG}/cy/")
        assert during.status_code == 200
        assert during.get_data() == served[0].get_data()
        now[0] += 61
        after = client.get(f"/{SLUG}/cy/")
        assert after.status_code == 200
        assert after.headers["Cache-Control"] == "no-cache"  # the last good copy, not a kept page
        assert "ETag" not in after.headers
        assert after.get_data() == served[0].get_data()
        other = client.get(f"/{SLUG}/login")
        assert other.status_code == 503
    finally:
        outage.start()
        db.get_database(fast).engine.dispose()
