"""The JSON API at `/api/v1/`: reviews for the bearer token's board and role, through the same
services as the staff pages. Errors are RFC 9457 problem details; another board's review is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Flask, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from core import db
from core.api import casework as casework_api
from core.api import reports as reports_api
from core.api import serialise
from core.api.openapi import document
from core.api.plumbing import actor as _actor
from core.api.plumbing import apply_change as _apply
from core.api.plumbing import detail as _detail
from core.api.plumbing import json_object, serve
from core.api.plumbing import review_for as _load
from core.api.problems import Problem
from core.audit.services import record
from core.framework_rules import DATE_FIELDS, TEXT_FIELDS
from core.plugin_api import Framework
from core.reviews import services
from core.reviews.context import framework_context, framework_keys
from core.reviews.queries import Filters, listing, obligation_rows, page_reviews
from core.tenancy.context import current_tenant

bp = Blueprint("api", __name__, url_prefix="/api/v1")
serve(bp, open_endpoints=("api.openapi",))
PATCHABLE = ("pseudonym", "review_types", *DATE_FIELDS, *TEXT_FIELDS)


def _no_nul(value: Any, where: str) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise Problem(400, f"{where} contains a NUL character.")
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key, where)
            _no_nul(item, where)
    if isinstance(value, list):
        for item in value:
            _no_nul(item, where)


def _body() -> dict[str, Any]:
    data = json_object()
    _no_nul(data, "The request body")
    return data


def _parse_fields(
    data: dict[str, Any], allowed: tuple[str, ...], framework: Framework | None = None
) -> dict[str, Any]:
    """Turn JSON values into the types the services take; every problem is named by its field.

    With `framework`, its own fields (`details` in a review) are accepted as well."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    own = {f.key: f for f in framework.fields} if framework is not None else {}
    dates = {*DATE_FIELDS, *(k for k, f in own.items() if f.kind == "date")}
    for name, raw in data.items():
        if name not in allowed and name not in own:
            errors[name] = "This field is not known or cannot be set here."
        elif name in own and raw is None:
            values[name] = None
        elif name in dates:
            if raw is None:
                values[name] = None
            elif not isinstance(raw, str):
                errors[name] = "Give a date as an ISO 8601 string, like 2025-03-27, or null."
            else:
                try:
                    values[name] = dt.date.fromisoformat(raw)
                except ValueError:
                    errors[name] = "Give a date as an ISO 8601 string, like 2025-03-27."
        elif name == "review_types":
            if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
                errors[name] = "Give a list of review types."
            else:
                values[name] = raw
        elif not isinstance(raw, str):
            errors[name] = "Give text."
        else:
            values[name] = raw
    if errors:
        raise Problem(422, _detail(errors), errors=errors)
    return values


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Problem(400, f"'{name}' must be a whole number.") from None
    if not low <= value <= high:
        raise Problem(400, f"'{name}' must be between {low} and {high}.")
    return value


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(document(framework_keys()))


@bp.get("/reviews")
def list_() -> ResponseReturnValue:
    page = _int_arg("page", 1, 1, 100_000)
    per_page = _int_arg("per_page", 20, 1, 100)
    _no_nul(dict(request.args), "The query")
    status = request.args.get("status", "")
    if status not in ("", "missed", "at_risk"):
        raise Problem(400, "'status' must be 'missed' or 'at_risk'.")
    closed = request.args.get("include_closed", "false")
    if closed not in ("true", "false"):
        raise Problem(400, "'include_closed' must be 'true' or 'false'.")
    filters = Filters(
        stage=request.args.get("stage", "")[:40],
        status=status,
        framework=request.args.get("framework", "")[:63],
        search=request.args.get("q", "")[:100],
        include_closed=closed == "true",
    )
    actor = _actor()
    # Only the page asked for is read; a page past the end is empty, as it always was.
    shown = page_reviews(
        listing(current_tenant, actor, filters), page, per_page, past_end_is_last=False
    )
    chunk, total = shown.rows, shown.total
    body = {
        "items": [serialise.summary(r) for r in chunk],
        "page": page,
        "per_page": per_page,
        "total": total,
    }
    # The read is audited in its own transaction: one commit, with the token's last use.
    record("reviews.listed", current_tenant.slug, {"count": total, "via": "api"})
    db.session.commit()
    return jsonify(body)


@bp.post("/reviews")
def create() -> ResponseReturnValue:
    data = _body()
    errors = {
        k: "This field is required."
        for k in ("reference", "pseudonym")
        if not isinstance(data.get(k), str)
    }
    if errors:
        raise Problem(422, _detail(errors), errors=errors)
    framework = data.pop("framework", None)
    if framework is not None and not isinstance(framework, str):
        raise Problem(
            422, "framework: Give a framework key.", errors={"framework": "Give a framework key."}
        )
    reference, pseudonym = data.pop("reference"), data.pop("pseudonym")
    fields = _parse_fields(data, ("aware_on", "incident_on", "review_types"))
    actor = _actor()
    review = _apply(
        lambda: services.create_review(
            current_tenant,
            actor,
            reference=reference,
            pseudonym=pseudonym,
            framework=framework,
            **fields,
        )
    )
    response = jsonify(serialise.review(current_tenant, actor, review))
    response.status_code = 201
    response.headers["Location"] = url_for("api.read", review_id=review.id)
    return response


@bp.get("/reviews/<int:review_id>")
def read(review_id: int) -> ResponseReturnValue:
    review = _load(review_id)
    db.session.commit()
    return jsonify(serialise.review(current_tenant, _actor(), review))


@bp.patch("/reviews/<int:review_id>")
def update(review_id: int) -> ResponseReturnValue:
    data = _body()
    review = _load(review_id)
    fields = _parse_fields(
        data, PATCHABLE, framework_context(current_tenant, review.framework).framework
    )
    actor = _actor()
    _apply(lambda: services.update_review(current_tenant, actor, review, **fields))
    return jsonify(serialise.review(current_tenant, actor, review))


@bp.post("/reviews/<int:review_id>/transitions")
def transition(review_id: int) -> ResponseReturnValue:
    data = _body()
    review = _load(review_id)
    key = data.get("transition")
    values = data.get("values", {})
    if (
        not isinstance(key, str)
        or not isinstance(values, dict)
        or set(data) - {"transition", "values"}
    ):
        detail = 'Send {"transition": "<key>", "values": {<field>: <value>}}.'
        raise Problem(422, detail, errors={"transition": detail})
    framework = framework_context(current_tenant, review.framework).framework
    parsed = _parse_fields(values, (*DATE_FIELDS, *TEXT_FIELDS), framework)
    actor = _actor()
    _apply(lambda: services.transition(current_tenant, actor, review, key, parsed))
    return jsonify(serialise.review(current_tenant, actor, review))


@bp.get("/reviews/<int:review_id>/obligations")
def obligations(review_id: int) -> ResponseReturnValue:
    review = _load(review_id)
    db.session.commit()
    fw = framework_context(current_tenant, review.framework)
    rows = obligation_rows(review, fw, dt.date.today())
    return jsonify({"items": [serialise.obligation(r) for r in rows]})


@bp.get("/reviews/<int:review_id>/timeline")
def timeline(review_id: int) -> ResponseReturnValue:
    review = _load(review_id)
    db.session.commit()
    return jsonify({"items": [serialise.event(e) for e in review.events]})


def init_app(app: Flask) -> None:
    casework_api.init_app(app)
    app.register_blueprint(bp)
    reports_api.init_app(app)


# Obligations and the national returns add their routes to `bp`; import them before it is registered.
from core.api import obligations as _obligations_api  # noqa: E402, F401
from core.api import returns as _returns_api  # noqa: E402, F401
