"""Casework pages for learning themes: the board's list (the platform's plus its own) and the
themes chosen on a review. Routes of the `casework` blueprint."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue

from core.casework import themes
from core.casework.forms import AgencyForm, DecideForm
from core.casework.views.blueprint import STAFF, bp
from core.casework.views.common import (
    PageForm,
    manager_form_page,
    manager_posted,
    page_status,
    submitted,
)
from core.reviews import views as v
from core.tenancy.context import current_tenant


@bp.route("/themes", methods=["GET", "POST"])
@STAFF
def theme_list() -> ResponseReturnValue:
    actor = v.actor()
    form = AgencyForm(prefix="theme")
    if manager_posted(actor):
        answer = submitted(
            form,
            lambda: themes.add_board_theme(current_tenant, actor, form.name.data or ""),
            "Theme added.",
            url_for("casework.theme_list"),
        )
        if answer is not None:
            return answer
    form.name.label.text = "A theme of the board's own"
    return render_template(
        "casework/themes.html",
        page_title="Learning themes",
        platform=themes.PLATFORM_THEMES,
        offered=themes.available()[len(themes.PLATFORM_THEMES) :],
        form=form,
        actor=actor,
    ), page_status()


_CHOICE = PageForm(
    "form",
    DecideForm,
    themes.choose,
    "Learning themes saved.",
    lambda _form: {"keys": [k[:60] for k in request.form.getlist("themes")][:100]},
)


@bp.route("/reviews/<int:review_id>/themes", methods=["GET", "POST"])
@STAFF
def review_themes(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form, answer = _CHOICE.take_from_manager(
        review, url_for("reviews.show", review_id=review.id) + "#agencies"
    )
    if answer is not None:
        return answer
    return manager_form_page(
        "casework/review_themes.html",
        form,
        page_title=f"Learning themes of {review.reference}",
        review=review,
        offered=themes.available(),
        chosen={t.key for t in themes.chosen(review)},
    )
