"""Boards are found by path or by host name; unknown, reserved and suspended boards are handled."""

from __future__ import annotations

import pytest

from core import db
from core.platform.provisioning import ProvisioningError, check_slug


def test_platform_index_lists_active_boards(client, make_tenant):
    make_tenant("board-a", "Alpha Safeguarding Board")
    make_tenant("board-b", "Beta Safeguarding Board", status="suspended")
    page = client.get("/").get_data(as_text=True)
    assert "Alpha Safeguarding Board" in page
    assert "Beta Safeguarding Board" not in page


def test_board_root_redirects_to_the_negotiated_locale(client, make_tenant):
    make_tenant("board-a", locales=["en", "cy"], default_locale="en")
    response = client.get("/board-a/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/board-a/cy/")
    assert "Accept-Language" in response.headers["Vary"]


def test_board_root_falls_back_to_the_boards_default_locale(client, make_tenant):
    make_tenant("board-a", locales=["cy", "en"], default_locale="cy")
    response = client.get("/board-a/", headers={"Accept-Language": "fr"})
    assert response.headers["Location"].endswith("/board-a/cy/")


def test_unknown_board_is_a_404_page(client):
    response = client.get("/no-such-board/en/")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_locale_the_board_does_not_offer_leads_on_and_an_unknown_one_is_a_404(client, make_tenant):
    make_tenant("board-a", locales=["en"])
    not_offered = client.get("/board-a/cy/")
    assert not_offered.status_code == 200
    assert not_offered.headers["X-Robots-Tag"] == "noindex"
    assert client.get("/board-a/xx/").status_code == 404


@pytest.mark.parametrize("slug", ["platform", "api", "static", "healthz", "readyz", "metrics"])
def test_reserved_slugs_are_refused(slug):
    with pytest.raises(ProvisioningError, match="reserved"):
        check_slug(slug)


@pytest.mark.parametrize("slug", ["Upper", "-lead", "trail-", "has space", "a/b", ""])
def test_malformed_slugs_are_refused(slug):
    with pytest.raises(ProvisioningError):
        check_slug(slug)


def test_suspended_board_shows_a_clear_page_and_no_data(client, make_tenant):
    make_tenant(
        "board-a", "Alpha Safeguarding Board", status="suspended", contact_phone="01632 960 999"
    )
    response = client.get("/board-a/en/")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "not available" in page
    assert "01632 960 999" not in page
    assert client.get("/board-a/login").status_code == 503


def test_board_is_served_on_its_own_host_without_the_prefix(client, in_app, make_tenant):
    from core.tenancy.models import TenantHostname

    tenant = make_tenant("board-a", "Alpha Safeguarding Board")

    def add_host() -> None:
        with db.all_tenants():
            db.session.add(TenantHostname(tenant_id=tenant.id, hostname="reviews.alpha.example"))

    in_app(add_host)
    response = client.get("/en/", headers={"Host": "reviews.alpha.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Alpha Safeguarding Board" in page
    # Links on the board's own host carry no /<slug> prefix.
    assert 'href="/en/formats/"' in page
    assert "/board-a/" not in page
    root = client.get("/", headers={"Host": "reviews.alpha.example", "Accept-Language": "en"})
    assert root.headers["Location"].endswith("/en/")


def test_other_hosts_do_not_serve_a_board_without_its_prefix(client, make_tenant):
    make_tenant("board-a")
    assert client.get("/en/", headers={"Host": "unknown.example"}).status_code == 400
