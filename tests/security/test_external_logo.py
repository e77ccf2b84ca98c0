"""A logo from another site is never put on a board's pages (issue 16, item 9): logos are uploaded
and served by us, and a branding plugin that offers an outside address has it left out."""

from __future__ import annotations

import pytest
from admin_support import text

from core import db
from core.plugin_api import Branding, hookimpl

OUTSIDE = "https://tracker.example/logo.png"


class OutsideLogo:
    def __init__(self, address: str) -> None:
        self.address = address

    @hookimpl
    def branding(self, tenant, settings):
        return Branding(
            name=tenant.name,
            primary_colour="#7a1f5c",  # shows that this plugin's branding is the one in use
            primary_text_colour="#ffffff",
            link_colour="#1d4f91",
            logo_url=self.address,
            logo_alt="Logo",
        )


def _public_board(application, plugin: str):
    from core.platform.provisioning import create_tenant
    from core.plugins.models import PluginSetting

    with application.app_context():
        with db.all_tenants():
            tenant = create_tenant(
                "board-l", "Board L", framework="lcspr-2023", contact_phone="01632 960 002"
            )
            tenant.status = "active"
        with db.tenant_scope(tenant.id):
            db.session.add(
                PluginSetting(
                    tenant_id=tenant.id, plugin=plugin, enabled=True, settings={}, version=1
                )
            )
        db.session.commit()
        return tenant


@pytest.mark.parametrize("address", [OUTSIDE, "//tracker.example/logo.png"])
def test_a_logo_from_another_site_is_left_out_of_the_family_page(app_with_plugins, address):
    application = app_with_plugins(("outside-logo", OutsideLogo(address)))
    _public_board(application, "outside-logo")
    client = application.test_client()
    page = client.get("/board-l/en/")
    assert page.status_code == 200
    assert "#7a1f5c" in text(client.get("/board-l/branding.css"))
    assert "tracker.example" not in text(page)
