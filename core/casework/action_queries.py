"""Reading recommendations and actions: a review's plan, one action (for staff who may see its
review, or its owner), the board's open actions for the dashboard, and the action plan as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from core import db
from core.casework.actions import action_status
from core.casework.models import ACTION_STATE_LABELS, Action, Recommendation
from core.reviews.context import Actor, ReviewNotFound
from core.reviews.models import Review, ReviewAssignment
from core.reviews.queries import get_review

STATUS_LABELS = {**ACTION_STATE_LABELS, "overdue": "Overdue", "signed_off": "Signed off"}
STATUS_COLOURS = {
    "not_started": "grey",
    "in_progress": "blue",
    "done": "turquoise",
    "not_accepted": "orange",
    "overdue": "red",
    "signed_off": "green",
}
CSV_COLUMNS = (
    "review",
    "recommendation",
    "recommendation_text",
    "action",
    "owner_agency",
    "due_date",
    "status",
    "not_accepted_reason",
    "signed_off",
)


def recommendations(review: Review) -> list[Recommendation]:
    return list(
        db.session.scalars(
            select(Recommendation)
            .where(Recommendation.review_id == review.id)
            .options(selectinload(Recommendation.actions).selectinload(Action.evidence))
            .order_by(Recommendation.number)
        )
    )


def get_recommendation(actor: Actor, rec_id: int) -> Recommendation:
    rec = db.session.get(Recommendation, rec_id) if 0 < rec_id < 2**31 else None
    if rec is None:
        raise ReviewNotFound(rec_id)
    get_review(actor, rec.review_id, audit=False)
    return rec


def get_action(actor: Actor, action_id: int) -> Action:
    """An action its owner may see, or staff who may see its review."""
    action = db.session.get(Action, action_id) if 0 < action_id < 2**31 else None
    if action is None:
        raise ReviewNotFound(action_id)
    if not (actor.user_id is not None and action.owner_id == actor.user_id):
        get_review(actor, action.review_id, audit=False)
    return action


@dataclass(frozen=True)
class ActionRow:
    action: Action
    reference: str
    number: int
    status: str


def board_actions(
    actor: Actor, on: dt.date, *, open_only: bool = False, limit: int | None = None
) -> list[ActionRow]:
    """Actions the actor may see (managers: the board's; reviewers: their reviews'; owners: theirs)."""
    query = (
        select(Action, Review.reference, Recommendation.number)
        .join(Review, Review.id == Action.review_id)
        .join(Recommendation, Recommendation.id == Action.recommendation_id)
    )
    if not actor.is_manager:
        assigned = exists().where(
            ReviewAssignment.review_id == Review.id, ReviewAssignment.user_id == actor.user_id
        )
        query = query.where(assigned | (Action.owner_id == actor.user_id))
    if open_only:
        query = query.where(Action.signed_off_on.is_(None), Action.status != "not_accepted")
    query = query.order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    if limit:
        query = query.limit(limit)
    return [
        ActionRow(a, ref, num, action_status(a, on))
        for a, ref, num in db.session.execute(query).all()
    ]


def actions_csv(rows: list[ActionRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        a = row.action
        writer.writerow(
            [
                _cell(row.reference),
                row.number,
                _cell(a.recommendation.text),
                _cell(a.description),
                _cell(a.owner_agency.name if a.owner_agency else ""),
                a.due_on.isoformat() if a.due_on else "",
                row.status,
                _cell(a.not_accepted_reason),
                a.signed_off_on.isoformat() if a.signed_off_on else "",
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
