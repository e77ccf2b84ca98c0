"""Provisioning from `tenants/*.toml` goes through the admin's own services: a file cannot skip a check
that a person at the admin's screens cannot."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.i18n.models import TextOverride
from core.platform.provisioning import ProvisioningError, load_directory
from core.plugins import get_host
from core.plugins.models import PluginSetting
from core.tenancy.models import Tenant


def _write(tmp_path, body: str):
    board = tmp_path / "board-p"
    board.mkdir(exist_ok=True)
    (board / "tenant.toml").write_text('[board]\nname = "P Board"\n' + body)


def _scoped(fn):
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == "board-p"))
    with db.tenant_scope(tenant.id):
        return fn(tenant)


def test_provisioning_refuses_an_override_that_breaks_a_placeholder(app, tmp_path):
    # The admin refuses this wording (tests/admin/test_languages.py); so does the file.
    _write(tmp_path, '[overrides.en]\n"Contact %(board)s" = "Contact us"\n')
    with app.app_context(), pytest.raises(ProvisioningError, match="placeholders"):
        load_directory(tmp_path)


def test_provisioning_refuses_an_override_of_a_message_the_catalogs_lack(app, tmp_path):
    _write(tmp_path, '[overrides.en]\n"No such message anywhere" = "Anything"\n')
    with app.app_context(), pytest.raises(ProvisioningError, match="no such message"):
        load_directory(tmp_path)


def test_provisioning_refuses_to_turn_off_the_boards_framework(app, tmp_path):
    with app.app_context():
        plugin = get_host(app).frameworks["lcspr-2023"][0]
    _write(tmp_path, f'framework = "lcspr-2023"\n[plugins.{plugin}]\nenabled = false\n')
    with app.app_context(), pytest.raises(ProvisioningError, match="review framework"):
        load_directory(tmp_path)


def test_provisioned_plugin_settings_are_audited_with_the_changed_keys(app, tmp_path):
    _write(tmp_path, '[plugins.branding-default]\nprimary_colour = "#112233"\n')
    with app.app_context():
        load_directory(tmp_path)
        _write(tmp_path, '[plugins.branding-default]\nprimary_colour = "#223344"\n')
        load_directory(tmp_path)

        def audited(tenant):
            return [
                (e.action, e.target, e.details["changed"])
                for e in db.session.scalars(
                    select(AuditEvent).where(AuditEvent.tenant_id == tenant.id)
                )
                if e.action.startswith("plugin.")
            ]

        assert ("plugin.provisioned", "branding-default", ["primary_colour"]) in _scoped(audited)


def test_loading_the_same_file_twice_saves_nothing_the_second_time(app, tmp_path):
    _write(
        tmp_path,
        '[plugins.branding-default]\nprimary_colour = "#112233"\n'
        '[overrides.en]\n"Contents" = "In this leaflet"\n',
    )
    with app.app_context():
        assert load_directory(tmp_path) == [("board-p", True)]
        assert load_directory(tmp_path) == [("board-p", False)]

        def rows(_tenant):
            settings = db.session.scalars(select(PluginSetting.version)).all()
            overrides = db.session.scalars(select(TextOverride.msgstr)).all()
            return settings, overrides

        assert _scoped(rows) == ([1], ["In this leaflet"])
