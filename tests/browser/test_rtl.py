"""Right-to-left pages really mirror in Chromium, each script is drawn in its own face, every page
names its other languages, a Welsh board's pages link across both languages, and print drops the
navigation. Nothing here depends on translated wording."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import LiveServer, Phone, demo_boards

pytestmark = [pytest.mark.browser]

RTL_PAGES = ["/salford/ur/", "/salford/ar/", "/northmoor/ur/", "/northmoor/ar/"]
SCRIPT_FACES = {"ur": "Noto Nastaliq Urdu", "ar": "Noto Naskh Arabic", "bn": "Noto Sans Bengali"}


def box(phone: Phone, selector: str) -> dict[str, float]:
    found = phone.page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not laid out"
    return {**found, "right": found["x"] + found["width"]}


def style(phone: Phone, selector: str, *properties: str) -> dict[str, str]:
    return phone.page.locator(selector).first.evaluate(
        "(el, props) => { const s = getComputedStyle(el); "
        "return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)])); }",
        list(properties),
    )


def fonts_drawing(phone: Phone, selector: str) -> set[str]:
    """The fonts Chromium really used for the text of `selector` (not what the CSS asked for)."""
    cdp = phone.page.context.new_cdp_session(phone.page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no {selector}"
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return {font["familyName"] for font in fonts}
    finally:
        cdp.detach()


# -- direction and mirroring ----------------------------------------------------------------------


@pytest.mark.parametrize("path", RTL_PAGES)
def test_rtl_page_declares_its_language_and_direction(
    live_server: LiveServer, phone: Phone, path: str
) -> None:
    phone.open(live_server(path))
    locale = path.split("/")[2]
    html = phone.page.locator("html")
    assert html.get_attribute("lang") == locale
    assert html.get_attribute("dir") == "rtl"
    for selector in ("main", ".candour-document", ".candour-section p.govuk-body", "footer"):
        assert style(phone, selector, "direction")["direction"] == "rtl", selector


@pytest.mark.parametrize("path", RTL_PAGES)
def test_section_rule_and_text_start_on_the_right(
    live_server: LiveServer, phone: Phone, path: str
) -> None:
    phone.open(live_server(path))
    section = style(phone, ".candour-section", "border-right-width", "border-left-width")
    assert section["border-right-width"] != "0px", section
    assert section["border-left-width"] == "0px", section
    heading, para = box(phone, ".candour-section h2"), box(phone, ".candour-section")
    # The heading hugs the section's right edge, inside the rule and its padding.
    assert para["right"] - heading["right"] < 30, (heading, para)
    assert heading["x"] > para["x"] + 5 or heading["width"] > para["width"] - 40


def test_ltr_page_keeps_the_rule_on_the_left(live_server: LiveServer, phone: Phone) -> None:
    """The control for the mirroring tests: the same check reads the other way round in English."""
    phone.open(live_server("/salford/en/"))
    section = style(phone, ".candour-section", "border-right-width", "border-left-width")
    assert section["border-left-width"] != "0px", section
    assert section["border-right-width"] == "0px", section


@pytest.mark.parametrize("path", ["/salford/ur/accessibility", "/northmoor/ar/accessibility"])
def test_bullets_sit_on_the_right(live_server: LiveServer, phone: Phone, path: str) -> None:
    phone.open(live_server(path))
    bullets = "main .govuk-list--bullet"
    padding = style(phone, bullets, "padding-right", "padding-left", "list-style-position")
    assert padding["padding-left"] == "0px", padding
    assert float(padding["padding-right"].removesuffix("px")) >= 15, padding
    assert padding["list-style-position"] == "outside", padding
    ul, li = box(phone, bullets), box(phone, f"{bullets} li")
    assert ul["right"] - li["right"] >= 15, "no room for the markers on the right"
    assert abs(li["x"] - ul["x"]) < 1, "the text does not run to the left edge"


@pytest.mark.parametrize("path", RTL_PAGES)
def test_header_is_mirrored(live_server: LiveServer, phone: Phone, path: str) -> None:
    phone.open(live_server(path))
    inner, board = box(phone, ".candour-header__inner"), box(phone, ".candour-header__board")
    assert inner["right"] - board["right"] < 20, "the board's name is not on the right"
    items = phone.page.locator(".candour-languages__item")
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    assert first and second
    if abs(first["y"] - second["y"]) < 5:  # on one line: the first language is the rightmost
        assert first["x"] > second["x"], (first, second)
    assert inner["right"] - (first["x"] + first["width"]) < 20, "the languages start on the left"


def test_contact_form_radios_are_mirrored(live_server: LiveServer, phone: Phone) -> None:
    phone.open(live_server("/salford/ur/contact"))
    item, radio = box(phone, ".govuk-radios__item"), box(phone, ".govuk-radios__input")
    label = box(phone, ".govuk-radios__label")
    assert item["right"] - radio["right"] < 2, "the radio button is not at the right"
    assert label["right"] <= radio["x"] + 1, "the label is not to the left of its button"
    circle = phone.page.locator(".govuk-radios__label").first.evaluate(
        "el => { const s = getComputedStyle(el, '::before'); return [s.right, s.left]; }"
    )
    # The drawn circle sits over the (invisible) input, at the right of the row.
    assert circle[0] == "2px", circle


def test_contact_form_errors_are_marked_on_the_right(live_server: LiveServer, phone: Phone) -> None:
    phone.open(live_server("/northmoor/ar/contact"))
    with phone.page.expect_navigation():
        phone.page.locator("main form button[type=submit]").click()
    marked = style(phone, ".govuk-form-group--error", "border-right-width", "border-left-width")
    assert marked["border-left-width"] == "0px", marked
    assert marked["border-right-width"] == "5px", marked


# -- fonts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "locale", "css_name"),
    [
        ("/salford/ur/", "ur", "Nastaliq"),
        ("/northmoor/ur/", "ur", "Nastaliq"),
        ("/salford/ar/", "ar", "Naskh"),
        ("/salford/bn/", "bn", "Bengali"),
    ],
)
def test_page_text_is_set_in_its_script_face(
    live_server: LiveServer, phone: Phone, path: str, locale: str, css_name: str
) -> None:
    phone.open(live_server(path))
    for selector in (
        ".candour-section p.govuk-body",
        ".candour-section h2",
        ".candour-header__board",
        ".govuk-footer .govuk-body",
    ):
        family = style(phone, selector, "font-family")["font-family"]
        assert css_name in family.split(",")[0], f"{selector}: {family}"
    # The contact role comes from the board's own record, so it is in the script on every page.
    role = ".candour-contact p.govuk-body"
    assert SCRIPT_FACES[locale] in fonts_drawing(phone, role)
    current = ".candour-languages__current"
    assert fonts_drawing(phone, current) == {SCRIPT_FACES[locale]}


def test_urdu_is_never_drawn_in_a_naskh_face(live_server: LiveServer, phone: Phone) -> None:
    phone.open(live_server("/salford/ur/"))
    used = fonts_drawing(phone, ".candour-contact p.govuk-body")
    assert not any("Naskh" in name or "Kufi" in name for name in used), used


def test_every_language_name_is_drawn_in_its_own_script(
    live_server: LiveServer, phone: Phone
) -> None:
    """On the English page, اردو, العربية and বাংলা in the switcher each use their own face."""
    phone.open(live_server("/salford/en/"))
    for code, face in SCRIPT_FACES.items():
        assert fonts_drawing(phone, f'.candour-languages__link[lang="{code}"]') == {face}, code


def test_latin_words_on_an_urdu_page_use_the_latin_face(
    live_server: LiveServer, phone: Phone
) -> None:
    """Phone numbers and e-mail addresses are not drawn with the Nastaliq font's Latin letters."""
    phone.open(live_server("/salford/ur/"))
    used = fonts_drawing(phone, '.candour-contact a[href^="mailto:"]')
    assert "Noto Nastaliq Urdu" not in used, used


# -- languages: hreflang, the Welsh board ---------------------------------------------------------


def alternates(phone: Phone) -> dict[str, str]:
    links = phone.page.locator('head link[rel="alternate"][hreflang]')
    return {
        links.nth(i).get_attribute("hreflang") or "": links.nth(i).get_attribute("href") or ""
        for i in range(links.count())
    }


@pytest.mark.parametrize("board", demo_boards(), ids=lambda b: b.slug)
def test_every_page_names_every_offered_language(
    live_server: LiveServer, phone: Phone, board: Any
) -> None:
    for locale in board.locales:
        for page in ("", "formats/", "contact", "accessibility"):
            phone.open(live_server(f"/{board.slug}/{locale}/{page}"))
            found = alternates(phone)
            assert set(found) == set(board.locales), (locale, page, found)
            for code, href in found.items():
                assert href == live_server(f"/{board.slug}/{code}/{page}"), (locale, code, href)


WELSH_PAGES = ["", "formats/", "contact", "accessibility", "contact/sent"]


@pytest.mark.parametrize("page", WELSH_PAGES, ids=lambda p: p or "leaflet")
def test_welsh_board_english_page_links_to_welsh_and_back(
    live_server: LiveServer, phone: Phone, page: str
) -> None:
    english, welsh = live_server(f"/cwm-ffuglen/en/{page}"), live_server(f"/cwm-ffuglen/cy/{page}")
    phone.open(english)
    to_welsh = phone.page.locator('header a[hreflang="cy"]')
    assert to_welsh.get_attribute("lang") == "cy"
    with phone.page.expect_navigation():
        to_welsh.click()
    assert phone.page.url == welsh
    assert phone.page.locator("html").get_attribute("lang") == "cy"
    with phone.page.expect_navigation():
        phone.page.locator('header a[hreflang="en"]').click()
    assert phone.page.url == english
    assert phone.page.locator("html").get_attribute("lang") == "en"


def _switcher_targets() -> list[Any]:
    targets = []
    for board in demo_boards():
        for page in ("", "formats/", "contact", "accessibility", "formats/easy-read/read"):
            targets.append(pytest.param(board, page, id=f"{board.slug}/{page or 'leaflet'}"))
    return targets


@pytest.mark.parametrize(("board", "page"), _switcher_targets())
def test_language_links_lead_to_pages_that_exist(
    live_server: LiveServer, phone: Phone, board: Any, page: str
) -> None:
    start = "en" if "en" in board.locales else board.locales[0]
    phone.open(live_server(f"/{board.slug}/{start}/{page}"))
    hrefs = phone.page.eval_on_selector_all(
        ".candour-languages__link", "els => els.map(e => e.href)"
    )
    hrefs += list(alternates(phone).values())
    request = phone.page.context.request
    missing = [href for href in hrefs if request.get(href).status != 200]
    assert not missing, f"/{board.slug}/{start}/{page} links to pages that are not there: {missing}"


# -- print ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/salford/en/", "/salford/ur/"])
def test_print_hides_navigation_languages_and_aside(
    live_server: LiveServer, phone: Phone, path: str
) -> None:
    phone.open(live_server(path))
    hidden = (
        ".govuk-skip-link",
        ".candour-languages",
        ".candour-contents",
        ".candour-aside",
        ".govuk-footer__inline-list",
    )
    for selector in hidden:
        assert phone.page.locator(selector).first.is_visible(), f"{selector} hidden on screen"
    phone.page.emulate_media(media="print")
    try:
        for selector in hidden:
            assert not phone.page.locator(selector).first.is_visible(), f"{selector} printed"
        assert phone.page.locator(".candour-section").first.is_visible()
        assert phone.page.locator(".candour-header__name").is_visible()
    finally:
        phone.page.emulate_media(media="screen")
