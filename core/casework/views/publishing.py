"""The board's publishing choices from its casework (in the platform's search; action progress
with the published reports): a board admin's page. A route of the `casework` blueprint."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue

from core.casework import publishing
from core.casework.forms import PublishingForm
from core.casework.views.blueprint import ADMIN, bp
from core.casework.views.common import page_status, submitted
from core.reviews import views as v
from core.tenancy.context import current_tenant


@bp.route("/publishing", methods=["GET", "POST"])
@ADMIN
def publishing_settings() -> ResponseReturnValue:
    form = PublishingForm()
    if request.method == "GET":
        current = publishing.settings()
        form.in_platform_search.data = current.in_platform_search
        form.publish_action_progress.data = current.publish_action_progress
    else:
        answer = submitted(
            form,
            lambda: publishing.save_settings(
                current_tenant,
                v.actor(),
                in_platform_search=bool(form.in_platform_search.data),
                publish_action_progress=bool(form.publish_action_progress.data),
            ),
            "Publishing choices saved.",
            url_for("casework.publishing_settings"),
        )
        if answer is not None:
            return answer
    return render_template(
        "casework/publishing.html", page_title="What the board publishes", form=form
    ), page_status()
