"""Staff pages for review tracking, under `/<tenant>/reviews/`: thin views over the services."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from itertools import groupby
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    g,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from markupsafe import Markup

from core import caches, db
from core.audit.services import record
from core.auth.access import require_role
from core.auth.links import staff_link
from core.auth.models import ROLES
from core.i18n import LAUNCH_LANGUAGES, current_locale
from core.redirects import flash_problem
from core.reviews import people, services
from core.reviews import views as v
from core.reviews.context import (
    ReviewNotFound,
    board_framework_keys,
    framework_context,
    today,
)
from core.reviews.exports import Export, available_exports, export_csv, export_xlsx
from core.reviews.fields import detail_values, field_text
from core.reviews.forms import (
    FIELD_LABELS,
    FORMAT_CHOICES,
    INVOLVEMENT_LABELS,
    PUBLICATION_CHOICES,
    ExtensionForm,
    MetForm,
    NewReviewForm,
    NoteForm,
    WaiveForm,
    fields_form,
    options,
)
from core.reviews.models import Extension
from core.reviews.obligations import publication_blockers
from core.reviews.people import IDENTIFIER_LABELS, PARALLEL_LABELS
from core.reviews.queries import (
    Filters,
    due_soon,
    list_reviews,
    listing,
    open_stage_counts,
    page_reviews,
    review_row,
    week_end,
)
from core.reviews.services import EDITABLE_FIELDS
from core.tenancy.context import current_tenant
from core.tenancy.models import records_version

bp = Blueprint("reviews", __name__, url_prefix="/<tenant>/reviews", template_folder="templates")
ANY_ROLE = require_role(*ROLES)
MANAGER = require_role("board_admin", "review_manager")
# The dashboard shows the most urgent reviews first, a page at a time, and the soonest of the
# deadlines missed or due this week with how many there are in all (and a link to them).
DASHBOARD_PAGE = 50
DUE_SHOWN = 25
FILTER_ARGS = ("q", "stage", "status", "mine", "closed")


def _filters() -> Filters:
    a = request.args
    return Filters(
        stage=a.get("stage", "")[:40],
        status=a.get("status", "") if a.get("status") in ("missed", "at_risk") else "",
        search=a.get("q", "")[:100],
        include_closed=a.get("closed") == "1",
        mine=a.get("mine") == "1",
    )


def posted(form: FlaskForm) -> dict[str, Any]:
    """A posted form's fields by name, as a service takes them (keyword arguments)."""
    return {f.name: f.data for f in form if f.name != "csrf_token"}


@bp.route("/")
@ANY_ROLE
def dashboard() -> ResponseReturnValue:
    on = today()
    key = _dashboard_key(on)
    kept = _dashboards.get(key)
    if kept is None or kept[2] < time.monotonic():
        body, total = _dashboard_body(on)
        kept = _dashboards.put(key, (body, total, time.monotonic() + KEPT_SECONDS))
    body, total, _until = kept
    page = render_template("reviews/dashboard.html", page_title="Reviews", body=body)
    # Audited like the API's list, in the request's own transaction: one commit, after the page;
    # a view of a kept dashboard is a view too.
    record("reviews.listed", current_tenant.slug, {"count": total, "via": "dashboard"})
    db.session.commit()
    return page


# A dashboard is worked out from the board's records, the day, who is looking and the filters,
# and nothing else: it is kept (in each process) under all of them. A change to the board's
# records commits a new records version with it (core/tenancy/changes.py), after which a kept
# dashboard is never shown again; the version was read with the board, before the records. A
# kept dashboard also expires after KEPT_SECONDS, for changes made outside the application (SQL
# run by hand), which raise no version. 128 pages of about 50 KB: some 6 MB a process at most.
_dashboards: caches.BoundedCache[tuple[Any, ...], tuple[Markup, int, float]] = caches.BoundedCache(
    128
)
KEPT_SECONDS = 600


def _dashboard_key(on: dt.date) -> tuple[Any, ...]:
    actor = v.actor()
    return (
        id(current_app._get_current_object()),  # type: ignore[attr-defined]
        current_tenant.id,
        records_version(current_tenant),
        current_tenant.content_version,
        actor.user_id,
        g.membership.role,
        current_locale(),
        request.host,
        request.script_root,
        on,
        # What the page is made of and writes back into its links: the filters as given, the page.
        tuple(_page_args().items()),
        _page(),
    )


def _page_args() -> dict[str, str]:
    """The filters as given, which the dashboard writes back into its links."""
    return {name: request.args[name] for name in FILTER_ARGS if name in request.args}


def _dashboard_body(on: dt.date) -> tuple[Markup, int]:
    """The dashboard below the page's frame, and how many reviews it lists (for the audit)."""
    filters = _filters()
    listed = listing(current_tenant, v.actor(), filters, on)
    shown = page_reviews(listed, _page(), DASHBOARD_PAGE)
    soon = due_soon(listed, (week_end(on) - on).days, DUE_SHOWN)
    # The filter offers the stages of the board's own framework (the listing has its settings).
    own = listed.contexts.get(current_tenant.framework)
    stages = [(s.key, s.label) for s in own.framework.stages] if own is not None else []
    body = render_template(
        "reviews/_dashboard_body.html",
        rows=shown.rows,
        listing=shown,
        page_args=_page_args(),
        cells=v.DashboardCells(),
        filters=filters,
        due=soon,
        missed=[i for i in soon.items if i.status == "missed"],
        this_week=[i for i in soon.items if i.status != "missed"],
        stage_counts=open_stage_counts(listed),
        stages=stages,
        today=on,
        week_end=week_end(on),
    )
    return Markup(body), shown.total  # noqa: S704  (rendered by Jinja with autoescape)


def _page() -> int:
    """The page asked for; anything but a whole number from 1 is the first."""
    asked = request.args.get("page", "")
    return (
        int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 7 and int(asked) else 1
    )


@bp.route("/export.csv")
@ANY_ROLE
def export() -> ResponseReturnValue:
    rows = list_reviews(current_tenant, v.actor(), _filters())
    record("reviews.exported", current_tenant.slug, {"rows": len(rows)})
    db.session.commit()
    stamp = today().isoformat()
    return Response(
        v.csv_export(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="reviews-{stamp}.csv"'},
    )


@bp.route("/returns/")
@MANAGER
def returns() -> ResponseReturnValue:
    exports = available_exports(current_tenant)
    db.session.commit()
    return render_template("reviews/returns.html", page_title="National returns", exports=exports)


@bp.route("/returns/<key>.csv")
@MANAGER
def return_csv(key: str) -> ResponseReturnValue:
    return _return_file(key, export_csv, "csv", "text/csv")


@bp.route("/returns/<key>.xlsx")
@MANAGER
def return_xlsx(key: str) -> ResponseReturnValue:
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _return_file(key, export_xlsx, "xlsx", xlsx)


def _return_file(
    key: str, make: Callable[..., tuple[Export, str | bytes]], extension: str, media_type: str
) -> ResponseReturnValue:
    """A national return as a file named after the return and today (404 for an unknown one)."""
    try:
        export, body = make(current_tenant, v.actor(), key[:60])
    except ReviewNotFound:
        abort(404)
    db.session.commit()
    name = f"{export.key}-{today().isoformat()}.{extension}"
    return Response(
        body,
        mimetype=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/new", methods=["GET", "POST"])
@MANAGER
def new() -> ResponseReturnValue:
    form = NewReviewForm()
    keys = board_framework_keys(current_tenant)
    own = framework_context(current_tenant, current_tenant.framework).framework
    form.pseudonym.label.text, form.pseudonym.description = field_text(
        own, "pseudonym", form.pseudonym.label.text, form.pseudonym.description
    )
    form.framework.choices = options(
        (k, framework_context(current_tenant, k).framework.name) for k in keys
    )
    if request.method == "GET":
        form.framework.data = current_tenant.framework
    fw_key = form.framework.data if form.framework.data in keys else current_tenant.framework
    types = (
        framework_context(current_tenant, fw_key).framework.review_types if fw_key in keys else ()
    )
    form.review_types.choices = options((t, t.capitalize()) for t in types)
    return v.change_form(
        form,
        None,
        lambda: services.create_review(
            current_tenant,
            v.actor(),
            reference=form.reference.data or "",
            pseudonym=form.pseudonym.data or "",
            framework=form.framework.data,
            aware_on=form.aware_on.data,
            incident_on=form.incident_on.data,
            review_types=list(form.review_types.data or []),
        ),
        done="The review is open. Its first deadline is below.",
        title="Open a review",
        submit="Open the review",
        intro="Open a review when the board becomes aware of a serious incident. The deadlines "
        "for notification start from that date.",
    )


@bp.route("/<int:review_id>")
@ANY_ROLE
def show(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    db.session.commit()
    fw = framework_context(current_tenant, review.framework)
    actor = v.actor()
    on = today()
    agencies = sorted(review.panel_members, key=lambda m: m.agency)
    return render_template(
        "reviews/review.html",
        page_title=f"{review.reference}: {review.pseudonym}",
        review=review,
        fw=fw,
        row=review_row(current_tenant, review, on),
        steps=services.available_transitions(current_tenant, actor, review),
        actor=actor,
        today=on,
        panel=[
            (agency, list(members)) for agency, members in groupby(agencies, key=lambda m: m.agency)
        ],
        open_processes=people.open_processes(review, on),
        family_links=v.family_links,
        labels={
            name: field_text(fw.framework, name, label, "")[0]
            for name, label in FIELD_LABELS.items()
        },
        details=[
            (spec, detail_values(fw.framework, review)[spec.key]) for spec in fw.framework.fields
        ],
        parallel_labels=PARALLEL_LABELS,
        identifier_labels=IDENTIFIER_LABELS,
        involvement_labels=INVOLVEMENT_LABELS,
        format_labels=dict(FORMAT_CHOICES),
        publication_labels=dict(PUBLICATION_CHOICES),
        language_names={code: lang.english_name for code, lang in LAUNCH_LANGUAGES.items()},
        note_form=NoteForm(),
        assign_form=people_views.assign_form() if actor.is_manager else None,
    )


@bp.route("/<int:review_id>/edit", methods=["GET", "POST"])
@MANAGER
def edit(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    framework = framework_context(current_tenant, review.framework).framework
    names = (
        *(n for n in EDITABLE_FIELDS if n != "review_types"),
        *(f.key for f in framework.fields),
    )
    form = fields_form(
        names,
        required=False,
        framework=framework,
        obj=review if request.method == "GET" else None,
        data=detail_values(framework, review) if request.method == "GET" else None,
    )

    def save() -> object:
        values = {n: form[n].data for n in names}
        values["pseudonym"] = values["pseudonym"] or review.pseudonym
        return services.update_review(current_tenant, v.actor(), review, **values)

    return v.change_form(
        form,
        review,
        save,
        done="Details saved.",
        back="details",
        title=f"Details of {review.reference}",
        submit="Save the details",
    )


@bp.route("/<int:review_id>/step/<key>", methods=["GET", "POST"])
@MANAGER
def step(review_id: int, key: str) -> ResponseReturnValue:
    review = v.load(review_id)
    found = next(
        (
            t
            for t in services.available_transitions(current_tenant, v.actor(), review)
            if t.key == key
        ),
        None,
    )
    if found is None:
        abort(404)
    framework = framework_context(current_tenant, review.framework).framework
    form = fields_form(found.fields, required=True, framework=framework)
    if form.validate_on_submit():
        values = {n: form[n].data for n in found.fields}
        ok, _ = v.run_service(
            form,
            lambda: services.transition(current_tenant, v.actor(), review, key, values),
            f"Done: {found.label.lower()}.",
            review,
        )
        if ok:
            return v.back_to(review)
    blockers = []
    target = framework_context(current_tenant, review.framework).stage(found.target)
    if target is not None and target.published:
        blockers = [
            (ob.label, url_for("reviews.obligation", review_id=review.id, obligation_id=ob.id))
            for ob, _why in publication_blockers(review, None)
        ]
    return v.form_page(
        form,
        title=found.label,
        review=review,
        submit="Confirm",
        intro=found.hint,
        status=400 if request.method == "POST" else 200,
        blockers=blockers,
    )


@bp.route("/<int:review_id>/obligations/<int:obligation_id>", methods=["GET", "POST"])
@ANY_ROLE
def obligation(review_id: int, obligation_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    ob = next((o for o in review.obligations if o.id == obligation_id), None)
    if ob is None:
        abort(404)
    met, waive = MetForm(), WaiveForm()
    action = request.form.get("action")
    tenant, actor = current_tenant, v.actor()
    if request.method == "POST" and action == "met" and met.validate():
        ok, _ = v.run_service(
            met,
            lambda: services.record_met(
                tenant, actor, review, ob.id, met.met_on.data, met.note.data or ""
            ),
            f"Recorded: {ob.label}.",
            review,
        )
        if ok:
            return v.back_to(review, "obligations")
    elif request.method == "POST" and action == "waive" and waive.validate():
        ok, _ = v.run_service(
            waive,
            lambda: services.waive(tenant, actor, review, ob.id, waive.reason.data or ""),
            f"Waived: {ob.label}.",
            review,
        )
        if ok:
            return v.back_to(review, "obligations")
    elif request.method == "POST" and action == "reopen":
        ok, _ = v.run_service(
            met,
            lambda: services.reopen(tenant, actor, review, ob.id),
            f"Reopened: {ob.label}.",
            review,
        )
        if ok:
            return v.back_to(review, "obligations")
    elif request.method == "GET":
        met.met_on.data = today()
    fw = framework_context(tenant, review.framework)
    row = next(r for r in review_row(tenant, review).obligations if r.obligation.id == ob.id)
    status = 400 if request.method == "POST" else 200
    page = v.review_page(
        "reviews/obligation.html", ob.label, review, ob=ob, row=row, fw=fw, met=met, waive=waive
    )
    return page, status


@bp.route("/<int:review_id>/extend", methods=["GET", "POST"])
@MANAGER
def extend(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = ExtensionForm()

    def flag_late(ext: Extension) -> None:
        if ext.told_late:
            flash_problem("Flagged: the family was not told before the old target date passed.")

    current = v.review_date(review.target_on) if review.target_on else "not set yet"
    return v.change_form(
        form,
        review,
        lambda: services.extend(current_tenant, v.actor(), review, **posted(form)),
        done="The target date has moved.",
        back="extensions",
        after=flag_late,
        title=f"Extend {review.reference}",
        submit="Extend the target date",
        intro=f"The current target date is {current}.",
    )


# The people and related pages add their routes to `bp`; import them before it is registered.
from core.reviews import people_views  # noqa: E402


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    staff_link("reviews.dashboard", "Reviews", ROLES)
    app.jinja_env.globals.update(
        review_date=v.review_date, due_cell=v.due_cell, status_cell=v.status_cell
    )
