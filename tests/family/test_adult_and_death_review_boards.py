"""The demo Safeguarding Adults Board and community safety partnership: their family pages in every
launch language, written for their readers, and the Welsh board on the single unified review."""

from __future__ import annotations

import re

import pytest

LAUNCH = ("en", "cy", "pl", "ro", "ur", "ar", "bn")


def text_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("slug", ["ashdown-vale-sab", "ferncombe-csp"])
def test_the_new_demo_boards_serve_every_launch_language(client, demo_tenants, slug):
    assert demo_tenants[slug].locales == list(LAUNCH)
    english = text_of(client.get(f"/{slug}/en/"))
    for locale in LAUNCH:
        page = text_of(client.get(f"/{slug}/{locale}/"))
        direction = "rtl" if locale in ("ar", "ur") else "ltr"
        assert re.search(rf'<html lang="{locale}" dir="{direction}"', page), (slug, locale)
        if locale != "en":
            heading = re.search(r'id="what-heading">([^<]+)<', page).group(1)
            assert heading not in english, (slug, locale, heading)  # translated, not a copy


def test_the_sar_page_never_speaks_of_a_child(client, demo_tenants):
    page = text_of(client.get("/ashdown-vale-sab/en/"))
    assert "the person at the centre of the review" in page
    assert not re.search(r"\bchild", page, re.IGNORECASE)
    assert "independent advocate under the Care Act" in page


def test_the_dardr_page_offers_a_specialist_advocate_and_names_aafda(client, demo_tenants):
    page = text_of(client.get("/ferncombe-csp/en/"))
    assert "specialist advocate" in page and 'href="https://aafda.org.uk"' in page
    assert "Quality Assurance Panel at the Home Office" in page


def test_the_welsh_board_runs_the_single_unified_review_welsh_first(client, demo_tenants):
    assert demo_tenants["cwm-ffuglen"].framework == "wales-susr"
    assert client.get("/cwm-ffuglen/").headers["Location"].endswith("/cwm-ffuglen/cy/")
    welsh = text_of(client.get("/cwm-ffuglen/cy/"))
    assert "Beth yw Adolygiad Diogelu Unedig Sengl?" in welsh
    assert "Welsh Government" not in text_of(client.get("/northmoor/en/"))


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("ashdown-vale-sab", "Safeguarding Adults Review"),
        ("ferncombe-csp", "Domestic Abuse Related Death Review"),
    ],
)
def test_the_new_boards_offer_easy_read_written_for_them(client, demo_tenants, slug, title):
    page = text_of(client.get(f"/{slug}/en/formats/easy-read/read"))
    assert title in page
    assert "child" not in page.lower()
