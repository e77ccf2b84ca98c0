"""A board's plugins: enable or disable, settings saved as numbered versions, compared and rolled
back. Every save writes a new version (old ones are kept) and bumps the board's content version so
cached pages and plugin views refresh."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.field_errors import FieldErrors
from core.plugins import PluginInfo, get_host, tenant_plugins
from core.plugins.models import PluginSetting
from core.plugins.settings import SettingsError, validate_settings
from core.tenancy.models import Tenant


class PluginAdminError(FieldErrors):
    """A plugin change was refused; `errors` maps fields (or "plugin") to the reason."""

    names_fields = True


@dataclass(frozen=True)
class PluginRow:
    info: PluginInfo
    enabled: bool
    version: int  # 0: never saved for this board (the plugin's defaults apply)
    settings: dict[str, Any]


def plugin_info(name: str) -> PluginInfo | None:
    return get_host().info.get(name)


def versions(name: str) -> list[PluginSetting]:
    """Every saved version of this board's settings for `name`, newest first."""
    return list(
        db.session.scalars(
            select(PluginSetting)
            .where(PluginSetting.plugin == name)
            .order_by(PluginSetting.version.desc())
        )
    )


def current(name: str) -> PluginSetting | None:
    """The board's newest saved version for `name` (None: never saved, the defaults apply)."""
    return db.session.scalar(
        select(PluginSetting)
        .where(PluginSetting.plugin == name)
        .order_by(PluginSetting.version.desc())
        .limit(1)
    )


def rows(tenant: Tenant) -> list[PluginRow]:
    tp = tenant_plugins(tenant)
    saved = {s.plugin: s for s in _latest_each()}
    return [
        PluginRow(
            info=info,
            enabled=tp.is_enabled(name),
            version=saved[name].version if name in saved else 0,
            settings=tp.settings.get(name, {}),
        )
        for name, info in sorted(get_host().info.items())
    ]


def _latest_each() -> list[PluginSetting]:
    latest: dict[str, PluginSetting] = {}
    for row in db.session.scalars(select(PluginSetting).order_by(PluginSetting.version)):
        latest[row.plugin] = row
    return list(latest.values())


def effective_settings(tenant: Tenant, name: str) -> dict[str, Any]:
    return dict(tenant_plugins(tenant).settings.get(name, {}))


def _refuse_disabling(tenant: Tenant, name: str) -> None:
    framework = get_host().frameworks.get(tenant.framework)
    if framework is not None and framework[0] == name:
        raise PluginAdminError(
            {
                "plugin": "This plugin provides the board's review framework; it cannot be turned off."
            }
        )


def save(
    tenant: Tenant,
    name: str,
    *,
    enabled: bool,
    raw_settings: dict[str, Any] | None,
    actor: Any,
    action: str = "plugin.saved",
    details: dict[str, Any] | None = None,
) -> PluginSetting:
    """Write version n+1 of the board's choice for `name`. `raw_settings` None keeps the current.

    The one save path for plugin settings: the admin's screens, rollback, branding and provisioning
    from `tenants/*.toml` all come through here, so each is refused and audited alike."""
    settings = _checked(tenant, name, enabled, raw_settings)
    before = current(name)
    row = PluginSetting(
        tenant_id=tenant.id,
        plugin=name,
        enabled=enabled,
        settings=settings,
        version=(before.version + 1) if before else 1,
        updated_by_id=getattr(actor, "id", None),
    )
    db.session.add(row)
    changed = sorted(
        k for k in settings if (before.settings if before else {}).get(k) != settings[k]
    )
    record(
        action,
        name,
        {
            "version": row.version,
            "enabled": enabled,
            "was_enabled": tenant_plugins(tenant).is_enabled(name),
            "changed": changed,
            **(details or {}),
        },
    )
    touch(tenant)
    return row


def provision(
    tenant: Tenant, name: str, *, enabled: bool, raw_settings: dict[str, Any]
) -> PluginSetting | None:
    """What a provisioning file says of `name`, saved through `save` — unless it is already the
    board's current version, so that loading a file twice changes nothing the second time."""
    settings = _checked(tenant, name, enabled, raw_settings)
    before = current(name)
    if before is not None and before.enabled == enabled and before.settings == settings:
        return None
    return save(
        tenant,
        name,
        enabled=enabled,
        raw_settings=raw_settings,
        actor=None,
        action="plugin.provisioned",
    )


def _checked(
    tenant: Tenant, name: str, enabled: bool, raw_settings: dict[str, Any] | None
) -> dict[str, Any]:
    """The settings to save, or `PluginAdminError` saying why the change is refused."""
    info = plugin_info(name)
    if info is None:
        raise PluginAdminError({"plugin": f"No plugin called {name!r} is installed."})
    if not enabled:
        _refuse_disabling(tenant, name)
    if raw_settings is None:
        return effective_settings(tenant, name) if info.settings_schema else {}
    try:
        return validate_settings(info.settings_schema, raw_settings)
    except SettingsError as exc:
        raise PluginAdminError(exc.errors) from None


def rollback(tenant: Tenant, name: str, version: int, actor: Any) -> PluginSetting:
    """Make an old version current again, as a new version (history is never rewritten)."""
    old = next((v for v in versions(name) if v.version == version), None)
    if old is None:
        raise PluginAdminError({"version": f"There is no version {version} of {name}."})
    return save(
        tenant,
        name,
        enabled=old.enabled,
        raw_settings=dict(old.settings),
        actor=actor,
        action="plugin.rolled_back",
        details={"to_version": version},
    )


def compare(a: PluginSetting, b: PluginSetting) -> list[tuple[str, Any, Any, bool]]:
    """(setting, value in a, value in b, differs) for the union of both versions' settings."""
    keys = ["(enabled)", *sorted(set(a.settings) | set(b.settings))]
    out = []
    for key in keys:
        va = a.enabled if key == "(enabled)" else a.settings.get(key)
        vb = b.enabled if key == "(enabled)" else b.settings.get(key)
        out.append((key, va, vb, va != vb))
    return out


def touch(tenant: Tenant) -> None:
    """Something a family sees has changed: new content version, fresh plugin view and caches."""
    tenant.content_version += 1
    db.session.flush()
    get_host().invalidate(tenant.id)
