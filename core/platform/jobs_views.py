"""The operator's view of background work, at `/platform/jobs`: what is queued, what is failing
(how often, the last error) and a button to retry it now."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, g, render_template
from flask.typing import ResponseReturnValue

from core import db
from core.jobs import services
from core.jobs.queueing import queue
from core.platform.blueprint import require_operator
from core.redirects import flash_redirect

bp = Blueprint("jobs", __name__, url_prefix="/platform/jobs", template_folder="templates")


@bp.route("/")
@require_operator
def console() -> ResponseReturnValue:
    huey = queue().huey
    return render_template(
        "jobs/console.html",
        failures=services.open_failures(),
        pending=huey.pending_count(),
        scheduled=huey.scheduled_count(),
        page_title="Background jobs",
    )


@bp.post("/<int:failure_id>/retry")
@require_operator
def retry(failure_id: int) -> ResponseReturnValue:
    if failure_id > 2**31 - 1 or services.retry_now(failure_id, g.actor) is None:
        abort(404)
    db.session.commit()
    return flash_redirect("Queued again.", "jobs.console")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
