"""What every blueprint of the JSON API shares: bearer-token sign-in and problem details on each
request, the token's actor, a record the actor may see or a 404, the JSON body and its fields, and a
service's refusal answered as a problem (409, 422, 403)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flask import Blueprint, Response, g, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from core import db
from core.api.problems import Problem, authenticate, commit_pending, handle
from core.extensions import csrf
from core.reviews.context import (
    Actor,
    ReviewConflict,
    ReviewError,
    ReviewForbidden,
    ReviewNotFound,
)
from core.reviews.queries import get_review
from core.tenancy.context import current_tenant

T = TypeVar("T")
MAX_ID = 2**31 - 1
DATE_OR_NULL = "Give a date as an ISO 8601 string, like 2025-03-27, or null."


def serve(
    bp: Blueprint,
    *,
    open_endpoints: Iterable[str] = (),
    too_large: Callable[[], str] | None = None,
) -> None:
    """Make `bp` part of the API: every request but `open_endpoints` signs in by its bearer token,
    and every error rolls back and is answered as problem details (a 413 in the words of
    `too_large()`, where the blueprint takes uploads)."""
    csrf.exempt(bp)
    bp.after_request(commit_pending)
    unsigned = frozenset(open_endpoints)

    @bp.before_request
    def _authenticate() -> None:
        if request.endpoint not in unsigned:
            authenticate()

    @bp.errorhandler(HTTPException)
    def _problem(exc: HTTPException) -> ResponseReturnValue:
        db.session.rollback()
        if too_large is not None and exc.code == 413:
            exc = Problem(413, too_large())
        return handle(exc)


def actor() -> Actor:
    return Actor(g.actor, g.membership.role)


def detail(errors: dict[str, str]) -> str:
    """A problem's detail from the reason given for each field."""
    return " ".join(f"{field}: {message}" for field, message in errors.items())


def invalid(errors: dict[str, str]) -> Problem:
    return Problem(422, detail(errors), errors=errors)


def reject(errors: dict[str, str]) -> None:
    """Answer 422, naming each field and what is wrong with it, if any field is wrong."""
    if errors:
        raise invalid(errors)


def refused(exc: ReviewError | ReviewForbidden) -> Problem:
    """A service's refusal as a problem: a conflict with the record's state (409), a field's
    reason (422), or the role's (403)."""
    if isinstance(exc, ReviewForbidden):
        return Problem(403, f"Your role ({g.membership.role}) cannot do this: {exc}.")
    status = 409 if isinstance(exc, ReviewConflict) else 422
    return Problem(status, detail(exc.errors), errors=exc.errors)


def apply_change(change: Callable[[], T]) -> T:
    """Call the service that makes a change and commit it; a refusal becomes a problem."""
    try:
        result = change()
    except (ReviewError, ReviewForbidden) as exc:
        raise refused(exc) from None
    db.session.commit()
    return result


def call(service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call the service that makes a change as the token's actor in its board (every such service
    takes those two first), and commit; a refusal becomes a problem."""
    return apply_change(lambda: service(current_tenant, actor(), *args, **kwargs))


def visible(lookup: Callable[[Actor, int], T], what: str, record_id: int) -> T:
    """The record `lookup` finds for the token's actor; a 404 where they may not see it."""
    try:
        return lookup(actor(), record_id)
    except ReviewNotFound:
        raise Problem(404, f"There is no {what} {record_id} that you can see.") from None


def review_for(review_id: int) -> Any:
    """A review of the token's board the actor may see; another board's is never found."""
    if review_id > MAX_ID:
        raise Problem(404, f"There is no review {review_id} that you can see.")
    return visible(get_review, "review", review_id)


def created(body: dict[str, Any], location: str | None = None) -> Response:
    response = jsonify(body)
    response.status_code = 201
    if location is not None:
        response.headers["Location"] = location
    return response


def json_object() -> dict[str, Any]:
    """The request's body, which must be a JSON object."""
    if not request.is_json:
        raise Problem(415, "Send a JSON object with 'Content-Type: application/json'.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Problem(400, "The request body must be a JSON object.")
    return data


def is_id(value: Any) -> bool:
    """Whether a JSON value is a record's id (a whole number in range, not a boolean)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def json_date(
    data: dict[str, Any], name: str, errors: dict[str, str], message: str = DATE_OR_NULL
) -> dt.date | None:
    """The ISO 8601 date at `name`, or None where it is absent or null; else `message` is the
    field's error."""
    raw = data.get(name)
    if raw is None:
        return None
    try:
        if isinstance(raw, str):
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    errors[name] = message
    return None


def json_required(
    data: dict[str, Any], names: Iterable[str], errors: dict[str, str]
) -> dict[str, str]:
    """The text at each name; where it is absent or null the field is required, where it is not
    text it is to be text (each the field's error)."""
    texts: dict[str, str] = {}
    for name in names:
        value = data.get(name)
        if not isinstance(value, str):
            errors[name] = "This field is required." if value is None else "Give text."
        texts[name] = value if isinstance(value, str) else ""
    return texts


def json_texts(
    data: dict[str, Any], names: Iterable[str], errors: dict[str, str]
) -> dict[str, str]:
    """The text at each name ("" where absent); a value that is not text is the field's error."""
    texts: dict[str, str] = {}
    for name in names:
        value = data.get(name, "")
        if not isinstance(value, str):
            errors[name] = "Give text."
        texts[name] = value if isinstance(value, str) else ""
    return texts
