"""The family's contact log and involvement plan, per family member: every contact (when, how, by
whom, what was said, what was promised next), and how they want to take part. A promise recorded
with a due date becomes one of the review's obligations, tracked like the others. What was said and
promised, and the plan's free text, are encrypted at rest; the timeline and audit hold none of it.
Each change checks the actor, changes, writes the timeline and audit, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.auth.models import Membership, User
from core.casework.common import ID, add_promise, added, date_ok
from core.casework.models import (
    CONTACT_WAY_LABELS,
    CONTACT_WAYS,
    WISHES,
    FamilyContact,
    InvolvementPlan,
)
from core.casework.services import day_text
from core.reviews.context import Actor, ReviewConflict, ReviewError, today
from core.reviews.models import FamilyMember, Obligation, Review
from core.reviews.services import log_event, require_manager
from core.tenancy.models import Tenant

PROMISE_KEY = "family_contact_promise"
TEXT_LIMIT = 10_000
MAX_READING_DAYS = 365
MAX_PROMISE_DAYS = 366
YEAR = dt.timedelta(days=366)


def member_of(review: Review, member_id: int) -> FamilyMember:
    found = next((m for m in review.family_members if m.id == member_id), None)
    if found is None:
        raise ReviewError({"member": "This review has no such family member."})
    return found


def _text(value: Any, field: str, errors: dict[str, str], limit: int = TEXT_LIMIT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[field] = "Give text."
        return ""
    text = value.strip()
    if len(text) > limit:
        errors[field] = f"Keep this to {limit:,} characters."
    return text


def _past_date(value: Any, field: str, errors: dict[str, str], day: dt.date, what: str) -> None:
    if date_ok(value, field, errors) and isinstance(value, dt.date) and value > day:
        errors[field] = f"The {what} cannot be in the future: enter today's date or an earlier one."


def _staff_member(user_id: int | None, actor: Actor, errors: dict[str, str]) -> int | None:
    """Who made the contact: someone on the board's staff (the person recording, by default)."""
    if user_id is None:
        return actor.user_id
    member = db.session.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.active.is_(True))
    )
    if member is None:
        errors["by_id"] = "Choose someone on the board's staff."
        return None
    return user_id


def add_contact(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    member: FamilyMember,
    *,
    contacted_on: dt.date | None,
    way: str,
    said: str = "",
    promised: str = "",
    promise_due_on: dt.date | None = None,
    by_id: int | None = None,
) -> FamilyContact:
    """Record one contact with a family member; a promise with a due date is tracked."""
    require_manager(actor)
    if review.closed:
        raise ReviewConflict({"review": "This review is closed."})
    day = today()
    errors: dict[str, str] = {}
    if contacted_on is None:
        errors["contacted_on"] = "Enter the date of the contact."
    else:
        _past_date(contacted_on, "contacted_on", errors, day, "date of a contact")
        began = review.aware_on
        if "contacted_on" not in errors and began and contacted_on < began - YEAR:
            errors["contacted_on"] = (
                f"Enter a date near the review's: the board became aware on {day_text(began)}."
            )
    if way not in CONTACT_WAYS:
        errors["way"] = "Choose how the contact was made."
    said_text = _text(said, "said", errors)
    promised_text = _text(promised, "promised", errors)
    if promise_due_on is not None and date_ok(promise_due_on, "promise_due_on", errors):
        if not promised_text:
            errors["promised"] = "Say what was promised, or leave the due date empty."
        if contacted_on is not None and promise_due_on < contacted_on:
            errors["promise_due_on"] = "The promise cannot be due before the contact."
        elif promise_due_on > day + dt.timedelta(days=MAX_PROMISE_DAYS):
            errors["promise_due_on"] = "Enter a due date within the next year."
    by = _staff_member(by_id, actor, errors)
    if errors:
        raise ReviewError(errors)
    assert contacted_on is not None
    contact = FamilyContact(review_id=review.id, family_member_id=member.id, way=way, by_id=by)
    contact.contacted_on, contact.said, contact.promised = contacted_on, said_text, promised_text
    # The timeline holds no identifiers: the relationship, the date and the way, never the words.
    how = CONTACT_WAY_LABELS[way].lower()
    summary = (
        f"Contact with the family member ({member.role}): {how} on {contacted_on.isoformat()}."
    )
    added(contact, review, actor, "family_contact", summary, contact=ID, member=member.id, way=way)
    if promise_due_on is not None:
        promise = add_promise(
            review,
            actor,
            key=PROMISE_KEY,
            label=f"Keep the promise made to {member.role} on {day_text(contacted_on)}"[:200],
            kind="promise",
            due_on=promise_due_on,
            family_member_id=member.id,
            details={"contact": contact.id},
        )
        contact.promise_id = promise.id
    return contact


def contacts(member: FamilyMember) -> list[FamilyContact]:
    """The member's contacts, newest first."""
    return db.rows(
        FamilyContact,
        FamilyContact.family_member_id == member.id,
        order_by=(FamilyContact.contacted_on.desc(), FamilyContact.id.desc()),
    )


def plan_of(member: FamilyMember) -> InvolvementPlan | None:
    return db.session.scalar(
        select(InvolvementPlan).where(InvolvementPlan.family_member_id == member.id)
    )


class PlanChoices(TypedDict, total=False):
    """How a family member wants to take part, as their involvement plan records it; a choice
    left out is empty."""

    advocate_chosen: str
    interpreter_or_format: str
    meet_panel: str  # whether they want to meet the panel: one of WISHES
    see_terms: str  # whether they want to see the terms of reference: one of WISHES
    draft_sent_on: dt.date | None
    draft_reading_days: int | None  # the time given to read the draft
    not_involved_reason: str  # why they are not involved, where they are not


# The plan's written choices and how long each may be.
PLAN_TEXTS = {
    "advocate_chosen": 2_000,
    "interpreter_or_format": 2_000,
    "not_involved_reason": TEXT_LIMIT,
}


def save_plan(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    member: FamilyMember,
    **choices: Unpack[PlanChoices],
) -> InvolvementPlan:
    """Set how the family member wants to take part (every choice at once)."""
    require_manager(actor)
    day = today()
    errors: dict[str, str] = {}
    texts = {
        name: _text(choices.get(name, ""), name, errors, limit)
        for name, limit in PLAN_TEXTS.items()
    }
    meet_panel, see_terms = choices.get("meet_panel", ""), choices.get("see_terms", "")
    draft_sent_on = choices.get("draft_sent_on")
    draft_reading_days = choices.get("draft_reading_days")
    for field, value in (("meet_panel", meet_panel), ("see_terms", see_terms)):
        if value not in WISHES:
            errors[field] = "Choose yes, no or not decided."
    _past_date(draft_sent_on, "draft_sent_on", errors, day, "date the draft was sent")
    if draft_reading_days is not None and (
        isinstance(draft_reading_days, bool)
        or not isinstance(draft_reading_days, int)
        or not 1 <= draft_reading_days <= MAX_READING_DAYS
    ):
        errors["draft_reading_days"] = (
            f"Enter the days given to read the draft, from 1 to {MAX_READING_DAYS}."
        )
    if draft_reading_days is not None and draft_sent_on is None and "draft_sent_on" not in errors:
        errors["draft_sent_on"] = "Enter the date the draft was sent, with the days to read it."
    if member.involvement == "declined" and not (
        texts["not_involved_reason"] or member.declined_reason
    ):
        errors["not_involved_reason"] = (
            "They declined to take part: record the reason they gave, or “none given”."
        )
    if errors:
        raise ReviewError(errors)
    plan = plan_of(member)
    is_new = plan is None
    if plan is None:
        plan = InvolvementPlan(review_id=review.id, family_member_id=member.id)
        db.session.add(plan)
    for field, value in texts.items():
        setattr(plan, field, value)
    plan.meet_panel, plan.see_terms = meet_panel, see_terms
    plan.draft_sent_on, plan.draft_reading_days = draft_sent_on, draft_reading_days
    db.session.flush()
    log_event(
        review,
        actor,
        "involvement_plan_saved",
        f"Involvement plan of the family member ({member.role}) {'recorded' if is_new else 'updated'}.",
        {"member": member.id, "plan": plan.id},
    )
    return plan


def log_viewed(review: Review, member: FamilyMember) -> None:
    """Reading a family member's log is audited, in the request's own transaction."""
    record(
        "casework.family_log_viewed",
        f"review:{review.id}",
        {"member": member.id},
    )


def promise_of(review: Review, contact: FamilyContact) -> Obligation | None:
    return next((o for o in review.obligations if o.id == contact.promise_id), None)


def staff_name(user: User | None) -> str:
    if user is None:
        return "Someone no longer on the staff"
    return user.name or user.email
