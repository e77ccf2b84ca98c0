"""Casework pages for meetings: a review's meetings with a form to record one, and one meeting with
its decisions and minutes. Routes of the `casework` blueprint."""

from __future__ import annotations

from flask import abort, url_for
from flask.typing import ResponseReturnValue

from core import db
from core.audit.services import record
from core.casework import meetings as service
from core.casework.forms import DecisionForm, MeetingForm
from core.casework.models import MEETING_KIND_LABELS, Meeting
from core.casework.uploads import CONTENT_TYPES
from core.casework.views.blueprint import STAFF, bp
from core.casework.views.common import (
    PageForm,
    manager_form_page,
    private_download,
    texts,
    uploaded,
    values,
)
from core.reviews import views as v
from core.storage import storage_for
from core.tenancy.context import current_tenant


def _minutes_file(form: MeetingForm) -> tuple[str, bytes] | None:
    if not form.minutes_file.data:
        return None
    upload = uploaded(form.minutes_file)
    return upload["filename"], upload["data"]


_MEETING = PageForm(
    "form",
    MeetingForm,
    service.record_meeting,
    "Meeting recorded.",
    lambda form: (
        values(form, "held_on")
        | {"minutes_file": _minutes_file(form)}
        | texts(form, "kind", "attendees", "agenda", "minutes")
    ),
)
_DECISION = PageForm(
    "form",
    DecisionForm,
    service.add_decision,
    "Decision recorded.",
    lambda form: values(form, "decided_on") | texts(form, "text"),
)


@bp.route("/reviews/<int:review_id>/meetings", methods=["GET", "POST"])
@STAFF
def meetings(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form, answer = _MEETING.take_from_manager(
        review, url_for("casework.meetings", review_id=review.id)
    )
    if answer is not None:
        return answer
    return manager_form_page(
        "casework/meetings.html",
        form,
        page_title=f"Meetings for {review.reference}",
        review=review,
        meetings=service.meetings(review),
        labels=MEETING_KIND_LABELS,
    )


def _load(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id) if 0 < meeting_id < 2**31 else None
    if meeting is None:
        abort(404)
    v.load(meeting.review_id)  # 404 unless the actor may see the review; audits the read
    return meeting


@bp.route("/meetings/<int:meeting_id>", methods=["GET", "POST"])
@STAFF
def meeting(meeting_id: int) -> ResponseReturnValue:
    found = _load(meeting_id)
    form, answer = _DECISION.take_from_manager(
        found, url_for("casework.meeting", meeting_id=found.id)
    )
    if answer is not None:
        return answer
    review = v.load(found.review_id, audit=False)
    promise = next((o for o in review.obligations if o.id == found.family_update_id), None)
    return manager_form_page(
        "casework/meeting.html",
        form,
        page_title=f"{MEETING_KIND_LABELS[found.kind]} of {found.held_on.strftime('%-d %B %Y')}",
        meeting=found,
        review=review,
        promise=promise,
    )


@bp.route("/meetings/<int:meeting_id>/minutes")
@STAFF
def minutes(meeting_id: int) -> ResponseReturnValue:
    found = _load(meeting_id)
    if not found.minutes_key:
        abort(404)
    record("casework.minutes_downloaded", f"meeting:{found.id}", {})
    db.session.commit()
    return private_download(
        storage_for(current_tenant).get(found.minutes_key),
        CONTENT_TYPES[found.minutes_format],
        f"minutes-{found.id}.{found.minutes_format}",
    )
