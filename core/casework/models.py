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
from core.db import Base, TenantOwned, TenantRecord, UTCDateTime, intpk, utcnow
from core.reviews.models import ReviewRecord, children

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
MESSAGE_KINDS = ("invitation", "reminder_due", "reminder_overdue", "action_overdue")
RECOMMENDATION_SOURCES = ("draft", "final", "published")
RECOMMENDATION_SOURCE_LABELS = {
    "draft": "The draft report",
    "final": "The final report",
    "published": "The published report",
}
ACTION_STATES = ("not_started", "in_progress", "done", "not_accepted")
ACTION_STATE_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "not_accepted": "Not accepted",
}
DEFAULT_AGENCIES = (
    ("childrens-social-care", "Children's Social Care"),
    ("health", "Health"),
    ("police", "Police"),
    ("education", "Education"),
    ("probation", "Probation"),
)


def _belongs_to(table: str) -> Mapped[int]:
    """The record this one is part of: deleting that deletes this."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


def _request_fk() -> Mapped[int]:
    return _belongs_to("casework_requests")


def _person(*, index: bool = False) -> Mapped[int | None]:
    """Who did something: the record stays (as by nobody) when their account is deleted."""
    column = ForeignKey("users.id", ondelete="SET NULL")
    if index:
        return mapped_column(column, nullable=True, index=True)
    return mapped_column(column, nullable=True)


class Agency(TenantRecord, Base):
    """A partner agency in the board's list (Children's Social Care, Health, Police, …)."""

    __tablename__ = "casework_agencies"
    __table_args__ = (UniqueConstraint("tenant_id", "key", name="uq_casework_agencies_tenant_key"),)

    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AgencyRequest(ReviewRecord, Base):
    """What the board asks one agency for in one review, addressed to one named person."""

    __tablename__ = "casework_requests"
    __table_args__ = (Index("ix_casework_requests_due", "tenant_id", "state", "due_on"),)

    agency_id: Mapped[int] = mapped_column(
        ForeignKey("casework_agencies.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    contact_email: Mapped[str] = mapped_column(String(254))
    contributor_id: Mapped[int | None] = _person(index=True)
    instructions: Mapped[str] = mapped_column(Text, default="")
    asked_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="sent")
    returned_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reminded_due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reminded_overdue_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by_id: Mapped[int | None] = _person()

    agency: Mapped[Agency] = relationship(lazy="joined")
    contributor: Mapped[User | None] = relationship(foreign_keys=[contributor_id])
    returns: Mapped[list[AgencyReturn]] = children("AgencyReturn.id")
    time_requests: Mapped[list[TimeRequest]] = children("TimeRequest.id")


class Invitation(TenantRecord, Base):
    """A single-use, expiring link that lets the person a request is addressed to sign up.

    Only the token's hash is kept; the link itself exists only in the message sent.
    """

    __tablename__ = "casework_invitations"

    # An invitation answers a request to an agency, or makes someone the owner of an action.
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("casework_requests.id", ondelete="CASCADE"), nullable=True, index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("casework_actions.id", ondelete="CASCADE"), nullable=True, index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)

    request: Mapped[AgencyRequest | None] = relationship()
    action: Mapped[Action | None] = relationship()


class AgencyReturn(TenantRecord, Base):
    """A file an agency sent back: stored privately; a chronology's rows are also read into entries."""

    __tablename__ = "casework_returns"

    request_id: Mapped[int] = _request_fk()
    file_format: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(200))
    storage_key: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by_id: Mapped[int | None] = _person()

    uploaded_by: Mapped[User | None] = relationship()


class ChronologyEntry(TenantRecord, Base):
    """One dated event from an agency's chronology; the merged chronology sorts these by date."""

    __tablename__ = "casework_chronology"
    __table_args__ = (Index("ix_casework_chronology_review_date", "review_id", "occurred_on"),)

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    request_id: Mapped[int] = _request_fk()
    return_id: Mapped[int] = _belongs_to("casework_returns")
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("casework_agencies.id", ondelete="RESTRICT"), index=True
    )
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    # The agency as the row names it (a health chronology may name a GP practice, a trust, …).
    agency_named: Mapped[str] = mapped_column(String(200), default="")
    event: Mapped[str] = mapped_column(EncryptedText())
    source: Mapped[str] = mapped_column(EncryptedText(), default="")


class TimeRequest(TenantRecord, Base):
    """A contributor asking for more time, and the manager's answer."""

    __tablename__ = "casework_time_requests"

    request_id: Mapped[int] = _request_fk()
    asked_by_id: Mapped[int | None] = _person()
    wanted_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(EncryptedText())
    state: Mapped[str] = mapped_column(String(20), default="asked")
    decided_by_id: Mapped[int | None] = _person()
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Recommendation(ReviewRecord, Base):
    """A recommendation of the review, recorded at the draft, the final report or from the
    published one; its actions say who will do what by when."""

    __tablename__ = "casework_recommendations"

    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="final")
    created_by_id: Mapped[int | None] = _person()

    actions: Mapped[list[Action]] = children("Action.id", back_populates="recommendation")


class Action(ReviewRecord, Base):
    """One action for a recommendation: the owning agency and person, the due date, its status,
    the evidence the owner uploads, and the board's sign-off."""

    __tablename__ = "casework_actions"
    __table_args__ = (Index("ix_casework_actions_open", "tenant_id", "signed_off_on", "due_on"),)

    recommendation_id: Mapped[int] = _belongs_to("casework_recommendations")
    description: Mapped[str] = mapped_column(Text)
    owner_agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("casework_agencies.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    owner_email: Mapped[str] = mapped_column(String(254), default="")
    owner_id: Mapped[int | None] = _person(index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    not_accepted_reason: Mapped[str] = mapped_column(Text, default="")
    signed_off_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    signed_off_by_id: Mapped[int | None] = _person()
    reminded_overdue_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Staff mark an action publishable: its description, status and dates may then appear on the
    # report's public page when the board publishes action progress. Nothing else of it does.
    publishable: Mapped[bool] = mapped_column(Boolean, default=False)

    recommendation: Mapped[Recommendation] = relationship(back_populates="actions")
    owner_agency: Mapped[Agency | None] = relationship(lazy="joined")
    evidence: Mapped[list[ActionEvidence]] = children("ActionEvidence.id")


class ActionEvidence(TenantRecord, Base):
    """A file the owner uploads to show an action is done (PDF or Word), stored privately."""

    __tablename__ = "casework_action_evidence"

    action_id: Mapped[int] = _belongs_to("casework_actions")
    file_format: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(200))
    storage_key: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(EncryptedText(), default="")
    uploaded_by_id: Mapped[int | None] = _person()


MEETING_KINDS = ("panel", "family")
MEETING_KIND_LABELS = {"panel": "Panel meeting", "family": "Family meeting"}


class Meeting(ReviewRecord, Base):
    """A panel or family meeting of a review: when, who came, the agenda and the minutes (written
    here or uploaded). Attendees, agenda and minutes may name people: encrypted at rest."""

    __tablename__ = "casework_meetings"

    kind: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[dt.date] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(EncryptedText(), default="")
    agenda: Mapped[str] = mapped_column(EncryptedText(), default="")
    minutes: Mapped[str] = mapped_column(EncryptedText(), default="")
    minutes_format: Mapped[str] = mapped_column(String(10), default="")
    minutes_key: Mapped[str] = mapped_column(String(300), default="")
    # The promise of an update to the family that a panel meeting creates (when the framework
    # makes one), kept as one of the review's obligations.
    family_update_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_obligations.id", ondelete="SET NULL"), nullable=True
    )
    created_by_id: Mapped[int | None] = _person()

    decisions: Mapped[list[MeetingDecision]] = children("MeetingDecision.id")


class MeetingDecision(TenantRecord, Base):
    """A decision taken at a meeting, dated; each one is a line of the review's timeline."""

    __tablename__ = "casework_meeting_decisions"

    meeting_id: Mapped[int] = _belongs_to("casework_meetings")
    decided_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(EncryptedText())


class Theme:
    """Mixin for a learning theme: the key it is known by and the label it is shown with."""

    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))


class BoardTheme(Theme, TenantRecord, Base):
    """A learning theme a board adds to the platform's list."""

    __tablename__ = "casework_board_themes"
    __table_args__ = (
        UniqueConstraint("tenant_id", "key", name="uq_casework_board_themes_tenant_key"),
    )

    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ReviewTheme(Theme, ReviewRecord, Base):
    """A learning theme chosen on a review; its label is kept as chosen, for the published report."""

    __tablename__ = "casework_review_themes"
    __table_args__ = (
        UniqueConstraint("review_id", "key", name="uq_casework_review_themes_review_key"),
    )


class CaseworkSettings(TenantOwned, Base):
    """A board's casework choices, one row per board; a board without a row has the defaults
    (everything here off)."""

    __tablename__ = "casework_settings"
    __table_args__ = (UniqueConstraint("tenant_id", name="uq_casework_settings_tenant"),)

    id: Mapped[intpk]
    # The board's published reports appear in the platform's search across boards.
    in_platform_search: Mapped[bool] = mapped_column(Boolean, default=False)
    # The actions staff marked publishable appear, with status and dates, beside the report.
    publish_action_progress: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


CONTACT_WAYS = ("phone", "visit", "meeting", "letter", "email", "text", "video", "other")
CONTACT_WAY_LABELS = {
    "phone": "Phone call",
    "visit": "Home visit",
    "meeting": "Meeting",
    "letter": "Letter",
    "email": "Email",
    "text": "Text message",
    "video": "Video call",
    "other": "Other",
}
WISHES = ("", "yes", "no", "undecided")
WISH_LABELS = {"": "Not asked yet", "yes": "Yes", "no": "No", "undecided": "Not decided"}


class FamilyContact(ReviewRecord, Base):
    """One contact with a family member: when, how, by whom, what was said and what was promised
    next. What was said and promised is personal: encrypted at rest. A promise with a due date is
    kept as one of the review's obligations (`promise_id`), tracked like the others."""

    __tablename__ = "casework_family_contacts"
    __table_args__ = (
        Index("ix_casework_family_contacts_member", "family_member_id", "contacted_on"),
    )

    family_member_id: Mapped[int] = mapped_column(
        ForeignKey("review_family_members.id", ondelete="CASCADE")
    )
    contacted_on: Mapped[dt.date] = mapped_column(Date)
    way: Mapped[str] = mapped_column(String(20))
    by_id: Mapped[int | None] = _person()
    said: Mapped[str] = mapped_column(EncryptedText(), default="")
    promised: Mapped[str] = mapped_column(EncryptedText(), default="")
    promise_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_obligations.id", ondelete="SET NULL"), nullable=True
    )

    by: Mapped[User | None] = relationship()


class InvolvementPlan(TenantOwned, Base):
    """How a family member wants to take part: the advocate chosen (the date one was offered is the
    family member's own record), the interpreter or format they need, whether they want to meet the
    panel or see the terms of reference, the time given to read the draft, and why, when they are
    not involved. Free text is encrypted."""

    __tablename__ = "casework_involvement_plans"
    __table_args__ = (
        UniqueConstraint("family_member_id", name="uq_casework_involvement_plans_member"),
    )

    id: Mapped[intpk]
    review_id: Mapped[int] = _belongs_to("reviews")
    family_member_id: Mapped[int] = mapped_column(
        ForeignKey("review_family_members.id", ondelete="CASCADE")
    )
    advocate_chosen: Mapped[str] = mapped_column(EncryptedText(), default="")
    interpreter_or_format: Mapped[str] = mapped_column(EncryptedText(), default="")
    meet_panel: Mapped[str] = mapped_column(String(10), default="")
    see_terms: Mapped[str] = mapped_column(String(10), default="")
    draft_sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    draft_reading_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    not_involved_reason: Mapped[str] = mapped_column(EncryptedText(), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
