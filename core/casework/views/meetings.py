"""Casework pages for meetings: a review's meetings with a form to record one, and one meeting with
its decisions and minutes. Routes of the `casework` blueprint."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from core import db
from core.audit.services import record
from core.casework import meetings as service
from core.casework.forms import DecisionForm, MeetingForm
from core.casework.models import MEETING_KIND_LABELS, Meeting
from core.casework.uploads import CONTENT_TYPES
from core.casework.views.blueprint import STAFF, bp
from core.casework.views.common import private_download, run
from core.reviews import views as v
from core.storage import storage_for
from core.tenancy.context import current_tenant


@bp.route("/reviews/<int:review_id>/meetings", methods=["GET", "POST"])
@STAFF
def meetings(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    actor = v.actor()
    form = MeetingForm()
    if request.method == "POST":
        if not actor.is_manager:
            abort(403)
        if form.validate_on_submit():
            file = form.minutes_file.data
            upload = (getattr(file, "filename", "") or "", file.read()) if file else None
            ok, _ = run(
                form,
                lambda: service.record_meeting(
                    current_tenant,
                    actor,
                    review,
                    kind=form.kind.data or "",
                    held_on=form.held_on.data,
                    attendees=form.attendees.data or "",
                    agenda=form.agenda.data or "",
                    minutes=form.minutes.data or "",
                    minutes_file=upload,
                ),
                "Meeting recorded.",
            )
            if ok:
                return redirect(url_for("casework.meetings", review_id=review.id))
    page = render_template(
        "casework/meetings.html",
        page_title=f"Meetings for {review.reference}",
        review=review,
        meetings=service.meetings(review),
        labels=MEETING_KIND_LABELS,
        form=form,
        actor=actor,
    )
    db.session.commit()
    return page, 400 if request.method == "POST" else 200


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
    actor = v.actor()
    form = DecisionForm()
    if request.method == "POST":
        if not actor.is_manager:
            abort(403)
        if form.validate_on_submit():
            ok, _ = run(
                form,
                lambda: service.add_decision(
                    current_tenant,
                    actor,
                    found,
                    text=form.text.data or "",
                    decided_on=form.decided_on.data,
                ),
                "Decision recorded.",
            )
            if ok:
                return redirect(url_for("casework.meeting", meeting_id=found.id))
            db.session.refresh(found)
    review = v.load(found.review_id, audit=False)
    promise = next((o for o in review.obligations if o.id == found.family_update_id), None)
    page = render_template(
        "casework/meeting.html",
        page_title=f"{MEETING_KIND_LABELS[found.kind]} of {found.held_on.strftime('%-d %B %Y')}",
        meeting=found,
        review=review,
        promise=promise,
        form=form,
        actor=actor,
    )
    db.session.commit()
    return page, 400 if request.method == "POST" else 200


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
