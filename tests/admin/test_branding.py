"""Branding: colours that fail contrast are refused with the reason; logos are judged by their
bytes; SVG logos are sanitised before they are stored and served; a preview shows the family page
with unsaved colours."""

from __future__ import annotations

import io
from typing import Any

from admin_support import audit_actions, plugin_versions, post, text
from PIL import Image

from core import db
from core.plugin_api import Branding, Setting, SettingsSchema, hookimpl
from core.testing import DEFAULT_PASSWORD, sign_in

URL = "/board-a/admin/branding"
GOOD = {
    "name": "Board A Safeguarding Partnership",
    "primary_colour": "#7a1f5c",
    "primary_text_colour": "#ffffff",
    "link_colour": "#7a1f5c",
    "logo_alt": "",
}


def _image(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 80, 160)).save(out, format=kind)
    return out.getvalue()


def test_a_colour_change_is_saved_versioned_audited_and_served(admin, board):
    response = post(admin, URL, GOOD)
    assert response.status_code == 302, text(response)[:3000]
    assert "#7a1f5c" in text(admin.get("/board-a/branding.css"))
    versions = plugin_versions(board.app, board.tenant.id, "branding-default")
    assert versions[-1].settings["primary_colour"] == "#7a1f5c"
    assert "branding.saved" in audit_actions(board.app, board.tenant.id)


def test_a_colour_failing_contrast_is_refused_with_the_reason(admin, board):
    response = post(admin, URL, {**GOOD, "primary_colour": "#ffff00"})
    assert response.status_code == 400
    page = text(response)
    assert "Refused: header text on the header colour has a contrast of 1.1:1" in page
    assert "it must be at least 4.5:1" in page
    assert plugin_versions(board.app, board.tenant.id, "branding-default") == []
    assert "#ffff00" not in text(admin.get("/board-a/branding.css"))


def test_a_png_logo_is_stored_and_served_in_the_header(admin, board, client):
    png = _image("PNG")
    response = post(
        admin,
        URL,
        {**GOOD, "logo": (io.BytesIO(png), "logo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, text(response)[:3000]
    page = text(client.get("/board-a/en/"))
    assert 'class="candour-header__logo" src="/board-a/branding/logo?v=' in page
    logo = client.get("/board-a/branding/logo")
    assert logo.status_code == 200
    assert logo.mimetype == "image/png"
    assert logo.data == png


def test_a_jpeg_logo_is_accepted(admin):
    jpeg = _image("JPEG")
    response = post(
        admin,
        URL,
        {**GOOD, "logo": (io.BytesIO(jpeg), "x.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert admin.get("/board-a/branding/logo").mimetype == "image/jpeg"


def test_a_logo_is_judged_by_its_content_not_its_name(admin, board):
    fake = b"<html><script>alert(1)</script></html>"
    response = post(
        admin,
        URL,
        {**GOOD, "logo": (io.BytesIO(fake), "logo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "The logo must be a PNG, JPEG or SVG image." in text(response)
    damaged = _image("PNG")[:40]
    response = post(
        admin,
        URL,
        {**GOOD, "logo": (io.BytesIO(damaged), "logo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "is damaged" in text(response)


def test_an_svg_logo_is_sanitised_before_it_is_stored(admin):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 10 10">'
        b'<script>alert(2)</script><rect width="10" height="10" fill="#036"/>'
        b'<foreignObject><body xmlns="http://www.w3.org/1999/xhtml">x</body></foreignObject></svg>'
    )
    response = post(
        admin,
        URL,
        {**GOOD, "logo": (io.BytesIO(svg), "logo.svg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    served = admin.get("/board-a/branding/logo")
    assert served.mimetype == "image/svg+xml"
    assert b"<rect" in served.data
    assert b"script" not in served.data and b"onload" not in served.data
    assert b"foreignObject" not in served.data
    assert "sandbox" in served.headers["Content-Security-Policy"]


def test_an_svg_with_entities_is_refused_with_the_reason(admin):
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    response = post(
        admin,
        URL,
        {**GOOD, "logo": (io.BytesIO(bomb), "logo.svg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "declares entities or a DTD" in text(response)


def test_the_preview_shows_the_family_page_with_unsaved_colours(admin, board):
    query = "primary_colour=%237a1f5c&primary_text_colour=%23ffffff&link_colour=%237a1f5c"
    page = text(admin.get(f"{URL}/preview?{query}"))
    assert "Preview of the branding: not saved" in page
    assert "/board-a/admin/branding/preview.css?" in page
    assert 'class="candour-document' in page or "candour-section" in page
    css = admin.get(f"{URL}/preview.css?{query}")
    assert css.mimetype == "text/css" and "#7a1f5c" in text(css)
    assert plugin_versions(board.app, board.tenant.id, "branding-default") == []


def test_the_preview_of_failing_colours_says_why(admin):
    page = text(
        admin.get(
            f"{URL}/preview?primary_colour=%23ffffff&primary_text_colour=%23ffffff&link_colour=%23000000"
        )
    )
    assert "has a contrast of 1.0:1" in page
    assert "preview.css" not in page


def test_the_branding_page_loads_its_live_contrast_check_from_a_file(admin, client):
    page = text(admin.get(URL))
    assert '<script src="/static/admin/admin.js' in page
    assert "<script>" not in page and " style=" not in page
    script = client.get("/static/admin/admin.js")
    assert script.status_code == 200
    script.close()


class HouseStyle:
    """A board's own branding plugin, with the same kind of settings as the default one."""

    @hookimpl
    def register_settings_schema(self):
        return SettingsSchema(
            (
                Setting("primary_colour", "colour", "#1d4f91", "Header colour"),
                Setting("primary_text_colour", "colour", "#ffffff", "Header text colour"),
                Setting("link_colour", "colour", "#1d4f91", "Link colour"),
                Setting("logo_url", "url", "", "Logo"),
                Setting("logo_alt", "str", "", "Logo description"),
            )
        )

    @hookimpl
    def branding(self, tenant, settings):
        return Branding(
            name=tenant.name,
            primary_colour=settings.get("primary_colour") or "#1d4f91",
            primary_text_colour=settings.get("primary_text_colour") or "#ffffff",
            link_colour=settings.get("link_colour") or "#1d4f91",
        )


HOUSE_STYLE = HouseStyle()


def _board_with(application, plugin: str) -> Any:
    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.platform.provisioning import create_tenant
    from core.plugins.models import PluginSetting

    with application.app_context():
        with db.all_tenants():
            tenant = create_tenant("board-h", "Board H", framework="lcspr-2023")
        user, _ = get_or_create_user("admin@h.example", DEFAULT_PASSWORD)
        with db.tenant_scope(tenant.id):
            grant_role(tenant, user, "board_admin")
            db.session.add(
                PluginSetting(
                    tenant_id=tenant.id, plugin=plugin, enabled=True, settings={}, version=1
                )
            )
        db.session.commit()
        return tenant


def test_branding_edits_go_to_the_branding_plugin_the_board_uses(app_with_plugins):
    application = app_with_plugins(("house-style", HOUSE_STYLE))
    tenant = _board_with(application, "house-style")
    admin = application.test_client()
    assert sign_in(admin, "board-h", "admin@h.example").status_code == 302
    response = post(admin, "/board-h/admin/branding", {**GOOD, "name": "Board H"})
    assert response.status_code == 302, text(response)[:3000]
    saved = plugin_versions(application, tenant.id, "house-style")
    assert saved[-1].settings["primary_colour"] == "#7a1f5c"
    assert plugin_versions(application, tenant.id, "branding-default") == []
    assert "#7a1f5c" in text(admin.get("/board-h/branding.css"))
