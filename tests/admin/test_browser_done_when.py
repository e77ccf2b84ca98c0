"""Issue 7's "done when", in a real browser against a live server: a demo board's admin enables the
audio format, changes the board's colour (a failing contrast refused with the reason), overrides a
sentence in Welsh, adds a reviewer with two-factor, and sees each in the audit log; the operator
creates a fourth board and suspends it. Screenshots of each page land in CANDOUR_SCREENSHOTS."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from playwright.sync_api import expect

from core import db
from core.config import REPO_ROOT
from core.migrate import upgrade
from core.testing import make_test_app, need, serving

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "demo board admin passphrase"
WELSH_MSGID = "Why is there a Serious Case Review?"
WELSH_TEXT = "Pam mae'r bwrdd yn cynnal Adolygiad Achos Difrifol?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as production has it for two-factor, on its own SQLite file, demo boards loaded."""
    path = tmp_path_factory.mktemp("admin-browser") / "candour.db"
    app = make_test_app(f"sqlite:///{path}", TWO_FACTOR_ROLES=("board_admin",))
    upgrade(app)
    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.platform.provisioning import load_directory
    from core.plugins import services as plugin_settings
    from core.tenancy.models import Tenant

    with app.app_context():
        load_directory(REPO_ROOT / "tenants")
        with db.all_tenants():
            salford = db.session.query(Tenant).filter_by(slug="salford").one()
        admin, _ = get_or_create_user("admin@salford.example", PASSWORD)
        operator, _ = get_or_create_user("operator@platform.example", PASSWORD)
        operator.platform_operator = True
        with db.tenant_scope(salford.id):
            grant_role(salford, admin, "board_admin")
            # The board starts without the audio format, so the admin has something to enable.
            plugin_settings.save(salford, "audio", enabled=False, raw_settings=None, actor=None)
        db.session.commit()
    with serving(app) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(CHROMIUM.exists(), f"{CHROMIUM} is not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


class Shots:
    def __init__(self) -> None:
        folder = os.environ.get("CANDOUR_SCREENSHOTS")
        self.folder = Path(folder) if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Any, name: str) -> None:
        if self.folder:
            page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)


def _page(browser: Any, csp: list[str]) -> Any:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on(
        "console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None
    )
    return page


def _submit(page: Any, selector: str) -> None:
    """Click a button that submits a form, and wait until the answer has loaded."""
    with page.expect_navigation():
        page.click(selector)


def _at(page: Any, path: str) -> None:
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def _enrol(page: Any) -> None:
    """Set up two-factor with the key shown on the page, as a person would type it into an app."""
    key = page.locator("#totp-key").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(key).now())
    _submit(page, "button[type=submit]")


def test_a_board_admin_and_the_operator_do_their_work_in_the_browser(server, browser):

    csp: list[str] = []
    shots = Shots()
    page = _page(browser, csp)

    # Sign in, with two-factor set up on first sign-in.
    page.goto(f"{server}/salford/login")
    page.fill("#email", "admin@salford.example")
    page.fill("#password", PASSWORD)
    _submit(page, "button[type=submit]")
    _at(page, "/salford/login/two-factor/setup")
    shots(page, "01-two-factor-setup")
    _enrol(page)
    _at(page, "/salford/staff")

    # Enable the audio format.
    page.goto(f"{server}/salford/admin/plugins")
    shots(page, "02-plugins")
    assert "\tOff" in page.locator("#plugin-audio").inner_text()
    _submit(page, "#plugin-audio a")
    page.check("#enabled")
    _submit(page, "text=Save as a new version")
    expect(page.locator("main")).to_contain_text("Saved audio")
    shots(page, "03-plugin-audio")
    page.goto(f"{server}/salford/en/formats/")
    assert "/salford/en/formats/audio" in page.content()

    # Change the colour: a failing contrast is refused with the reason, a passing one is saved.
    page.goto(f"{server}/salford/admin/branding")
    page.fill("#primary_colour", "#ffff00")
    expect(page.locator("#contrast-header")).to_contain_text("too low")  # the live check
    shots(page, "04-branding-live-check")
    _submit(page, "text=Save branding")
    expect(page.locator("main")).to_contain_text(
        "Refused: header text on the header colour has a contrast of"
    )
    shots(page, "05-branding-refused")
    page.fill("#primary_colour", "#7a1f5c")
    expect(page.locator("#contrast-header")).to_contain_text("passes")
    _submit(page, "text=Save branding")
    expect(page.locator("main")).to_contain_text("Saved the board")
    page.goto(f"{server}/salford/en/")
    expect(page.locator(".candour-header")).to_have_css("background-color", "rgb(122, 31, 92)")

    # Override one sentence in Welsh.
    page.goto(f"{server}/salford/admin/languages/overrides?locale=cy&q=Serious+Case+Review%3F")
    shots(page, "06-overrides-search")
    _submit(page, f"text={WELSH_MSGID}")
    page.fill("#text", WELSH_TEXT)
    shots(page, "07-override-edit")
    _submit(page, "button[value=save]")
    expect(page.locator("main")).to_contain_text("Saved the board")
    page.goto(f"{server}/salford/cy/")
    expect(page.locator("body")).to_contain_text(WELSH_TEXT)

    # Add a reviewer who must use two-factor.
    page.goto(f"{server}/salford/admin/people")
    page.fill("#email", "reviewer@salford.example")
    page.fill("#name", "Rhian Reviewer")
    page.select_option("#role", "reviewer")
    page.check("#require_two_factor")
    _submit(page, "text=Add to the board")
    one_time = page.locator("#new-password code").inner_text()
    shots(page, "08-people")
    reviewer = _page(browser, csp)
    reviewer.goto(f"{server}/salford/login")
    reviewer.fill("#email", "reviewer@salford.example")
    reviewer.fill("#password", one_time)
    _submit(reviewer, "button[type=submit]")
    _at(reviewer, "/salford/login/two-factor/setup")
    reviewer.context.close()

    # Each of those is in the audit log.
    page.goto(f"{server}/salford/admin/audit")
    log = page.locator("#events").inner_text()
    for action in (  # by name, not by key (core/admin/audit_display.py)
        "Plugin settings saved",
        "Branding saved",
        "Text override saved",
        "Person added",
        "Set up two-factor authentication",
    ):
        assert action in log, action
    shots(page, "09-audit")
    page.goto(f"{server}/salford/admin/trace?locale=cy")
    shots(page, "10-trace")

    # The operator creates a fourth board and suspends it.
    op = _page(browser, csp)
    op.goto(f"{server}/platform/login")
    op.fill("#email", "operator@platform.example")
    op.fill("#password", PASSWORD)
    _submit(op, "button[type=submit]")
    _enrol(op)
    _at(op, "/platform/")
    _submit(op, "text=Create a board")
    op.fill("#slug", "fourth-board")
    op.fill("#name", "Fourth Safeguarding Partnership (fictional)")
    op.select_option("#framework", "lcspr-2023")
    _submit(op, "text=Create the board")
    expect(op.locator("body")).to_contain_text("Created fourth-board")
    _submit(op, "text=Suspend this board")
    expect(op.locator("#status")).to_have_text("suspended")
    shots(op, "11-operator-board")
    op.goto(f"{server}/platform/")
    shots(op, "12-operator-boards")
    op.goto(f"{server}/platform/plugins")
    shots(op, "13-operator-plugins")
    response = op.goto(f"{server}/fourth-board/en/")
    assert response is not None and response.status == 503

    assert csp == [], csp
    page.context.close()
    op.context.close()
