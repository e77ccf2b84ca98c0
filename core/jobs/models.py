"""Failed background jobs, kept so the operator can see them (count, last error) and retry them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, intpk


class JobFailure(Base):
    """One job (name and arguments) that failed at least once and has not succeeded since.

    Platform-wide (the worker serves every board); arguments are ids, never personal data.
    """

    __tablename__ = "job_failures"
    __table_args__ = (Index("ix_job_failures_job_args", "job", "args"),)

    id: Mapped[intpk]
    job: Mapped[str] = mapped_column(String(80))
    args: Mapped[str] = mapped_column(String(400), default="[]")
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    first_failed_at: Mapped[dt.datetime]
    last_failed_at: Mapped[dt.datetime]
    gave_up: Mapped[bool] = mapped_column(default=False)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
