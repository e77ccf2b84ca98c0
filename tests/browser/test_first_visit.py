"""A first visit on a phone, as the browser sees it: an English page fetches no script font (the
switcher's labels come from faces of a few letters), and family pages work without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import PHONE, LiveServer

pytestmark = [pytest.mark.browser]

WHOLE_SCRIPT_FONT = re.compile(r"/fonts/Noto\w+-(Regular|Bold)\.[0-9a-f]{12}\.woff2$")


@pytest.fixture
def fresh_phone(browser: Any) -> Iterator[Any]:
    """A phone with an empty cache and JavaScript off, so every request of a first visit is seen."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def test_an_english_first_visit_loads_no_whole_script_font(
    live_server: LiveServer, fresh_phone: Any
) -> None:
    fetched: list[str] = []
    fresh_phone.on("requestfinished", lambda req: fetched.append(req.url))
    fresh_phone.goto(live_server("/salford/en/"), wait_until="load")
    fresh_phone.evaluate("() => document.fonts.ready.then(() => true)")
    assert not [url for url in fetched if WHOLE_SCRIPT_FONT.search(url)], fetched
    assert any(url.endswith(".css") and "/vendor/family." in url for url in fetched), fetched


def test_a_family_can_ask_for_another_format_without_javascript(
    live_server: LiveServer, fresh_phone: Any
) -> None:
    fresh_phone.goto(live_server("/northmoor/en/contact?kind=format"))
    fresh_phone.get_by_label(re.compile("name", re.I)).first.fill("A parent")
    fresh_phone.locator("textarea").first.fill("Large print, please.")
    fresh_phone.locator("input[type=text], input[type=email], input[type=tel]").nth(1).fill(
        "parent@example.org"
    )
    with fresh_phone.expect_navigation():
        fresh_phone.locator("main form button[type=submit]").click()
    assert "/contact/sent" in fresh_phone.url, fresh_phone.content()[:2000]
