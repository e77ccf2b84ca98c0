"""The publication form of a review's report (`reports.publish`): a route of the reports' staff
blueprint, set here because the form starts from the review's casework, its chosen learning themes and
recorded recommendations. Imported by the casework pages, so before the blueprint is registered."""

from __future__ import annotations

from flask import request
from flask.typing import ResponseReturnValue

from core.casework import action_queries as casework_plan
from core.casework import themes as casework_themes
from core.casework.views.common import page_status, run, texts
from core.reports import services
from core.reports import views as rv
from core.reports.blueprint import MANAGER, staff
from core.reports.forms import PublishForm, lines
from core.reviews import views as v
from core.reviews.context import framework_context
from core.tenancy.context import current_tenant


@staff.route("/publish", methods=["GET", "POST"])
@MANAGER
def publish(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    state = rv.review_reports(review)
    form = PublishForm()
    if request.method == "GET":
        fw = framework_context(current_tenant, review.framework)
        form.title.data = f"{review.pseudonym}: {fw.framework.name}"
        form.decision.data = review.publication_decision or None
        form.rationale.data = review.publication_rationale
        # The themes chosen on the review and its recorded recommendations are carried over.
        form.learning_themes.data = "\n".join(casework_themes.labels(review))
        form.recommendations.data = "\n".join(r.text for r in casework_plan.recommendations(review))
    if state.published is None and not state.publication.pending and form.validate_on_submit():
        details = services.PublicationDetails(
            learning_themes=lines(form.learning_themes.data),
            recommendations=lines(form.recommendations.data),
            **texts(form, "title", "summary", "decision", "rationale"),
        )
        ok, _ = run(
            form,
            lambda: services.request_publication(current_tenant, v.actor(), review, details),
            "The report is being published: its public copy is made and checked again, "
            "then it goes on the board's public reports page. The review shows when it is done.",
        )
        if ok:
            return v.back_to(review, "reports")
        state = rv.review_reports(review)
    page = v.review_page(
        "reports/publish.html", "Publish the report", review, state=state, form=form
    )
    return page, page_status()
