"""Panel and family meetings: recording one (with minutes written or uploaded), its decisions (each
a dated line of the review's timeline), and the family-update promise a panel meeting creates where
the framework makes one (`family_update_after_panel`, default on), which a family meeting meets."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import TypedDict, Unpack

from sqlalchemy import select

from core import db
from core.casework.common import ID, add_promise, added, date_ok, store_privately
from core.casework.models import MEETING_KIND_LABELS, MEETING_KINDS, Meeting, MeetingDecision
from core.casework.services import day_text
from core.casework.uploads import NotAccepted, check_return
from core.reports.services import max_upload_bytes
from core.reviews.context import (
    Actor,
    FrameworkContext,
    ReviewError,
    check_date,
    framework_context,
    today,
)
from core.reviews.models import Review
from core.reviews.services import log_event, require_manager
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)
DEFAULT_FAMILY_UPDATE = True
DEFAULT_FAMILY_UPDATE_WORKING_DAYS = 5
PROMISE_KEY = "family_update_after_panel"
TEXT_LIMIT = 50_000


def promises_update(fw: FrameworkContext) -> bool:
    return bool(fw.settings.get("family_update_after_panel", DEFAULT_FAMILY_UPDATE))


def update_working_days(fw: FrameworkContext) -> int:
    return int(fw.settings.get("family_update_working_days", DEFAULT_FAMILY_UPDATE_WORKING_DAYS))


class MeetingNotes(TypedDict, total=False):
    """What is written of a meeting (each empty if not given)."""

    attendees: str
    agenda: str
    minutes: str


def record_meeting(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    *,
    kind: str,
    held_on: dt.date | None,
    minutes_file: tuple[str, bytes] | None = None,
    **notes: Unpack[MeetingNotes],
) -> Meeting:
    require_manager(actor)
    attendees, agenda = notes.get("attendees", ""), notes.get("agenda", "")
    minutes = notes.get("minutes", "")
    day = today()
    errors: dict[str, str] = {}
    if kind not in MEETING_KINDS:
        errors["kind"] = "Choose a panel meeting or a family meeting."
    if held_on is None:
        errors["held_on"] = "Enter the date of the meeting."
    elif date_ok(held_on, "held_on", errors) and held_on > day + dt.timedelta(days=366):
        errors["held_on"] = "Enter a date within the next year."
    for name, value in (("attendees", attendees), ("agenda", agenda), ("minutes", minutes)):
        if len(value) > TEXT_LIMIT:
            errors[name] = f"Keep this to {TEXT_LIMIT:,} characters."
    checked = None
    if minutes_file is not None and minutes_file[1]:
        if len(minutes_file[1]) > max_upload_bytes():
            errors["minutes_file"] = "The file is larger than the upload limit."
        else:
            try:
                checked = check_return(minutes_file[1], chronology=False, today=day)
            except NotAccepted as exc:
                errors["minutes_file"] = str(exc)
    if errors:
        raise ReviewError(errors)
    assert held_on is not None
    meeting = Meeting(
        review_id=review.id,
        kind=kind,
        held_on=held_on,
        attendees=attendees.strip(),
        agenda=agenda.strip(),
        minutes=minutes.strip(),
        created_by_id=actor.user_id,
    )
    if checked is not None and minutes_file is not None:
        data = minutes_file[1]
        meta = {"sha256": hashlib.sha256(data).hexdigest()}
        key = store_privately(
            tenant, data, checked, folder="minutes", meta=meta, field="minutes_file"
        )
        meeting.minutes_key, meeting.minutes_format = key, checked.file_format
    summary = f"{MEETING_KIND_LABELS[kind]} held on {held_on.isoformat()}."
    added(meeting, review, actor, "meeting_recorded", summary, meeting=ID, kind=kind)
    fw = framework_context(tenant, review.framework)
    if kind == "panel" and promises_update(fw):
        due_on = fw.calendar.add_working_days(held_on, update_working_days(fw))
        promise = add_promise(
            review,
            actor,
            key=f"{PROMISE_KEY}_{meeting.id}",
            label=f"Update the family after the panel meeting of {day_text(held_on)}",
            kind="promise",
            due_on=due_on,
        )
        meeting.family_update_id = promise.id
    if kind == "family":
        _meet_promises(review, actor, held_on)
    return meeting


def _meet_promises(review: Review, actor: Actor, held_on: dt.date) -> None:
    """A family meeting is the update the panel meetings before it promised."""
    panel_ids = set(
        db.session.scalars(
            select(Meeting.family_update_id).where(
                Meeting.review_id == review.id, Meeting.kind == "panel", Meeting.held_on <= held_on
            )
        )
    )
    for ob in review.obligations:
        if ob.id in panel_ids and ob.state == "due":
            ob.state, ob.met_on, ob.met_by_id = "met", held_on, actor.user_id
            ob.note = "Met by the family meeting."
            log_event(
                review,
                actor,
                "obligation_met",
                f"“{ob.label}” recorded as met on {held_on.isoformat()}.",
                {"obligation": ob.key},
            )


def add_decision(
    tenant: Tenant, actor: Actor, meeting: Meeting, *, text: str, decided_on: dt.date | None = None
) -> MeetingDecision:
    require_manager(actor)
    text = text.strip()
    if not text:
        raise ReviewError({"text": "Enter the decision."})
    if len(text) > 5_000:
        raise ReviewError({"text": "Keep a decision to 5,000 characters."})
    day = decided_on or meeting.held_on
    check_date(day, "decided_on")
    decision = MeetingDecision(meeting_id=meeting.id, decided_on=day, text=text)
    meeting.decisions.append(decision)
    # The timeline holds no identifiers: it dates the decision and points to the meeting.
    of = f"the {MEETING_KIND_LABELS[meeting.kind].lower()} of {meeting.held_on.isoformat()}"
    summary = f"Decision {len(meeting.decisions)} of {of}, dated {day.isoformat()}."
    return added(
        decision,
        meeting.review_id,
        actor,
        "meeting_decision",
        summary,
        decision=ID,
        meeting=meeting.id,
    )


def meetings(review: Review) -> list[Meeting]:
    return db.rows(Meeting, Meeting.review_id == review.id, order_by=(Meeting.held_on, Meeting.id))
