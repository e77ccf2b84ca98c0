"""Reading reviews: who may see which, one review (audited), lists with filters, the dashboard and
the list of due and missed deadlines for the scheduled job."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import selectinload

from core import db
from core.audit.services import record
from core.reviews.context import (
    Actor,
    FrameworkContext,
    ReviewNotFound,
    framework_context,
    obligation_status,
    today,
)
from core.reviews.models import Obligation, Review, ReviewAssignment
from core.tenancy.models import Tenant

STATUS_ORDER = {"missed": 0, "at_risk": 1, "due": 2, "met": 3, "waived": 4}


def visible(actor: Actor) -> Select[Review]:
    """Reviews this actor may see: all of the board's for managers, assigned ones for reviewers."""
    query = select(Review)
    if not actor.is_manager:
        assigned = exists().where(
            ReviewAssignment.review_id == Review.id, ReviewAssignment.user_id == actor.user_id
        )
        query = query.where(assigned)
    return query


def get_review(actor: Actor, review_id: int, *, audit: bool = True) -> Review:
    """One review the actor may see; the read is audited. Another board's review is not found."""
    if not actor.role:
        raise ReviewNotFound(review_id)
    review = db.session.scalar(visible(actor).where(Review.id == review_id))
    if review is None:
        raise ReviewNotFound(review_id)
    if audit:
        record(
            "review.viewed", f"review:{review.id}", {}, tenant_id=review.tenant_id, actor=actor.user
        )
    return review


@dataclass
class ObligationRow:
    obligation: Obligation
    status: str
    working_days_left: int | None
    on_hold: bool = False


@dataclass
class ReviewRow:
    """A review as the dashboard and lists show it: stage, next deadline, what is at risk."""

    review: Review
    stage_label: str
    obligations: list[ObligationRow] = field(default_factory=list)

    @property
    def open(self) -> list[ObligationRow]:
        return [o for o in self.obligations if o.status in ("due", "at_risk", "missed")]

    @property
    def next_deadline(self) -> ObligationRow | None:
        dated = [o for o in self.open if o.obligation.due_on is not None]
        return min(dated, key=lambda o: o.obligation.due_on) if dated else None  # type: ignore[arg-type,return-value]

    @property
    def missed(self) -> int:
        return sum(o.status == "missed" for o in self.obligations)

    @property
    def at_risk(self) -> int:
        return sum(o.status == "at_risk" for o in self.obligations)

    @property
    def urgency(self) -> tuple[int, dt.date]:
        worst = min((STATUS_ORDER[o.status] for o in self.open), default=9)
        nxt = self.next_deadline
        return worst, (nxt.obligation.due_on if nxt and nxt.obligation.due_on else dt.date.max)


def obligation_rows(review: Review, fw: FrameworkContext, on: dt.date) -> list[ObligationRow]:
    held = any(p.open_on(on) for p in review.parallel_processes)
    rows = []
    for ob in review.obligations:
        status = obligation_status(ob, on, fw)
        left = (
            fw.calendar.working_days_between(on, ob.due_on)
            if ob.due_on and status not in ("met", "waived")
            else None
        )
        rows.append(
            ObligationRow(
                ob,
                status,
                left,
                on_hold=held and ob.family_involvement and status not in ("met", "waived"),
            )
        )
    rows.sort(
        key=lambda r: (
            r.obligation.due_on is None,
            r.obligation.due_on or dt.date.max,
            r.obligation.id,
        )
    )
    return rows


def review_row(
    tenant: Tenant, review: Review, on: dt.date | None = None, fw: FrameworkContext | None = None
) -> ReviewRow:
    day = on or today()
    fw = fw or framework_context(tenant, review.framework)
    return ReviewRow(review, fw.stage_label(review.stage), obligation_rows(review, fw, day))


@dataclass(frozen=True)
class Filters:
    stage: str = ""
    status: str = ""  # "missed", "at_risk" or ""
    framework: str = ""
    search: str = ""
    include_closed: bool = False
    mine: bool = False


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_reviews(
    tenant: Tenant, actor: Actor, filters: Filters, on: dt.date | None = None
) -> list[ReviewRow]:
    """Reviews the actor may see, most urgent first: missed, then at risk, then by next deadline."""
    query = visible(actor)
    if not filters.include_closed:
        query = query.where(Review.closed.is_(False))
    if filters.stage:
        query = query.where(Review.stage == filters.stage)
    if filters.framework:
        query = query.where(Review.framework == filters.framework)
    if filters.search:
        # `%` and `_` typed in the box are letters to look for, not wildcards.
        term = "%" + _escape_like(filters.search.strip()) + "%"
        query = query.where(
            Review.reference.ilike(term, escape="\\") | Review.pseudonym.ilike(term, escape="\\")
        )
    if filters.mine and actor.user_id is not None:
        query = query.where(
            exists().where(
                ReviewAssignment.review_id == Review.id, ReviewAssignment.user_id == actor.user_id
            )
        )
    # Each row needs its obligations and parallel processes: load them in two queries, not 2 × N.
    query = query.options(
        selectinload(Review.obligations), selectinload(Review.parallel_processes)
    ).order_by(Review.id)
    day = on or today()
    # A board's reviews follow one or two frameworks: work out each one's settings once per list.
    contexts: dict[str, FrameworkContext] = {}
    rows = []
    for r in db.session.scalars(query):
        fw = contexts.get(r.framework)
        if fw is None:
            fw = contexts[r.framework] = framework_context(tenant, r.framework)
        rows.append(review_row(tenant, r, day, fw))
    if filters.status in ("missed", "at_risk"):
        rows = [r for r in rows if getattr(r, filters.status)]
    rows.sort(key=lambda r: r.urgency)
    return rows


@dataclass(frozen=True)
class DueItem:
    review: Review
    obligation: Obligation
    status: str
    working_days_left: int | None


def due_within(
    tenant: Tenant, rows: list[ReviewRow], days: int, on: dt.date | None = None
) -> list[DueItem]:
    """Open obligations missed, or due within `days` calendar days of `on`, soonest first."""
    day = on or today()
    horizon = day + dt.timedelta(days=days)
    items = [
        DueItem(row.review, o.obligation, o.status, o.working_days_left)
        for row in rows
        for o in row.open
        if o.obligation.due_on is not None
        and (o.status == "missed" or o.obligation.due_on <= horizon)
    ]
    items.sort(key=lambda i: (i.obligation.due_on, i.review.reference))
    return items


def week_end(on: dt.date) -> dt.date:
    """The Sunday that ends the week of `on`."""
    return on + dt.timedelta(days=6 - on.weekday())


def stage_counts(tenant: Tenant, rows: list[ReviewRow]) -> list[dict[str, Any]]:
    """Open reviews per stage, in the order the stages come in each framework."""
    counts: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        fw = framework_context(tenant, row.review.framework)
        order = [s.key for s in fw.framework.stages]
        key = (row.review.framework, row.review.stage)
        entry = counts.setdefault(
            key,
            {
                "framework": key[0],
                "stage": key[1],
                "label": row.stage_label,
                "count": 0,
                "order": order.index(key[1]) if key[1] in order else 99,
            },
        )
        entry["count"] += 1
    return sorted(counts.values(), key=lambda e: (e["framework"], e["order"]))
