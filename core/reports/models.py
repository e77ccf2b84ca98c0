"""Report files uploaded to a review, what the anonymisation guard found in them, and the public
record of each published report. Every table is tenant-owned."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.crypto import EncryptedText
from core.db import Base, TenantRecord
from core.reviews.models import ReviewRecord, children

REPORT_KINDS = ("draft", "final")
# A final report's anonymisation check: queued, done (its findings are stored), or given up on
# (the file could not be read in the worker: that blocks publication). A draft is never checked.
CHECK_PENDING, CHECK_DONE, CHECK_FAILED = "pending", "done", "failed"
# Its publication, once asked for: being published (queued for the worker, which rebuilds, checks
# again and stores the public copy), refused by that check (with the reason), or failed for good
# (the worker could not read or store it). "" is none asked for, or done (see PublishedReport).
PUBLISH_PENDING, PUBLISH_REFUSED, PUBLISH_FAILED = "pending", "refused", "failed"


class ReportFile(ReviewRecord, Base):
    """A draft or final report as uploaded: kept privately under an unguessable storage key."""

    __tablename__ = "report_files"

    kind: Mapped[str] = mapped_column(String(10))
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    # The uploaded file's name often names the child or family: encrypted like the identifiers.
    filename: Mapped[str] = mapped_column(EncryptedText())
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    checked_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    check_status: Mapped[str] = mapped_column(String(12), default="", server_default="done")
    check_error: Mapped[str] = mapped_column(String(300), default="", server_default="")
    check_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    check_queued_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    publish_status: Mapped[str] = mapped_column(String(12), default="", server_default="")
    publish_error: Mapped[str] = mapped_column(String(600), default="", server_default="")
    publish_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    publish_queued_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    # What was asked for: the public details, the date and who asked (public text, no identifiers).
    publish_request: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)

    uploaded_by: Mapped[User | None] = relationship()
    hits: Mapped[list[GuardHitRecord]] = children("GuardHitRecord.id")
    overrides: Mapped[list[GuardOverride]] = children("GuardOverride.id")


class GuardHitRecord(TenantRecord, Base):
    """One thing the guard found in a final report at its last check. The text around it holds
    the identifier, so it is encrypted like the identifier itself."""

    __tablename__ = "report_guard_hits"

    report_file_id: Mapped[int] = mapped_column(
        ForeignKey("report_files.id", ondelete="CASCADE"), index=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(63))
    kind: Mapped[str] = mapped_column(String(40))
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    field: Mapped[str] = mapped_column(String(40), default="text")
    message: Mapped[str] = mapped_column(String(300), default="")
    overridable: Mapped[bool] = mapped_column(default=True)
    found: Mapped[str] = mapped_column(EncryptedText())
    before: Mapped[str] = mapped_column(EncryptedText())
    after: Mapped[str] = mapped_column(EncryptedText())


class GuardOverride(TenantRecord, Base):
    """A board admin's decision that one hit may be published, with the reason (audited)."""

    __tablename__ = "report_guard_overrides"
    __table_args__ = (
        UniqueConstraint("report_file_id", "fingerprint", name="uq_report_guard_overrides_hit"),
    )

    report_file_id: Mapped[int] = mapped_column(
        ForeignKey("report_files.id", ondelete="CASCADE"), index=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    by: Mapped[User | None] = relationship()


class PublishedReport(ReviewRecord, Base):
    """The public record of a published report; the file is a verified copy in public storage.

    A withdrawn report keeps its record (who withdrew it, when and why) but is on no public
    surface and its public copy is gone; a review may then be published again with a corrected
    report, so a review has at most one publication that is not withdrawn.
    """

    __tablename__ = "published_reports"

    report_file_id: Mapped[int] = mapped_column(
        ForeignKey("report_files.id", ondelete="RESTRICT"), index=True
    )
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    review_types: Mapped[list[str]] = mapped_column(default=list)
    framework: Mapped[str] = mapped_column(String(63))
    pseudonym: Mapped[str] = mapped_column(String(100))
    author: Mapped[str] = mapped_column(String(300), default="")
    decision: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    learning_themes: Mapped[list[str]] = mapped_column(default=list)
    recommendations: Mapped[list[str]] = mapped_column(default=list)
    action_plan: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[list[str]] = mapped_column(default=list)
    formats: Mapped[list[str]] = mapped_column(default=list)
    published_on: Mapped[dt.date] = mapped_column(Date, index=True)
    available_until: Mapped[dt.date] = mapped_column(Date)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")

    report_file: Mapped[ReportFile] = relationship()
    withdrawn_by: Mapped[User | None] = relationship()

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
