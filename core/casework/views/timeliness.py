"""The timeliness figures page and its CSV, for a board's annual report. Routes of `casework`."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue

from core import db
from core.audit.services import record
from core.casework import timeliness
from core.casework.views.blueprint import MANAGER, bp
from core.casework.views.common import private_download
from core.reviews.context import today
from core.tenancy.context import current_tenant


def _year() -> int | None:
    raw = request.args.get("year", "")
    return int(raw) if raw.isdigit() and 1970 <= int(raw) <= 2100 else None


def _figures(audited_as: str) -> tuple[int | None, timeliness.Figures]:
    """The figures of the year asked for (every year, if none), their reading audited."""
    year = _year()
    found = timeliness.figures(current_tenant, today(), year)
    record(audited_as, current_tenant.slug, {"year": year})
    db.session.commit()
    return year, found


@bp.route("/timeliness")
@MANAGER
def timeliness_page() -> ResponseReturnValue:
    year, found = _figures("casework.timeliness_viewed")
    return render_template(
        "casework/timeliness.html", page_title="Timeliness", figures=found, year=year
    )


@bp.route("/timeliness.csv")
@MANAGER
def timeliness_export() -> ResponseReturnValue:
    year, found = _figures("casework.timeliness_exported")
    return private_download(timeliness.as_csv(found), "text/csv", f"timeliness-{year or 'all'}.csv")
