"""RFC 9457 problem details: the one JSON body every error under /api/ answers with, whoever raises
it (the API itself, an error page, the outage answer, the request guards)."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

PROBLEM = "application/problem+json"


def problem_response(status: int, title: str, detail: str | None, **members: Any) -> Response:
    """A problem+json response; `members` are added to the body (an `instance`, an extension)."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **members}
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM
    return response
