"""Routes for reports: staff pages under `/<t>/reviews/<id>/reports/` (upload, check, override,
publish, keep available) and the public side (`/<t>/<l>/reports/`, downloads and feeds)."""

from __future__ import annotations

import datetime as dt
import json

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from core import db
from core.auth.access import confirm_first, require_recent_auth, require_role
from core.auth.models import ROLES
from core.i18n import format_date
from core.i18n import gettext as _
from core.plugin_api import StorageError
from core.reports import checking, feeds, guard, search, services, withdrawal
from core.reports import views as rv
from core.reports.forms import (
    AvailabilityForm,
    OverrideForm,
    UploadForm,
    WithdrawForm,
)
from core.reports.models import PublishedReport
from core.reviews import views as v
from core.reviews.context import ReviewForbidden
from core.reviews.models import Review
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


@staff.errorhandler(RequestEntityTooLarge)
def _too_large(_exc: RequestEntityTooLarge) -> ResponseReturnValue:
    review_id = (request.view_args or {}).get("review_id")
    back = url_for("reports.upload", review_id=review_id) if review_id else "/"
    return render_template(
        "reports/too_large.html",
        page_title="The file is too big",
        limit=rv.max_upload_mb(),
        back_url=back,
    ), 413


# -- staff ------------------------------------------------------------------------------------------


@staff.route("/upload", methods=["GET", "POST"])
@ANY_ROLE
def upload(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = UploadForm()
    if form.validate_on_submit():
        file = request.files.get("report")
        data = file.read(services.max_upload_bytes() + 1) if file else b""
        ok, report = v.run_service(
            form,
            lambda: services.upload(
                current_tenant,
                v.actor(),
                review,
                kind=form.kind.data or "",
                filename=(file.filename or "") if file else "",
                data=data,
            ),
            "Report uploaded and stored privately."
            + (
                " It is being checked for anything that would identify the person at the centre of the"
                " review or their family."
                if form.kind.data == "final"
                else ""
            ),
            review,
        )
        if ok:
            if report.kind == "final":
                return redirect(url_for("reports.check", review_id=review.id))
            return v.back_to(review, "reports")
    return render_template(
        "reports/upload.html",
        page_title="Upload a report",
        review=review,
        form=form,
        limit=rv.max_upload_mb(),
    ), (400 if request.method == "POST" else 200)


@staff.route("/<int:file_id>/download")
@ANY_ROLE
def download(review_id: int, file_id: int) -> ResponseReturnValue:
    review = v.load(review_id, audit=False)
    report = services.get_file(review, file_id)
    if report is None:
        abort(404)
    services.record_download(v.actor(), review, report)
    db.session.commit()
    try:
        return rv.send_pdf(
            storage_for(current_tenant),
            report.storage_key,
            report.sha256,
            report.size,
            report.filename,
        )
    except StorageError:
        return render_template(
            "reports/storage_down.html", page_title="The report cannot be fetched", review=review
        ), 503


@staff.route("/check", methods=["GET", "POST"])
@ANY_ROLE
def check(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    report = services.latest_final(review)
    if report is None:
        flash("Upload the final report first.")
        return v.back_to(review, "reports")
    reveal = False
    if request.method == "POST":
        action = request.form.get("action")
        if action == "recheck":
            try:
                services.recheck(current_tenant, v.actor(), review, report)
            except ReviewForbidden:
                abort(403)
            db.session.commit()
            flash("The report is being checked again; this page shows the result when it is done.")
            return redirect(url_for("reports.check", review_id=review.id))
        if action == "reveal":
            if (confirm := confirm_first()) is not None:
                return confirm
            try:
                services.record_findings_viewed(v.actor(), review, report)
            except ReviewForbidden:
                abort(403)
            db.session.commit()
            reveal = True
    hits = guard.hit_views(report)
    return render_template(
        "reports/check.html",
        page_title="Anonymisation check",
        review=review,
        report=report,
        state=checking.state_of(report, hits),
        hits=hits,
        open_hits=[h for h in hits if not h.resolved],
        reveal=reveal,
        actor=v.actor(),
    )


@staff.route("/findings/<int:hit_id>/override", methods=["GET", "POST"])
@ADMIN
@require_recent_auth
def override(review_id: int, hit_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    report = services.latest_final(review)
    hit = (
        next((h for h in guard.hit_views(report) if h.record.id == hit_id), None)
        if report
        else None
    )
    if report is None or hit is None:
        abort(404)
    form = OverrideForm()
    if form.validate_on_submit():
        ok, _ = v.run_service(
            form,
            lambda: guard.override(
                current_tenant, v.actor(), review, report, hit_id, form.reason.data or ""
            ),
            "The finding was accepted for publication; the reason is in the timeline.",
            review,
        )
        if ok:
            return redirect(url_for("reports.check", review_id=review.id))
    return render_template(
        "reports/override.html",
        page_title="Accept a finding for publication",
        review=review,
        hit=hit,
        form=form,
    ), (400 if request.method == "POST" else 200)


def _published(review_id: int) -> tuple[Review, PublishedReport]:
    """The review and its published report, or 404 (nothing is published)."""
    review = v.load(review_id)
    published = services.published_for(review)
    if published is None:
        abort(404)
    return review, published


@staff.route("/available", methods=["GET", "POST"])
@MANAGER
def available(review_id: int) -> ResponseReturnValue:
    review, published = _published(review_id)
    form = AvailabilityForm()
    return v.change_form(
        form,
        review,
        lambda: services.extend_availability(
            current_tenant, v.actor(), review, published, form.until.data
        ),
        done="The report stays on the public list for longer.",
        back="reports",
        title="Keep the report on the public list for longer",
        submit="Save the date",
        intro=f"It is on the list until {published.available_until.isoformat()}. After that it "
        "leaves the list but is kept, and can still be given on request.",
    )


@staff.route("/withdraw", methods=["GET", "POST"])
@ADMIN
@require_recent_auth
def withdraw(review_id: int) -> ResponseReturnValue:
    review, published = _published(review_id)
    form = WithdrawForm()

    def say_if_copy_stays(done: withdrawal.Withdrawal) -> None:
        if not done.copy_removed:
            flash(
                "The file store did not remove the public copy just now. Nothing links to "
                "it; it is removed the next time the report is published or cleaned up."
            )

    return v.change_form(
        form,
        review,
        lambda: withdrawal.withdraw(
            current_tenant, v.actor(), review, published, form.reason.data or ""
        ),
        done="The report is withdrawn: it is off the public list, the feeds and the download.",
        back="reports",
        after=say_if_copy_stays,
        title="Withdraw the published report",
        submit="Withdraw the report",
        intro=f"“{published.title}” leaves the public list, the feeds and the download at once, "
        "and its public copy is deleted. Families who follow an old link see that it was "
        "withdrawn. To replace it, upload the corrected final report and publish again.",
        danger=True,
    )


# -- public -----------------------------------------------------------------------------------------


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


def init_app(app: Flask) -> None:
    app.register_blueprint(staff)
    app.register_blueprint(public)
    app.jinja_env.globals["review_reports"] = rv.review_reports
    app.jinja_env.globals["report_date"] = _date
