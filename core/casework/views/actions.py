"""Casework pages for recommendations and actions: a review's action plan, recording
recommendations and actions, one action (status, evidence, sign-off), and the board's actions with
their CSV. Routes of the `casework` blueprint."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from core import db
from core.audit.services import record
from core.casework import action_queries, actions
from core.casework.forms import ActionForm, DecideForm, EvidenceForm, RecommendationForm, StatusForm
from core.casework.uploads import CONTENT_TYPES
from core.casework.views.blueprint import ANYONE_SIGNED_IN, MANAGER, STAFF, bp
from core.casework.views.common import (
    FormsPage,
    PageForm,
    agency_choices,
    changed,
    decided,
    page_status,
    post_each_form,
    private_download,
    read_page,
    run,
    texts,
    uploaded,
    values,
)
from core.reviews import views as v
from core.reviews.context import ReviewNotFound, today
from core.reviews.models import Review
from core.storage import storage_for
from core.tenancy.context import current_tenant


@bp.route("/reviews/<int:review_id>/recommendations")
@STAFF
def plan(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    on = today()
    return read_page(
        "casework/plan.html",
        page_title=f"Recommendations and actions for {review.reference}",
        review=review,
        recommendations=action_queries.recommendations(review),
        status_of=lambda a: actions.action_status(a, on),
        actor=v.actor(),
        form=DecideForm(),
    )


_RECOMMENDATION = PageForm(
    "form",
    RecommendationForm,
    actions.add_recommendation,
    "Recommendation recorded.",
    lambda form: texts(form, "text", "source"),
)


@bp.route("/reviews/<int:review_id>/recommendations/new", methods=["GET", "POST"])
@MANAGER
def new_recommendation(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = _RECOMMENDATION.form()
    return _RECOMMENDATION.take(
        form, review, url_for("casework.plan", review_id=review.id)
    ) or v.form_page(
        form,
        title="Record a recommendation",
        review=review,
        submit="Record it",
        status=page_status(),
    )


@bp.post("/reviews/<int:review_id>/recommendations/import")
@MANAGER
def import_recommendations(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    return decided(
        DecideForm(),
        lambda: actions.import_published(current_tenant, v.actor(), review),
        "The published report's recommendations are recorded.",
        url_for("casework.plan", review_id=review.id),
    )


_ACTION = PageForm(
    "form",
    ActionForm,
    actions.add_action,
    "Action added.",
    lambda form: (
        values(form, "owner_agency_id", "due_on") | texts(form, "description", "owner_email")
    ),
)


@bp.route("/recommendations/<int:rec_id>/actions/new", methods=["GET", "POST"])
@MANAGER
def new_action(rec_id: int) -> ResponseReturnValue:
    try:
        rec = action_queries.get_recommendation(v.actor(), rec_id)
    except ReviewNotFound:
        abort(404)
    review = db.session.get(Review, rec.review_id)
    form = _ACTION.form()
    form.owner_agency_id.choices = agency_choices()
    return _ACTION.take(
        form, rec, url_for("casework.plan", review_id=rec.review_id)
    ) or v.form_page(
        form,
        title=f"Add an action to recommendation {rec.number}",
        review=review,
        submit="Add the action",
        intro=rec.text,
        status=page_status(),
    )


def _load_action(action_id: int) -> actions.Action:
    try:
        return action_queries.get_action(v.actor(), action_id)
    except ReviewNotFound:
        abort(404)


_ACTION_FORMS = {
    "status": PageForm(
        "status_form",
        StatusForm,
        actions.set_status,
        "Status saved.",
        lambda form: texts(form, "status", "reason"),
        endpoint="action_status",
    ),
    "evidence": PageForm(
        "evidence_form",
        EvidenceForm,
        actions.upload_evidence,
        "Evidence uploaded.",
        lambda form: uploaded(form.file) | texts(form, "note"),
        endpoint="action_evidence",
    ),
}


def _action_page(
    action: actions.Action, forms: dict[str, FlaskForm], code: int
) -> ResponseReturnValue:
    actor = v.actor()
    review = db.session.get(Review, action.review_id)
    assert review is not None
    if request.method == "GET":
        forms["status_form"].status.data = action.status
        forms["status_form"].reason.data = action.not_accepted_reason
    record("casework.action_viewed", f"action:{action.id}", {})
    return read_page(
        "casework/action.html",
        page_title=f"Action for recommendation {action.recommendation.number}",
        action=action,
        review=review,
        status=actions.action_status(action, today()),
        actor=actor,
        may_change=actor.is_manager or actions.is_owner(actor, action),
        staff=bool(actor.role) and actor.role != "agency_contributor",
        forms=forms.values(),
        sign_form=DecideForm(),
        **forms,
    ), code


_ACTION_PAGE = FormsPage(
    _ACTION_FORMS, _action_page, lambda a: url_for("casework.action", action_id=a.id)
)


@bp.route("/actions/<int:action_id>")
@ANYONE_SIGNED_IN
def action(action_id: int) -> ResponseReturnValue:
    return _action_page(_load_action(action_id), _ACTION_PAGE.blank(), 200)


_action_form = ANYONE_SIGNED_IN(_ACTION_PAGE.receiving(_load_action))
post_each_form(bp, "/actions/<int:action_id>/{sent}", _action_form, _ACTION_FORMS)


@bp.post("/actions/<int:action_id>/sign-off")
@MANAGER
def sign_off(action_id: int) -> ResponseReturnValue:
    found = _load_action(action_id)
    form = DecideForm()
    signed = changed(
        form, actions.sign_off, found, "Signed off.", url_for("casework.action", action_id=found.id)
    )
    if signed is not None:
        return signed
    forms = _ACTION_PAGE.blank()
    forms["status_form"].form_errors.extend(form.form_errors)
    return _action_page(found, forms, 409)


@bp.route("/evidence/<int:evidence_id>")
@ANYONE_SIGNED_IN
def evidence(evidence_id: int) -> ResponseReturnValue:
    from core.casework.models import ActionEvidence

    item = db.session.get(ActionEvidence, evidence_id) if 0 < evidence_id < 2**31 else None
    if item is None:
        abort(404)
    _load_action(item.action_id)
    record("casework.evidence_downloaded", f"evidence:{item.id}", {"action": item.action_id})
    db.session.commit()
    return private_download(
        storage_for(current_tenant).get(item.storage_key),
        CONTENT_TYPES[item.file_format],
        f"evidence-{item.id}.{item.file_format}",
    )


@bp.route("/actions/")
@STAFF
def board_actions() -> ResponseReturnValue:
    open_only = request.args.get("all") != "1"
    rows = action_queries.board_actions(v.actor(), today(), open_only=open_only)
    record("casework.actions_listed", current_tenant.slug, {"count": len(rows)})
    return read_page("casework/actions.html", page_title="Actions", rows=rows, open_only=open_only)


@bp.route("/actions.csv")
@STAFF
def actions_export() -> ResponseReturnValue:
    rows = action_queries.board_actions(v.actor(), today())
    record("casework.actions_exported", current_tenant.slug, {"rows": len(rows)})
    db.session.commit()
    return private_download(
        action_queries.actions_csv(rows), "text/csv", f"actions-{today().isoformat()}.csv"
    )


@bp.post("/actions/<int:action_id>/publishable")
@MANAGER
def action_publishable(action_id: int) -> ResponseReturnValue:
    from core.casework import publishing

    found = _load_action(action_id)
    form = DecideForm()
    if form.validate_on_submit():
        wanted = request.form.get("publishable") == "1"
        done = (
            "The action may now be shown with the published report."
            if wanted
            else "The action is no longer shown with the published report."
        )
        ok, _ = run(
            form,
            lambda: publishing.set_publishable(current_tenant, v.actor(), found, wanted),
            done,
        )
        if ok:
            return redirect(url_for("casework.action", action_id=found.id))
    return _action_page(found, _ACTION_PAGE.blank(), 400)
