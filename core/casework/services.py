"""Every change to casework goes through here: the agency list, requests to agencies, invitations,
returns, more time, and reminders. Each function checks the actor, makes the change, writes the
review's timeline and the audit record, in the caller's transaction (the caller commits once)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
import uuid
from typing import Any

from flask import current_app, has_request_context, url_for
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.auth.models import Membership, User
from core.auth.services import AccountError, get_or_create_user, normalise_email
from core.casework.common import (
    ID,
    ListEntryName,
    add_to_list,
    added,
    clean_filename,
    date_ok,
    list_key,
    log_on_review,
    store_upload,
)
from core.casework.models import (
    AGENCY_CONTRIBUTOR,
    DEFAULT_AGENCIES,
    REQUEST_KIND_LABELS,
    REQUEST_KINDS,
    Agency,
    AgencyRequest,
    AgencyReturn,
    ChronologyEntry,
    Invitation,
    TimeRequest,
)
from core.db import utcnow
from core.mail.models import OutboxMessage
from core.mail.services import queue_message
from core.reviews.context import (
    Actor,
    FrameworkContext,
    ReviewConflict,
    ReviewError,
    ReviewForbidden,
    framework_context,
    today,
)
from core.reviews.models import Review
from core.reviews.services import require_manager
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)
INVITATION_DAYS = 14
# Working days allowed for each kind of request when the framework does not say (the rapid
# review's agency summaries fall within days 2–10 of its 15).
DEFAULT_DUE_WORKING_DAYS = {"summary": 8, "imr": 30, "chronology": 20}
DEFAULT_REMINDER_WORKING_DAYS = 2
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AGENCY_NAME = ListEntryName(
    "name",
    missing="Enter the agency's name, like Children's Social Care.",
    too_long="The name must be 200 characters or fewer.",
)


class InvitationInvalid(LookupError):
    """The invitation link is unknown, used or expired (which, is not said)."""


def due_working_days(fw: FrameworkContext, kind: str) -> int:
    return int(fw.settings.get(f"agency_{kind}_working_days", DEFAULT_DUE_WORKING_DAYS[kind]))


def reminder_working_days(fw: FrameworkContext) -> int:
    return int(fw.settings.get("agency_reminder_working_days", DEFAULT_REMINDER_WORKING_DAYS))


# -- the agency list -------------------------------------------------------------------------------


def add_agency(tenant: Tenant, actor: Actor, name: str) -> Agency:
    require_manager(actor)
    name = AGENCY_NAME.clean(name)
    key = list_key(name, 60, "agency")
    if db.session.scalar(select(Agency.id).where(Agency.key == key)) is not None:
        raise ReviewConflict({"name": f"The board already lists {name}."})
    return add_to_list(actor, Agency(key=key, name=name), "agency")


def add_usual_agencies(tenant: Tenant, actor: Actor) -> list[Agency]:
    """Add the agencies most boards work with, skipping any already listed."""
    require_manager(actor)
    have = set(db.session.scalars(select(Agency.key)))
    added = [Agency(key=k, name=n) for k, n in DEFAULT_AGENCIES if k not in have]
    db.session.add_all(added)
    db.session.flush()
    record(
        "casework.agencies_added", tenant.slug, {"keys": [a.key for a in added]}, actor=actor.user
    )
    return added


def set_agency_active(tenant: Tenant, actor: Actor, agency_id: int, active: bool) -> Agency:
    require_manager(actor)
    agency = db.session.get(Agency, agency_id)
    if agency is None or agency.tenant_id != tenant.id:
        raise ReviewError({"agency": "There is no such agency in this board's list."})
    agency.active = active
    record("casework.agency_changed", f"agency:{agency.id}", {"active": active}, actor=actor.user)
    return agency


# -- requests and invitations ----------------------------------------------------------------------


def send_request(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    *,
    agency_id: int | None,
    kind: str,
    contact_email: str,
    due_on: dt.date | None = None,
    instructions: str = "",
) -> AgencyRequest:
    """Ask an agency for a summary, an IMR or a chronology, addressed to one person, who is invited."""
    require_manager(actor)
    day = today()
    fw = framework_context(tenant, review.framework)
    errors: dict[str, str] = {}
    agency = db.session.get(Agency, agency_id) if agency_id else None
    if agency is None or agency.tenant_id != tenant.id or not agency.active:
        errors["agency_id"] = "Choose an agency from the board's list."
    if kind not in REQUEST_KINDS:
        errors["kind"] = "Choose what the agency is asked for."
    email = normalise_email(contact_email or "")
    if not EMAIL.match(email) or len(email) > 254:
        errors["contact_email"] = (
            "Enter the email address of the person who will answer, like name@agency.example."
        )
    if date_ok(due_on, "due_on", errors) and due_on is not None and due_on <= day:
        errors["due_on"] = "The due date must be after today."
    if len(instructions) > 10_000:
        errors["instructions"] = "Keep the instructions to 10,000 characters."
    if review.closed:
        raise ReviewConflict({"review": "This review is closed."})
    if errors:
        raise ReviewError(errors)
    assert agency is not None
    if due_on is None:
        due_on = fw.calendar.add_working_days(day, due_working_days(fw, kind))
    existing = db.session.scalar(select(User).where(User.email == email))
    req = AgencyRequest(
        review_id=review.id,
        agency_id=agency.id,
        kind=kind,
        contact_email=email,
        instructions=instructions.strip(),
        asked_on=day,
        due_on=due_on,
        created_by_id=actor.user_id,
    )
    member = (
        db.session.scalar(select(Membership).where(Membership.user_id == existing.id))
        if existing is not None
        else None
    )
    if existing is not None and member is not None and member.active:
        req.contributor_id = existing.id  # already signs in here: no invitation needed
    label = REQUEST_KIND_LABELS[kind]
    summary = f"{label} asked of {agency.name}, due {due_on.isoformat()}."
    details = {"agency": agency.key, "kind": kind, "due_on": due_on.isoformat()}
    added(req, review, actor, "agency_request_sent", summary, request=ID, **details)
    if req.contributor_id is None:
        _invite(tenant, req, agency)
    else:
        message_for(
            tenant,
            req,
            "invitation",
            f"{tenant.name}: a request for your agency's {label.lower()}",
            f"{tenant.name} asks {agency.name} for a {label.lower()} for review {review.reference}, "
            f"due on {day_text(due_on)}.\n\nSign in to see the request and upload your return:\n"
            f"{link('casework.request_page', request_id=req.id, tenant=tenant.slug)}\n",
        )
    return req


def new_invitation(
    email: str, *, request_id: int | None = None, action_id: int | None = None
) -> str:
    """A single-use link for `email`; only its hash is kept. Returns the link."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        Invitation(
            request_id=request_id,
            action_id=action_id,
            email=email,
            token_hash=_hash(token),
            expires_at=utcnow() + dt.timedelta(days=INVITATION_DAYS),
        )
    )
    return token


def _invite(tenant: Tenant, req: AgencyRequest, agency: Agency) -> str:
    token = new_invitation(req.contact_email, request_id=req.id)
    review = db.session.get(Review, req.review_id)
    assert review is not None
    label = REQUEST_KIND_LABELS[req.kind].lower()
    target = link("casework_invitations.accept", token=token, tenant=tenant.slug)
    message_for(
        tenant,
        req,
        "invitation",
        f"{tenant.name}: you are invited to contribute to a case review",
        f"{tenant.name} asks {agency.name} for a {label} for review {review.reference}, due on "
        f"{day_text(req.due_on)}.\n\nThis link lets you set up your sign-in. It works once and "
        f"expires in {INVITATION_DAYS} days:\n{target}\n\nYou will see only the requests addressed "
        "to you, and what you upload.\n",
    )
    record("casework.invited", f"request:{req.id}", {"request": req.id}, tenant_id=tenant.id)
    return token


def resend_invitation(tenant: Tenant, actor: Actor, req: AgencyRequest) -> None:
    """A new link for someone whose link expired or was lost; earlier links stop working."""
    require_manager(actor)
    if req.contributor_id is not None:
        raise ReviewConflict({"request": "The contributor has already signed up."})
    for old in db.session.scalars(select(Invitation).where(Invitation.request_id == req.id)):
        if old.used_at is None:
            old.used_at = utcnow()
    _invite(tenant, req, req.agency)


def find_invitation(token: str) -> Invitation:
    """The open invitation for `token` at this board, or `InvitationInvalid`."""
    found = db.session.scalar(select(Invitation).where(Invitation.token_hash == _hash(token or "")))
    expires = found.expires_at if found is not None else None
    if expires is not None and expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    if found is None or found.used_at is not None or expires is None or expires < utcnow():
        raise InvitationInvalid()
    return found


def account_exists(email: str) -> bool:
    return (
        db.session.scalar(select(User.id).where(User.email == normalise_email(email))) is not None
    )


def accept_invitation(tenant: Tenant, token: str, *, password: str | None, name: str = "") -> User:
    """The invited person sets up their sign-in (or keeps the account they have). They become an
    agency contributor of this board, with two-factor required, and the request becomes theirs."""
    invitation = find_invitation(token)
    try:
        user, created = get_or_create_user(invitation.email, password, name=name[:200])
    except AccountError as exc:
        raise ReviewError({"password": str(exc)}) from None
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    if membership is None:
        membership = Membership(
            tenant_id=tenant.id, user_id=user.id, role=AGENCY_CONTRIBUTOR, require_two_factor=True
        )
        db.session.add(membership)
    elif not membership.active and membership.role == AGENCY_CONTRIBUTOR:
        membership.active = True
    invitation.used_at = utcnow()
    if invitation.request is not None:
        invitation.request.contributor_id = user.id
    if invitation.action is not None:
        invitation.action.owner_id = user.id
    record(
        "casework.invitation_accepted",
        f"request:{invitation.request_id}"
        if invitation.request_id
        else f"action:{invitation.action_id}",
        {"new_account": created},
        tenant_id=tenant.id,
        actor=user,
    )
    return user


# -- returns ---------------------------------------------------------------------------------------


def may_answer(actor: Actor, req: AgencyRequest) -> bool:
    return actor.is_manager or (actor.user_id is not None and req.contributor_id == actor.user_id)


def upload_return(
    tenant: Tenant,
    actor: Actor,
    req: AgencyRequest,
    *,
    filename: str,
    data: bytes,
) -> AgencyReturn:
    """Store an agency's return privately; a chronology's rows become entries of the merged one."""
    if not may_answer(actor, req):
        raise ReviewForbidden("only the person asked, or a review manager, can upload a return")
    if req.state == "withdrawn":
        raise ReviewConflict({"file": "This request was withdrawn."})
    day = today()
    # The slow part first, with no transaction open: reading the file and storing it.
    meta = {"request": str(req.id)}
    chronology = req.kind == "chronology"
    upload = store_upload(
        tenant, data, folder="returns", meta=meta, today=day, chronology=chronology
    )
    checked = upload.checked
    returned = AgencyReturn(
        request_id=req.id,
        filename=clean_filename(filename, f"return.{checked.file_format}"),
        entries=len(checked.rows),
        uploaded_by_id=actor.user_id,
        **upload.columns(),
    )
    db.session.add(returned)
    db.session.flush()
    agency = req.agency
    db.session.add_all(
        ChronologyEntry(
            review_id=req.review_id,
            request_id=req.id,
            return_id=returned.id,
            agency_id=agency.id,
            occurred_on=row.occurred_on,
            agency_named=row.agency or agency.name,
            event=row.event,
            source=row.source,
        )
        for row in checked.rows
    )
    req.state = "returned"
    req.returned_on = day
    entries = f", {len(checked.rows)} chronology entries" if checked.rows else ""
    # Not the file's name: people name files after the family, and the timeline holds no identifiers.
    log_on_review(
        req.review_id,
        actor,
        "agency_return_uploaded",
        f"{agency.name} returned the {REQUEST_KIND_LABELS[req.kind].lower()} ({checked.file_format.upper()}{entries}).",
        {
            "request": req.id,
            "return": returned.id,
            "sha256": upload.sha256,
            "entries": len(checked.rows),
        },
    )
    return returned


# -- more time -------------------------------------------------------------------------------------


def ask_for_time(
    tenant: Tenant, actor: Actor, req: AgencyRequest, *, wanted_on: dt.date | None, reason: str
) -> TimeRequest:
    if not may_answer(actor, req):
        raise ReviewForbidden("only the person asked can ask for more time")
    if req.state != "sent":
        raise ReviewConflict({"wanted_on": "This request is no longer waiting for a return."})
    if any(t.state == "asked" for t in req.time_requests):
        raise ReviewConflict(
            {"wanted_on": "You have already asked for more time; the board will answer."}
        )
    errors: dict[str, str] = {}
    if wanted_on is None:
        errors["wanted_on"] = "Enter the date you can send your return by."
    elif date_ok(wanted_on, "wanted_on", errors) and wanted_on <= req.due_on:
        errors["wanted_on"] = f"Enter a date after the current due date, {day_text(req.due_on)}."
    reason = reason.strip()
    if not reason:
        errors["reason"] = "Say why more time is needed."
    elif len(reason) > 5_000:
        errors["reason"] = "Keep the reason to 5,000 characters."
    if errors:
        raise ReviewError(errors)
    assert wanted_on is not None
    ask = TimeRequest(
        request_id=req.id, asked_by_id=actor.user_id, wanted_on=wanted_on, reason=reason
    )
    req.time_requests.append(ask)
    summary = f"{req.agency.name} asked for more time, until {wanted_on.isoformat()}."
    return added(
        ask, req.review_id, actor, "agency_time_asked", summary, time_request=ID, request=req.id
    )


def decide_time(
    tenant: Tenant,
    actor: Actor,
    req: AgencyRequest,
    time_request_id: int,
    *,
    grant: bool,
) -> TimeRequest:
    require_manager(actor)
    ask = next((t for t in req.time_requests if t.id == time_request_id), None)
    if ask is None:
        raise ReviewError({"time_request": "There is no such request for more time."})
    if ask.state != "asked":
        raise ReviewConflict({"time_request": "This request for more time has been answered."})
    ask.state = "granted" if grant else "refused"
    ask.decided_by_id = actor.user_id
    ask.decided_on = today()
    if grant:
        req.due_on = ask.wanted_on
        req.reminded_due_on = req.reminded_overdue_on = None
    log_on_review(
        req.review_id,
        actor,
        "agency_time_decided",
        f"More time for {req.agency.name}: {'granted, now due ' + ask.wanted_on.isoformat() if grant else 'refused'}.",
        {"request": req.id, "time_request": ask.id, "granted": grant},
    )
    return ask


def withdraw_request(tenant: Tenant, actor: Actor, req: AgencyRequest) -> AgencyRequest:
    require_manager(actor)
    if req.state != "sent":
        raise ReviewConflict(
            {"request": "Only a request still waiting for a return can be withdrawn."}
        )
    req.state = "withdrawn"
    for invitation in db.session.scalars(select(Invitation).where(Invitation.request_id == req.id)):
        if invitation.used_at is None:
            invitation.used_at = utcnow()
    log_on_review(
        req.review_id,
        actor,
        "agency_request_withdrawn",
        f"Request to {req.agency.name} withdrawn.",
        {"request": req.id},
    )
    return req


# -- reminders -------------------------------------------------------------------------------------


def due_reminders(tenant: Tenant, on: dt.date | None = None) -> list[OutboxMessage]:
    """Queue in the outbox a reminder for each open request due soon, and one when it is missed.

    Each is sent once: a request is reminded once before its due date and once after it (for
    each due date it has: more time granted starts again). Run each morning by the worker's
    `casework.remind` job and by `candour casework remind`, scoped to one board.
    """
    day = on or today()
    messages: list[OutboxMessage | None] = []
    query = (
        select(AgencyRequest, Review)
        .join(Review, Review.id == AgencyRequest.review_id)
        .where(AgencyRequest.state == "sent", Review.closed.is_(False))
        .order_by(AgencyRequest.due_on, AgencyRequest.id)
    )
    contexts: dict[str, FrameworkContext] = {}
    for req, review in db.session.execute(query).all():
        fw = contexts.get(review.framework) or framework_context(tenant, review.framework)
        contexts[review.framework] = fw
        label = REQUEST_KIND_LABELS[req.kind].lower()
        target = link("casework.request_page", request_id=req.id, tenant=tenant.slug)
        to = req.contributor.email if req.contributor is not None else req.contact_email
        if day > req.due_on and req.reminded_overdue_on is None:
            req.reminded_overdue_on = day
            messages.append(
                message_for(
                    tenant,
                    req,
                    "reminder_overdue",
                    f"{tenant.name}: your agency's {label} is overdue",
                    f"The {label} {tenant.name} asked of {req.agency.name} for review "
                    f"{review.reference} was due on {day_text(req.due_on)} and has not arrived.\n\n"
                    f"Sign in to upload it, or to ask for more time:\n{target}\n",
                    to=to,
                    once=f"{req.due_on.isoformat()}",
                )
            )
        elif (
            day <= req.due_on
            and req.reminded_due_on is None
            and fw.calendar.working_days_between(day, req.due_on) <= reminder_working_days(fw)
        ):
            req.reminded_due_on = day
            messages.append(
                message_for(
                    tenant,
                    req,
                    "reminder_due",
                    f"{tenant.name}: your agency's {label} is due on {day_text(req.due_on)}",
                    f"A reminder: the {label} {tenant.name} asked of {req.agency.name} for review "
                    f"{review.reference} is due on {day_text(req.due_on)}.\n\n"
                    f"Sign in to upload it, or to ask for more time:\n{target}\n",
                    to=to,
                    once=f"{req.due_on.isoformat()}",
                )
            )
    sent = [m for m in messages if m is not None]
    if sent:
        record(
            "casework.reminders_recorded",
            tenant.slug,
            {"count": len(sent), "on": day.isoformat()},
            tenant_id=tenant.id,
        )
    return sent


# -- helpers ---------------------------------------------------------------------------------------


def message_for(
    tenant: Tenant,
    req: AgencyRequest | None,
    kind: str,
    subject: str,
    body: str,
    *,
    to: str = "",
    action_id: int | None = None,
    once: str = "",
) -> OutboxMessage | None:
    """Queue a casework message in the outbox (sent by the worker after the commit, through the
    notifier). With `once`, a message of this kind about this request or action for that `once`
    (a due date) is queued at most once; returns None when it already was."""
    about = (
        f"casework_action:{action_id}"
        if action_id is not None
        else f"casework_request:{req.id}"
        if req is not None
        else "casework"
    )
    return queue_message(
        tenant,
        template="casework_notice",
        to=to or (req.contact_email if req is not None else ""),
        dedupe_key=f"casework:{kind}:{about}:{once or uuid.uuid4().hex}"[:200],
        subject_ref=about,
        headers={"X-Candour-Board": tenant.slug, "X-Candour-Kind": kind},
        title=" ".join(subject.split())[:200],
        body=body,
    )


def link(endpoint: str, **values: Any) -> str:
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("SERVER_NAME") or "localhost:5000"
    scheme = current_app.config.get("PREFERRED_URL_SCHEME", "http")
    with current_app.test_request_context(base_url=f"{scheme}://{base}"):
        return url_for(endpoint, _external=True, **values)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def day_text(value: dt.date) -> str:
    return value.strftime("%-d %B %Y")
