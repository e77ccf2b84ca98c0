"""When the database cannot be reached: families still get their board's page, from the last copy
served; a family's contact form says plainly that the message was not sent; everyone else gets a
branded 503 ("try again shortly") with `Retry-After`, and API clients the same as problem+json.

Nothing here may touch the database: the board is known from the path (or the host the middleware
already mapped), and the last good page and the board's public contact details are kept in memory
and in a folder under the instance path, which every worker of the machine shares and which outlives
a restart.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, g, render_template, request
from flask_login import AnonymousUserMixin
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, InternalServerError

from core import caches, db
from core.i18n import LAUNCH_LANGUAGES, use_request_language
from core.problem_details import problem_response

RETRY_AFTER_SECONDS = 30
# What an unreachable, stopped or overloaded database raises (connection refused, a closed pool,
# a file that cannot be opened); an error in a statement itself is a bug and stays a 500 — see
# `is_outage` for SQLite, which raises OperationalError for both.
DATABASE_DOWN: tuple[type[Exception], ...] = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
)
SQLITE_OUTAGES = ("unable to open database file", "database is locked", "disk i/o error")
KEPT_ENDPOINT = "family.page"
FOLDER = "last-good-pages"

_kept: caches.BoundedCache[str, str] = caches.BoundedCache(4000)  # key -> digest of what is on disk


def _folder() -> Path:
    return Path(current_app.config["INSTANCE_PATH"]) / FOLDER


def _key(host: str, path: str) -> str:
    return hashlib.sha256(f"{host}\n{path}".encode()).hexdigest()


def _board_path(path: str) -> str:
    return "/" + path.strip("/").split("/", 1)[0]


def _write(name: str, content: str) -> None:
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: a reader in another worker never sees half a page.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(content)
    os.replace(temporary, folder / name)


def _read(name: str) -> str | None:
    try:
        return (_folder() / name).read_text(encoding="utf-8")
    except OSError:
        return None


def _board_snapshot(tenant: Any) -> dict[str, Any]:
    """What the outage pages say about the board: only what its public pages already show."""
    return {
        "names": {code: tenant.name_in(code) for code in tenant.locales},
        "phone": tenant.contact_phone,
        "email": tenant.contact_email,
    }


def remember_family_page(response: Response) -> Response:
    """After a family page is served whole: keep it (and the board's contact details) for an outage."""
    rule = request.url_rule
    tenant = g.get("tenant")
    if (
        rule is None
        or rule.endpoint != KEPT_ENDPOINT
        or response.status_code != 200
        or response.direct_passthrough
        or tenant is None
    ):
        return response
    html = response.get_data(as_text=True)
    key = _key(request.host, request.path)
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
    if _kept.get(key) == digest:
        return response
    try:
        _write(f"{key}.html", html)
        _write(
            f"{_key(request.host, _board_path(request.path))}.json",
            json.dumps(_board_snapshot(tenant)),
        )
    except OSError as exc:  # a full or read-only disk must not cost the family the page itself
        current_app.logger.warning("outage: could not keep the family page: %s", exc)
        return response
    _kept.put(key, digest)
    return response


def _board(path: str) -> dict[str, Any]:
    found = _read(f"{_key(request.host, _board_path(path))}.json")
    try:
        return json.loads(found) if found else {}
    except ValueError:
        return {}


def _locale_in_path() -> str | None:
    rule = request.url_rule
    if rule is None or "locale" not in (rule.arguments or ()):
        return None
    parts = request.path.strip("/").split("/")
    return parts[1] if len(parts) > 1 else None


def _forget_request_state() -> None:
    """The failed session and half-loaded board must not be touched again while answering."""
    try:
        db.close_session()
    except Exception:
        g.pop("db_session", None)
    for name in ("tenant", "locale", "actor", "membership", "translator", "page_lang"):
        g.pop(name, None)
    # The page must not ask Flask-Login to load the signed-in person: that is a query too.
    g._login_user = AnonymousUserMixin()


def _unavailable(status_title: str) -> Response:
    return problem_response(
        503, status_title, "The service cannot reach its database. Try again shortly."
    )


def database_unreachable(exc: Exception) -> Response:
    current_app.logger.warning(
        "database unreachable, answering %s %s: %s",
        request.method,
        request.path,
        str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
    )
    endpoint = request.url_rule.endpoint if request.url_rule is not None else None
    family_post = endpoint == "family.contact" and request.method == "POST"
    message_text = request.form.get("message", "") if family_post else ""
    _forget_request_state()
    if request.path.startswith("/api/"):
        response = _unavailable("Service Unavailable")
    else:
        if endpoint == KEPT_ENDPOINT and request.method in ("GET", "HEAD"):
            kept = _read(f"{_key(request.host, request.path)}.html")
            if kept is not None:
                response = Response(kept, mimetype="text/html")
                response.headers["Cache-Control"] = "no-cache"
                return response
        locale = use_request_language(LAUNCH_LANGUAGES, preferred=_locale_in_path())
        board = _board(request.path)
        names = board.get("names") or {}
        board_name = names.get(locale) or next(iter(names.values()), "")
        page = render_template(
            "errors/unavailable.html",
            not_sent=family_post,
            written=message_text,
            board_name=board_name,
            phone=board.get("phone", ""),
            email=board.get("email", ""),
        )
        response = Response(page, status=503, mimetype="text/html")
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def is_outage(exc: BaseException | None) -> bool:
    """Whether `exc` says the database cannot be reached (rather than that a statement is wrong)."""
    if not isinstance(exc, DATABASE_DOWN):
        return False
    original = getattr(exc, "orig", None)
    if isinstance(original, sqlite3.Error):
        return any(words in str(original).lower() for words in SQLITE_OUTAGES)
    return True


def init_app(app: Flask, otherwise: Callable[[HTTPException], Any]) -> None:
    """Answer outages; `otherwise` answers every other server error."""

    def server_error(exc: HTTPException) -> Any:
        # An outage met outside the view's own handlers (opening the request, tearing it down)
        # reaches Flask as a 500 wrapping it: it is an outage all the same.
        original = getattr(exc, "original_exception", None)
        if is_outage(original):
            return database_unreachable(original)  # type: ignore[arg-type]
        return otherwise(exc)

    def database_error(exc: Exception) -> Any:
        if is_outage(exc):
            return database_unreachable(exc)
        # A wrong statement: logged and answered as the bug it is, as Flask would.
        app.log_exception(sys.exc_info())
        return otherwise(InternalServerError(original_exception=exc))

    for kind in DATABASE_DOWN:
        app.register_error_handler(kind, database_error)
    app.register_error_handler(500, server_error)
    app.after_request(remember_family_page)
