"""The platform's front page (the list of boards), its search of published reports across the
boards that opted in (`/reports/`), `/healthz` and `/readyz`."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, make_response, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select, text

from core import db
from core.i18n import LAUNCH_LANGUAGES, use_request_language
from core.tenancy.models import Tenant

bp = Blueprint("public", __name__, template_folder="templates")


@bp.route("/")
def index() -> ResponseReturnValue:
    boards = db.session.scalars(
        select(Tenant).where(Tenant.status == "active").order_by(Tenant.name)
    ).all()
    use_request_language(LAUNCH_LANGUAGES)
    response = make_response(render_template("public/index.html", boards=boards))
    response.vary.add("Accept-Language")
    return response


@bp.route("/reports/")
def reports() -> ResponseReturnValue:
    """Published reports across the boards that opted in, found by learning theme or words."""
    from core.casework import publishing
    from core.casework.themes import PLATFORM_THEMES
    from core.reports.search import MAX_QUERY

    themes = dict(PLATFORM_THEMES)
    theme = request.args.get("theme", "")[:60]
    theme = theme if theme in themes else ""
    query = " ".join(request.args.get("q", "")[:MAX_QUERY].split())
    searched = bool(theme or query)
    found = publishing.search_platform(theme=themes.get(theme, ""), query=query) if searched else []
    use_request_language(LAUNCH_LANGUAGES)
    response = make_response(
        render_template(
            "public/reports.html",
            themes=PLATFORM_THEMES,
            theme=theme,
            query=query,
            searched=searched,
            found=found,
        )
    )
    response.vary.add("Accept-Language")
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    return jsonify(status="ok")


@bp.route("/readyz")
def readyz() -> ResponseReturnValue:
    checks: dict[str, str] = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        current_app.logger.warning("readiness: database unreachable: %s", exc)
        checks["database"] = "unreachable"
    for name, check in current_app.extensions.get("candour.readiness", {}).items():
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:
            current_app.logger.warning("readiness: %s failed: %s", name, exc)
            checks[name] = "unreachable"
    ready = all(v == "ok" for v in checks.values())
    return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503
