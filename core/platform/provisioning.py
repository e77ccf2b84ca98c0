"""Load boards from `tenants/<slug>/tenant.toml`, idempotently: the files say what a board should be,
and loading them twice changes nothing the second time."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.i18n import services as text_overrides
from core.plugins import get_host
from core.plugins import services as plugin_services
from core.tenancy.hosts import board_host_problem
from core.tenancy.models import JURISDICTIONS, RESERVED_SLUGS, Tenant, TenantHostname

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class ProvisioningError(ValueError):
    """A board's definition is not valid; the message says what to fix."""


def check_slug(slug: str) -> None:
    if not SLUG.match(slug):
        raise ProvisioningError(
            f"{slug!r} is not a valid board slug: use lower-case letters, digits and hyphens"
        )
    if slug in RESERVED_SLUGS:
        raise ProvisioningError(f"{slug!r} is reserved for the platform; choose another slug")


def pairing_problem(jurisdiction: str, framework: str) -> str | None:
    """Why a board in `jurisdiction` cannot run `framework`, from the framework's own declaration
    of where it applies (None: it can). Every way of creating or changing a board asks this."""
    if jurisdiction not in JURISDICTIONS:
        return f"jurisdiction must be one of {', '.join(JURISDICTIONS)}"
    found = get_host().frameworks.get(framework)
    if found is None:
        return f"no installed plugin provides framework {framework!r}"
    declared = found[1].jurisdictions
    if jurisdiction not in declared:
        fits = sorted(
            k for k, (_p, fw) in get_host().frameworks.items() if jurisdiction in fw.jurisdictions
        )
        where = ", ".join(declared) or "nowhere"
        offer = (
            f"; frameworks for {jurisdiction}: {', '.join(fits)}"
            if fits
            else (f"; no installed framework applies in {jurisdiction}")
        )
        return f"framework {framework!r} applies in {where}, not in {jurisdiction}{offer}"
    return None


def check_pairing(jurisdiction: str, framework: str) -> None:
    problem = pairing_problem(jurisdiction, framework)
    if problem:
        raise ProvisioningError(problem)


def create_tenant(slug: str, name: str, **fields: Any) -> Tenant:
    check_slug(slug)
    if not name.strip():
        raise ProvisioningError("a board needs a name")
    check_pairing(fields.get("jurisdiction", "england"), fields.get("framework", "lcspr-2023"))
    with db.all_tenants():
        if db.session.scalar(select(Tenant.id).where(Tenant.slug == slug)) is not None:
            raise ProvisioningError(f"a board with slug {slug!r} already exists")
    tenant = Tenant(slug=slug, name=name.strip(), **fields)
    db.session.add(tenant)
    db.session.flush()
    record("tenant.created", slug, {"name": name}, tenant_id=tenant.id)
    return tenant


def load_directory(directory: Path) -> list[tuple[str, bool]]:
    """Load every `*/tenant.toml` under `directory`; returns (slug, changed) for each."""
    results = []
    for path in sorted(directory.glob("*/tenant.toml")):
        results.append(load_file(path))
    return results


def load_file(path: Path) -> tuple[str, bool]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    slug = data.get("slug") or path.parent.name
    check_slug(slug)
    board = data.get("board", {})
    fields = _tenant_fields(board, slug)
    with db.all_tenants():
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
    created = tenant is None
    if tenant is None:
        with db.all_tenants():
            tenant = create_tenant(slug, fields.pop("name"), **fields)
        changed = True
    else:
        changed = _apply(tenant, fields)
    with db.tenant_scope(tenant.id):
        changed |= _sync_hostnames(tenant, data.get("hostnames", []))
        changed |= _sync_plugins(tenant, data.get("plugins", {}))
        changed |= _sync_overrides(tenant, data.get("overrides", {}))
        if changed and not created:
            tenant.content_version += 1
            record("tenant.provisioned", slug, {"source": path.name}, tenant_id=tenant.id)
    return slug, changed


def _tenant_fields(board: dict[str, Any], slug: str) -> dict[str, Any]:
    try:
        name = board["name"]
    except KeyError:
        raise ProvisioningError(f"tenants/{slug}/tenant.toml: [board] needs a name") from None
    jurisdiction = board.get("jurisdiction", "england")
    if jurisdiction not in JURISDICTIONS:
        raise ProvisioningError(f"{slug}: jurisdiction must be one of {', '.join(JURISDICTIONS)}")
    locales = list(board.get("locales", ["en"]))
    default_locale = board.get("default_locale", locales[0])
    if default_locale not in locales:
        raise ProvisioningError(f"{slug}: default_locale {default_locale!r} is not in locales")
    framework = board.get("framework", "lcspr-2023")
    problem = pairing_problem(jurisdiction, framework)
    if problem:
        raise ProvisioningError(f"{slug}: {problem}")
    contact = board.get("contact", {})
    role = contact.get("role", {})
    reviewed = board.get("accessibility_reviewed_on")
    if reviewed is not None and (
        not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime)
    ):
        raise ProvisioningError(f"{slug}: accessibility_reviewed_on must be a date like 2026-12-01")
    # Absent from the file: the date the board's admin set stays as it is.
    optional = {"accessibility_reviewed_on": reviewed} if reviewed is not None else {}
    return {
        **optional,
        "name": name,
        "names": dict(board.get("names", {})),
        "jurisdiction": jurisdiction,
        "framework": framework,
        "default_locale": default_locale,
        "locales": locales,
        "translation_checked": list(board.get("translation_checked", ["en"])),
        "contact_role": role if isinstance(role, dict) else {"en": role},
        "contact_phone": contact.get("phone", ""),
        "contact_email": contact.get("email", ""),
        "contact_address": contact.get("address", ""),
        "more_info_url": board.get("more_info_url", ""),
        "guidance_url": board.get("guidance_url", ""),
        "panel_agencies": list(board.get("panel_agencies", [])),
        "target_months": int(board.get("target_months", 6)),
        "contact_retention_days": int(board.get("contact_retention_days", 180)),
    }


def _apply(tenant: Tenant, fields: dict[str, Any]) -> bool:
    changed = False
    for key, value in fields.items():
        if getattr(tenant, key) != value:
            setattr(tenant, key, value)
            changed = True
    return changed


def _sync_hostnames(tenant: Tenant, hostnames: list[str]) -> bool:
    wanted = {h.lower().rstrip(".") for h in hostnames}
    for hostname in sorted(wanted):
        if problem := board_host_problem(hostname, current_app.config.get("PLATFORM_HOST")):
            raise ProvisioningError(problem)
    have = {h.hostname for h in tenant.hostnames}
    if wanted == have:
        return False
    with db.all_tenants():
        for hostname in wanted - have:
            owner = db.session.scalar(
                select(TenantHostname).where(TenantHostname.hostname == hostname)
            )
            if owner is not None and owner.tenant_id != tenant.id:
                raise ProvisioningError(f"host name {hostname} already belongs to another board")
    tenant.hostnames = [h for h in tenant.hostnames if h.hostname in wanted] + [
        TenantHostname(hostname=h) for h in sorted(wanted - have)
    ]
    return True


def _sync_plugins(tenant: Tenant, plugins: dict[str, Any]) -> bool:
    """Each plugin as the file states it, through the admin's own save path."""
    changed = False
    for name, spec in plugins.items():
        spec = dict(spec)
        enabled = bool(spec.pop("enabled", True))
        try:
            saved = plugin_services.provision(tenant, name, enabled=enabled, raw_settings=spec)
        except plugin_services.PluginAdminError as exc:
            raise ProvisioningError(f"{tenant.slug}: plugin {name!r}: {exc}") from None
        changed |= saved is not None
    return changed


def _sync_overrides(tenant: Tenant, overrides: dict[str, dict[str, str]]) -> bool:
    """The board's wording, through the admin's own save path (placeholders checked alike)."""
    changed = False
    for locale, messages in overrides.items():
        for msgid, msgstr in messages.items():
            try:
                changed |= text_overrides.save_override(tenant, locale, msgid, msgstr)
            except text_overrides.LanguageError as exc:
                raise ProvisioningError(
                    f"{tenant.slug}: override of {msgid[:60]!r} in {locale}: {exc}"
                ) from None
    return changed
