"""Recording a review's obligation through the JSON API: met on a date (with a note), waived with
a reason (board admins), or reopened — the same services as the obligation page of the staff
pages, so a review can be walked to publication through the API alone (the family told first)."""

from __future__ import annotations

import datetime as dt

from flask import jsonify
from flask.typing import ResponseReturnValue

from core.api import serialise
from core.api.blueprint import _actor, _body, bp
from core.api.plumbing import MAX_ID, apply_change, review_for
from core.api.problems import Problem
from core.reviews import services
from core.reviews.context import framework_context, today
from core.reviews.queries import obligation_rows
from core.tenancy.context import current_tenant

ACTIONS = ("met", "waive", "reopen")


def _date(raw: object) -> dt.date:
    if not isinstance(raw, str):
        raise Problem(422, "met_on: Give the date it was done as an ISO 8601 string.",
                      errors={"met_on": "Give the date it was done, like 2025-03-27."})  # fmt: skip
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Problem(422, "met_on: Give a date like 2025-03-27.",
                      errors={"met_on": "Give a date like 2025-03-27."}) from None  # fmt: skip


def _text(data: dict[str, object], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise Problem(422, f"{name}: Give text.", errors={name: "Give text."})
    return value


@bp.post("/reviews/<int:review_id>/obligations/<int:obligation_id>")
def record_obligation(review_id: int, obligation_id: int) -> ResponseReturnValue:
    data = _body()
    review = review_for(review_id)
    if obligation_id > MAX_ID or not any(o.id == obligation_id for o in review.obligations):
        raise Problem(404, f"Review {review_id} has no obligation {obligation_id}.")
    action = data.get("action")
    if action not in ACTIONS or set(data) - {"action", "met_on", "note", "reason"}:
        detail = (
            'Send {"action": "met", "met_on": "<date>", "note": "…"}, {"action": "waive", '
            '"reason": "…"} or {"action": "reopen"}.'
        )
        raise Problem(422, detail, errors={"action": detail})
    actor = _actor()
    if action == "met":
        met_on, note = _date(data.get("met_on")), _text(data, "note")
        apply_change(
            lambda: services.record_met(current_tenant, actor, review, obligation_id, met_on, note)
        )
    elif action == "waive":
        reason = _text(data, "reason")
        apply_change(lambda: services.waive(current_tenant, actor, review, obligation_id, reason))
    else:
        apply_change(lambda: services.reopen(current_tenant, actor, review, obligation_id))
    fw = framework_context(current_tenant, review.framework)
    row = next(r for r in obligation_rows(review, fw, today()) if r.obligation.id == obligation_id)
    return jsonify(serialise.obligation(row))
