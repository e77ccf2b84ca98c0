"""The timeliness figures page and its CSV, for a board's annual report. Routes of `casework`."""

from __future__ import annotations

from flask import Response, render_template, request
from flask.typing import ResponseReturnValue

from core import db
from core.audit.services import record
from core.casework import timeliness
from core.casework.views.blueprint import MANAGER, bp
from core.reviews.context import today
from core.tenancy.context import current_tenant


def _year() -> int | None:
    raw = request.args.get("year", "")
    return int(raw) if raw.isdigit() and 1970 <= int(raw) <= 2100 else None


@bp.route("/timeliness")
@MANAGER
def timeliness_page() -> ResponseReturnValue:
    year = _year()
    found = timeliness.figures(current_tenant, today(), year)
    record("casework.timeliness_viewed", current_tenant.slug, {"year": year})
    db.session.commit()
    return render_template(
        "casework/timeliness.html", page_title="Timeliness", figures=found, year=year
    )


@bp.route("/timeliness.csv")
@MANAGER
def timeliness_export() -> ResponseReturnValue:
    year = _year()
    found = timeliness.figures(current_tenant, today(), year)
    record("casework.timeliness_exported", current_tenant.slug, {"year": year})
    db.session.commit()
    response = Response(timeliness.as_csv(found), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="timeliness-{year or "all"}.csv"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
