"""The leaflet's sentence about other formats names only the formats the board offers."""

from __future__ import annotations

import pytest

from core.testing import csrf_token, sign_in


def _switch(client, slug: str, plugin: str, on: bool) -> None:
    url = f"/{slug}/admin/plugins/{plugin}"
    data = {
        "csrf_token": csrf_token(client, url),
        **({"enabled": "on"} if on else {}),
    }
    assert client.post(url, data=data).status_code == 302


@pytest.fixture
def board(client, make_tenant, make_user):
    tenant = make_tenant("fmt-board", contact_email="a@example.org", locales=["en", "pl"])
    make_user("admin@fmt.example", tenant)
    assert sign_in(client, "fmt-board", "admin@fmt.example").status_code == 302
    return tenant


def test_disabling_braille_takes_it_out_of_the_sentence_that_lists_the_formats(client, board):
    page = client.get("/fmt-board/en/").get_data(as_text=True)
    assert "such as large print, easy read, braille, audio or a translation" in page
    _switch(client, "fmt-board", "braille", on=False)
    page = client.get("/fmt-board/en/").get_data(as_text=True)
    assert "such as large print, easy read, audio or a translation" in page
    leaflet = page[page.index('class="candour-document') : page.index("</main>")]
    assert "braille" not in leaflet.lower()
    # In Polish the same list, in Polish, without braille ("w brajlu").
    polish = client.get("/fmt-board/pl/").get_data(as_text=True)
    assert "w dużym druku" in polish and "brajl" not in polish
    _switch(client, "fmt-board", "braille", on=True)
    assert "brajlu" in client.get("/fmt-board/pl/").get_data(as_text=True)


def test_a_board_offering_none_of_the_formats_still_offers_a_translation(client, board):
    for plugin in ("large-print", "easy-read", "braille", "audio"):
        _switch(client, "fmt-board", plugin, on=False)
    page = client.get("/fmt-board/en/").get_data(as_text=True)
    assert "in another format or language, such as a translation, please contact" in page
