"""What the operator does to boards: create, edit, suspend and restore, host names and storage.
All of it works across boards (scoping lifted explicitly) and all of it is audited."""

from __future__ import annotations

import re
from typing import Any

from flask import current_app
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.auth import memberships as people
from core.auth.readiness import SETTING_UP, missing, publish_if_ready
from core.field_errors import FieldErrors
from core.platform.provisioning import (
    ProvisioningError,
    check_slug,
    create_tenant,
    pairing_problem,
)
from core.plugins import get_host
from core.storage import stores
from core.tenancy.hosts import board_host_problem
from core.tenancy.models import JURISDICTIONS, Tenant, TenantHostname

HOSTNAME = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")
BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
PREFIX = re.compile(r"^[A-Za-z0-9!_.*'()/-]{0,200}$")
KMS_KEY = re.compile(r"^[A-Za-z0-9:/_+=,.@-]{1,2048}$")
SSE_CHOICES = ("AES256", "aws:kms")


class PlatformError(FieldErrors):
    """An operator's change refused."""


def tenants() -> list[Tenant]:
    with db.all_tenants():
        return list(db.session.scalars(select(Tenant).order_by(Tenant.slug)))


def get(slug: str) -> Tenant | None:
    with db.all_tenants():
        return db.session.scalar(select(Tenant).where(Tenant.slug == slug))


def _audit(action: str, tenant: Tenant, details: dict[str, Any]) -> None:
    with db.all_tenants():
        record(action, tenant.slug, details, tenant_id=tenant.id)


def _board_fields(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    name = str(data.get("name", "")).strip()
    if not name:
        errors["name"] = "Enter the board's name"
    elif len(name) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    jurisdiction = str(data.get("jurisdiction", ""))
    if jurisdiction not in JURISDICTIONS:
        errors["jurisdiction"] = "Choose where the board works"
    framework = str(data.get("framework", ""))
    if framework not in get_host().frameworks:
        errors["framework"] = "Choose a review framework an installed plugin provides"
    elif "jurisdiction" not in errors and (problem := pairing_problem(jurisdiction, framework)):
        errors["framework"] = f"This board cannot run this framework: {problem}."
    return {"name": name, "jurisdiction": jurisdiction, "framework": framework}, errors


def create(data: dict[str, Any]) -> Tenant:
    slug = str(data.get("slug", "")).strip().lower()
    fields, errors = _board_fields(data)
    try:
        check_slug(slug)
    except ProvisioningError as exc:
        errors["slug"] = str(exc)
    if errors:
        raise PlatformError(errors)
    try:
        with db.all_tenants():
            tenant = create_tenant(slug, fields.pop("name"), status=SETTING_UP, **fields)
            record(
                "platform.tenant_created",
                slug,
                {"framework": tenant.framework},
                tenant_id=tenant.id,
            )
    except ProvisioningError as exc:
        raise PlatformError({"slug": str(exc)}) from None
    return tenant


PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,38}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def contact_fields(data: dict[str, Any]) -> dict[str, str]:
    """The contact details families use, checked; PlatformError says what is wrong."""
    phone = " ".join(str(data.get("contact_phone", "")).split())
    email = str(data.get("contact_email", "")).strip()
    errors = {}
    if phone and not PHONE.match(phone):
        errors["contact_phone"] = "Enter a phone number like 0161 496 0000"
    if email and (len(email) > 200 or not EMAIL.match(email)):
        errors["contact_email"] = "Enter an email address like name@example.org"
    if errors:
        raise PlatformError(errors)
    return {"contact_phone": phone, "contact_email": email}


def set_contact(tenant: Tenant, data: dict[str, Any]) -> None:
    """The operator sets the board's contact details; a board being set up may go public."""
    fields = contact_fields(data)
    changed = sorted(k for k, v in fields.items() if getattr(tenant, k) != v)
    for key in changed:
        setattr(tenant, key, fields[key])
    if changed:
        tenant.content_version += 1
    _audit("platform.contact_set", tenant, {"changed": changed})
    publish_if_ready(tenant)


def invite_first_admin(tenant: Tenant, data: dict[str, Any]) -> str | None:
    """The operator gives a new board its first board admin; returns a new account's one-time
    password (to show once), or None when the person already had an account."""
    try:
        with db.tenant_scope(tenant.id):
            _membership, password = people.add(
                tenant,
                email=str(data.get("email", ""))[:254],
                name=str(data.get("name", ""))[:200],
                role="board_admin",
                require_two_factor=False,
            )
    except people.PeopleError as exc:
        raise PlatformError(exc.errors) from None
    return password


def update(tenant: Tenant, data: dict[str, Any]) -> None:
    fields, errors = _board_fields(data)
    if errors:
        raise PlatformError(errors)
    changed = {k: v for k, v in fields.items() if getattr(tenant, k) != v}
    for key, value in changed.items():
        setattr(tenant, key, value)
    if changed:
        tenant.content_version += 1
        get_host().invalidate(tenant.id)
    _audit("platform.tenant_updated", tenant, {"changed": sorted(changed)})


def set_status(tenant: Tenant, active: bool) -> None:
    """Suspend or restore; a restored board that is not ready goes back to being set up."""
    status = "suspended"
    if active:
        status = "active" if tenant.status == "active" or not missing(tenant) else SETTING_UP
    if tenant.status == status:
        return
    tenant.status = status
    tenant.content_version += 1
    _audit("platform.tenant_restored" if active else "platform.tenant_suspended", tenant, {})


def set_hostnames(tenant: Tenant, text: str) -> None:
    wanted = sorted({h.strip().lower().rstrip(".") for h in text.splitlines() if h.strip()})
    bad = [h for h in wanted if not HOSTNAME.match(h)]
    if bad:
        raise PlatformError({"hostnames": f"Not a host name: {', '.join(bad)[:200]}"})
    platform_host = current_app.config.get("PLATFORM_HOST")
    problems = [p for h in wanted if (p := board_host_problem(h, platform_host))]
    if problems:
        raise PlatformError({"hostnames": "; ".join(problems)[:300]})
    if len(wanted) > 20:
        raise PlatformError({"hostnames": "A board can have at most 20 host names"})
    with db.all_tenants():
        taken = db.session.scalars(
            select(TenantHostname.hostname).where(
                TenantHostname.hostname.in_(wanted), TenantHostname.tenant_id != tenant.id
            )
        ).all()
        if taken:
            raise PlatformError({"hostnames": f"Already another board's: {', '.join(taken)[:200]}"})
        before = [h.hostname for h in tenant.hostnames]
        keep = [h for h in tenant.hostnames if h.hostname in wanted]
        tenant.hostnames = keep + [
            TenantHostname(hostname=h) for h in wanted if h not in {k.hostname for k in keep}
        ]
        record(
            "platform.hostnames_set", tenant.slug, {"before": before, "after": wanted},
            tenant_id=tenant.id,
        )  # fmt: skip


def storage_backends() -> list[str]:
    return sorted(stores().factories)


def set_storage(tenant: Tenant, data: dict[str, Any]) -> None:
    backend = str(data.get("backend", "")).strip()
    bucket = str(data.get("bucket", "")).strip()
    prefix = str(data.get("prefix", "")).strip().strip("/")
    kms_key_id = str(data.get("kms_key_id", "")).strip()
    sse = str(data.get("sse", "")).strip()
    errors = {}
    if backend and backend not in stores().factories:
        errors["backend"] = "Choose an installed storage backend"
    if bucket and not BUCKET.match(bucket):
        errors["bucket"] = "A bucket name is 3 to 63 lower-case letters, digits, dots and hyphens"
    if not PREFIX.match(prefix) or ".." in prefix:
        errors["prefix"] = "A prefix uses letters, digits and / - _ . only"
    if sse and sse not in SSE_CHOICES:
        errors["sse"] = "Choose AES256 or aws:kms"
    if kms_key_id and not KMS_KEY.match(kms_key_id):
        errors["kms_key_id"] = "That is not a KMS key id or ARN"
    if sse == "aws:kms" and not kms_key_id:
        errors["kms_key_id"] = "Server-side encryption with KMS needs a key id"
    if kms_key_id and sse != "aws:kms":
        errors["sse"] = "A KMS key is used only with aws:kms encryption"
    if errors:
        raise PlatformError(errors)
    settings = {
        k: v
        for k, v in {
            "backend": backend, "bucket": bucket, "prefix": prefix, "kms_key_id": kms_key_id,
            "sse": sse,
        }.items()
        if v
    }  # fmt: skip
    before = dict(tenant.storage_settings or {})
    tenant.storage_settings = settings
    _audit("platform.storage_set", tenant, {"before": before, "after": settings})


def plugin_usage() -> list[dict[str, Any]]:
    host = get_host()
    boards = tenants()
    counts = {name: 0 for name in host.info}
    for tenant in boards:
        for name in host.for_tenant(tenant.id, tenant.content_version, tenant.slug).enabled:
            counts[name] = counts.get(name, 0) + 1
    return [
        {"info": info, "boards": counts.get(name, 0), "of": len(boards)}
        for name, info in sorted(host.info.items())
    ]
