"""Security headers on every response, and a refusal of input no database can store: NUL characters,
ids beyond an integer column's range, JSON nested deeper than any real request."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, render_template, request
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from core.problem_details import problem_response

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


# Every id column is a 32-bit integer on PostgreSQL; SQLite cannot bind past 64 bits. An id in a URL
# beyond that is not found (404), instead of failing in the database (500).
MAX_ID = 2**31 - 1
MAX_JSON_DEPTH = 64


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` in every route: an id beyond `MAX_ID` is not found (404, whatever the method)."""

    def to_python(self, value: str) -> Any:
        number = super().to_python(value)
        if self.max is None and number > MAX_ID:
            raise NotFound("There is nothing with that number.")
        return number


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON `body` nests arrays and objects deeper than `limit` (strings skipped), checked
    before parsing: Python's parser meets deep nesting with a RecursionError, not a ValueError."""
    depth, in_string, escaped = 0, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def refuse_deep_json() -> Response | None:
    if not request.is_json:
        return None
    if not json_depth_exceeds(request.get_data(cache=True)):
        return None
    message = f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
    if request.path.startswith("/api/"):
        response = problem_response(400, "Bad request", message, instance=request.path)
    else:
        response = Response(
            render_template(
                "errors/error.html", title="Something was wrong with the request", message=message
            ),
            mimetype="text/html",
        )
    response.status_code = 400
    return response


def _has_nul(values: object) -> bool:
    return any("\x00" in v for _key, v in values.items(multi=True))  # type: ignore[attr-defined]


def refuse_nul_characters() -> tuple[str, int] | None:
    """PostgreSQL cannot store a NUL character: refuse it up front, saying so, rather than fail later.

    The API answers its own problem details for this; here it is pages and forms.
    """
    if request.path.startswith("/api/"):
        return None
    if _has_nul(request.args) or (request.method != "GET" and _has_nul(request.form)):
        page = render_template(
            "errors/error.html",
            title="Something was wrong with the request",
            message="It contained a character that cannot be stored (a NUL character). "
            "Remove it and try again.",
        )
        return page, 400
    return None


def init_app(app: Flask) -> None:
    production = app.config["ENV"] == "production"
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(refuse_nul_characters)
    app.before_request(refuse_deep_json)

    defaults = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    if production:
        defaults.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))

    @app.after_request
    def _headers(response: Response) -> Response:
        # One pass over what the view set; a view's own value (a stricter policy) is kept.
        present = {name.lower() for name, _ in response.headers.items()}
        for name, value in defaults:
            if name.lower() not in present:
                response.headers.add(name, value)
        if g.get("actor") is not None:
            # Signed in (a page, an export, the API): nothing a shared computer or a proxy could
            # show the next person. Overrides the short public caching of family pages.
            response.headers["Cache-Control"] = "no-store"
            response.headers.pop("ETag", None)
        return response
