"""Casework records: a board's agencies, requests to them, invitations, returns, chronology
entries, requests for more time, and the messages that must be sent. Every table is tenant-owned.

What an agency writes about a family (chronology events and their sources, the reasons given for
more time) is personal data: it is encrypted at rest.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.crypto import EncryptedText
from core.db import Base, TenantOwned, created_at, intpk

AGENCY_CONTRIBUTOR = "agency_contributor"
REQUEST_KINDS = ("summary", "imr", "chronology")
REQUEST_KIND_LABELS = {
    "summary": "Summary of involvement",
    "imr": "Individual management review",
    "chronology": "Chronology",
}
# What people recorded; whether an open request is overdue is worked out when it is read.
REQUEST_STATES = ("sent", "returned", "withdrawn")
TIME_REQUEST_STATES = ("asked", "granted", "refused")
RETURN_FORMATS = ("pdf", "docx", "csv", "xlsx")
MESSAGE_KINDS = ("invitation", "reminder_due", "reminder_overdue")
DEFAULT_AGENCIES = (
    ("childrens-social-care", "Children's Social Care"),
    ("health", "Health"),
    ("police", "Police"),
    ("education", "Education"),
    ("probation", "Probation"),
)


def _request_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("casework_requests.id", ondelete="CASCADE"), index=True)


class Agency(TenantOwned, Base):
    """A partner agency in the board's list (Children's Social Care, Health, Police, …)."""

    __tablename__ = "casework_agencies"
    __table_args__ = (UniqueConstraint("tenant_id", "key", name="uq_casework_agencies_tenant_key"),)

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[created_at]


class AgencyRequest(TenantOwned, Base):
    """What the board asks one agency for in one review, addressed to one named person."""

    __tablename__ = "casework_requests"
    __table_args__ = (Index("ix_casework_requests_due", "tenant_id", "state", "due_on"),)

    id: Mapped[intpk]
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("casework_agencies.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    contact_email: Mapped[str] = mapped_column(String(254))
    contributor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    instructions: Mapped[str] = mapped_column(Text, default="")
    asked_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="sent")
    returned_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reminded_due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reminded_overdue_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[created_at]

    agency: Mapped[Agency] = relationship(lazy="joined")
    contributor: Mapped[User | None] = relationship(foreign_keys=[contributor_id])
    returns: Mapped[list[AgencyReturn]] = relationship(
        cascade="all, delete-orphan", order_by="AgencyReturn.id"
    )
    time_requests: Mapped[list[TimeRequest]] = relationship(
        cascade="all, delete-orphan", order_by="TimeRequest.id"
    )


class Invitation(TenantOwned, Base):
    """A single-use, expiring link that lets the person a request is addressed to sign up.

    Only the token's hash is kept; the link itself exists only in the message sent.
    """

    __tablename__ = "casework_invitations"

    id: Mapped[intpk]
    request_id: Mapped[int] = _request_fk()
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[created_at]

    request: Mapped[AgencyRequest] = relationship()


class AgencyReturn(TenantOwned, Base):
    """A file an agency sent back: stored privately; a chronology's rows are also read into entries."""

    __tablename__ = "casework_returns"

    id: Mapped[intpk]
    request_id: Mapped[int] = _request_fk()
    file_format: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(200))
    storage_key: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[created_at]

    uploaded_by: Mapped[User | None] = relationship()


class ChronologyEntry(TenantOwned, Base):
    """One dated event from an agency's chronology; the merged chronology sorts these by date."""

    __tablename__ = "casework_chronology"
    __table_args__ = (Index("ix_casework_chronology_review_date", "review_id", "occurred_on"),)

    id: Mapped[intpk]
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    request_id: Mapped[int] = _request_fk()
    return_id: Mapped[int] = mapped_column(
        ForeignKey("casework_returns.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("casework_agencies.id", ondelete="RESTRICT"), index=True
    )
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    # The agency as the row names it (a health chronology may name a GP practice, a trust, …).
    agency_named: Mapped[str] = mapped_column(String(200), default="")
    event: Mapped[str] = mapped_column(EncryptedText())
    source: Mapped[str] = mapped_column(EncryptedText(), default="")
    created_at: Mapped[created_at]


class TimeRequest(TenantOwned, Base):
    """A contributor asking for more time, and the manager's answer."""

    __tablename__ = "casework_time_requests"

    id: Mapped[intpk]
    request_id: Mapped[int] = _request_fk()
    asked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    wanted_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(EncryptedText())
    state: Mapped[str] = mapped_column(String(20), default="asked")
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[created_at]


class OutgoingMessage(TenantOwned, Base):
    """A message that must be sent (an invitation, a reminder). It names no child or family
    member: it says what needs doing and links to the page behind sign-in."""

    __tablename__ = "casework_messages"

    id: Mapped[intpk]
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("casework_requests.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    to_email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(EncryptedText())
    written_to: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[created_at]
