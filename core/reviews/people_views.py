"""Review pages about people and what runs alongside: family members, the panel, assigned staff,
parallel processes, protected identifiers and timeline notes. Routes of the `reviews` blueprint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from core import db
from core.auth.access import confirm_first
from core.reviews import people
from core.reviews import views as v
from core.reviews.blueprint import ANY_ROLE, MANAGER, bp, posted
from core.reviews.context import ReviewError
from core.reviews.forms import (
    AssignForm,
    EndParallelForm,
    FamilyForm,
    IdentifierForm,
    NoteForm,
    PanelForm,
    ParallelForm,
    options,
)
from core.reviews.people import IDENTIFIER_LABELS
from core.tenancy.context import current_tenant


def assign_form() -> AssignForm:
    form = AssignForm()
    form.user_id.choices = options(
        (m.user_id, f"{m.user.email} ({m.role.replace('_', ' ')})") for m in people.board_staff()
    )
    return form


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
    return v.change_form(
        form,
        review,
        lambda: people.save_family_member(
            current_tenant, v.actor(), review, member, **posted(form)
        ),
        done="Family member saved.",
        back="family",
        title=f"Family member: {member.role}" if member else "Add a family member",
        submit="Save",
        intro="Record family members by their relationship only. Names and addresses go in Protected identifiers.",
    )


def panel_form() -> PanelForm:
    """The panel form, offering the board's own agencies first and then the usual ones."""
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
    return form


@dataclass(frozen=True)
class ChangePage:
    """A manager's form page at `rule` for one change to a review: it shows `form` and, on a valid
    post, calls `service` with the board, the actor, the review, and by name the address's other
    ids and the form's fields; then it says `done` and goes back to the review's `back` section
    (see `views.change_form`)."""

    rule: str
    form: Callable[[], FlaskForm]
    service: Callable[..., object]
    title: str
    submit: str
    done: str
    back: str
    intro: str = ""

    def view(self, review_id: int, **ids: int) -> ResponseReturnValue:
        review = v.load(review_id)
        form = self.form()
        return v.change_form(
            form,
            review,
            lambda: self.service(current_tenant, v.actor(), review, **ids, **posted(form)),
            done=self.done,
            back=self.back,
            title=self.title,
            submit=self.submit,
            intro=self.intro,
        )


@dataclass(frozen=True)
class Removal:
    """A manager's post at `rule` that takes one thing off a review: `service` is called with the
    board, the actor, the review and by name the address's other id (see `views.remove`)."""

    rule: str
    service: Callable[..., object]
    done: str
    back: str

    def view(self, review_id: int, **ids: int) -> ResponseReturnValue:
        review = v.load(review_id)
        return v.remove(
            review,
            lambda: self.service(current_tenant, v.actor(), review, **ids),
            done=self.done,
            back=self.back,
        )


CHANGE_PAGES = {
    "panel": ChangePage(
        "/<int:review_id>/panel",
        panel_form,
        people.add_panel_member,
        title="Add a panel member",
        submit="Add",
        done="Panel member added.",
        back="panel",
    ),
    "parallel": ChangePage(
        "/<int:review_id>/parallel/new",
        ParallelForm,
        people.add_parallel_process,
        title="Record a parallel process",
        submit="Record",
        done="Parallel process recorded.",
        back="parallel",
        intro="While a police investigation, CPS decision, inquest or family court case is open, the family's involvement is shown as on hold.",
    ),
    "parallel_end": ChangePage(
        "/<int:review_id>/parallel/<int:process_id>/end",
        EndParallelForm,
        people.end_parallel_process,
        title="Record the end of a parallel process",
        submit="Record the end",
        done="Parallel process ended.",
        back="parallel",
    ),
}
REMOVALS = {
    "panel_remove": Removal(
        "/<int:review_id>/panel/<int:member_id>/remove",
        people.remove_panel_member,
        done="Panel member removed.",
        back="panel",
    ),
    "unassign": Removal(
        "/<int:review_id>/unassign/<int:user_id>",
        people.unassign,
        done="No longer assigned.",
        back="staff",
    ),
}
for endpoint, page in CHANGE_PAGES.items():
    bp.add_url_rule(page.rule, endpoint, MANAGER(page.view), methods=["GET", "POST"])
for endpoint, removal in REMOVALS.items():
    bp.add_url_rule(removal.rule, endpoint, MANAGER(removal.view), methods=["POST"])


@bp.route("/<int:review_id>/identifiers", methods=["GET", "POST"])
@MANAGER
def identifiers(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = IdentifierForm()
    revealed = None
    if request.method == "POST" and request.form.get("action") == "reveal":
        if (confirm := confirm_first()) is not None:
            return confirm
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


@bp.post("/<int:review_id>/assign")
@MANAGER
def assign(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = assign_form()
    return v.posted_back(
        review,
        form,
        lambda: people.assign(
            current_tenant, v.actor(), review, form.user_id.data, form.role.data or ""
        ),
        "Assigned.",
        "staff",
        "Not assigned",
    )


@bp.post("/<int:review_id>/note")
@ANY_ROLE
def note(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = NoteForm()
    change = partial(people.add_note, current_tenant, v.actor(), review, form.text.data or "")
    return v.posted_back(review, form, change, "Note added.", "timeline", "The note was not added")
