"""Static files for a slow phone: fingerprinted and cached for a year, precompressed, a favicon,
a description on every page, gzip for the pages themselves, and only the page's own script font."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from core.config import REPO_ROOT
from core.testing import need

MANIFEST = REPO_ROOT / "core" / "static" / "vendor" / "manifest.json"


@pytest.fixture(autouse=True)
def _built_assets() -> None:
    need(MANIFEST.exists(), f"{MANIFEST} is missing: run `make assets`")


def stylesheet(page: str) -> str:
    found = re.search(
        r'<link rel="stylesheet" href="(/static/vendor/[a-z]+\.[0-9a-f]{12}\.css)"', page
    )
    assert found, "no fingerprinted stylesheet"
    return found.group(1)


def test_the_family_page_links_its_own_fingerprinted_stylesheet(client, demo_tenants):
    page = client.get("/salford/en/").get_data(as_text=True)
    assert "/static/vendor/family." in stylesheet(page)
    assert "/static/vendor/staff." in stylesheet(
        client.get("/salford/login").get_data(as_text=True)
    )


def test_fingerprinted_files_are_cached_for_a_year_and_sent_precompressed(client, demo_tenants):
    href = stylesheet(client.get("/salford/en/").get_data(as_text=True))
    plain = client.get(href, buffered=True)
    assert plain.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Content-Encoding" not in plain.headers
    assert plain.mimetype == "text/css"
    squeezed = client.get(href, buffered=True, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert squeezed.headers["Content-Encoding"] == "br"
    assert squeezed.mimetype == "text/css"
    assert "Accept-Encoding" in squeezed.headers["Vary"]
    assert brotli.decompress(squeezed.data) == plain.data
    zipped = client.get(href, buffered=True, headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(zipped.data) == plain.data
    assert len(plain.data) < 80_000


def test_a_file_without_a_fingerprint_is_revalidated(client):
    assert (
        client.get("/static/vendor/axe.min.js", buffered=True).headers["Cache-Control"]
        == "no-cache"
    )


def test_there_is_a_favicon(client, demo_tenants):
    response = client.get("/favicon.ico", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert 'rel="icon"' in client.get("/salford/en/").get_data(as_text=True)


def test_every_page_has_a_description_in_its_language(client, demo_tenants):
    english = client.get("/salford/en/").get_data(as_text=True)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', english)
    urdu = client.get("/salford/ur/").get_data(as_text=True)
    description = re.search(r'<meta name="description" content="([^"]+)">', urdu).group(1)
    assert "Information for families" not in description


def test_only_a_page_in_a_script_preloads_that_scripts_font(client, demo_tenants):
    english = client.get("/salford/en/").get_data(as_text=True)
    assert 'rel="preload"' not in english
    urdu = client.get("/salford/ur/").get_data(as_text=True)
    assert re.search(
        r'<link rel="preload" href="/static/vendor/fonts/NotoNastaliqUrdu-Regular\.[0-9a-f]{12}\.woff2" '
        r'as="font" type="font/woff2" crossorigin>',
        urdu,
    )


def test_pages_are_gzipped_for_browsers_that_take_it_and_still_revalidate(client, demo_tenants):
    plain = client.get("/salford/en/")
    zipped = client.get("/salford/en/", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert zipped.headers["ETag"] == plain.headers["ETag"]
    again = client.get(
        "/salford/en/",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304
