"""The requests families send: another format, to give their views, or a question."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.crypto import EncryptedText
from core.db import Base, TenantOwned, created_at, intpk

REQUEST_KINDS = ("format", "views", "question")


class ContactRequest(TenantOwned, Base):
    """A family's request: another format, to give their views, or a question. Personal data encrypted."""

    __tablename__ = "contact_requests"
    __table_args__ = (Index("ix_contact_requests_tenant_created", "tenant_id", "created_at"),)

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(String(20))
    # What the family quotes when they phone or write again (core/family/inbox.py).
    reference: Mapped[str] = mapped_column(String(12), default="", index=True)
    locale: Mapped[str] = mapped_column(String(16))
    format_key: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(EncryptedText(), default="")
    contact: Mapped[str] = mapped_column(EncryptedText(), default="")
    message: Mapped[str] = mapped_column(EncryptedText(), default="")
    # The family ticked "you may email me": only then is anything sent to the address they gave.
    email_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[created_at]
    delete_after: Mapped[dt.datetime]
    handled_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    handled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
