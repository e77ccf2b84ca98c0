"""A board's choice and settings for one plugin, kept as numbered versions (the newest is current),
and the failures of its plugins."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantRecord
from core.tenancy.changes import quiet


class PluginSetting(TenantRecord, Base):
    """Version `version` of a board's settings for `plugin`. Saving writes a new version."""

    __tablename__ = "plugin_settings"
    __table_args__ = (
        UniqueConstraint("tenant_id", "plugin", "version", name="uq_plugin_settings_version"),
    )

    plugin: Mapped[str] = mapped_column(String(100))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


@quiet
class PluginFailure(TenantRecord, Base):
    """One time a plugin raised in a hook for this board (the newest few are kept)."""

    __tablename__ = "plugin_failures"

    plugin: Mapped[str] = mapped_column(String(100))
    hook: Mapped[str] = mapped_column(String(100))
    error: Mapped[str] = mapped_column(String(500))
