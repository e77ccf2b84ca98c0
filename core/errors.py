"""Error pages in the board's branding and language; JSON problem details under /api/; the answers
while the database is unreachable (`core.outage`)."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from core import outage
from core.i18n import LAUNCH_LANGUAGES, use_request_language
from core.i18n import gettext as _
from core.problem_details import problem_response
from core.tenancy.context import TenantSuspended


def handle_http_error(exc: HTTPException) -> ResponseReturnValue:
    code = exc.code or 500
    if request.path.startswith("/api/"):
        return problem_response(code, exc.name, exc.description)
    if "translator" not in g:
        use_request_language(LAUNCH_LANGUAGES)
    if code == 404:
        return render_template("errors/404.html"), 404
    messages = {
        400: (_("Something was wrong with the request"), _("Please go back and try again.")),
        403: (_("You cannot see this page"), _("Your role does not include this page.")),
        413: (_("The file is too big"), _("Choose a smaller file and try again.")),
        429: (_("Too many requests"), _("Please wait a few minutes and try again.")),
    }
    title, message = messages.get(code, (exc.name, exc.description or ""))
    # A view that gave its own reason (`abort(400, "...")`) says it, not the generic text.
    if exc.description and exc.description != type(exc).description:
        message = exc.description
    return render_template("errors/error.html", title=title, message=message), code


def _suspended(exc: TenantSuspended) -> tuple[str, int]:
    use_request_language(exc.tenant.locales, preferred=(request.view_args or {}).get("locale"))
    return render_template("errors/suspended.html", suspended=exc.tenant), 503


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    outage.init_app(app, otherwise=handle_http_error)
    app.register_error_handler(TenantSuspended, _suspended)
