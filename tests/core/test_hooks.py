"""Each start-up and page hook, proven end to end through a probe plugin enabled for one board."""

from __future__ import annotations

import threading
from collections.abc import Callable

import probe_plugin
import pytest
from flask import Flask
from sqlalchemy import select

from core import db
from core.plugins import get_host
from core.plugins.models import PluginFailure, PluginSetting
from core.tenancy.models import Tenant
from core.testing import make_test_app


@pytest.fixture
def probe(app_with_plugins: Callable[..., Flask]) -> Flask:
    """The probe app, inside this test's rolled-back transaction."""
    return app_with_plugins(("probe", probe_plugin))


def _board(app: Flask, slug: str, enable: bool, **settings) -> Tenant:
    from core.platform.provisioning import create_tenant

    with app.app_context():
        with db.all_tenants():
            tenant = create_tenant(
                slug, f"{slug.title()} Board", framework="lcspr-2023", locales=["en", "so"]
            )
        with db.tenant_scope(tenant.id):
            db.session.add(
                PluginSetting(
                    tenant_id=tenant.id,
                    plugin="probe",
                    enabled=enable,
                    settings=settings,
                    version=1,
                )
            )
        db.session.commit()
        return tenant


def test_app_created_runs_once_at_start_up_and_can_add_routes(probe):
    assert probe.name in probe_plugin.STARTED
    assert probe.test_client().get("/probe-plugin").get_data(as_text=True) == "probe ok"


def test_plugin_default_enabled_false_keeps_a_plugin_off_until_a_board_chooses(probe):
    from core.platform.provisioning import create_tenant

    with probe.app_context():
        with db.all_tenants():
            tenant = create_tenant("quiet", "Quiet Board")
        db.session.commit()
        assert not get_host().for_tenant(tenant.id, 1, "quiet").is_enabled("probe")
        assert get_host().for_tenant(tenant.id, 1, "quiet").is_enabled("branding-default")


def test_register_settings_schema_defaults_reach_the_hooks(probe):
    _board(probe, "on", True)
    with probe.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "on"))
        settings = get_host().for_tenant(tenant.id, tenant.content_version).settings["probe"]
    assert settings == {"header_colour": "#0b0c0c", "header_text": "#ffffff", "fail_render": False}


def test_branding_hook_from_an_enabled_plugin_wins(probe):
    _board(probe, "on", True, header_colour="#00703c")
    _board(probe, "off", False, header_colour="#00703c")
    client = probe.test_client()
    assert "#00703c" in client.get("/on/branding.css").get_data(as_text=True)
    assert "#00703c" not in client.get("/off/branding.css").get_data(as_text=True)


def test_branding_with_too_little_contrast_is_refused(probe, caplog):
    _board(probe, "on", True, header_colour="#ffff00", header_text="#ffffff")
    css = probe.test_client().get("/on/branding.css").get_data(as_text=True)
    assert "#ffff00" not in css
    assert "#1d4f91" in css
    assert any("contrast" in r.getMessage() for r in caplog.records)


def test_register_template_folders_and_register_static_folders_are_served(probe):
    with probe.test_request_context():
        from flask import render_template

        assert "From the probe template" in render_template("probe/fragment.html")
    with probe.test_client().get("/static/plugins/probe/probe.css") as response:
        assert response.status_code == 200
        assert b".probe" in response.data


def test_register_translations_adds_somali_for_one_board_only(probe):
    _board(probe, "on", True)
    _board(probe, "off", False)
    client = probe.test_client()
    page = client.get("/on/so/").get_data(as_text=True)
    assert '<html lang="so"' in page
    assert "U gudub nuxurka ugu muhiimsan" in page  # "Skip to main content" in Somali
    assert "Soomaali" in client.get("/on/en/").get_data(as_text=True)
    # The other board lists Somali too, but without the plugin it is not offered.
    # A link in Somali still leads somewhere: a page (noindex) pointing to the languages on offer.
    not_offered = client.get("/off/so/")
    assert not_offered.status_code == 200
    assert not_offered.headers["X-Robots-Tag"] == "noindex"
    assert 'href="/off/en/"' in not_offered.get_data(as_text=True)
    assert "Soomaali" not in client.get("/off/en/").get_data(as_text=True)


def test_register_frameworks_lets_a_plugin_add_a_framework(probe):
    _board(probe, "on", True)
    with probe.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "on"))
        tenant.framework = "probe-sar"
        db.session.commit()
    page = probe.test_client().get("/on/en/").get_data(as_text=True)
    assert "Safeguarding Adults Review: information" in page


def test_register_formats_lists_renders_once_and_caches(probe):
    _board(probe, "on", True)
    _board(probe, "off", False)
    client = probe.test_client()
    listing = client.get("/on/en/formats/").get_data(as_text=True)
    assert "/on/en/formats/probe-format" in listing
    assert "/off/en/formats/probe-format" not in client.get("/off/en/formats/").get_data(
        as_text=True
    )
    assert client.get("/off/en/formats/probe-format").status_code == 404

    before = len(probe_plugin.RENDERS)
    from core.formats import service

    with probe.app_context():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "on"))
        item = service.find(tenant, "en", "probe-format")
        service.cache_key(tenant, "en", item)  # warm the board's caches: threads need no database
    barrier = threading.Barrier(4)
    results = []

    def render() -> None:
        with probe.app_context():
            barrier.wait()
            results.append(service.render(tenant, "en", item))

    threads = [threading.Thread(target=render) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.sha256 for r in results}) == 1 and len(results) == 4
    assert len(probe_plugin.RENDERS) - before == 1, "concurrent first requests must render once"
    with client.get("/on/en/formats/probe-format") as response:
        assert response.data.startswith(b"PROBE ")
        assert "On Board" in response.headers["Content-Disposition"]
    assert len(probe_plugin.RENDERS) - before == 1, "a second request is a file read"
    # Once rendered, the listing shows its size.
    assert "KB" in client.get("/on/en/formats/").get_data(as_text=True)


def test_register_formats_failure_keeps_the_page_and_offers_to_ask(probe):
    _board(probe, "on", True, fail_render=True)
    client = probe.test_client()
    assert client.get("/on/en/formats/").status_code == 200
    response = client.get("/on/en/formats/probe-format")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "/on/en/contact?kind=format&amp;format=probe-format" in page
    with probe.app_context(), db.all_tenants():
        failures = db.session.scalars(select(PluginFailure)).all()
    assert any(f.plugin == "probe" and f.hook == "render" for f in failures)


def test_register_storage_backends_lets_a_plugin_provide_storage(migrated_database):
    app = make_test_app(
        migrated_database, EXTRA_PLUGINS=[("probe", probe_plugin)], STORAGE="memory-probe"
    )
    from probe_plugin.memory_storage import MemoryStorage

    from core.storage import stores

    with app.app_context():
        store = stores().for_tenant(type("T", (), {"slug": "board-x"})())
        assert isinstance(store, MemoryStorage)
        assert store.prefix == "tenants/board-x"
        store.put("a/b.txt", b"hello", "text/plain")
        assert store.get("a/b.txt") == b"hello"
    db.get_database(app).engine.dispose()


def test_unknown_storage_backend_stops_start_up(migrated_database):
    from core.storage import StorageConfigError

    with pytest.raises(StorageConfigError, match="nowhere"):
        make_test_app(migrated_database, STORAGE="nowhere")
