"""Reading recommendations and actions: a review's plan, one action (for staff who may see its
review, or its owner), the board's open actions for the dashboard, and the action plan as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.orm import selectinload

from core import db
from core.casework.actions import action_status
from core.casework.models import ACTION_STATE_LABELS, Action, Recommendation
from core.reviews.context import Actor, ReviewNotFound
from core.reviews.models import Review
from core.reviews.queries import assigned_to, get_review

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


class ActionFacts(NamedTuple):
    """What the dashboard shows of an open action (read as columns, not as an Action)."""

    id: int
    description: str
    due_on: dt.date | None
    status: str
    signed_off_on: dt.date | None


A = TypeVar("A", Action, ActionFacts)


@dataclass(frozen=True)
class ActionRow(Generic[A]):
    action: A
    reference: str
    number: int
    status: str


def board_actions(actor: Actor, on: dt.date, *, open_only: bool = False) -> list[ActionRow[Action]]:
    """Actions the actor may see (managers: the board's; reviewers: their reviews'; owners: theirs)."""
    query = _visible(
        (Action, Review.reference, Recommendation.number),
        actor.is_manager,
        actor.user_id,
        open_only,
    )
    return [
        ActionRow(a, ref, num, action_status(a, on))
        for a, ref, num in db.session.execute(query).all()
    ]


def soonest_open_actions(actor: Actor, on: dt.date, limit: int) -> list[ActionRow[ActionFacts]]:
    """The first `limit` of `board_actions(actor, on, open_only=True)`, as the dashboard shows
    them: only the columns it writes, by a statement built once (the person and the limit are its
    parameters)."""
    found = db.session.execute(
        _soonest_open(actor.is_manager), {"viewer": actor.user_id or 0, "shown": limit}
    )
    rows = []
    for reference, number, *columns in found:
        facts = ActionFacts(*columns)
        rows.append(ActionRow(facts, reference, number, action_status(facts, on)))
    return rows


@lru_cache(maxsize=2)
def _soonest_open(manager: bool) -> Select[Any]:
    columns = (
        Review.reference,
        Recommendation.number,
        *(getattr(Action, name) for name in ActionFacts._fields),
    )
    viewer = bindparam("viewer", type_=Integer)
    return _visible(columns, manager, viewer, True).limit(bindparam("shown", type_=Integer))


def _visible(columns: tuple[Any, ...], manager: bool, viewer: Any, open_only: bool) -> Select[Any]:
    """The actions `viewer` may see (a manager: all the board's), soonest due first."""
    query = (
        select(*columns)
        .select_from(Action)
        .join(Review, Review.id == Action.review_id)
        .join(Recommendation, Recommendation.id == Action.recommendation_id)
    )
    if not manager:
        query = query.where(assigned_to(viewer) | (Action.owner_id == viewer))
    if open_only:
        query = query.where(Action.signed_off_on.is_(None), Action.status != "not_accepted")
    return query.order_by(Action.due_on.is_(None), Action.due_on, Action.id)


def actions_csv(rows: list[ActionRow[Action]]) -> str:
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
