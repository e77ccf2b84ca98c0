"""Recommendations and actions in the JSON API: a review's plan, recording recommendations and
actions, the board's actions, changing an action's status and signing it off. Routes of the
`casework_api` blueprint."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from core import db
from core.api import plumbing as api
from core.api.casework import agency_in, agency_json, bp, json_fields
from core.api.problems import Problem
from core.api.serialise import iso
from core.casework import action_queries, actions
from core.casework.models import Action, Recommendation
from core.reviews.context import today

# What the API shows of an action and a recommendation as they are stored, by attribute.
_ACTION_FIELDS = (
    "id",
    "review_id",
    "recommendation_id",
    "description",
    "owner_email",
    "status",
    "not_accepted_reason",
)
_RECOMMENDATION_FIELDS = ("id", "review_id", "number", "text", "source")


def action_json(action: Action, on: dt.date) -> dict[str, Any]:
    return {name: getattr(action, name) for name in _ACTION_FIELDS} | {
        "owner_agency": agency_json(action.owner_agency) if action.owner_agency else None,
        "due_on": iso(action.due_on),
        "progress": actions.action_status(action, on),
        "evidence": len(action.evidence),
        "signed_off_on": iso(action.signed_off_on),
    }


def recommendation_json(rec: Recommendation, on: dt.date) -> dict[str, Any]:
    return {name: getattr(rec, name) for name in _RECOMMENDATION_FIELDS} | {
        "actions": [action_json(a, on) for a in rec.actions],
    }


@bp.get("/reviews/<int:review_id>/recommendations")
def list_recommendations(review_id: int) -> ResponseReturnValue:
    review = api.review_for(review_id)
    on = today()
    items = [recommendation_json(r, on) for r in action_queries.recommendations(review)]
    db.session.commit()
    return jsonify({"items": items})


@bp.post("/reviews/<int:review_id>/recommendations")
def add_recommendation(review_id: int) -> ResponseReturnValue:
    review = api.review_for(review_id)
    data = json_fields(("text", "source"))
    errors: dict[str, str] = {}
    texts = api.json_required(data, ("text",), errors)
    source = data.get("source", "final")
    if not isinstance(source, str):
        errors["source"] = "Give draft, final or published."
    api.reject(errors)
    rec = api.call(actions.add_recommendation, review, source=source, **texts)
    return api.created(recommendation_json(rec, today()))


@bp.post("/recommendations/<int:rec_id>/actions")
def add_action(rec_id: int) -> ResponseReturnValue:
    rec = api.visible(action_queries.get_recommendation, "recommendation", rec_id)
    data = json_fields(("description", "owner_agency_id", "owner_email", "due_on"))
    errors: dict[str, str] = {}
    texts = api.json_required(data, ("description",), errors)
    texts |= api.json_texts(data, ("owner_email",), errors)
    agency_id = agency_in(data, "owner_agency_id", errors)
    due_on = api.json_date(data, "due_on", errors)
    api.reject(errors)
    action = api.call(actions.add_action, rec, owner_agency_id=agency_id, due_on=due_on, **texts)
    return api.created(action_json(action, today()))


@bp.get("/actions")
def list_actions() -> ResponseReturnValue:
    raw = request.args.get("open", "true")
    if raw not in ("true", "false"):
        raise Problem(400, "'open' must be 'true' or 'false'.")
    on = today()
    rows = action_queries.board_actions(api.actor(), on, open_only=raw == "true")
    return jsonify(
        {
            "items": [
                {
                    **action_json(r.action, on),
                    "review_reference": r.reference,
                    "recommendation_number": r.number,
                }
                for r in rows
            ]
        }
    )


def _action(action_id: int) -> Action:
    return api.visible(action_queries.get_action, "action", action_id)


@bp.patch("/actions/<int:action_id>")
def update_action(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    data = json_fields(("status", "not_accepted_reason"))
    errors: dict[str, str] = {}
    status = api.json_required(data, ("status",), errors)["status"]
    reason = api.json_texts(data, ("not_accepted_reason",), errors)["not_accepted_reason"]
    api.reject(errors)
    api.call(actions.set_status, action, status=status, reason=reason)
    return jsonify(action_json(action, today()))


@bp.post("/actions/<int:action_id>/sign-off")
def sign_off(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    api.call(actions.sign_off, action)
    return jsonify(action_json(action, today()))
