"""The board (tenant) and the host names it owns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from core.db import Base, created_at, intpk, utcnow

JURISDICTIONS = ("england", "wales", "scotland", "northern-ireland")
STATUSES = ("active", "suspended", "setup")  # setup: being set up, not yet public
RESERVED_SLUGS = frozenset(
    {
        "platform", "api", "static", "healthz", "readyz", "metrics", "admin", "login", "logout",
        "assets", "favicon.ico", "robots.txt", "fonts", "plugins", "www", "reviews", "reports",
        "formats", "contact", "accessibility", "docs", "well-known", ".well-known", "status",
    }
)  # fmt: skip


class Tenant(Base):
    """A safeguarding board. Not tenant-owned itself: it is what everything else is owned by."""

    __tablename__ = "tenants"

    id: Mapped[intpk]
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    names: Mapped[dict[str, Any]] = mapped_column(default=dict)  # locale -> name in that language
    jurisdiction: Mapped[str] = mapped_column(String(40), default="england")
    framework: Mapped[str] = mapped_column(String(63), default="lcspr-2023")
    default_locale: Mapped[str] = mapped_column(String(16), default="en")
    locales: Mapped[list[str]] = mapped_column(default=lambda: ["en"])
    translation_checked: Mapped[list[str]] = mapped_column(default=lambda: ["en"])
    contact_role: Mapped[dict[str, Any]] = mapped_column(default=dict)  # locale -> role
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    contact_address: Mapped[str] = mapped_column(Text, default="")
    more_info_url: Mapped[str] = mapped_column(String(500), default="")
    guidance_url: Mapped[str] = mapped_column(String(500), default="")
    panel_agencies: Mapped[list[str]] = mapped_column(default=list)
    target_months: Mapped[int] = mapped_column(Integer, default=6)
    contact_retention_days: Mapped[int] = mapped_column(Integer, default=180)
    status: Mapped[str] = mapped_column(String(20), default="active")
    # Bumped whenever anything a family sees changes (text overrides, branding, plugins): cache key.
    content_version: Mapped[int] = mapped_column(Integer, default=1)
    # Set by the operator: backend, bucket, prefix, kms_key_id, sse (core/storage.py reads it).
    storage_settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    require_two_factor: Mapped[bool] = mapped_column(Boolean, default=False)
    logo_key: Mapped[str] = mapped_column(String(300), default="")  # in the board's storage
    # When the board last reviewed its accessibility statement (set by its admin); None: not yet.
    accessibility_reviewed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    created_at: Mapped[created_at]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    hostnames: Mapped[list[TenantHostname]] = relationship(
        back_populates="tenant", cascade="all, delete-orphan", order_by="TenantHostname.hostname"
    )

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def is_public(self) -> bool:
        """Families see its pages (a board being set up answers them with 404)."""
        return self.status == "active"

    def name_in(self, locale: str) -> str:
        return str(self.names.get(locale) or self.name)

    def contact_role_in(self, locale: str) -> str:
        return str(
            self.contact_role.get(locale)
            or self.contact_role.get(self.default_locale)
            or self.contact_role.get("en")
            or ""
        )

    def __repr__(self) -> str:
        return f"<Tenant {self.slug}>"


class TenantHostname(Base):
    """A host name a board owns; its pages are served there without the `/<slug>` prefix."""

    __tablename__ = "tenant_hostnames"

    id: Mapped[intpk]
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    hostname: Mapped[str] = mapped_column(String(253), unique=True)

    tenant: Mapped[Tenant] = relationship(back_populates="hostnames")


class BoardVersion(Base):
    """How many times a board's records have changed: a counter that every transaction changing
    them raises as its last statement (`core.tenancy.changes`), so a page worked out from them can
    be kept for as long as the counter (and the day) stays the same. No row yet: never changed."""

    __tablename__ = "board_versions"

    tenant_id: Mapped[int] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger, default=0)


# Read with the board itself, in the same statement: 0 for a board whose records never changed.
Tenant.records_version = column_property(
    func.coalesce(
        select(BoardVersion.version)
        .where(BoardVersion.tenant_id == Tenant.id)
        .correlate_except(BoardVersion)
        .scalar_subquery(),
        0,
    )
)


def records_version(tenant: Tenant) -> int:
    """The board's records version as it was read with the board (see `core.tenancy.changes`)."""
    return int(tenant.records_version)  # type: ignore[attr-defined]
