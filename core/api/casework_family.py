"""The family's contact log and involvement plan in the JSON API: one family member's contacts
(newest first) and plan, recording a contact (a promise with a due date is tracked), and setting the
plan. Review managers and board admins only: what was said is personal. Routes of the
`casework_api` blueprint."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from core import db
from core.api import plumbing as api
from core.api.casework import bp, json_fields, promise_json
from core.api.problems import Problem
from core.casework import family
from core.casework.models import FamilyContact, InvolvementPlan
from core.reviews.context import ReviewError
from core.reviews.models import FamilyMember, Review

CONTACT_FIELDS = ("contacted_on", "way", "said", "promised", "promise_due_on", "by_id")
PLAN_TEXT = tuple(family.PLAN_TEXTS)
PLAN_FIELDS = tuple(family.PlanChoices.__annotations__)
NO_DATE = "Give the date as an ISO 8601 string, like 2025-03-27."


def _member(review_id: int, member_id: int) -> tuple[Review, FamilyMember]:
    if not api.actor().is_manager:
        raise Problem(403, "Only review managers and board admins can see a family's contact log.")
    review = api.review_for(review_id)
    try:
        return review, family.member_of(review, member_id if member_id <= api.MAX_ID else 0)
    except ReviewError:
        raise Problem(404, f"Review {review_id} has no family member {member_id}.") from None


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
        "promise": promise_json(promise),
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
    data = json_fields(CONTACT_FIELDS)
    errors: dict[str, str] = {}
    contacted_on = api.json_date(data, "contacted_on", errors, NO_DATE)
    if data.get("contacted_on") is None:
        errors["contacted_on"] = "Give the date of the contact, like 2025-03-27."
    promise_due_on = api.json_date(data, "promise_due_on", errors, NO_DATE)
    way = data.get("way")
    if not isinstance(way, str):
        errors["way"] = "Give how the contact was made, like phone."
    texts = api.json_texts(data, ("said", "promised"), errors)
    by_id = data.get("by_id")
    if by_id is not None and not api.is_id(by_id):
        errors["by_id"] = "Give the id of someone on the board's staff."
    api.reject(errors)
    contact = api.call(
        family.add_contact,
        review,
        member,
        contacted_on=contacted_on,
        way=str(way),
        said=texts["said"],
        promised=texts["promised"],
        promise_due_on=promise_due_on,
        by_id=by_id,
    )
    db.session.refresh(review)
    return api.created(contact_json(contact, review))


@bp.get("/reviews/<int:review_id>/family/<int:member_id>/plan")
def read_involvement_plan(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _member(review_id, member_id)
    answer = plan_json(family.plan_of(member), member)
    family.log_viewed(review, member)
    db.session.commit()
    return jsonify(answer)


@bp.put("/reviews/<int:review_id>/family/<int:member_id>/plan")
def save_involvement_plan(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _member(review_id, member_id)
    data = json_fields(PLAN_FIELDS)
    errors: dict[str, str] = {}
    values: dict[str, Any] = api.json_texts(data, (*PLAN_TEXT, "meet_panel", "see_terms"), errors)
    values["draft_sent_on"] = api.json_date(data, "draft_sent_on", errors, NO_DATE)
    days = data.get("draft_reading_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
        errors["draft_reading_days"] = "Give a whole number of days."
        days = None
    values["draft_reading_days"] = days
    api.reject(errors)
    plan = api.call(family.save_plan, review, member, **values)
    return jsonify(plan_json(plan, member))
