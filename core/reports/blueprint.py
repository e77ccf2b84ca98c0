"""The reports blueprints: `staff`, a review's report pages under `/<t>/reviews/<id>/reports/`
(their routes are in staff_views.py and casework's publication pages), and `public`, the public
side (`/<t>/<l>/reports/`, downloads and feeds), whose routes are here."""

from __future__ import annotations

import datetime as dt
import json

from flask import Blueprint, Flask, Response, abort, g, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from core import db
from core.auth.access import require_role
from core.auth.models import ROLES
from core.i18n import format_date
from core.i18n import gettext as _
from core.plugin_api import StorageError
from core.reports import feeds, search, services
from core.reports import views as rv
from core.reports.models import PublishedReport
from core.storage import storage_for
from core.tenancy.context import current_tenant

staff = Blueprint(
    "reports",
    __name__,
    url_prefix="/<tenant>/reviews/<int:review_id>/reports",
    template_folder="templates",
)
public = Blueprint("public_reports", __name__, url_prefix="/<tenant>", template_folder="templates")
ANY_ROLE = require_role(*ROLES)
MANAGER = require_role("board_admin", "review_manager")
ADMIN = require_role("board_admin")


def _filters(reports: list[PublishedReport]) -> tuple[int | None, str, list[PublishedReport]]:
    year_arg = request.args.get("year", "")
    year = int(year_arg) if year_arg.isdigit() and len(year_arg) == 4 else None
    kind = request.args.get("type", "")[:63]
    shown = [
        r
        for r in reports
        if (year is None or r.published_on.year == year) and (not kind or r.framework == kind)
    ]
    return year, kind, shown


def _search(shown: list[PublishedReport]) -> tuple[str, str, list[PublishedReport]]:
    """The learning theme chosen and the words searched for, and the reports that match both."""
    theme = " ".join(request.args.get("theme", "")[:200].split())
    query = " ".join(request.args.get("q", "")[: search.MAX_QUERY].split())
    if theme:
        shown = [r for r in shown if search.has_theme(r, theme)]
    condition = search.text_matches(query)
    if condition is not None and shown:
        found = set(db.session.scalars(select(PublishedReport.id).where(condition)))
        shown = [r for r in shown if r.id in found]
    return theme, query, shown


@public.route("/<locale>/reports/")
def index() -> ResponseReturnValue:
    reports = services.listed()
    year, kind, shown = _filters(reports)
    theme, query, shown = _search(shown)
    types = sorted({r.framework for r in reports})
    html = render_template(
        "reports/public_list.html",
        page_title=_("Published reports"),
        reports=shown,
        total=len(reports),
        years=rv.years(reports),
        types=[(t, _(rv.framework_name(t))) for t in types],
        year=year,
        kind=kind,
        themes=search.theme_labels(reports),
        theme=theme,
        query=query,
        type_name=lambda key: _(rv.framework_name(key)),
        language_name=_language_name,
    )
    return revalidated(Response(html))


def revalidated(response: Response) -> Response:
    """A public list or feed that a shared cache may keep but must check again on every request
    (answered 304 while it is unchanged): a withdrawal or a publication shows on the very next
    request, from every process, with no per-process cache to go stale."""
    response.cache_control.public = True
    response.cache_control.no_cache = True
    response.add_etag()
    response.make_conditional(request)
    return response


def _language_name(code: str) -> str:
    from core.i18n import babel_locale

    return babel_locale(code).get_display_name(g.get("locale") or "en") or code


def _find_listed(report_id: int) -> PublishedReport:
    if report_id > 2**31 - 1:
        abort(404)
    report = db.session.get(PublishedReport, report_id)
    if report is None or report.tenant_id != current_tenant.id:
        abort(404)
    return report


@public.route("/reports/<int:report_id>")
def report_download(report_id: int) -> ResponseReturnValue:
    report = _find_listed(report_id)
    if report.withdrawn:
        return render_template(
            "reports/public_gone.html",
            page_title=_("This report has been withdrawn"),
            withdrawn=True,
        ), 410
    if report.available_until < rv.today():
        return render_template(
            "reports/public_gone.html",
            page_title=_("This report is no longer on our website"),
            until=format_date(report.available_until),
        ), 410
    store = storage_for(current_tenant)
    name = rv.public_filename(report, current_tenant.name)
    try:
        return rv.send_pdf(store, report.storage_key, report.sha256, report.size, name)
    except StorageError:
        return render_template(
            "reports/public_gone.html",
            page_title=_("This report cannot be downloaded just now"),
            unavailable=True,
        ), 503


def _feed_items() -> tuple[dict[str, str], list[dict[str, object]]]:
    locale = current_tenant.default_locale
    board = {
        "name": current_tenant.name,
        "slug": current_tenant.slug,
        "page_url": url_for("public_reports.index", locale=locale, _external=True),
        "feed_url": url_for("public_reports.feed_atom", _external=True),
        "json_feed_url": url_for("public_reports.feed_json", _external=True),
    }
    items = [
        rv.public_record(
            r,
            current_tenant.name,
            url_for("public_reports.report_download", report_id=r.id, _external=True),
            url_for("public_reports.index", locale=locale, _external=True) + f"#report-{r.id}",
        )
        for r in services.listed()
    ]
    return board, items


@public.route("/reports/feed.json")
def feed_json() -> ResponseReturnValue:
    board, items = _feed_items()
    return revalidated(
        Response(
            json.dumps(feeds.json_feed(board, items), ensure_ascii=False),
            mimetype="application/json",
        )
    )


@public.route("/reports/feed.atom")
def feed_atom() -> ResponseReturnValue:
    board, items = _feed_items()
    return revalidated(Response(feeds.atom_feed(board, items), mimetype="application/atom+xml"))


def _date(value: dt.date | None) -> str:
    return value.strftime("%-d %b %Y") if value else ""


# The staff pages add their routes to `staff`; import them before it is registered.
from core.reports import staff_views  # noqa: E402, F401


def init_app(app: Flask) -> None:
    app.register_blueprint(staff)
    app.register_blueprint(public)
    app.jinja_env.globals["review_reports"] = rv.review_reports
    app.jinja_env.globals["report_date"] = _date
