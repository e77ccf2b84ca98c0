"""Text overrides: a board's own wording over the catalogs, one message in one locale."""

from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantRecord


class TextOverride(TenantRecord, Base):
    """A board's own wording for one catalog message in one locale."""

    __tablename__ = "text_overrides"
    __table_args__ = (
        UniqueConstraint("tenant_id", "locale", "msgid", name="uq_text_overrides_message"),
    )

    locale: Mapped[str] = mapped_column(String(16))
    msgid: Mapped[str] = mapped_column(Text)
    msgstr: Mapped[str] = mapped_column(Text)
