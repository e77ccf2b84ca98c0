"""Staff digests: each person's choice (off, daily, weekly), the signed one-click unsubscribe link,
and the digest itself — per board, the deadlines missed, at risk and coming up on the reviews that
person can see. A digest names a review by its reference and says what is due; it links to pages
behind sign-in and carries no one's name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.auth.models import Membership, User
from core.digests.models import DEFAULT_FREQUENCY, FREQUENCIES, DigestPreference
from core.mail.services import link, queue_message
from core.reviews.context import Actor
from core.reviews.queries import Filters, due_within, list_reviews
from core.tenancy.models import Tenant

# A reviewer sees the reviews assigned to them; an agency contributor sees no review list.
DIGEST_ROLES = ("board_admin", "review_manager", "reviewer")
# How far ahead each digest looks for deadlines coming up (calendar days).
HORIZON_DAYS = {"daily": 7, "weekly": 14}
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 45  # a link in a weekly digest still works six weeks on
_SALT = "candour.digest-unsubscribe"


class DigestError(ValueError):
    """A refused change of digest choice; `errors` says why, per field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


# -- the person's choice ------------------------------------------------------------------------


def frequency_of(user_id: int) -> str:
    row = db.session.get(DigestPreference, user_id)
    return row.frequency if row is not None else DEFAULT_FREQUENCY


def set_frequency(user: User, frequency: str, *, how: str = "account page") -> str:
    """Record the person's choice (audited); returns it. Unknown choices are refused."""
    if frequency not in FREQUENCIES:
        raise DigestError({"frequency": "Choose off, daily or weekly."})
    row = db.session.get(DigestPreference, user.id)
    if row is None:
        row = DigestPreference(user_id=user.id, frequency=frequency)
        db.session.add(row)
    previous = row.frequency
    row.frequency = frequency
    if previous != frequency or row in db.session.new:
        record("digest.frequency_set", f"user:{user.id}", {"frequency": frequency, "how": how})
    db.session.flush()
    return frequency


# -- one-click unsubscribe ----------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user_id: int, tenant_id: int) -> str:
    return str(_serializer().dumps({"u": user_id, "t": tenant_id}))


def user_for_token(token: str, tenant: Tenant) -> User | None:
    """The person a digest's unsubscribe link was made for, if it is genuine, unexpired and made
    at this board; else None."""
    try:
        data = _serializer().loads(token, max_age=UNSUBSCRIBE_MAX_AGE)
    except BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("t") != tenant.id:
        return None
    user = db.session.get(User, data.get("u"))
    return user if user is not None and user.active else None


# -- building and queueing digests --------------------------------------------------------------


def period_of(frequency: str, day: dt.date) -> str:
    """The period one digest covers: a day, or an ISO week (sent on the first run of the week)."""
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


@dataclass(frozen=True)
class DigestLine:
    review_id: int
    reference: str
    what: str
    due_on: dt.date
    url: str


@dataclass(frozen=True)
class Digest:
    missed: list[DigestLine]
    at_risk: list[DigestLine]
    coming_up: list[DigestLine]

    @property
    def empty(self) -> bool:
        return not (self.missed or self.at_risk or self.coming_up)


def build_digest(tenant: Tenant, actor: Actor, frequency: str, day: dt.date) -> Digest:
    """What `actor` should hear of at `tenant` (scoped to it): missed, at risk, then coming up."""
    rows = list_reviews(tenant, actor, Filters(), on=day)
    sections: dict[str, list[DigestLine]] = {"missed": [], "at_risk": [], "due": []}
    for item in due_within(tenant, rows, HORIZON_DAYS[frequency], on=day):
        assert item.obligation.due_on is not None  # due_within keeps dated ones only
        sections[item.status].append(
            DigestLine(
                item.review.id,
                item.review.reference,
                item.obligation.label,
                item.obligation.due_on,
                link("reviews.show", tenant=tenant.slug, review_id=item.review.id),
            )
        )
    return Digest(sections["missed"], sections["at_risk"], sections["due"])


def _recipients(tenant: Tenant) -> list[tuple[User, str]]:
    return [
        (user, role)
        for user, role in db.session.execute(
            select(User, Membership.role)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.tenant_id == tenant.id,
                Membership.role.in_(DIGEST_ROLES),
                Membership.active.is_(True),
                Membership.pending.is_(False),
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    ]


def queue_digests(tenant: Tenant, day: dt.date) -> int:
    """Queue this board's digests for `day` (scoped to the board); returns how many were queued.

    One per person per period: a rerun finds the outbox's dedupe key and queues nothing. People who
    chose off, and people with nothing to report, get nothing.
    """
    queued = 0
    for user, role in _recipients(tenant):
        frequency = frequency_of(user.id)
        if frequency == "off":
            continue
        digest = build_digest(tenant, Actor(user, role), frequency, day)
        if digest.empty:
            continue
        unsubscribe = link(
            "digests.unsubscribe",
            tenant=tenant.slug,
            token=unsubscribe_token(user.id, tenant.id),
        )
        message = queue_message(
            tenant,
            template="staff_digest",
            to=user.email,
            dedupe_key=f"digest:{user.id}:{period_of(frequency, day)}",
            subject_ref=f"digest:{user.id}",
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            digest=digest,
            frequency=frequency,
            day=day,
            settings_url=link("digests.preference", tenant=tenant.slug),
            unsubscribe_url=unsubscribe,
        )
        queued += message is not None
    return queued
