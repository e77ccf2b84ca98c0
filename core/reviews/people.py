"""Who a review involves and what runs alongside it: family members, the panel, assigned staff,
parallel processes, and the protected identifiers (encrypted, never listed, never logged)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.auth.models import Membership
from core.reviews.context import (
    Actor,
    FrameworkContext,
    ReviewError,
    ReviewForbidden,
    check_date,
    today,
)
from core.reviews.models import (
    IDENTIFIER_KINDS,
    INVOLVEMENT,
    PARALLEL_KINDS,
    FamilyMember,
    Obligation,
    PanelMember,
    ParallelProcess,
    ProtectedIdentifier,
    Review,
    ReviewAssignment,
)
from core.reviews.services import by_id, log_event, one_of, refresh, require_manager
from core.tenancy.models import Tenant

FORMAT_REQUEST_WORKING_DAYS = 10  # a framework may set `format_request_working_days`
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
FORMAT_LABELS = {
    "large-print": "large print",
    "braille": "braille",
    "audio": "audio",
    "easy-read": "easy read",
    "docx": "a Word version",
    "text": "plain text",
    "bsl": "a British Sign Language video",
    "interpreter": "an interpreter",
}
PARALLEL_LABELS = {
    "police": "Police investigation",
    "cps": "Crown Prosecution Service decision",
    "coroner": "Coroner's inquest",
    "family_court": "Family court proceedings",
    "other": "Other proceedings",
}
IDENTIFIER_LABELS = {
    "name": "Real name",
    "address": "Address",
    "date_of_birth": "Date of birth",
    "school": "School",
    "other": "Other identifying detail",
}


def _text(value: Any, field: str, limit: int, required: str = "") -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ReviewError({field: required})
    if len(text) > limit:
        raise ReviewError({field: f"This must be {limit} characters or fewer."})
    return text


def _not_future(value: dt.date | None, field: str) -> None:
    check_date(value, field)
    if value is not None and value > today():
        raise ReviewError({field: "This date cannot be in the future."})


# -- family ----------------------------------------------------------------------------------------


def save_family_member(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    member: FamilyMember | None = None,
    **fields: Any,
) -> FamilyMember:
    """Add a family member (by role, never by name) or update their involvement."""
    require_manager(actor)
    role = _text(
        fields.get("role", member.role if member else ""),
        "role",
        100,
        "Enter their role, like Mother or Grandfather.",
    )
    locale = _text(fields.get("preferred_locale") or "en", "preferred_locale", 16)
    fmt = _text(fields.get("preferred_format"), "preferred_format", 40)
    involvement = fields.get("involvement") or "not_yet_invited"
    if involvement not in INVOLVEMENT:
        raise ReviewError({"involvement": "Choose how they are involved."})
    dates = {
        k: fields.get(k) for k in ("invited_on", "responded_on", "advocate_offered_on", "met_on")
    }
    for key, value in dates.items():
        _not_future(value, key)
    if involvement == "invited" and dates["invited_on"] is None:
        raise ReviewError({"invited_on": "Enter the date they were invited."})
    declined_reason = _text(fields.get("declined_reason"), "declined_reason", 2000)
    if involvement == "declined" and not declined_reason:
        raise ReviewError(
            {"declined_reason": "Record the reason they gave for declining, or “none given”."}
        )
    notes = _text(fields.get("notes"), "notes", 4000)
    contact_by = fields.get("contact_by") or ""
    if contact_by not in ("", "email", "post"):
        raise ReviewError({"contact_by": "Choose how they agreed to be sent news."})
    contact_email = _text(fields.get("contact_email"), "contact_email", 254)
    if contact_by == "email" and not EMAIL.fullmatch(contact_email):
        raise ReviewError({"contact_email": "Enter their e-mail address, like name@example.com."})
    asked_on = fields.get("format_requested_on") or today()
    _not_future(asked_on, "format_requested_on")
    format_changed = bool(fmt) and (member is None or member.preferred_format != fmt)
    is_new = member is None
    if member is None:
        member = FamilyMember()
        review.family_members.append(member)
    member.role, member.preferred_locale, member.preferred_format = role, locale, fmt
    member.involvement, member.declined_reason, member.notes = involvement, declined_reason, notes
    member.contact_by = contact_by
    member.contact_email = contact_email if contact_by == "email" else ""
    for key, value in dates.items():
        setattr(member, key, value)
    verb = "added" if is_new else "updated"
    log_event(
        review,
        actor,
        f"family_{verb}",
        f"Family member ({role}) {verb}: {involvement.replace('_', ' ')}.",
        {"role": role},
    )
    fw = refresh(tenant, review)
    if format_changed:
        _format_request(review, member, fmt, asked_on, fw)
    return member


def _format_request(
    review: Review, member: FamilyMember, fmt: str, asked_on: dt.date, fw: FrameworkContext
) -> None:
    """The leaflet's promise of another format, tracked from the date the family asked."""
    days = int(fw.settings.get("format_request_working_days", FORMAT_REQUEST_WORKING_DAYS))
    label = FORMAT_LABELS.get(fmt, fmt)
    review.obligations.append(
        Obligation(
            key="format_request",
            label=f"Provide {label} for {member.role} (asked {asked_on.isoformat()})",
            kind="promise",
            from_rule=False,
            family_member_id=member.id,
            due_on=fw.calendar.add_working_days(asked_on, days),
            state="due",
        )
    )


def family_member(review: Review, member_id: int) -> FamilyMember:
    return by_id(review.family_members, member_id, "member", "family member")


# -- panel and staff -----------------------------------------------------------------------------


def add_panel_member(
    tenant: Tenant, actor: Actor, review: Review, *, agency: str, name: str, role: str = ""
) -> PanelMember:
    require_manager(actor)
    agency = _text(agency, "agency", 60, "Choose the agency they represent.")
    name = _text(name, "name", 200, "Enter the panel member's name.")
    member = PanelMember(agency=agency, name=name, role=_text(role, "role", 200))
    review.panel_members.append(member)
    log_event(review, actor, "panel_added", f"Panel member added for {agency}.", {"agency": agency})
    return member


def remove_panel_member(tenant: Tenant, actor: Actor, review: Review, member_id: int) -> None:
    require_manager(actor)
    member = by_id(review.panel_members, member_id, "member", "panel member")
    review.panel_members.remove(member)
    log_event(
        review,
        actor,
        "panel_removed",
        f"Panel member removed from {member.agency}.",
        {"agency": member.agency},
    )


def board_staff() -> list[Membership]:
    """Active staff of the board in scope, for choosing whom to assign."""
    return list(
        db.session.scalars(
            select(Membership).where(Membership.active.is_(True)).order_by(Membership.id)
        )
    )


def assign(
    tenant: Tenant, actor: Actor, review: Review, user_id: int, role: str = ""
) -> ReviewAssignment:
    """Assign a member of this board's staff to the review (reviewers then see it)."""
    require_manager(actor)
    membership = db.session.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.active.is_(True))
    )
    if membership is None:
        raise ReviewError({"user_id": "Choose someone who works for this board."})
    if any(a.user_id == user_id for a in review.assignments):
        raise ReviewError({"user_id": "They are already assigned to this review."})
    assignment = ReviewAssignment(user_id=user_id, role=_text(role, "role", 60))
    review.assignments.append(assignment)
    log_event(
        review,
        actor,
        "assigned",
        f"{membership.user.email} assigned ({membership.role}).",
        {"user_id": user_id},
    )
    return assignment


def unassign(tenant: Tenant, actor: Actor, review: Review, user_id: int) -> None:
    require_manager(actor)
    found = one_of(
        review.assignments,
        lambda a: a.user_id == user_id,
        {"user_id": "They are not assigned to this review."},
    )
    review.assignments.remove(found)
    log_event(
        review, actor, "unassigned", f"{found.user.email} no longer assigned.", {"user_id": user_id}
    )


# -- parallel processes -------------------------------------------------------------------------


def add_parallel_process(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    *,
    kind: str,
    started_on: dt.date | None,
    ended_on: dt.date | None = None,
    note: str = "",
) -> ParallelProcess:
    require_manager(actor)
    if kind not in PARALLEL_KINDS:
        raise ReviewError({"kind": "Choose the kind of process."})
    if started_on is None:
        raise ReviewError({"started_on": "Enter the date it started."})
    check_date(started_on, "started_on")
    check_date(ended_on, "ended_on")
    if ended_on is not None and ended_on < started_on:
        raise ReviewError({"ended_on": "The end date must be on or after the start date."})
    process = ParallelProcess(
        kind=kind, started_on=started_on, ended_on=ended_on, note=_text(note, "note", 2000)
    )
    review.parallel_processes.append(process)
    log_event(
        review,
        actor,
        "parallel_added",
        f"{PARALLEL_LABELS[kind]} recorded, from {started_on.isoformat()}.",
        {"kind": kind},
    )
    refresh(tenant, review)
    return process


def end_parallel_process(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    process_id: int,
    ended_on: dt.date | None,
) -> ParallelProcess:
    require_manager(actor)
    process = by_id(review.parallel_processes, process_id, "process", "process")
    if ended_on is None:
        raise ReviewError({"ended_on": "Enter the date it ended."})
    check_date(ended_on, "ended_on")
    if ended_on < process.started_on:
        raise ReviewError({"ended_on": "The end date must be on or after the start date."})
    process.ended_on = ended_on
    log_event(
        review,
        actor,
        "parallel_ended",
        f"{PARALLEL_LABELS[process.kind]} ended on {ended_on.isoformat()}.",
        {"kind": process.kind},
    )
    refresh(tenant, review)
    return process


def open_processes(review: Review, on: dt.date | None = None) -> list[ParallelProcess]:
    day = on or today()
    return [p for p in review.parallel_processes if p.open_on(day)]


# -- protected identifiers ---------------------------------------------------------------------


def add_identifier(
    tenant: Tenant, actor: Actor, review: Review, *, kind: str, value: str
) -> ProtectedIdentifier:
    """Keep an identifier encrypted; the timeline and the audit log name only its kind."""
    require_manager(actor)
    if kind not in IDENTIFIER_KINDS:
        raise ReviewError({"kind": "Choose what kind of identifier this is."})
    value = _text(value, "value", 1000, "Enter the identifier.")
    identifier = ProtectedIdentifier(kind=kind, value=value)
    review.identifiers.append(identifier)
    log_event(
        review,
        actor,
        "identifier_added",
        f"{IDENTIFIER_LABELS[kind]} added to the protected identifiers.",
        {"kind": kind},
    )
    return identifier


def reveal_identifiers(actor: Actor, review: Review) -> list[ProtectedIdentifier]:
    """The identifiers in plain text, for a manager who asks; every reveal is audited."""
    if not actor.is_manager:
        raise ReviewForbidden("only a review manager or board admin can see identifiers")
    record(
        "review.identifiers_viewed",
        f"review:{review.id}",
        {"count": len(review.identifiers)},
        tenant_id=review.tenant_id,
        actor=actor.user,
    )
    return list(review.identifiers)


def add_note(tenant: Tenant, actor: Actor, review: Review, text: str) -> None:
    """A free note on the timeline (assigned reviewers may add one)."""
    note = _text(text, "text", 2000, "Write the note.")
    if not actor.role:
        raise ReviewForbidden("no role in this board")
    log_event(review, actor, "note", note)
