"""RFC 9457 problem details for every API error, and bearer-token sign-in for each request."""

from __future__ import annotations

from typing import Any

from flask import Response, g, request
from werkzeug.exceptions import HTTPException

from core import db, problem_details
from core.auth.tokens import find_token, mark_used

PROBLEM = problem_details.PROBLEM
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    415: "Unsupported media type",
    422: "The request could not be applied",
}


class Problem(HTTPException):
    """An API error; rendered as problem+json by `problem_response`."""

    def __init__(self, status: int, detail: str, **extensions: Any) -> None:
        super().__init__(description=detail)
        self.code = status
        self.extensions = extensions


def problem_response(status: int, detail: str, **extensions: Any) -> Response:
    response = problem_details.problem_response(
        status, TITLES.get(status, "Error"), detail, instance=request.path, **extensions
    )
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="candour"'
    return response


def handle(exc: HTTPException) -> Response:
    status = exc.code or 500
    extensions = getattr(exc, "extensions", {})
    return problem_response(status, exc.description or TITLES.get(status, "Error"), **extensions)


def authenticate() -> None:
    """Find the board, user and role of the bearer token; scope the session to that board."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "Send an API token as 'Authorization: Bearer <token>'.")
    found = find_token(token.strip())
    if found is None:
        raise Problem(401, "This API token is not valid, has expired or has been revoked.")
    if not found.tenant.is_active:
        raise Problem(403, "The board this token belongs to is suspended.")
    if found.membership is None or not found.user.active:
        raise Problem(401, "The user of this token no longer has a role in the board.")
    # The token's last use (written once a minute) commits with the request's own transaction:
    # no commit of its own before the request's work, so a read is one transaction, not two.
    mark_used(found.token)
    g.tenant, g.actor, g.membership = found.tenant, found.user, found.membership


def commit_pending(response: Response) -> Response:
    """After a successful answer, commit what its view left pending (the token's last use, on a
    read that wrote nothing else); a view that committed leaves nothing, and costs no round trip."""
    if response.status_code < 400 and "db_session" in g and (db.session.new or db.session.dirty):
        db.session.commit()
    return response
