"""Casework in the JSON API at `/api/v1/`: the agency list, a review's agency requests and merged
chronology, one request, and uploading a return — the same services, bearer tokens, scoping and
problem details as the rest of the API. Another board's records are never found."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Flask, g, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from core import db
from core.api.problems import Problem, authenticate, commit_pending, handle
from core.casework import queries, services
from core.casework.models import Agency, AgencyRequest
from core.extensions import csrf
from core.reports.services import max_upload_bytes
from core.reviews.context import (
    Actor,
    ReviewConflict,
    ReviewError,
    ReviewForbidden,
    ReviewNotFound,
    framework_context,
    today,
)
from core.reviews.models import Review
from core.reviews.queries import get_review
from core.tenancy.context import current_tenant

bp = Blueprint("casework_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
MAX_ID = 2**31 - 1
REQUEST_FIELDS = ("agency_id", "kind", "contact_email", "due_on", "instructions")


bp.after_request(commit_pending)


@bp.before_request
def _authenticate() -> None:
    authenticate()


@bp.errorhandler(HTTPException)
def _problem(exc: HTTPException) -> ResponseReturnValue:
    db.session.rollback()
    if exc.code == 413:
        exc = Problem(413, "The file is larger than the configured limit.")
    return handle(exc)


def _actor() -> Actor:
    return Actor(g.actor, g.membership.role)


def _detail(errors: dict[str, str]) -> str:
    return " ".join(f"{field}: {message}" for field, message in errors.items())


def _apply(change: Any) -> Any:
    try:
        result = change()
    except ReviewConflict as exc:
        raise Problem(409, _detail(exc.errors), errors=exc.errors) from None
    except ReviewError as exc:
        raise Problem(422, _detail(exc.errors), errors=exc.errors) from None
    except ReviewForbidden as exc:
        raise Problem(403, f"Your role ({g.membership.role}) cannot do this: {exc}.") from None
    db.session.commit()
    return result


def _body(allowed: tuple[str, ...]) -> dict[str, Any]:
    if not request.is_json:
        raise Problem(415, "Send a JSON object with 'Content-Type: application/json'.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Problem(400, "The request body must be a JSON object.")
    errors = {k: "This field is not known or cannot be set here." for k in data if k not in allowed}
    for key, value in data.items():
        if isinstance(value, str) and "\x00" in value:
            errors[key] = "This contains a NUL character."
    if errors:
        raise Problem(422, _detail(errors), errors=errors)
    return data


def _review(review_id: int) -> Review:
    if review_id > MAX_ID:
        raise Problem(404, f"There is no review {review_id} that you can see.")
    try:
        return get_review(_actor(), review_id)
    except ReviewNotFound:
        raise Problem(404, f"There is no review {review_id} that you can see.") from None


def _request(request_id: int) -> AgencyRequest:
    try:
        return queries.get_request(_actor(), request_id)
    except ReviewNotFound:
        raise Problem(404, f"There is no agency request {request_id} that you can see.") from None


def agency_json(agency: Agency) -> dict[str, Any]:
    return {"id": agency.id, "key": agency.key, "name": agency.name, "active": agency.active}


def request_json(req: AgencyRequest, status: str) -> dict[str, Any]:
    return {
        "id": req.id,
        "review_id": req.review_id,
        "agency": agency_json(req.agency),
        "kind": req.kind,
        "contact_email": req.contact_email,
        "contributor_signed_up": req.contributor_id is not None,
        "asked_on": req.asked_on.isoformat(),
        "due_on": req.due_on.isoformat(),
        "state": req.state,
        "status": status,
        "returned_on": req.returned_on.isoformat() if req.returned_on else None,
        "returns": [
            {
                "id": r.id,
                "file_format": r.file_format,
                "size": r.size,
                "sha256": r.sha256,
                "entries": r.entries,
                "uploaded_at": r.created_at.isoformat(),
            }
            for r in req.returns
        ],
        "time_requests": [
            {
                "id": t.id,
                "wanted_on": t.wanted_on.isoformat(),
                "state": t.state,
                "decided_on": t.decided_on.isoformat() if t.decided_on else None,
            }
            for t in req.time_requests
        ],
    }


def _status_of(req: AgencyRequest) -> str:
    review = db.session.get(Review, req.review_id)
    assert review is not None
    return queries.request_status(req, today(), framework_context(current_tenant, review.framework))


@bp.get("/agencies")
def list_agencies() -> ResponseReturnValue:
    return jsonify({"items": [agency_json(a) for a in queries.agencies()]})


@bp.post("/agencies")
def add_agency() -> ResponseReturnValue:
    data = _body(("name",))
    name = data.get("name")
    if not isinstance(name, str):
        raise Problem(
            422, "name: Give the agency's name.", errors={"name": "Give the agency's name."}
        )
    agency = _apply(lambda: services.add_agency(current_tenant, _actor(), name))
    response = jsonify(agency_json(agency))
    response.status_code = 201
    return response


@bp.get("/reviews/<int:review_id>/agency-requests")
def list_requests(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    fw = framework_context(current_tenant, review.framework)
    on = today()
    items = [
        request_json(r, queries.request_status(r, on, fw)) for r in queries.review_requests(review)
    ]
    db.session.commit()  # the read's audit record
    return jsonify({"items": items})


@bp.post("/reviews/<int:review_id>/agency-requests")
def send_request(review_id: int) -> ResponseReturnValue:
    review = _review(review_id)
    data = _body(REQUEST_FIELDS)
    errors: dict[str, str] = {}
    agency_id = data.get("agency_id")
    if not isinstance(agency_id, int) or isinstance(agency_id, bool) or not 0 < agency_id <= MAX_ID:
        errors["agency_id"] = "Give the id of an agency in the board's list."
    for name in ("kind", "contact_email"):
        if not isinstance(data.get(name), str):
            errors[name] = "This field is required."
    instructions = data.get("instructions", "")
    if not isinstance(instructions, str):
        errors["instructions"] = "Give text."
    due_on = None
    raw_due = data.get("due_on")
    if raw_due is not None:
        try:
            due_on = dt.date.fromisoformat(raw_due) if isinstance(raw_due, str) else None
        except ValueError:
            due_on = None
        if due_on is None:
            errors["due_on"] = "Give a date as an ISO 8601 string, like 2025-03-27, or null."
    if errors:
        raise Problem(422, _detail(errors), errors=errors)
    req = _apply(
        lambda: services.send_request(
            current_tenant,
            _actor(),
            review,
            agency_id=agency_id,
            kind=data["kind"],
            contact_email=data["contact_email"],
            due_on=due_on,
            instructions=instructions,
        )
    )
    response = jsonify(request_json(req, _status_of(req)))
    response.status_code = 201
    response.headers["Location"] = url_for("casework_api.read_request", request_id=req.id)
    return response


@bp.get("/reviews/<int:review_id>/chronology")
def chronology(review_id: int) -> ResponseReturnValue:
    raw = request.args.get("agency_id")
    agency_id = None
    if raw is not None:
        if not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
            raise Problem(400, "'agency_id' must be the id of an agency.")
        agency_id = int(raw)
    review = _review(review_id)
    lines = queries.merged_chronology(review, agency_id)
    db.session.commit()  # the read's audit record
    return jsonify(
        {
            "items": [
                {
                    "date": line.occurred_on.isoformat(),
                    "agency_id": line.agency_id,
                    "agency": line.agency,
                    "named": line.named,
                    "event": line.event,
                    "source": line.source,
                }
                for line in lines
            ]
        }
    )


@bp.get("/agency-requests/<int:request_id>")
def read_request(request_id: int) -> ResponseReturnValue:
    req = _request(request_id)
    body = request_json(req, _status_of(req))
    db.session.commit()
    return jsonify(body)


@bp.post("/agency-requests/<int:request_id>/returns")
def upload_return(request_id: int) -> ResponseReturnValue:
    req = _request(request_id)
    if not request.mimetype.startswith("multipart/form-data"):
        raise Problem(415, "Send the return as multipart/form-data with 'file'.")
    file = request.files.get("file")
    if file is None:
        raise Problem(422, "file: Attach the return as 'file'.", errors={"file": "Attach it."})
    data = file.read(max_upload_bytes() + 1)
    _apply(
        lambda: services.upload_return(
            current_tenant, _actor(), req, filename=file.filename or "", data=data
        )
    )
    db.session.refresh(req)
    response = jsonify(request_json(req, _status_of(req)))
    response.status_code = 201
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


# Recommendations and actions add their routes to `bp`; import them before it is registered.
from core.api import casework_actions as _action_api  # noqa: E402, F401
from core.api import casework_family as _family_api  # noqa: E402, F401
from core.api import casework_meetings as _meeting_api  # noqa: E402, F401
