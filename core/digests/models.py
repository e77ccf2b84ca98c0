"""Each person's choice of deadline digest: off, daily or weekly (platform-wide: one person, one
choice, whichever boards they work for)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, utcnow

FREQUENCIES = ("off", "daily", "weekly")
DEFAULT_FREQUENCY = "weekly"


class DigestPreference(Base):
    __tablename__ = "digest_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    frequency: Mapped[str] = mapped_column(String(10), default=DEFAULT_FREQUENCY)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
