"""Languages never dead-end: a language a board does not offer, the platform's own pages, error pages
and a suspended board's page all answer in the language the family asked for."""

from __future__ import annotations


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_a_language_the_board_does_not_offer_answers_in_that_language_with_links(
    client, demo_tenants
):
    response = client.get("/cwm-ffuglen/ur/")
    page = text_of(response)
    assert response.status_code == 200
    assert '<html lang="ur" dir="rtl"' in page
    assert '<meta name="robots" content="noindex">' in page
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert "This information is not offered in this language" not in page
    assert 'href="/cwm-ffuglen/cy/" hreflang="cy"' in page
    assert 'href="/cwm-ffuglen/en/" hreflang="en"' in page
    assert 'href="/cwm-ffuglen/ur/' not in page


def test_a_page_below_a_language_no_longer_offered_still_leads_somewhere(client, demo_tenants):
    response = client.get("/cwm-ffuglen/pl/formats/")
    assert response.status_code == 200
    assert '<html lang="pl"' in text_of(response)


def test_a_code_that_is_no_language_of_the_platform_is_not_found(client, demo_tenants):
    response = client.get("/salford/xx/", headers={"Accept-Language": "pl"})
    assert response.status_code == 404
    assert '<html lang="pl"' in text_of(response)


def test_the_list_of_boards_follows_accept_language(client, demo_tenants):
    response = client.get("/", headers={"Accept-Language": "ur, en;q=0.5"})
    page = text_of(response)
    assert '<html lang="ur" dir="rtl"' in page
    assert "Information for families about case reviews" not in page
    assert "Accept-Language" in response.headers["Vary"]
    assert '<html lang="en"' in text_of(client.get("/"))


def test_error_pages_outside_any_board_follow_accept_language(client):
    response = client.get("/no-such-board/", headers={"Accept-Language": "cy"})
    assert response.status_code == 404
    page = text_of(response)
    assert '<html lang="cy"' in page
    assert "Page not found" not in page


def test_the_suspended_page_is_in_the_language_of_the_address(client, make_tenant):
    make_tenant("board-a", "Alpha Safeguarding Board", status="suspended", locales=["en", "ur"])
    response = client.get("/board-a/ur/")
    page = text_of(response)
    assert response.status_code == 503
    assert '<html lang="ur" dir="rtl"' in page
    assert "These pages are not available" not in page
