"""A letter to one family member, waiting to be (or already) printed and posted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantOwned, created_at, intpk


class FamilyLetter(TenantOwned, Base):
    """Rendered in the worker (`state`: rendering, ready or failed); `posted_on` once staff post it.

    Its text is the notice's own (no child's or family member's name); the member is linked by id.
    """

    __tablename__ = "family_letters"
    __table_args__ = (UniqueConstraint("tenant_id", "dedupe_key", name="uq_family_letters_dedupe"),)

    id: Mapped[intpk]
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    family_member_id: Mapped[int] = mapped_column(
        ForeignKey("review_family_members.id", ondelete="CASCADE")
    )
    template: Mapped[str] = mapped_column(String(80))
    subject_ref: Mapped[str] = mapped_column(String(120))
    dedupe_key: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(16))
    format_key: Mapped[str] = mapped_column(String(40), default="pdf")
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="rendering")
    storage_key: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[created_at]
    rendered_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    posted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    posted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
