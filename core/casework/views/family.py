"""Casework pages for the family's contact log and involvement plan: one family member's page with
the log (newest first), a form to record a contact and the plan. Staff only; reading is audited.
Routes of the `casework` blueprint."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from core import db
from core.casework import family
from core.casework.forms import ContactForm, PlanForm
from core.casework.models import CONTACT_WAY_LABELS, WISH_LABELS
from core.casework.views.blueprint import MANAGER, bp
from core.casework.views.common import run, texts
from core.reviews import people
from core.reviews import views as v
from core.reviews.context import ReviewError
from core.reviews.forms import options
from core.reviews.models import FamilyMember, Review
from core.tenancy.context import current_tenant


def _load(review_id: int, member_id: int) -> tuple[Review, FamilyMember]:
    review = v.load(review_id)
    try:
        return review, family.member_of(review, member_id)
    except ReviewError:
        abort(404)


def _staff_choices(form: ContactForm) -> None:
    actor = v.actor()
    staff = [(m.user_id, m.user.name or m.user.email) for m in people.board_staff()]
    staff.sort(key=lambda pair: pair[0] != actor.user_id)  # the person recording first
    form.by_id.choices = options(staff)


def _page(
    review: Review, member: FamilyMember, contact: ContactForm, plan: PlanForm, status: int
) -> ResponseReturnValue:
    _staff_choices(contact)
    page = render_template(
        "casework/family.html",
        page_title=f"Contact log and involvement plan: {member.role}",
        review=review,
        member=member,
        contacts=family.contacts(member),
        promise_of=lambda c: family.promise_of(review, c),
        staff_name=family.staff_name,
        ways=CONTACT_WAY_LABELS,
        wishes=WISH_LABELS,
        contact_form=contact,
        plan_form=plan,
    )
    family.log_viewed(review, member)
    db.session.commit()  # the read's audit record
    return page, status


def _plan_form(member: FamilyMember, formdata: bool = False) -> PlanForm:
    saved = family.plan_of(member)
    if formdata:
        return PlanForm()
    return PlanForm(formdata=None, obj=saved) if saved is not None else PlanForm(formdata=None)


@bp.route("/reviews/<int:review_id>/family/<int:member_id>")
@MANAGER
def family_log(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _load(review_id, member_id)
    return _page(review, member, ContactForm(formdata=None), _plan_form(member), 200)


@bp.post("/reviews/<int:review_id>/family/<int:member_id>/contacts")
@MANAGER
def family_contact(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _load(review_id, member_id)
    form = ContactForm()
    _staff_choices(form)
    if form.validate_on_submit():
        ok, _ = run(
            form,
            lambda: family.add_contact(
                current_tenant,
                v.actor(),
                review,
                member,
                contacted_on=form.contacted_on.data,
                promise_due_on=form.promise_due_on.data,
                by_id=form.by_id.data,
                **texts(form, "way", "said", "promised"),
            ),
            "Contact recorded.",
        )
        if ok:
            return redirect(
                url_for("casework.family_log", review_id=review.id, member_id=member.id)
            )
        review, member = _load(review_id, member_id)
    return _page(review, member, form, _plan_form(member), 400)


@bp.post("/reviews/<int:review_id>/family/<int:member_id>/plan")
@MANAGER
def family_plan(review_id: int, member_id: int) -> ResponseReturnValue:
    review, member = _load(review_id, member_id)
    form = PlanForm()
    if form.validate_on_submit():
        ok, _ = run(
            form,
            lambda: family.save_plan(
                current_tenant,
                v.actor(),
                review,
                member,
                draft_sent_on=form.draft_sent_on.data,
                draft_reading_days=form.draft_reading_days.data,
                **texts(
                    form,
                    "advocate_chosen",
                    "interpreter_or_format",
                    "meet_panel",
                    "see_terms",
                    "not_involved_reason",
                ),
            ),
            "Involvement plan saved.",
        )
        if ok:
            return redirect(
                url_for("casework.family_log", review_id=review.id, member_id=member.id) + "#plan"
            )
        review, member = _load(review_id, member_id)
    return _page(review, member, ContactForm(formdata=None), form, 400)
