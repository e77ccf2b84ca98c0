"""Meetings in the JSON API: a review's meetings with their decisions and the family-update promise
each panel meeting made, and recording a meeting. Routes of the `casework_api` blueprint."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from core import db
from core.api import plumbing as api
from core.api.casework import bp, json_fields, promise_json
from core.casework import meetings
from core.casework.models import Meeting
from core.reviews.models import Review

TEXT_FIELDS = tuple(meetings.MeetingNotes.__annotations__)


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
        "family_update": promise_json(promise, met_on=True),
    }


@bp.get("/reviews/<int:review_id>/meetings")
def list_meetings(review_id: int) -> ResponseReturnValue:
    review = api.review_for(review_id)
    items = [meeting_json(m, review) for m in meetings.meetings(review)]
    db.session.commit()  # the read's audit record
    return jsonify({"items": items})


@bp.post("/reviews/<int:review_id>/meetings")
def record_meeting(review_id: int) -> ResponseReturnValue:
    review = api.review_for(review_id)
    data = json_fields(("kind", "held_on", *TEXT_FIELDS))
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if not isinstance(kind, str):
        errors["kind"] = "Give panel or family."
    no_date = "Give the date as an ISO 8601 string, like 2025-03-27."
    held_on = api.json_date(data, "held_on", errors, no_date)
    if held_on is None:
        errors["held_on"] = no_date
    texts = api.json_texts(data, TEXT_FIELDS, errors)
    api.reject(errors)
    meeting = api.call(meetings.record_meeting, review, kind=str(kind), held_on=held_on, **texts)
    db.session.refresh(review)
    return api.created(meeting_json(meeting, review))


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

    review = api.review_for(review_id)
    items = [{"key": t.key, "label": t.label} for t in themes.chosen(review)]
    db.session.commit()
    return jsonify({"items": items})


@bp.put("/reviews/<int:review_id>/themes")
def choose_themes(review_id: int) -> ResponseReturnValue:
    from core.casework import themes

    review = api.review_for(review_id)
    data = json_fields(("themes",))
    keys = data.get("themes")
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise api.invalid({"themes": "Give a list of theme keys."})
    chosen = api.call(themes.choose, review, keys)
    return jsonify({"items": [{"key": t.key, "label": t.label} for t in chosen]})
