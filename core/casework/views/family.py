"""Casework pages for the family's contact log and involvement plan: one family member's page with
the log (newest first), a form to record a contact and the plan. Staff only; reading is audited.
Routes of the `casework` blueprint."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from core import db
from core.casework import family
from core.casework.forms import ContactForm, PlanForm
from core.casework.models import CONTACT_WAY_LABELS, WISH_LABELS
from core.casework.views.blueprint import MANAGER, bp
from core.casework.views.common import PageForm, post_each_form, run, texts, values
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


def _contact_form(**form_options: Any) -> ContactForm:
    """The contact form, its choice of who made the contact among the board's staff (the person
    recording first)."""
    form = ContactForm(**form_options)
    actor = v.actor()
    staff = [(m.user_id, m.user.name or m.user.email) for m in people.board_staff()]
    staff.sort(key=lambda pair: pair[0] != actor.user_id)
    form.by_id.choices = options(staff)
    return form


def _plan_form(member: FamilyMember) -> PlanForm:
    saved = family.plan_of(member)
    return PlanForm(formdata=None, obj=saved) if saved is not None else PlanForm(formdata=None)


def _page(
    review: Review,
    member: FamilyMember,
    status: int,
    *,
    contact: FlaskForm | None = None,
    plan: FlaskForm | None = None,
) -> ResponseReturnValue:
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
        contact_form=contact if contact is not None else _contact_form(formdata=None),
        plan_form=plan if plan is not None else _plan_form(member),
    )
    family.log_viewed(review, member)
    db.session.commit()  # the read's audit record
    return page, status


# The forms of a family member's page, by their route: each service takes the review and the member.
_FAMILY_FORMS = {
    "contacts": PageForm(
        "contact",
        _contact_form,
        family.add_contact,
        "Contact recorded.",
        lambda form: (
            values(form, "contacted_on", "promise_due_on", "by_id")
            | texts(form, "way", "said", "promised")
        ),
        endpoint="family_contact",
    ),
    "plan": PageForm(
        "plan",
        PlanForm,
        family.save_plan,
        "Involvement plan saved.",
        lambda form: (
            values(form, "draft_sent_on", "draft_reading_days")
            | texts(
                form,
                "advocate_chosen",
                "interpreter_or_format",
                "meet_panel",
                "see_terms",
                "not_involved_reason",
            )
        ),
        endpoint="family_plan",
    ),
}


@bp.route("/reviews/<int:review_id>/family/<int:member_id>")
@MANAGER
def family_log(review_id: int, member_id: int) -> ResponseReturnValue:
    return _page(*_load(review_id, member_id), 200)


@MANAGER
def family_form(review_id: int, member_id: int, sent: str) -> ResponseReturnValue:
    """A form of the page sent: its change made and back to the page (the plan's form to the plan),
    or the page again with the form's problems, the review and member read afresh after a refusal."""
    review, member = _load(review_id, member_id)
    spec = _FAMILY_FORMS[sent]
    form = spec.form()
    if form.validate_on_submit():
        ok, _ = run(
            form,
            lambda: spec.service(current_tenant, v.actor(), review, member, **spec.fields(form)),
            spec.done,
        )
        if ok:
            back = url_for("casework.family_log", review_id=review.id, member_id=member.id)
            return redirect(back + ("#plan" if sent == "plan" else ""))
        review, member = _load(review_id, member_id)
    return _page(review, member, 400, **{spec.name: form})


post_each_form(
    bp, "/reviews/<int:review_id>/family/<int:member_id>/{sent}", family_form, _FAMILY_FORMS
)
