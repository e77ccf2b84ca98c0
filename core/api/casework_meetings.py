"""Meetings in the JSON API: a review's meetings with their decisions and the family-update promise
each panel meeting made, and recording a meeting. Routes of the `casework_api` blueprint."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from core import db
from core.api.casework import _actor, _apply, _body, _detail, _review, bp
from core.api.problems import Problem
from core.casework import meetings
from core.casework.models import Meeting
from core.reviews.models import Review
from core.tenancy.context import current_tenant

TEXT_FIELDS = ("attendees", "agenda", "minutes")


def meeting_json(meeting: Meeting, review: Review) -> dict[str, Any]:
    promise = next((o for o in review.obligations if o.id == meeting.family_update_id), None)
    return {
        "id": meeting.id,
        "review_id": meeting.review_id,
        "kind": meeting.kind,
        "held_on": meeting.held_on.isoformat(),
        "attendees": meeting.attendees,
        "agenda": meeting.agenda,
        "minutes": meeting.minutes,
        "minutes_file": meeting.minutes_format or None,
        "decisions": [
            {"id": d.id, "decided_on": d.decided_on.isoformat(), "text": d.text}
            for d in meeting.decisions
        ],
        "family_update": None
        if promise is None
        else {
            "obligation_id": promise.id,
            "due_on": promise.due_on.isoformat() if promise.due_on else None,
            "state": promise.state,
            "met_on": promise.met_on.isoformat() if promise.met_on else None,
        },
    }


@bp.get("/reviews/<int:review_id>/meetings")
def list_meetings(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    items = [meeting_json(m, review) for m in meetings.meetings(review)]
    db.session.commit()  # the read's audit record
    return jsonify({"items": items})


@bp.post("/reviews/<int:review_id>/meetings")
def record_meeting(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    data = _body(("kind", "held_on", *TEXT_FIELDS))
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if not isinstance(kind, str):
        errors["kind"] = "Give panel or family."
    held_on = None
    raw = data.get("held_on")
    try:
        held_on = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        held_on = None
    if held_on is None:
        errors["held_on"] = "Give the date as an ISO 8601 string, like 2025-03-27."
    texts = {name: data.get(name, "") for name in TEXT_FIELDS}
    errors.update(
        {name: "Give text." for name, value in texts.items() if not isinstance(value, str)}
    )
    if errors:
        raise Problem(422, _detail(errors), errors=errors)
    meeting = _apply(
        lambda: meetings.record_meeting(
            current_tenant, _actor(), review, kind=str(kind), held_on=held_on, **texts
        )
    )
    db.session.refresh(review)
    response = jsonify(meeting_json(meeting, review))
    response.status_code = 201
    return response


# -- learning themes -------------------------------------------------------------------------------


@bp.get("/themes")
def list_themes() -> ResponseReturnValue:
    from core.casework import themes

    return jsonify(
        {
            "items": [
                {"key": key, "label": label, "platform": key in themes.PLATFORM_KEYS}
                for key, label in themes.available()
            ]
        }
    )


@bp.get("/reviews/<int:review_id>/themes")
def review_themes(review_id: int) -> ResponseReturnValue:
    from core.casework import themes

    review = _review(review_id)
    items = [{"key": t.key, "label": t.label} for t in themes.chosen(review)]
    db.session.commit()
    return jsonify({"items": items})


@bp.put("/reviews/<int:review_id>/themes")
def choose_themes(review_id: int) -> ResponseReturnValue:
    from core.casework import themes

    review = _review(review_id)
    data = _body(("themes",))
    keys = data.get("themes")
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise Problem(
            422,
            "themes: Give a list of theme keys.",
            errors={"themes": "Give a list of theme keys."},
        )
    chosen = _apply(lambda: themes.choose(current_tenant, _actor(), review, keys))
    return jsonify({"items": [{"key": t.key, "label": t.label} for t in chosen]})
