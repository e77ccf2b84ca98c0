"""Security headers on every response, and a refusal of input no database can store."""

from __future__ import annotations

from flask import Flask, Response, g, render_template, request

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
    app.before_request(refuse_nul_characters)

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
