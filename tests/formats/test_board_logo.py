"""The board's uploaded logo is printed in the PDF and the large print, as on its web pages."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from PIL import Image

from core.testing import csrf_token, sign_in


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), (122, 31, 92)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def board_with_logo(client, make_tenant, make_user):
    tenant = make_tenant("logo-board", contact_email="a@example.org", locales=["en", "ur"])
    make_user("admin@logo.example", tenant)
    assert sign_in(client, "logo-board", "admin@logo.example").status_code == 302
    url = "/logo-board/admin/branding"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "name": "Logo Board Safeguarding Partnership",
            "primary_colour": "#7a1f5c",
            "primary_text_colour": "#ffffff",
            "link_colour": "#7a1f5c",
            "logo_alt": "Logo Board",
            "logo": (io.BytesIO(_png()), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    client.get("/logo-board/logout")
    return tenant


def download(client, url: str) -> bytes:
    response = client.get(url)
    try:
        assert response.status_code == 200
        return response.get_data()
    finally:
        response.close()


def images(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "download.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return [re.split(r"\s+", row.strip()) for row in listing.splitlines()[2:] if row.strip()]


@pytest.mark.parametrize("key", ["pdf", "large-print"])
@pytest.mark.parametrize("locale", ["en", "ur"])
def test_the_printed_formats_carry_the_boards_logo(client, board_with_logo, tmp_path, key, locale):
    found = images(download(client, f"/logo-board/{locale}/formats/{key}"), tmp_path)
    # page, number, type, width, height: the logo at its own size on the first page.
    assert any(row[0] == "1" and row[3:5] == ["120", "40"] for row in found), found


def test_a_board_without_a_logo_prints_no_image(client, make_tenant, tmp_path):
    make_tenant("plain-board", contact_email="a@example.org")
    assert images(download(client, "/plain-board/en/formats/pdf"), tmp_path) == []
