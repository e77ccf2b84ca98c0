"""Fixtures for tests that drive a real browser: the app served over HTTP from a thread, with the demo
boards loaded, and headless Debian Chromium driven by Playwright. Both live for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, PHONE, TENANTS, LiveServer, Phone

from core import db
from core.migrate import upgrade
from core.testing import make_test_app, need, serving


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on its own SQLite file, migrated, demo boards loaded, served on a free local port."""
    path = tmp_path_factory.mktemp("browser-db") / "candour.db"
    app = make_test_app(f"sqlite:///{path}")
    upgrade(app)
    from core.platform.provisioning import load_directory

    with app.app_context():
        load_directory(TENANTS)
        db.session.commit()
    with serving(app, "live-server") as base:
        yield LiveServer(base, app)


@pytest.fixture(autouse=True)
def _each_test_counts_from_nothing(request: pytest.FixtureRequest) -> None:
    """The live server lives for the whole session, but its rate limits must not: the contact
    form takes 5 messages an hour from one address, and the browser tests post more than that."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("live_server").app.extensions["candour.limiter"].reset_all()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, one for the session."""
    need(CHROMIUM.exists(), f"{CHROMIUM} is not installed (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright is not installed (pip install -e '.[test]')")
        raise
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def phone(browser: Any) -> Iterator[Phone]:
    """One phone page for the session; each test navigates it rather than opening its own."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    phone = Phone(page, [])
    page.on(
        "console",
        lambda msg: (
            phone.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    try:
        yield phone
    finally:
        context.close()
