"""Staff pages for review tracking, under `/<tenant>/reviews/`: thin views over the services."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from flask import Blueprint, Flask, Response, abort, flash, render_template, request
from flask.typing import ResponseReturnValue

from core import db
from core.auth.access import require_role
from core.auth.models import ROLES
from core.reviews import people, services
from core.reviews import views as v
from core.reviews.context import (
    ReviewError,
    ReviewForbidden,
    framework_context,
    framework_keys,
    today,
)
from core.reviews.forms import (
    FIELD_LABELS,
    FORMAT_CHOICES,
    INVOLVEMENT_LABELS,
    AssignForm,
    EndParallelForm,
    ExtensionForm,
    FamilyForm,
    IdentifierForm,
    MetForm,
    NewReviewForm,
    NoteForm,
    PanelForm,
    ParallelForm,
    WaiveForm,
    fields_form,
    options,
)
from core.reviews.people import IDENTIFIER_LABELS, PARALLEL_LABELS
from core.reviews.queries import (
    Filters,
    due_within,
    list_reviews,
    review_row,
    stage_counts,
    week_end,
)
from core.reviews.services import EDITABLE_FIELDS
from core.tenancy.context import current_tenant

bp = Blueprint("reviews", __name__, url_prefix="/<tenant>/reviews", template_folder="templates")
ANY_ROLE = require_role(*ROLES)
MANAGER = require_role("board_admin", "review_manager")


def _filters() -> Filters:
    a = request.args
    return Filters(
        stage=a.get("stage", "")[:40],
        status=a.get("status", "") if a.get("status") in ("missed", "at_risk") else "",
        search=a.get("q", "")[:100],
        include_closed=a.get("closed") == "1",
        mine=a.get("mine") == "1",
    )


@bp.route("/")
@ANY_ROLE
def dashboard() -> ResponseReturnValue:
    filters = _filters()
    rows = list_reviews(current_tenant, v.actor(), filters)
    on = today()
    upcoming = due_within(current_tenant, rows, (week_end(on) - on).days)
    stages = [
        (s.key, s.label)
        for key in framework_keys()
        for s in framework_context(current_tenant, key).framework.stages
        if key == current_tenant.framework
    ]
    return render_template(
        "reviews/dashboard.html",
        page_title="Reviews",
        rows=rows,
        filters=filters,
        missed=[i for i in upcoming if i.status == "missed"],
        this_week=[i for i in upcoming if i.status != "missed"],
        stage_counts=stage_counts(current_tenant, [r for r in rows if not r.review.closed]),
        stages=stages,
        today=on,
        week_end=week_end(on),
    )


@bp.route("/export.csv")
@ANY_ROLE
def export() -> ResponseReturnValue:
    rows = list_reviews(current_tenant, v.actor(), _filters())
    from core.audit.services import record

    record("reviews.exported", current_tenant.slug, {"rows": len(rows)})
    db.session.commit()
    stamp = today().isoformat()
    return Response(
        v.csv_export(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="reviews-{stamp}.csv"'},
    )


@bp.route("/new", methods=["GET", "POST"])
@MANAGER
def new() -> ResponseReturnValue:
    form = NewReviewForm()
    keys = framework_keys()
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
    if form.validate_on_submit():
        ok, review = v.run_service(
            form,
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
            "The review is open. Its first deadline is below.",
            None,
        )
        if ok:
            return v.back_to(review)
    return v.form_page(
        form,
        title="Open a review",
        review=None,
        submit="Open the review",
        intro="Open a review when the board becomes aware of a serious incident. The deadlines "
        "for notification start from that date.",
        status=400 if request.method == "POST" else 200,
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
        labels=FIELD_LABELS,
        parallel_labels=PARALLEL_LABELS,
        identifier_labels=IDENTIFIER_LABELS,
        involvement_labels=INVOLVEMENT_LABELS,
        format_labels=dict(FORMAT_CHOICES),
        note_form=NoteForm(),
        assign_form=_assign_form(review) if actor.is_manager else None,
    )


def _assign_form(review: object) -> AssignForm:
    form = AssignForm()
    form.user_id.choices = options(
        (m.user_id, f"{m.user.email} ({m.role.replace('_', ' ')})") for m in people.board_staff()
    )
    return form


@bp.route("/<int:review_id>/edit", methods=["GET", "POST"])
@MANAGER
def edit(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    names = tuple(n for n in EDITABLE_FIELDS if n != "review_types")
    form = fields_form(names, required=False, obj=review if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {n: form[n].data for n in names}
        values["pseudonym"] = values["pseudonym"] or review.pseudonym
        ok, _ = v.run_service(
            form,
            lambda: services.update_review(current_tenant, v.actor(), review, **values),
            "Details saved.",
            review,
        )
        if ok:
            return v.back_to(review, "details")
    return v.form_page(
        form,
        title=f"Details of {review.reference}",
        review=review,
        submit="Save the details",
        status=400 if request.method == "POST" else 200,
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
    form = fields_form(found.fields, required=True)
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
    return v.form_page(
        form,
        title=found.label,
        review=review,
        submit="Confirm",
        intro=found.hint,
        status=400 if request.method == "POST" else 200,
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
    return render_template(
        "reviews/obligation.html",
        page_title=ob.label,
        review=review,
        ob=ob,
        row=row,
        fw=fw,
        met=met,
        waive=waive,
        actor=actor,
    ), status


@bp.route("/<int:review_id>/extend", methods=["GET", "POST"])
@MANAGER
def extend(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = ExtensionForm()
    if form.validate_on_submit():
        ok, ext = v.run_service(
            form,
            lambda: services.extend(
                current_tenant,
                v.actor(),
                review,
                new_target_on=form.new_target_on.data,
                reason=form.reason.data or "",
                family_told_on=form.family_told_on.data,
            ),
            "The target date has moved.",
            review,
        )
        if ok:
            if ext.told_late:
                flash("Flagged: the family was not told before the old target date passed.")
            return v.back_to(review, "extensions")
    current = review.target_on.isoformat() if review.target_on else "not set yet"
    return v.form_page(
        form,
        title=f"Extend {review.reference}",
        review=review,
        submit="Extend the target date",
        intro=f"The current target date is {current}.",
        status=400 if request.method == "POST" else 200,
    )


@bp.route("/<int:review_id>/family/new", methods=["GET", "POST"])
@bp.route("/<int:review_id>/family/<int:member_id>", methods=["GET", "POST"])
@MANAGER
def family(review_id: int, member_id: int | None = None) -> ResponseReturnValue:
    review = v.load(review_id)
    try:
        member = people.family_member(review, member_id) if member_id else None
    except ReviewError:
        abort(404)
    form = FamilyForm(obj=member if request.method == "GET" else None)
    form.preferred_locale.choices = options((code, code) for code in current_tenant.locales)
    if form.validate_on_submit():
        values = {f.name: f.data for f in form if f.name != "csrf_token"}
        ok, _ = v.run_service(
            form,
            lambda: people.save_family_member(current_tenant, v.actor(), review, member, **values),
            "Family member saved.",
            review,
        )
        if ok:
            return v.back_to(review, "family")
    title = f"Family member: {member.role}" if member else "Add a family member"
    return v.form_page(
        form,
        title=title,
        review=review,
        submit="Save",
        intro="Record family members by their relationship only. Names and addresses go in Protected identifiers.",
        status=400 if request.method == "POST" else 200,
    )


@bp.route("/<int:review_id>/panel", methods=["GET", "POST"])
@MANAGER
def panel(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = PanelForm()
    agencies = list(
        dict.fromkeys(
            [
                *current_tenant.panel_agencies,
                "childrens-social-care",
                "health",
                "police",
                "education",
                "probation",
                "other",
            ]
        )
    )
    form.agency.choices = options((a, a.replace("-", " ").capitalize()) for a in agencies)
    if form.validate_on_submit():
        ok, _ = v.run_service(
            form,
            lambda: people.add_panel_member(
                current_tenant,
                v.actor(),
                review,
                agency=form.agency.data,
                name=form.name.data or "",
                role=form.role.data or "",
            ),
            "Panel member added.",
            review,
        )
        if ok:
            return v.back_to(review, "panel")
    return v.form_page(
        form,
        title="Add a panel member",
        review=review,
        submit="Add",
        status=400 if request.method == "POST" else 200,
    )


@bp.route("/<int:review_id>/panel/<int:member_id>/remove", methods=["POST"])
@MANAGER
def panel_remove(review_id: int, member_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    try:
        people.remove_panel_member(current_tenant, v.actor(), review, member_id)
    except ReviewError:
        abort(404)
    db.session.commit()
    flash("Panel member removed.")
    return v.back_to(review, "panel")


@bp.route("/<int:review_id>/parallel/new", methods=["GET", "POST"])
@MANAGER
def parallel(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = ParallelForm()
    if form.validate_on_submit():
        ok, _ = v.run_service(
            form,
            lambda: people.add_parallel_process(
                current_tenant,
                v.actor(),
                review,
                kind=form.kind.data,
                started_on=form.started_on.data,
                ended_on=form.ended_on.data,
                note=form.note.data or "",
            ),
            "Parallel process recorded.",
            review,
        )
        if ok:
            return v.back_to(review, "parallel")
    return v.form_page(
        form,
        title="Record a parallel process",
        review=review,
        submit="Record",
        intro="While a police investigation, CPS decision, inquest or family court case is open, the family's involvement is shown as on hold.",
        status=400 if request.method == "POST" else 200,
    )


@bp.route("/<int:review_id>/parallel/<int:process_id>/end", methods=["GET", "POST"])
@MANAGER
def parallel_end(review_id: int, process_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = EndParallelForm()
    if form.validate_on_submit():
        ok, _ = v.run_service(
            form,
            lambda: people.end_parallel_process(
                current_tenant, v.actor(), review, process_id, form.ended_on.data
            ),
            "Parallel process ended.",
            review,
        )
        if ok:
            return v.back_to(review, "parallel")
    return v.form_page(
        form,
        title="Record the end of a parallel process",
        review=review,
        submit="Record the end",
        status=400 if request.method == "POST" else 200,
    )


@bp.route("/<int:review_id>/identifiers", methods=["GET", "POST"])
@MANAGER
def identifiers(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = IdentifierForm()
    revealed = None
    if request.method == "POST" and request.form.get("action") == "reveal":
        revealed = people.reveal_identifiers(v.actor(), review)
        db.session.commit()
    elif form.validate_on_submit():
        ok, _ = v.run_service(
            form,
            lambda: people.add_identifier(
                current_tenant, v.actor(), review, kind=form.kind.data, value=form.value.data or ""
            ),
            "Identifier stored, encrypted.",
            review,
        )
        if ok:
            return v.back_to(review, "identifiers")
    status = 400 if request.method == "POST" and form.errors else 200
    return render_template(
        "reviews/identifiers.html",
        page_title="Protected identifiers",
        review=review,
        form=form,
        revealed=revealed,
        labels=IDENTIFIER_LABELS,
    ), status


@bp.route("/<int:review_id>/assign", methods=["POST"])
@MANAGER
def assign(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = _assign_form(review)
    if form.validate_on_submit():
        ok, _ = v.run_service(
            form,
            lambda: people.assign(
                current_tenant, v.actor(), review, form.user_id.data, form.role.data or ""
            ),
            "Assigned.",
            review,
        )
        if ok:
            return v.back_to(review, "staff")
    flash("Not assigned: " + " ".join(e for errs in form.errors.values() for e in errs))
    return v.back_to(review, "staff")


@bp.route("/<int:review_id>/unassign/<int:user_id>", methods=["POST"])
@MANAGER
def unassign(review_id: int, user_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    try:
        people.unassign(current_tenant, v.actor(), review, user_id)
    except ReviewError:
        abort(404)
    db.session.commit()
    flash("No longer assigned.")
    return v.back_to(review, "staff")


@bp.route("/<int:review_id>/note", methods=["POST"])
@ANY_ROLE
def note(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            people.add_note(current_tenant, v.actor(), review, form.text.data or "")
        except (ReviewError, ReviewForbidden):
            abort(400)
        db.session.commit()
        flash("Note added.")
    else:
        flash("Write the note before adding it.")
    return v.back_to(review, "timeline")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.extensions.setdefault("candour.staff_links", []).append(
        ("reviews.dashboard", "Reviews", ROLES)
    )
    app.jinja_env.globals["review_date"] = _date


def _date(value: dt.date | None) -> str:
    return value.strftime("%-d %b %Y") if value else ""
