"""Pytest fixtures for Candour and its plugins (loaded with `-p core.testing`).

Each test that uses `app` runs inside one database transaction that is rolled back afterwards, on
SQLite by default or on PostgreSQL when `CANDOUR_TEST_DATABASE_URL` is set — then as a role without
BYPASSRLS, so row-level security is really in force. Tests that never touch `app` are marked
`db_independent` and run once. With `CI=true`, `need()` fails where it would otherwise skip.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core import caches, create_app, db
from core.migrate import upgrade

APP_ROLE = "candour_app"
DEFAULT_PASSWORD = "correct horse battery staple"  # noqa: S105  (test accounts only)
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a service or binary is missing on a developer's machine; fail in CI."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "db_independent: touches no database; runs once")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "app" not in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db_independent)


# -- the database ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(owner URL for migrations, application URL) of a fresh database for this test session."""
    base = os.environ.get("CANDOUR_TEST_DATABASE_URL", "")
    if not base:
        path = tmp_path_factory.mktemp("db") / "candour-test.db"
        yield f"sqlite:///{path}", f"sqlite:///{path}"
        return
    url = make_url(base)
    name = f"candour_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            ensure_app_role(conn)
    except Exception as exc:
        need(
            False, f"PostgreSQL at {url.render_as_string(hide_password=True)} is not usable: {exc}"
        )
    owner_url = url.set(database=name)
    app_url = owner_url.set(username=APP_ROLE, password=None)
    yield owner_url.render_as_string(hide_password=False), app_url.render_as_string(False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def ensure_app_role(conn: Any) -> None:
    """The application's role (no superuser, row-level security applies), made once for the
    server. Test processes start side by side: the first to hold the lock makes it, and the others
    then find it (two at once would both find none, and one's CREATE ROLE would fail)."""
    conn.execute(text("SELECT pg_advisory_lock(hashtext('candour test role'))"))
    try:
        found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE})
        if found.scalar() is None:
            conn.execute(text(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS"))
    finally:
        conn.execute(text("SELECT pg_advisory_unlock(hashtext('candour test role'))"))


def _migrate(owner_url: str) -> None:
    owner_app = make_test_app(owner_url)
    upgrade(owner_app)
    database = db.get_database(owner_app)
    if database.is_postgres:
        with database.engine.begin() as conn:
            conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}"))
            conn.execute(
                text(
                    f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"
                )
            )
            conn.execute(
                text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
            )
    database.engine.dispose()


def served_whole(app: Any) -> Callable[..., list[bytes]]:
    """`app` for a test's own HTTP server: each answer read whole and closed before the server
    writes it, so a browser that drops a connection (a font it no longer needs) leaves no file
    open for the garbage collector to warn about in whatever test runs next. Werkzeug's server
    does not close an answer when the client goes; production's gunicorn does."""

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()

    return wsgi


@contextmanager
def serving(app: Flask, name: str = "test-server") -> Iterator[str]:
    """`app` served whole (`served_whole`) on a free local port, in a thread of its own, for a
    browser test: its base URL. The server stops and the app's connections close at the end."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, served_whole(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        db.get_database(app).engine.dispose()


@contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    """The statements `app` sends while the block runs, but for transaction control and the
    row-level security settings: what a page costs the database."""
    from sqlalchemy import event

    statements: list[str] = []
    engine = db.get_database(app).engine
    control = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "SELECT SET_CONFIG")

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(control):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def make_test_app(app_url: str, **overrides: Any) -> Flask:
    """An application for tests: its own instance folder and storage, never the developer's."""
    instance = tempfile.mkdtemp(prefix="candour-test-")
    config = {
        "ENV": "test",
        "DATABASE_URL": app_url,
        "SECRET_KEY": "test-secret",
        "SERVER_NAME": None,
        "INSTANCE_PATH": instance,
        # Tests change a board and read it back at once: no short-lived copies of boards.
        "TENANT_CACHE_SECONDS": 0,
        "STORAGE_PATH": os.path.join(instance, "storage"),
        # Jobs run at once, in the test's own transaction (Huey's immediate mode).
        "JOBS_IMMEDIATE": True,
        # Rendering every format after each change would slow every test; the tests of rendering
        # ahead turn it on.
        "RENDER_AHEAD": False,
        **overrides,
    }
    application = create_app(config)
    # A test's own app, gone with the test, closes its database connections as it goes: left to
    # the garbage collector, an open connection warns in whichever test is running at the time.
    weakref.finalize(application, db.get_database(application).engine.dispose)
    return application


@pytest.fixture(scope="session")
def migrated_database(database_urls: tuple[str, str]) -> str:
    owner_url, app_url = database_urls
    _migrate(owner_url)
    return app_url


@pytest.fixture(scope="session")
def app(migrated_database: str) -> Iterator[Flask]:
    """The application, on the test database, shared by the session (state rolls back per test)."""
    application = make_test_app(migrated_database)
    yield application
    db.get_database(application).engine.dispose()


@contextmanager
def rolled_back(application: Flask) -> Iterator[Flask]:
    """`application`'s database work, inside one transaction rolled back at the end, with its
    in-process caches cleared before and after."""
    database = db.get_database(application)
    original = database.factory
    # Deferred on SQLite: a second app that a test opens on the same file can still take the lock.
    connection = database.engine.connect().execution_options(sqlite_begin="DEFERRED")
    outer = connection.begin()
    database.bind_to(connection)
    caches.clear_all(application)
    try:
        yield application
    finally:
        database.factory = original
        outer.rollback()
        connection.close()
        caches.clear_all(application)


@pytest.fixture(autouse=True)
def _transaction_per_test(request: pytest.FixtureRequest) -> Iterator[None]:
    if "app" not in request.fixturenames:
        yield
        return
    application: Flask = request.getfixturevalue("app")
    # Every test starts with an empty mail folder, as it starts with the database as migrated.
    for sent in (Path(application.config["INSTANCE_PATH"]) / "mail").glob("*.eml"):
        sent.unlink()
    with rolled_back(application):
        application.extensions["candour.limiter"].reset_all()  # every test counts from nothing
        yield


@pytest.fixture(scope="session")
def _plugin_apps() -> Iterator[dict[Any, Flask]]:
    built: dict[Any, Flask] = {}
    yield built
    for application in built.values():
        db.get_database(application).engine.dispose()


@pytest.fixture
def app_with_plugins(
    app: Flask, migrated_database: str, _plugin_apps: dict[Any, Flask]
) -> Iterator[Callable[..., Flask]]:
    """`app_with_plugins(("name", plugin), …, **config)`: an application with these plugins installed
    beside the built-ins (built once a session for each set), inside this test's rolled-back
    transaction — what `app` and the factories write, it sees, and the other way round."""
    connection = db.get_database(app).factory.kw["bind"]
    bound: list[tuple[Flask, Any]] = []

    def make(*plugins: tuple[str, Any], **config: Any) -> Flask:
        key = (tuple((name, id(plugin)) for name, plugin in plugins), repr(sorted(config.items())))
        if key not in _plugin_apps:
            _plugin_apps[key] = make_test_app(
                migrated_database, EXTRA_PLUGINS=list(plugins), **config
            )
        application = _plugin_apps[key]
        database = db.get_database(application)
        bound.append((application, database.factory))
        database.bind_to(connection)
        caches.clear_all(application)
        return application

    yield make
    for application, factory in reversed(bound):
        db.get_database(application).factory = factory
        caches.clear_all(application)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


# -- factories ------------------------------------------------------------------------------------


@pytest.fixture
def in_app(app: Flask) -> Callable[..., Any]:
    """Run `fn()` in a fresh app context and commit: `in_app(lambda: ...)`."""

    def run(fn: Callable[[], Any]) -> Any:
        with app.app_context():
            result = fn()
            db.session.commit()
            return result

    return run


@pytest.fixture
def make_tenant(in_app: Callable[..., Any]) -> Callable[..., Any]:
    from core.platform.provisioning import create_tenant

    def make(slug: str = "board-a", name: str | None = None, **fields: Any) -> Any:
        fields.setdefault("framework", "lcspr-2023")
        fields.setdefault("contact_phone", "01632 960 001")
        fields.setdefault("contact_role", {"en": "Business Manager"})

        def build() -> Any:
            with db.all_tenants():
                return create_tenant(slug, name or f"{slug.title()} Safeguarding Board", **fields)

        return in_app(build)

    return make


@pytest.fixture
def make_user(in_app: Callable[..., Any]) -> Callable[..., Any]:
    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user

    def make(
        email: str, tenant: Any, role: str = "board_admin", password: str = DEFAULT_PASSWORD
    ) -> Any:
        def build() -> Any:
            user, _ = get_or_create_user(email, password)
            with db.tenant_scope(tenant.id):
                grant_role(tenant, user, role)
            return user

        return in_app(build)

    return make


@pytest.fixture
def demo_tenants(in_app: Callable[..., Any]) -> dict[str, Any]:
    """The demo boards from `tenants/`, loaded into this test's transaction."""
    from sqlalchemy import select

    from core.config import REPO_ROOT
    from core.platform.provisioning import load_directory
    from core.tenancy.models import Tenant

    def load() -> dict[str, Any]:
        load_directory(REPO_ROOT / "tenants")
        with db.all_tenants():
            return {t.slug: t for t in db.session.scalars(select(Tenant))}

    return in_app(load)


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on the page at `url`."""
    page = client.get(url)
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url} ({page.status_code})"
    return match.group(1)


def sign_in(client: FlaskClient, slug: str, email: str, password: str = DEFAULT_PASSWORD) -> Any:
    token = csrf_token(client, f"/{slug}/login")
    return client.post(
        f"/{slug}/login", data={"csrf_token": token, "email": email, "password": password}
    )


@pytest.fixture
def login() -> Callable[..., Any]:
    return sign_in
