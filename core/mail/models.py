"""The outbox: every message the platform must send, written in the transaction of the change that
causes it and delivered by the worker. The recipient's address is encrypted; the message itself
carries no personal details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.crypto import EncryptedText
from core.db import Base, TenantOwned, created_at, intpk
from core.tenancy.changes import quiet


@quiet
class OutboxMessage(TenantOwned, Base):
    """One message to one recipient, rendered when it was queued, sent at most once."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        UniqueConstraint("tenant_id", "dedupe_key", name="uq_outbox_messages_dedupe"),
        Index("ix_outbox_messages_unsent", "sent_at", "created_at"),
    )

    id: Mapped[intpk]
    template: Mapped[str] = mapped_column(String(80))
    locale: Mapped[str] = mapped_column(String(16), default="en")
    # What the message is about, for staff and for promises kept ("contact_request:12").
    subject_ref: Mapped[str] = mapped_column(String(120), default="")
    dedupe_key: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(EncryptedText())
    subject: Mapped[str] = mapped_column(Text)
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[created_at]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
