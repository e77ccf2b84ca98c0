"""Board admins enable plugins and change their settings; every save is a new version that can be
compared with another and rolled back to; every change is audited."""

from __future__ import annotations

from admin_support import audit_actions, plugin_versions, post, text
from markupsafe import escape

URL = "/board-a/admin/plugins"


def _enabled(app, tenant) -> frozenset[str]:
    from core import db
    from core.plugins import tenant_plugins
    from core.tenancy.models import Tenant

    with app.app_context():
        fresh = db.session.get(Tenant, tenant.id)
        return tenant_plugins(fresh).enabled


def test_the_plugin_list_shows_every_installed_plugin_with_version_and_description(admin, app):
    from core.plugins import get_host

    page = text(admin.get(URL))
    for name, info in get_host(app).info.items():
        assert f'id="plugin-{name}"' in page
        if info.description:
            assert str(escape(info.description)) in page


def test_disabling_and_enabling_a_format_writes_versions_and_audits(admin, board):
    app, tenant = board.app, board.tenant
    assert "audio" in _enabled(app, tenant)
    response = post(admin, f"{URL}/audio", {})  # no "enabled": off
    assert response.status_code == 302
    assert "audio" not in _enabled(app, tenant)
    post(admin, f"{URL}/audio", {"enabled": "on"})
    assert "audio" in _enabled(app, tenant)
    versions = plugin_versions(app, tenant.id, "audio")
    assert [(v.version, v.enabled) for v in versions] == [(1, False), (2, True)]
    assert audit_actions(app, tenant.id).count("plugin.saved") == 2


def test_settings_are_validated_and_every_refusal_names_the_field(admin, board):
    response = post(
        admin,
        f"{URL}/branding-default",
        {"enabled": "on", "s_primary_colour": "red", "s_logo_url": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    page = text(response)
    assert "must be a colour like #1d4f91" in page
    assert "must be a web address" in page
    assert plugin_versions(board.app, board.tenant.id, "branding-default") == []


def test_settings_versions_can_be_compared_and_rolled_back(admin, board):
    app, tenant = board.app, board.tenant
    base = {"enabled": "on", "s_primary_text_colour": "#ffffff", "s_link_colour": "#1d4f91"}
    post(admin, f"{URL}/branding-default", {**base, "s_primary_colour": "#003366"})
    post(admin, f"{URL}/branding-default", {**base, "s_primary_colour": "#5c2d91"})
    compare = admin.get(f"{URL}/branding-default/compare?a=1&b=2")
    assert compare.status_code == 200
    assert "#003366" in text(compare) and "#5c2d91" in text(compare)
    assert "changed" in text(compare)

    response = post(
        admin,
        f"{URL}/branding-default/rollback",
        {"version": "1"},
        form_url=f"{URL}/branding-default",
    )
    assert response.status_code == 302
    versions = plugin_versions(app, tenant.id, "branding-default")
    assert [v.version for v in versions] == [1, 2, 3]
    assert versions[-1].settings["primary_colour"] == "#003366"
    assert "plugin.rolled_back" in audit_actions(app, tenant.id)
    css = text(admin.get("/board-a/branding.css"))
    assert "#003366" in css


def test_rolling_back_to_a_version_that_does_not_exist_says_so(admin):
    response = post(admin, f"{URL}/audio/rollback", {"version": "7"}, form_url=f"{URL}/audio")
    assert response.status_code == 400
    assert "There is no version 7" in text(response)


def test_the_boards_framework_plugin_cannot_be_turned_off(admin, board):
    response = post(admin, f"{URL}/lcspr-2023", {})
    assert response.status_code == 400
    assert "provides the board&#39;s review framework" in text(response)
    assert "lcspr-2023" in _enabled(board.app, board.tenant)


def test_an_unknown_plugin_is_a_404(admin):
    assert admin.get(f"{URL}/no-such-plugin").status_code == 404


def test_a_logo_from_another_site_is_refused(admin, board):
    for address in ("https://tracker.example/logo.png", "//tracker.example/logo.png"):
        response = post(admin, f"{URL}/branding-default", {"enabled": "on", "s_logo_url": address})
        assert response.status_code == 400
        assert "not another site" in text(response)
    assert plugin_versions(board.app, board.tenant.id, "branding-default") == []
