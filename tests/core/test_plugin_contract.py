"""The plugin contract: entry points, per-board enabling, settings, and failures that stay contained."""

from __future__ import annotations

import importlib.metadata
import types

import pytest
from sqlalchemy import select

from core import db
from core.plugin_api import PageFragment, Setting, SettingsSchema, hookimpl
from core.plugins import BUILTIN_PLUGINS, get_host
from core.plugins.models import PluginSetting
from core.plugins.settings import SettingsError, validate_settings


def _enable(in_app, tenant, plugin, enabled=True, **settings):
    def save():
        with db.tenant_scope(tenant.id):
            db.session.add(
                PluginSetting(
                    tenant_id=tenant.id,
                    plugin=plugin,
                    enabled=enabled,
                    settings=settings,
                    version=1,
                )
            )
            from core.tenancy.models import Tenant

            row = db.session.get(Tenant, tenant.id)
            row.content_version += 1

    in_app(save)


def test_every_builtin_plugin_is_loaded_through_its_entry_point(app):
    entry_points = {ep.name: ep for ep in importlib.metadata.entry_points(group="candour.plugins")}
    host = get_host(app)
    for name in BUILTIN_PLUGINS:
        assert name in entry_points, f"{name} has no candour.plugins entry point"
        assert name in host.info, f"{name} was not loaded"
        assert host.info[name].builtin
        assert host.info[name].module == entry_points[name].value


def test_core_never_imports_plugins():
    import pathlib
    import re

    core = pathlib.Path(__file__).resolve().parents[2] / "core"
    pattern = re.compile(r"^\s*(from|import)\s+plugins\b", re.MULTILINE)
    offenders = [str(p) for p in core.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_third_party_plugin_changes_one_boards_pages_only(client, in_app, make_tenant):
    """The notice-banner package in tests/plugins is pip-installed and found by entry point."""
    assert "notice-banner" in {
        ep.name for ep in importlib.metadata.entry_points(group="candour.plugins")
    }
    a, _b = make_tenant("board-a"), make_tenant("board-b")
    _enable(in_app, a, "notice-banner", message="Closed on Friday for training.")
    page_a = client.get("/board-a/en/").get_data(as_text=True)
    page_b = client.get("/board-b/en/").get_data(as_text=True)
    assert "Closed on Friday for training." in page_a
    assert 'data-plugin="notice-banner"' not in page_b


def test_disabling_a_plugin_takes_effect_at_once(client, in_app, make_tenant):
    a = make_tenant("board-a")
    _enable(in_app, a, "notice-banner", message="Hello families.")
    assert "Hello families." in client.get("/board-a/en/").get_data(as_text=True)

    def disable():
        with db.tenant_scope(a.id):
            db.session.add(
                PluginSetting(
                    tenant_id=a.id, plugin="notice-banner", enabled=False, settings={}, version=2
                )
            )
            from core.tenancy.models import Tenant

            db.session.get(Tenant, a.id).content_version += 1

    in_app(disable)
    assert "Hello families." not in client.get("/board-a/en/").get_data(as_text=True)


def _raising_plugin():
    module = types.ModuleType("raising_plugin")
    module.__doc__ = "A plugin that fails in every optional hook."

    @hookimpl
    def page_fragments(tenant, locale, page):
        raise RuntimeError("fragment boom")

    @hookimpl(tryfirst=True)
    def branding(tenant):
        raise RuntimeError("branding boom")

    module.page_fragments = page_fragments
    module.branding = branding
    return module


RAISING = _raising_plugin()


def test_a_plugin_that_raises_does_not_break_the_page(app_with_plugins, caplog):
    from core.platform.provisioning import create_tenant
    from core.plugins.models import PluginFailure

    app = app_with_plugins(("raising", RAISING))
    with app.app_context():
        with db.all_tenants():
            tenant = create_tenant("board-a", "Alpha Safeguarding Board", framework="lcspr-2023")
        db.session.commit()
    response = app.test_client().get("/board-a/en/")
    assert response.status_code == 200
    assert "Alpha Safeguarding Board" in response.get_data(as_text=True)
    with app.app_context(), db.all_tenants():
        failures = list(db.session.scalars(select(PluginFailure)))
    assert {(f.plugin, f.hook) for f in failures} >= {
        ("raising", "page_fragments"),
        ("raising", "branding"),
    }
    assert all(f.tenant_id == tenant.id for f in failures)
    assert any("raising" in r.getMessage() and "board-a" in r.getMessage() for r in caplog.records)


def test_plugin_settings_are_validated_against_the_schema():
    schema = SettingsSchema(
        (
            Setting("colour", "colour", "#1d4f91"),
            Setting("count", "int", 3, min=1, max=10),
            Setting("mode", "choice", "a", choices=("a", "b")),
            Setting("note", "str", "", validate=lambda v: "too long" if len(v) > 5 else None),
        )
    )
    assert validate_settings(schema, {"count": "4"}) == {
        "colour": "#1d4f91",
        "count": 4,
        "mode": "a",
        "note": "",
    }
    with pytest.raises(SettingsError) as caught:
        validate_settings(
            schema, {"colour": "blue", "count": 99, "mode": "c", "note": "far too long", "extra": 1}
        )
    assert set(caught.value.errors) == {"colour", "count", "mode", "note", "extra"}


def test_provisioning_refuses_invalid_plugin_settings(app, tmp_path):
    from core.platform.provisioning import ProvisioningError, load_directory

    board = tmp_path / "board-x"
    board.mkdir()
    (board / "tenant.toml").write_text(
        '[board]\nname = "X Board"\n[plugins.branding-default]\nprimary_colour = "not a colour"\n'
    )
    with app.app_context(), pytest.raises((SettingsError, ProvisioningError)):
        load_directory(tmp_path)


def test_tenant_hook_callers_are_cached_per_settings_version(app, in_app, make_tenant):
    a = make_tenant("board-a")
    host = get_host(app)
    with app.app_context():
        first = host.for_tenant(a.id, 1, "board-a")
        assert host.for_tenant(a.id, 1, "board-a") is first
        assert first._caller("page_fragments") is first._caller("page_fragments")
        assert host.for_tenant(a.id, 2, "board-a") is not first


def test_page_fragments_hook_adds_to_named_slots(client, in_app, make_tenant):
    a = make_tenant("board-a")
    _enable(in_app, a, "notice-banner", message="Slot check.")
    page = client.get("/board-a/en/").get_data(as_text=True)
    assert page.index("Slot check.") < page.index('id="main-content"')


def test_page_fragment_is_a_dataclass_plugins_can_build():
    fragment = PageFragment("footer", "<p>x</p>")
    assert fragment.slot == "footer"


def test_plugins_list_command_shows_versions_hooks_and_boards(app, make_tenant, in_app):
    a = make_tenant("board-a")
    _enable(in_app, a, "notice-banner")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["plugins", "list"])
    assert result.exit_code == 0, result.output
    assert "notice-banner 0.3.1 (candour-notice-banner)" in result.output
    assert (
        "hooks: page_fragments, plugin_default_enabled, register_settings_schema" in result.output
    )
    section = result.output.split("notice-banner 0.3.1")[1].split("\n\n")[0]
    assert "enabled for: board-a" in section


def test_plugin_settings_rows_are_versioned(app, in_app, make_tenant):
    a = make_tenant("board-a")
    _enable(in_app, a, "notice-banner", message="one")
    with app.app_context(), db.tenant_scope(a.id):
        rows = db.session.scalars(select(PluginSetting)).all()
        assert [(r.plugin, r.version) for r in rows] == [("notice-banner", 1)]
