"""Recommendations and their actions: recording them (by hand or from the published report),
owners (invited as contributors when they have no sign-in here), status with a reason when an
action is not accepted, evidence, the board's sign-off, and a reminder when one is overdue.
Each function checks the actor, changes, writes the timeline and audit, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Protocol

from sqlalchemy import func, select

from core import db
from core.audit.services import record
from core.auth.models import Membership, User
from core.auth.services import normalise_email
from core.casework.common import ID, added, clean_filename, date_ok, log_on_review, store_upload
from core.casework.models import (
    ACTION_STATE_LABELS,
    ACTION_STATES,
    RECOMMENDATION_SOURCES,
    Action,
    ActionEvidence,
    Agency,
    Recommendation,
)
from core.casework.services import EMAIL, day_text, link, message_for, new_invitation
from core.mail.models import OutboxMessage
from core.reports.models import PublishedReport
from core.reviews.context import (
    Actor,
    ReviewConflict,
    ReviewError,
    ReviewForbidden,
    today,
)
from core.reviews.models import Review
from core.reviews.services import require_manager
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)
CLOSED_STATES = ("done", "not_accepted")


def add_recommendation(
    tenant: Tenant, actor: Actor, review: Review, *, text: str, source: str = "final"
) -> Recommendation:
    require_manager(actor)
    text = text.strip()
    errors = {}
    if not text:
        errors["text"] = "Enter the recommendation as the report words it."
    elif len(text) > 5_000:
        errors["text"] = "Keep a recommendation to 5,000 characters."
    if source not in RECOMMENDATION_SOURCES:
        errors["source"] = "Choose whether it is from the draft, the final or the published report."
    if errors:
        raise ReviewError(errors)
    number = (
        db.session.scalar(
            select(func.max(Recommendation.number)).where(Recommendation.review_id == review.id)
        )
        or 0
    ) + 1
    rec = Recommendation(
        review_id=review.id, number=number, text=text, source=source, created_by_id=actor.user_id
    )
    summary = f"Recommendation {number} recorded ({source})."
    return added(rec, review, actor, "recommendation_added", summary, recommendation=ID)


def import_published(tenant: Tenant, actor: Actor, review: Review) -> list[Recommendation]:
    """Record the published report's recommendations that are not recorded yet."""
    require_manager(actor)
    published = db.session.scalar(
        select(PublishedReport).where(PublishedReport.review_id == review.id)
    )
    if published is None:
        raise ReviewConflict({"source": "This review has no published report yet."})
    have = set(
        db.session.scalars(select(Recommendation.text).where(Recommendation.review_id == review.id))
    )
    added = [
        add_recommendation(tenant, actor, review, text=text, source="published")
        for text in published.recommendations
        if text.strip() and text.strip() not in have
    ]
    return added


def add_action(
    tenant: Tenant,
    actor: Actor,
    rec: Recommendation,
    *,
    description: str,
    owner_agency_id: int | None,
    owner_email: str = "",
    due_on: dt.date | None = None,
) -> Action:
    require_manager(actor)
    day = today()
    description = description.strip()
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = "Say what will be done."
    elif len(description) > 5_000:
        errors["description"] = "Keep the action to 5,000 characters."
    agency = db.session.get(Agency, owner_agency_id) if owner_agency_id else None
    if agency is None or agency.tenant_id != tenant.id:
        errors["owner_agency_id"] = "Choose the agency that owns the action."
    email = normalise_email(owner_email or "")
    if email and (not EMAIL.match(email) or len(email) > 254):
        errors["owner_email"] = (
            "Enter the owner's email address, like name@agency.example, or leave it empty."
        )
    if date_ok(due_on, "due_on", errors) and due_on is not None and due_on < day:
        errors["due_on"] = "The due date cannot be in the past."
    if errors:
        raise ReviewError(errors)
    owned = f"Action for recommendation {rec.number}, owned by {agency.name if agency else ''}"
    summary = owned + (f", due {due_on.isoformat()}." if due_on else ".")
    action = Action(recommendation=rec, review_id=rec.review_id, description=description)
    action.owner_agency_id, action.owner_email, action.due_on = owner_agency_id, email, due_on
    review = db.session.get(Review, rec.review_id)
    assert review is not None
    added(action, review, actor, "action_added", summary, action=ID)
    if email:
        _tell_owner(tenant, action, review)
    return action


def _tell_owner(tenant: Tenant, action: Action, review: Review) -> None:
    user = db.session.scalar(select(User).where(User.email == action.owner_email))
    member = (
        db.session.scalar(select(Membership).where(Membership.user_id == user.id))
        if user is not None
        else None
    )
    due = f", due on {day_text(action.due_on)}" if action.due_on else ""
    if user is not None and member is not None and member.active:
        action.owner_id = user.id
        target = link("casework.action", action_id=action.id, tenant=tenant.slug)
        intro = "Sign in to see it and upload evidence when it is done:"
    else:
        token = new_invitation(action.owner_email, action_id=action.id)
        target = link("casework_invitations.accept", token=token, tenant=tenant.slug)
        intro = "This link lets you set up your sign-in; it works once and expires in 14 days:"
    message_for(
        tenant,
        None,
        "invitation",
        f"{tenant.name}: an action from a case review is yours",
        f"{tenant.name} asks you to own an action from review {review.reference}{due}.\n\n"
        f"{intro}\n{target}\n",
        to=action.owner_email,
        action_id=action.id,
    )


def is_owner(actor: Actor, action: Action) -> bool:
    return actor.user_id is not None and action.owner_id == actor.user_id


def set_status(
    tenant: Tenant, actor: Actor, action: Action, *, status: str, reason: str = ""
) -> Action:
    """Not started, in progress, done, or not accepted (with the reason). Signed-off actions stay."""
    if not (actor.is_manager or is_owner(actor, action)):
        raise ReviewForbidden("only the action's owner or a review manager can change its status")
    if action.signed_off_on is not None:
        raise ReviewConflict(
            {"status": "The board has signed this action off; it can no longer change."}
        )
    if status not in ACTION_STATES:
        raise ReviewError({"status": "Choose the action's status."})
    reason = reason.strip()
    if status == "not_accepted" and not reason:
        raise ReviewError({"reason": "Say why the action is not accepted."})
    if len(reason) > 5_000:
        raise ReviewError({"reason": "Keep the reason to 5,000 characters."})
    action.status = status
    action.not_accepted_reason = reason if status == "not_accepted" else ""
    log_on_review(
        action.review_id,
        actor,
        "action_status",
        f"Action {action.id}: {ACTION_STATE_LABELS[status].lower()}.",
        {"action": action.id, "status": status},
    )
    return action


def upload_evidence(
    tenant: Tenant, actor: Actor, action: Action, *, filename: str, data: bytes, note: str = ""
) -> ActionEvidence:
    if not (actor.is_manager or is_owner(actor, action)):
        raise ReviewForbidden("only the action's owner or a review manager can upload evidence")
    if len(note) > 5_000:
        raise ReviewError({"note": "Keep the note to 5,000 characters."})
    meta = {"action": str(action.id)}
    upload = store_upload(tenant, data, folder="evidence", meta=meta, today=today())
    file_format = upload.checked.file_format
    evidence = ActionEvidence(
        action_id=action.id,
        filename=clean_filename(filename, f"evidence.{file_format}"),
        note=note.strip(),
        uploaded_by_id=actor.user_id,
        **upload.columns(),
    )
    action.evidence.append(evidence)
    summary = f"Evidence uploaded for action {action.id} ({file_format.upper()})."
    details = {"action": action.id, "sha256": upload.sha256}
    return added(
        evidence, action.review_id, actor, "action_evidence", summary, evidence=ID, **details
    )


def sign_off(tenant: Tenant, actor: Actor, action: Action) -> Action:
    """The board accepts that the action is done (or that not accepting it is justified)."""
    require_manager(actor)
    if action.signed_off_on is not None:
        raise ReviewConflict({"sign_off": "This action is already signed off."})
    if action.status not in CLOSED_STATES:
        raise ReviewConflict(
            {
                "sign_off": "Only an action that is done, or not accepted with a reason, can be signed off."
            }
        )
    action.signed_off_on = today()
    action.signed_off_by_id = actor.user_id
    log_on_review(
        action.review_id,
        actor,
        "action_signed_off",
        f"Action {action.id} signed off by the board.",
        {"action": action.id},
    )
    return action


class ActionState(Protocol):
    """What an action's status is worked out from (an Action, or those columns of one)."""

    @property
    def signed_off_on(self) -> dt.date | None: ...
    @property
    def status(self) -> str: ...
    @property
    def due_on(self) -> dt.date | None: ...


def action_status(action: ActionState, on: dt.date) -> str:
    """signed_off, not_accepted, done, overdue, in_progress or not_started, as of `on`."""
    if action.signed_off_on is not None:
        return "signed_off"
    if action.status in CLOSED_STATES:
        return action.status
    if action.due_on is not None and on > action.due_on:
        return "overdue"
    return action.status


def overdue_reminders(tenant: Tenant, on: dt.date | None = None) -> list[OutboxMessage]:
    """Once per overdue action with an owner: a message saying it is overdue (for digests)."""
    day = on or today()
    query = (
        select(Action, Review)
        .join(Review, Review.id == Action.review_id)
        .where(
            Action.signed_off_on.is_(None),
            Action.status.in_(("not_started", "in_progress")),
            Action.due_on < day,
            Action.reminded_overdue_on.is_(None),
            Action.owner_email != "",
        )
        .order_by(Action.due_on, Action.id)
    )
    messages: list[OutboxMessage] = []
    for action, review in db.session.execute(query).all():
        action.reminded_overdue_on = day
        assert action.due_on is not None
        message = message_for(
            tenant,
            None,
            "action_overdue",
            f"{tenant.name}: an action from a case review is overdue",
            f"The action you own from review {review.reference} was due on "
            f"{day_text(action.due_on)}.\n\nSign in to update it or upload evidence:\n"
            f"{link('casework.action', action_id=action.id, tenant=tenant.slug)}\n",
            to=action.owner_email,
            action_id=action.id,
            once=action.due_on.isoformat(),
        )
        if message is not None:
            messages.append(message)
    if messages:
        record(
            "casework.action_reminders_recorded",
            tenant.slug,
            {"count": len(messages)},
            tenant_id=tenant.id,
        )
    return messages
