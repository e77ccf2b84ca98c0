"""A board's case reviews and everything tracked about them; every table is tenant-owned.

Identifiers that must never reach a published report (real names, addresses, dates of birth,
schools) live apart, in `ProtectedIdentifier`, encrypted at rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.crypto import EncryptedText
from core.db import Base, TenantRecord, utcnow

IDENTIFIER_KINDS = ("name", "address", "date_of_birth", "school", "other")
PARALLEL_KINDS = ("police", "cps", "coroner", "family_court", "other")
INVOLVEMENT = ("not_yet_invited", "invited", "involved", "declined", "not_contacted")
OBLIGATION_STATES = ("due", "met", "waived")


def children(order_by: str, *, back_populates: str | None = None) -> Any:
    """The records that are part of this one, in order; they go with it."""
    return relationship(
        cascade="all, delete-orphan", order_by=order_by, back_populates=back_populates
    )


class ReviewRecord(TenantRecord):
    """Mixin for a record that is part of one review: deleting the review deletes it."""

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)


class Review(TenantRecord, Base):
    """One case review, from the board becoming aware of the incident to publication."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("tenant_id", "reference", name="uq_reviews_tenant_reference"),
    )

    reference: Mapped[str] = mapped_column(String(40))
    framework: Mapped[str] = mapped_column(String(63))
    review_types: Mapped[list[str]] = mapped_column(default=list)
    pseudonym: Mapped[str] = mapped_column(String(100))
    stage: Mapped[str] = mapped_column(String(40), index=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    incident_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    aware_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notified_to: Mapped[str] = mapped_column(String(200), default="")
    rapid_review_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    decision: Mapped[str] = mapped_column(String(40), default="")
    decision_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    decision_rationale: Mapped[str] = mapped_column(Text, default="")
    criteria_met: Mapped[str] = mapped_column(Text, default="")
    lead_reviewers: Mapped[str] = mapped_column(String(300), default="")
    independence_declared_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    initiated_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    target_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    draft_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    final_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    publication_decision: Mapped[str] = mapped_column(String(20), default="")
    publication_rationale: Mapped[str] = mapped_column(Text, default="")
    anonymisation_checked_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    planned_publication_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    published_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    take_down_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    repository_deposit_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    action_plan: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    closed_reason: Mapped[str] = mapped_column(Text, default="")
    # The fields the review's framework declares beyond these (dates as ISO strings).
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    obligations: Mapped[list[Obligation]] = children("Obligation.id", back_populates="review")
    assignments: Mapped[list[ReviewAssignment]] = relationship(cascade="all, delete-orphan")
    extensions: Mapped[list[Extension]] = children("Extension.id")
    parallel_processes: Mapped[list[ParallelProcess]] = children("ParallelProcess.started_on")
    family_members: Mapped[list[FamilyMember]] = children("FamilyMember.id")
    panel_members: Mapped[list[PanelMember]] = children("PanelMember.agency")
    identifiers: Mapped[list[ProtectedIdentifier]] = children("ProtectedIdentifier.id")
    events: Mapped[list[ReviewEvent]] = children("ReviewEvent.id")

    def __repr__(self) -> str:
        return f"<Review {self.reference}>"


class ReviewAssignment(ReviewRecord, Base):
    """A reviewer (or any staff member) assigned to a review; reviewers see only these."""

    __tablename__ = "review_assignments"
    __table_args__ = (
        UniqueConstraint("review_id", "user_id", name="uq_review_assignments_review"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(60), default="")

    user: Mapped[User] = relationship()


class Obligation(ReviewRecord, Base):
    """A statutory step or a promise to the family, with its due date and what became of it.

    `state` is what people recorded (due, met, waived); whether a due obligation is at risk or
    missed depends on today and is worked out when it is read.
    """

    __tablename__ = "review_obligations"
    __table_args__ = (Index("ix_review_obligations_due", "tenant_id", "due_on"),)

    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="statutory")
    family_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_family_members.id", ondelete="CASCADE"), nullable=True
    )
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    state: Mapped[str] = mapped_column(String(20), default="due")
    met_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    met_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    note: Mapped[str] = mapped_column(EncryptedText(), default="")
    waived_reason: Mapped[str] = mapped_column(Text, default="")
    waived_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    from_rule: Mapped[bool] = mapped_column(Boolean, default=True)
    family_involvement: Mapped[bool] = mapped_column(Boolean, default=False)
    blocks_publication: Mapped[bool] = mapped_column(Boolean, default=False)
    missed_reported: Mapped[bool] = mapped_column(Boolean, default=False)

    review: Mapped[Review] = relationship(back_populates="obligations")
    met_by: Mapped[User | None] = relationship(foreign_keys=[met_by_id])
    waived_by: Mapped[User | None] = relationship(foreign_keys=[waived_by_id])


class Extension(ReviewRecord, Base):
    """A move of the target date: the new date, why, and when the family was told."""

    __tablename__ = "review_extensions"

    previous_target_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    new_target_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(EncryptedText())
    family_told_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    @property
    def told_late(self) -> bool:
        """The family must hear before the old target passes; not told at all counts as late."""
        if self.family_told_on is None:
            return True
        return self.previous_target_on is not None and self.family_told_on > self.previous_target_on


class ParallelProcess(ReviewRecord, Base):
    """A police investigation, CPS decision, inquest or family court case running alongside."""

    __tablename__ = "review_parallel_processes"

    kind: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(EncryptedText(), default="")

    def open_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class FamilyMember(ReviewRecord, Base):
    """A family member or significant other, by role (never by name: names are identifiers)."""

    __tablename__ = "review_family_members"

    role: Mapped[str] = mapped_column(String(100))
    preferred_locale: Mapped[str] = mapped_column(String(16), default="en")
    preferred_format: Mapped[str] = mapped_column(String(40), default="")
    # How they agreed to be sent news of the review: "email", "post", or "" (neither; staff phone).
    contact_by: Mapped[str] = mapped_column(String(10), default="")
    contact_email: Mapped[str] = mapped_column(EncryptedText(), default="")
    involvement: Mapped[str] = mapped_column(String(20), default="not_yet_invited")
    invited_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    responded_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    declined_reason: Mapped[str] = mapped_column(Text, default="")
    advocate_offered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    met_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(EncryptedText(), default="")


class PanelMember(ReviewRecord, Base):
    """A member of the review panel and the agency they represent."""

    __tablename__ = "review_panel_members"

    agency: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")


class ProtectedIdentifier(ReviewRecord, Base):
    """A real name, address, date of birth or school: encrypted, never listed, never logged."""

    __tablename__ = "review_identifiers"

    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(EncryptedText())


class ReviewEvent(ReviewRecord, Base):
    """One line of a review's timeline: what happened, who did it, when. Holds no identifiers."""

    __tablename__ = "review_events"

    kind: Mapped[str] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(EncryptedText())
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    actor_email: Mapped[str] = mapped_column(String(254), default="")
