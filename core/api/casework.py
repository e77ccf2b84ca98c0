"""Casework in the JSON API at `/api/v1/`: the agency list, a review's agency requests and merged
chronology, one request, and uploading a return — the same services, bearer tokens, scoping and
problem details as the rest of the API. Another board's records are never found."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from core import db
from core.api import plumbing as api
from core.api.problems import Problem
from core.casework import queries, services
from core.casework.models import Agency, AgencyRequest
from core.reports.services import max_upload_bytes
from core.reviews.context import framework_context, today
from core.reviews.models import Obligation, Review
from core.tenancy.context import current_tenant

bp = Blueprint("casework_api", __name__, url_prefix="/api/v1")
api.serve(bp, too_large=lambda: "The file is larger than the configured limit.")
REQUEST_FIELDS = ("agency_id", "kind", "contact_email", "due_on", "instructions")


def json_fields(allowed: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object sent, with no field but `allowed` and no NUL character in its text."""
    data = api.json_object()
    errors = {k: "This field is not known or cannot be set here." for k in data if k not in allowed}
    for key, value in data.items():
        if isinstance(value, str) and "\x00" in value:
            errors[key] = "This contains a NUL character."
    api.reject(errors)
    return data


def _request(request_id: int) -> AgencyRequest:
    return api.visible(queries.get_request, "agency request", request_id)


def agency_in(data: dict[str, Any], name: str, errors: dict[str, str]) -> Any:
    """The agency id sent at `name`; anything but an id is the field's error."""
    agency_id = data.get(name)
    if not api.is_id(agency_id):
        errors[name] = "Give the id of an agency in the board's list."
    return agency_id


def agency_json(agency: Agency) -> dict[str, Any]:
    return {"id": agency.id, "key": agency.key, "name": agency.name, "active": agency.active}


def promise_json(promise: Obligation | None, *, met_on: bool = False) -> dict[str, Any] | None:
    """A promise tracked with the review's deadlines (with the day it was kept, if `met_on`)."""
    if promise is None:
        return None
    found: dict[str, Any] = {
        "obligation_id": promise.id,
        "due_on": promise.due_on.isoformat() if promise.due_on else None,
        "state": promise.state,
    }
    if met_on:
        found["met_on"] = promise.met_on.isoformat() if promise.met_on else None
    return found


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
    data = json_fields(("name",))
    name = data.get("name")
    if not isinstance(name, str):
        raise api.invalid({"name": "Give the agency's name."})
    agency = api.call(services.add_agency, name)
    return api.created(agency_json(agency))


@bp.get("/reviews/<int:review_id>/agency-requests")
def list_requests(review_id: int) -> ResponseReturnValue:
    review = api.review_for(review_id)
    fw = framework_context(current_tenant, review.framework)
    on = today()
    items = [
        request_json(r, queries.request_status(r, on, fw)) for r in queries.review_requests(review)
    ]
    db.session.commit()  # the read's audit record
    return jsonify({"items": items})


@bp.post("/reviews/<int:review_id>/agency-requests")
def send_request(review_id: int) -> ResponseReturnValue:
    review = api.review_for(review_id)
    data = json_fields(REQUEST_FIELDS)
    errors: dict[str, str] = {}
    agency_id = agency_in(data, "agency_id", errors)
    texts = api.json_required(data, ("kind", "contact_email"), errors)
    texts |= api.json_texts(data, ("instructions",), errors)
    due_on = api.json_date(data, "due_on", errors)
    api.reject(errors)
    req = api.call(services.send_request, review, agency_id=agency_id, due_on=due_on, **texts)
    return api.created(
        request_json(req, _status_of(req)),
        url_for("casework_api.read_request", request_id=req.id),
    )


@bp.get("/reviews/<int:review_id>/chronology")
def chronology(review_id: int) -> ResponseReturnValue:
    raw = request.args.get("agency_id")
    agency_id = None
    if raw is not None:
        if not raw.isdigit() or not 0 < int(raw) <= api.MAX_ID:
            raise Problem(400, "'agency_id' must be the id of an agency.")
        agency_id = int(raw)
    review = api.review_for(review_id)
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
    answer = request_json(req, _status_of(req))
    db.session.commit()
    return jsonify(answer)


@bp.post("/agency-requests/<int:request_id>/returns")
def upload_return(request_id: int) -> ResponseReturnValue:
    req = _request(request_id)
    if not request.mimetype.startswith("multipart/form-data"):
        raise Problem(415, "Send the return as multipart/form-data with 'file'.")
    file = request.files.get("file")
    if file is None:
        raise Problem(422, "file: Attach the return as 'file'.", errors={"file": "Attach it."})
    data = file.read(max_upload_bytes() + 1)
    api.call(services.upload_return, req, filename=file.filename or "", data=data)
    db.session.refresh(req)
    return api.created(request_json(req, _status_of(req)))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


# Recommendations and actions add their routes to `bp`; import them before it is registered.
from core.api import casework_actions as _action_api  # noqa: E402, F401
from core.api import casework_family as _family_api  # noqa: E402, F401
from core.api import casework_meetings as _meeting_api  # noqa: E402, F401
