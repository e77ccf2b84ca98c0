"""The family's contact log and involvement plan in the JSON API: one family member's contacts
(newest first) and plan, recording a contact (a promise with a due date is tracked), and setting the
plan. Review managers and board admins only: what was said is personal. Routes of the
`casework_api` blueprint."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from core import db
from core.api.casework import _actor, _apply, _body, _detail, _review, bp
from core.api.problems import Problem
from core.casework import family
from core.casework.models import FamilyContact, InvolvementPlan
from core.reviews.context import ReviewError
from core.reviews.models import FamilyMember, Review
from core.tenancy.context import current_tenant

CONTACT_FIELDS = ("contacted_on", "way", "said", "promised", "promise_due_on", "by_id")
PLAN_TEXT = ("advocate_chosen", "interpreter_or_format", "not_involved_reason")
PLAN_FIELDS = (*PLAN_TEXT, "meet_panel", "see_terms", "draft_sent_on", "draft_reading_days")
MAX_ID = 2**31 - 1


def _member(review_id: int, member_id: int) -> tuple[Review, FamilyMember]:
    if not _actor().is_manager:
        raise Problem(403, "Only review managers and board admins can see a family's contact log.")
    review = _review(review_id)
    try:
        return review, family.member_of(review, member_id if member_id <= MAX_ID else 0)
    except ReviewError:
        raise Problem(404, f"Review {review_id} has no family member {member_id}.") from None


def _date(data: dict[str, Any], name: str, errors: dict[str, str]) -> dt.date | None:
    raw = data.get(name)
    if raw is None:
        return None
    try:
        if isinstance(raw, str):
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    errors[name] = "Give the date as an ISO 8601 string, like 2025-03-27."
    return None


def contact_json(contact: FamilyContact, review: Review) -> dict[str, Any]:
    promise = family.promise_of(review, contact)
    return {
        "id": contact.id,
        "family_member_id": contact.family_member_id,
        "contacted_on": contact.contacted_on.isoformat(),
        "way": contact.way,
        "by_id": contact.by_id,
        "said": contact.said,
        "promised": contact.promised,
        "promise": None
        if promise is None
        else {
            "obligation_id": promise.id,
            "due_on": promise.due_on.isoformat() if promise.due_on else None,
            "state": promise.state,
        },
    }


def plan_json(plan: InvolvementPlan | None, member: FamilyMember) -> dict[str, Any]:
    return {
        "family_member_id": member.id,
        "advocate_offered_on": member.advocate_offered_on.isoformat()
        if member.advocate_offered_on
        else None,
        "advocate_chosen": plan.advocate_chosen if plan else "",
        "interpreter_or_format": plan.interpreter_or_format if plan else "",
        "meet_panel": plan.meet_panel if plan else "",
        "see_terms": plan.see_terms if plan else "",
        "draft_sent_on": plan.draft_sent_on.isoformat() if plan and plan.draft_sent_on else None,
        "draft_reading_days": plan.draft_reading_days if plan else None,
        "not_involved_reason": plan.not_involved_reason if plan else "",
    }


@bp.get("/reviews/<int:review_id>/family/<int:member_id>/contacts")
def list_family_contacts(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _member(review_id, member_id)
    items = [contact_json(c, review) for c in family.contacts(member)]
    family.log_viewed(review, member)
    db.session.commit()  # the read's audit record
    return jsonify({"items": items})


@bp.post("/reviews/<int:review_id>/family/<int:member_id>/contacts")
def add_family_contact(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _member(review_id, member_id)
    data = _body(CONTACT_FIELDS)
    errors: dict[str, str] = {}
    contacted_on = _date(data, "contacted_on", errors)
    if data.get("contacted_on") is None:
        errors["contacted_on"] = "Give the date of the contact, like 2025-03-27."
    promise_due_on = _date(data, "promise_due_on", errors)
    way = data.get("way")
    if not isinstance(way, str):
        errors["way"] = "Give how the contact was made, like phone."
    texts = {name: data.get(name, "") for name in ("said", "promised")}
    errors.update(
        {name: "Give text." for name, value in texts.items() if not isinstance(value, str)}
    )
    by_id = data.get("by_id")
    if by_id is not None and (
        isinstance(by_id, bool) or not isinstance(by_id, int) or not 0 < by_id <= MAX_ID
    ):
        errors["by_id"] = "Give the id of someone on the board's staff."
    if errors:
        raise Problem(422, _detail(errors), errors=errors)
    contact = _apply(
        lambda: family.add_contact(
            current_tenant,
            _actor(),
            review,
            member,
            contacted_on=contacted_on,
            way=str(way),
            said=str(texts["said"]),
            promised=str(texts["promised"]),
            promise_due_on=promise_due_on,
            by_id=by_id,
        )
    )
    db.session.refresh(review)
    response = jsonify(contact_json(contact, review))
    response.status_code = 201
    return response


@bp.get("/reviews/<int:review_id>/family/<int:member_id>/plan")
def read_involvement_plan(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _member(review_id, member_id)
    body = plan_json(family.plan_of(member), member)
    family.log_viewed(review, member)
    db.session.commit()
    return jsonify(body)


@bp.put("/reviews/<int:review_id>/family/<int:member_id>/plan")
def save_involvement_plan(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _member(review_id, member_id)
    data = _body(PLAN_FIELDS)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in (*PLAN_TEXT, "meet_panel", "see_terms"):
        value = data.get(name, "")
        if not isinstance(value, str):
            errors[name] = "Give text."
        values[name] = value if isinstance(value, str) else ""
    values["draft_sent_on"] = _date(data, "draft_sent_on", errors)
    days = data.get("draft_reading_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
        errors["draft_reading_days"] = "Give a whole number of days."
        days = None
    values["draft_reading_days"] = days
    if errors:
        raise Problem(422, _detail(errors), errors=errors)
    plan = _apply(lambda: family.save_plan(current_tenant, _actor(), review, member, **values))
    return jsonify(plan_json(plan, member))
