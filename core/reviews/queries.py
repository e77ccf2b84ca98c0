"""Reading reviews: who may see which, one review (audited), lists with filters, the dashboard and
the list of due and missed deadlines for the scheduled job."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Generic, NamedTuple, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    any_,
    bindparam,
    case,
    exists,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import selectinload

from core import db
from core.audit.services import record
from core.reviews.calendar import WorkingCalendar
from core.reviews.context import (
    Actor,
    FrameworkContext,
    ReviewNotFound,
    framework_context,
    framework_keys,
    obligation_status,
    status_and_days_left,
    today,
)
from core.reviews.models import Obligation, ParallelProcess, Review, ReviewAssignment
from core.tenancy.models import Tenant

STATUS_ORDER = {"missed": 0, "at_risk": 1, "due": 2, "met": 3, "waived": 4}


def visible(actor: Actor) -> Select[Review]:
    """Reviews this actor may see: all of the board's for managers, assigned ones for reviewers."""
    return _visible(actor.is_manager, actor.user_id)


def _visible(manager: bool, user_id: int | None) -> Select[Review]:
    query = select(Review)
    return query if manager else query.where(assigned_to(user_id))


def assigned_to(user: Any) -> ColumnElement[bool]:
    """The review (`Review` in the statement) has `user` (an id, or a parameter) assigned to it."""
    return exists().where(ReviewAssignment.review_id == Review.id, ReviewAssignment.user_id == user)


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


class ObligationFacts(NamedTuple):
    """An obligation as a list reads it: its columns, not an ORM entity (a page of reviews reads a
    few hundred of them, and lists never change them)."""

    id: int
    key: str
    label: str
    kind: str
    due_on: dt.date | None
    state: str
    met_on: dt.date | None
    waived_reason: str
    family_involvement: bool
    blocks_publication: bool


FACT_COLUMNS = (
    Obligation.id,
    Obligation.key,
    Obligation.label,
    Obligation.kind,
    Obligation.due_on,
    Obligation.state,
    Obligation.met_on,
    Obligation.waived_reason,
    Obligation.family_involvement,
    Obligation.blocks_publication,
)


class ReviewFacts(NamedTuple):
    """A review as a page of a list shows it: the columns its row and the API's summary read,
    not an ORM entity with every column of the review."""

    id: int
    reference: str
    framework: str
    stage: str
    closed: bool
    pseudonym: str
    review_types: list[str]
    decision: str
    target_on: dt.date | None
    take_down_on: dt.date | None


REVIEW_FACT_COLUMNS = (
    Review.id,
    Review.reference,
    Review.framework,
    Review.stage,
    Review.closed,
    Review.pseudonym,
    Review.review_types,
    Review.decision,
    Review.target_on,
    Review.take_down_on,
)


# A row's review: the entity (lists that go on to change or export reviews) or a page's columns.
R = TypeVar("R", Review, ReviewFacts)


@dataclass
class ObligationRow:
    obligation: Obligation | ObligationFacts
    status: str
    working_days_left: int | None
    on_hold: bool = False


@dataclass
class ReviewRow(Generic[R]):
    """A review as the dashboard and lists show it: stage, next deadline, what is at risk."""

    review: R
    stage_label: str
    obligations: list[ObligationRow] = field(default_factory=list)

    # A row is made whole and then read (a page reads each of these several times): each is worked
    # out once, on first reading.
    @cached_property
    def open(self) -> list[ObligationRow]:
        return [o for o in self.obligations if o.status in ("due", "at_risk", "missed")]

    @cached_property
    def next_deadline(self) -> ObligationRow | None:
        dated = [o for o in self.open if o.obligation.due_on is not None]
        return min(dated, key=lambda o: o.obligation.due_on) if dated else None  # type: ignore[arg-type,return-value]

    @cached_property
    def missed(self) -> int:
        return sum(o.status == "missed" for o in self.obligations)

    @cached_property
    def at_risk(self) -> int:
        return sum(o.status == "at_risk" for o in self.obligations)

    @property
    def urgency(self) -> tuple[int, dt.date]:
        worst = min((STATUS_ORDER[o.status] for o in self.open), default=9)
        nxt = self.next_deadline
        return worst, (nxt.obligation.due_on if nxt and nxt.obligation.due_on else dt.date.max)


def obligation_rows(review: Review, fw: FrameworkContext, on: dt.date) -> list[ObligationRow]:
    held = any(p.open_on(on) for p in review.parallel_processes)
    return _obligation_rows(review.obligations, held, fw, on)


def _obligation_rows(
    obligations: list[Obligation] | list[ObligationFacts],
    held: bool,
    fw: FrameworkContext,
    on: dt.date,
) -> list[ObligationRow]:
    rows = []
    for ob in obligations:
        # The status reads only the recorded state and the due date, which both kinds carry.
        status, left = status_and_days_left(ob, on, fw)  # type: ignore[arg-type]
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
) -> ReviewRow[Review]:
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
) -> list[ReviewRow[Review]]:
    """Reviews the actor may see, most urgent first: missed, then at risk, then by next deadline."""
    query = _filtered(actor, filters)
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
class ListedRow:
    """A review on a page of a list, as the dashboard's row and the API's summary show it: how
    many of its deadlines are missed and at risk (the listing's aggregate counts them) and its
    next deadline (the only obligation a page reads of it)."""

    review: ReviewFacts
    stage_label: str
    missed: int
    at_risk: int
    next_deadline: ObligationRow | None


@dataclass
class ReviewPage:
    """One page of a list of reviews, most urgent first, and how many there are in all."""

    rows: list[ListedRow]
    total: int
    page: int
    pages: int
    per_page: int


def _filtered(actor: Actor, filters: Filters) -> Select[Review]:
    return _filtered_for(actor.is_manager, actor.user_id, filters)


def _filtered_for(manager: bool, user_id: int | None, filters: Filters) -> Select[Review]:
    query = _visible(manager, user_id)
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
    if filters.mine and user_id is not None:
        query = query.where(assigned_to(user_id))
    return query


def at_risk_until(fw: FrameworkContext, on: dt.date) -> dt.date:
    """The last due date that is at risk on `on`: within the framework's at-risk working days."""
    return _at_risk_until(fw.calendar.subdivision, fw.at_risk_days, on)


@lru_cache(maxsize=256)
def _at_risk_until(subdivision: str, days: int, on: dt.date) -> dt.date:
    # A list asks this for every installed framework; the answer depends only on the calendar,
    # the number of days and the day itself (which is part of the key: never yesterday's answer).
    calendar = WorkingCalendar(subdivision)
    last = on
    while calendar.working_days_between(on, last + dt.timedelta(days=1)) <= days:
        last += dt.timedelta(days=1)
    return last


def _contexts(tenant: Tenant) -> dict[str, FrameworkContext]:
    """The settings of each installed framework, worked out once for a list (a handful)."""
    return {key: framework_context(tenant, key) for key in framework_keys()}


def _context(tenant: Tenant, contexts: dict[str, FrameworkContext], key: str) -> FrameworkContext:
    # A framework no longer installed raises the error `list_reviews` raises for it.
    return contexts.get(key) or framework_context(tenant, key)


def _urgency_days(contexts: dict[str, FrameworkContext], on: dt.date) -> dict[str, dt.date]:
    """The day's parameters of every statement made from a listing (see `_urgency_by_review`):
    the day, the day before (nothing is at risk up to it) and each framework's last at-risk day."""
    return {
        "urgency_on": on,
        "urgency_never": on - dt.timedelta(days=1),
        **{
            f"urgency_until_{i}": at_risk_until(contexts[key], on) for i, key in enumerate(contexts)
        },
    }


@lru_cache(maxsize=16)
def _urgency_by_review(keys: tuple[str, ...]) -> tuple[Any, ColumnElement[int]]:
    """The listed reviews' urgency in SQL, as `ReviewRow.urgency` works it out in Python: each
    review's open obligations give how bad the worst is (missed, at risk, due, nothing open) and
    the next due date. The worst follows from the next due date, so one aggregate does: missed
    before today, at risk up to the framework's last at-risk day. For frameworks `keys`, with the
    days as parameters (`urgency_on`, `urgency_never` and `urgency_until_<i>`, the i-th
    framework's last at-risk day: `_urgency_days`), so it is built once."""
    on = bindparam("urgency_on", type_=Date)
    never = bindparam("urgency_never", type_=Date)
    until = (
        case(
            {key: bindparam(f"urgency_until_{i}", type_=Date) for i, key in enumerate(keys)},
            value=Review.framework,
            else_=never,
        )
        if keys
        else never
    )
    is_open = _is_open()
    per_review = (
        select(
            Obligation.review_id.label("review_id"),
            func.min(case((is_open, Obligation.due_on))).label("next_due"),
            func.count(case((is_open, 1))).label("open"),
            func.count(case((is_open & (Obligation.due_on < on), 1))).label("missed"),
            func.count(
                case((is_open & (Obligation.due_on >= on) & (Obligation.due_on <= until), 1))
            ).label("at_risk"),
        )
        .join(Review, Review.id == Obligation.review_id)
        .group_by(Obligation.review_id)
        .subquery()
    )
    worst = case(
        (per_review.c.missed > 0, 0),
        (per_review.c.at_risk > 0, 1),
        (per_review.c.open > 0, 2),
        else_=9,
    )
    return per_review, worst


@dataclass
class Listing:
    """The reviews a list shows (filtered, urgency worked out in SQL), before a page is cut.
    Every one of its `statements` is executed with `days` (the day's parameters)."""

    tenant: Tenant
    statements: ListingStatements
    contexts: dict[str, FrameworkContext]
    on: dt.date
    days: dict[str, dt.date]


def listing(tenant: Tenant, actor: Actor, filters: Filters, on: dt.date | None = None) -> Listing:
    """The reviews `list_reviews` would give, as a query to count, page and summarise in the
    database: a page then costs the same on a board of 60 reviews as on one of 6,000."""
    day = on or today()
    contexts = _contexts(tenant)
    built = _listing_statements(actor.is_manager, actor.user_id, filters, tuple(contexts))
    return Listing(tenant, built, contexts, day, _urgency_days(contexts, day))


@dataclass(frozen=True)
class ListingStatements:
    """The statements of a listing, built once for who is looking, the filters and the installed
    frameworks (the day and the page are their parameters): building a statement of this size
    costs about as much as running it."""

    page: Select[Any]  # parameters page_offset, page_limit
    count: Select[int]
    due: Select[Any]  # parameters due_until, due_limit
    stages: Select[str, str, int]  # open reviews a stage: framework, stage, count


@lru_cache(maxsize=128)
def _listing_statements(
    manager: bool, user_id: int | None, filters: Filters, keys: tuple[str, ...]
) -> ListingStatements:
    per_review, worst = _urgency_by_review(keys)
    query = _filtered_for(manager, user_id, filters).outerjoin(
        per_review, per_review.c.review_id == Review.id
    )
    if filters.status in ("missed", "at_risk"):
        query = query.where(per_review.c[filters.status] > 0)
    page = (
        query.with_only_columns(
            func.count(Review.id).over(),
            func.coalesce(per_review.c.missed, 0),
            func.coalesce(per_review.c.at_risk, 0),
            *REVIEW_FACT_COLUMNS,
        )
        .order_by(worst, func.coalesce(per_review.c.next_due, dt.date.max), Review.id)
        .offset(bindparam("page_offset", type_=Integer))
        .limit(bindparam("page_limit", type_=Integer))
    )
    stages = (
        query.where(Review.closed.is_(False))
        .with_only_columns(Review.framework, Review.stage, func.count(Review.id))
        .group_by(Review.framework, Review.stage)
    )
    count = query.with_only_columns(func.count(Review.id))
    return ListingStatements(page, count, _due_statement(query), stages)


def count_listed(listed: Listing) -> int:
    return db.session.scalar(listed.statements.count, listed.days) or 0


def page_reviews(
    listed: Listing, page: int = 1, per_page: int = 50, *, past_end_is_last: bool = True
) -> ReviewPage:
    """One page of the listing, in `list_reviews`' order (most urgent first), with the total (in
    the same query); only the page's reviews and their obligations are read. A page past the end
    is the last one, or empty if `past_end_is_last` is false."""
    found = db.session.execute(
        listed.statements.page,
        {**listed.days, "page_offset": (page - 1) * per_page, "page_limit": per_page},
    ).all()
    total = found[0][0] if found else (count_listed(listed) if page > 1 else 0)
    pages = max(1, -(-total // per_page))
    if not found and page > pages and past_end_is_last:
        return page_reviews(listed, pages, per_page)
    reviews = [
        (ReviewFacts._make(columns), missed, at_risk) for _t, missed, at_risk, *columns in found
    ]
    nxt = next_deadlines([r.id for r, _m, _a in reviews], listed.on)
    rows = []
    for r, missed, at_risk in reviews:
        fw = _context(listed.tenant, listed.contexts, r.framework)
        ob, held = nxt.get(r.id, (None, False))
        deadline = _obligation_rows([ob], held, fw, listed.on)[0] if ob is not None else None
        rows.append(ListedRow(r, fw.stage_label(r.stage), missed, at_risk, deadline))
    return ReviewPage(rows, total, page, pages, per_page)


def next_deadlines(ids: list[int], on: dt.date) -> dict[int, tuple[ObligationFacts, bool]]:
    """Each review's next deadline (its open obligation with the soonest due date; the first made
    of those due the same day), and whether a parallel process of the review is open on `on`:
    `ReviewRow.next_deadline` read in one statement, one row a review."""
    if not ids:
        return {}
    dialect = db.session.get_bind().dialect.name
    found = db.session.execute(_next_deadlines(dialect), {"next_ids": ids, "next_on": on})
    return {
        review_id: (ObligationFacts(*columns), bool(held)) for review_id, held, *columns in found
    }


def _is_open() -> ColumnElement[bool]:
    """An obligation neither met nor waived. Written as two comparisons, not NOT IN: a list in a
    statement is an expanding parameter, whose text is written anew at every execution."""
    return (Obligation.state != "met") & (Obligation.state != "waived")


@lru_cache(maxsize=2)
def _next_deadlines(dialect: str) -> Select[Any]:
    # Built once, its ids and day given with each execution: building a statement with a derived
    # table costs more than running it for a page. On PostgreSQL the ids go as one array, so the
    # statement's text is the same for every page (the driver parses it once and the server plans
    # it once); SQLite has no arrays, and gets a parameter an id.
    on = bindparam("next_on", type_=Date)
    ids = (
        Obligation.review_id == any_(bindparam("next_ids", type_=ARRAY(Integer)))
        if dialect == "postgresql"
        else Obligation.review_id.in_(bindparam("next_ids", expanding=True))
    )
    open_process = (
        exists()
        .where(
            ParallelProcess.review_id == Obligation.review_id,
            ParallelProcess.started_on <= on,
            (ParallelProcess.ended_on.is_(None)) | (ParallelProcess.ended_on >= on),
        )
        .correlate(Obligation)
    )
    ranked = (
        select(
            Obligation.review_id,
            open_process.label("held"),
            *FACT_COLUMNS,
            func.row_number()
            .over(partition_by=Obligation.review_id, order_by=(Obligation.due_on, Obligation.id))
            .label("rank"),
        )
        .where(
            ids,
            _is_open(),
            Obligation.due_on.is_not(None),
        )
        .subquery()
    )
    facts = [ranked.c[c.key] for c in FACT_COLUMNS]
    return select(ranked.c.review_id, ranked.c.held, *facts).where(ranked.c.rank == 1)


@dataclass(frozen=True)
class ReviewRef:
    """What a list of deadlines shows of the review each is for."""

    id: int
    reference: str
    pseudonym: str


@dataclass
class DueSoon:
    """Open deadlines missed or due within a span, soonest first, cut at a limit; with the counts."""

    items: list[DueItem]
    missed: int
    coming: int

    @property
    def total(self) -> int:
        return self.missed + self.coming


def due_soon(listed: Listing, days: int, limit: int) -> DueSoon:
    """`due_within` for a listing, read as columns in the database: the first `limit` deadlines
    missed or due within `days` calendar days, and how many there are of each."""
    day, horizon = listed.on, listed.on + dt.timedelta(days=days)
    found = db.session.execute(
        listed.statements.due, {**listed.days, "due_until": horizon, "due_limit": limit}
    ).all()
    missed, total = (found[0][0], found[0][1]) if found else (0, 0)
    items = []
    for _missed, _total, review_id, reference, pseudonym, framework, *columns in found:
        ob = ObligationFacts(*columns)
        fw = _context(listed.tenant, listed.contexts, framework)
        status = obligation_status(ob, day, fw)  # type: ignore[arg-type]
        left = fw.calendar.working_days_between(day, ob.due_on) if ob.due_on else None
        items.append(DueItem(ReviewRef(review_id, reference, pseudonym), ob, status, left))
    return DueSoon(items, missed, total - missed)


def _due_statement(query: Select[Review]) -> Select[Any]:
    """`due_soon`'s statement for a listing's query: open deadlines due by `due_until` (the day
    is `urgency_on`), soonest first, the first `due_limit` of them, with the counts."""
    # A derived table of the listing's ids: never correlated with the reviews joined here.
    listed_ids = query.with_only_columns(Review.id).subquery()
    day = bindparam("urgency_on", type_=Date)
    return cast(  # typed by its columns, which the caller unpacks
        Select[Any],
        select(
            func.count(case((Obligation.due_on < day, 1))).over(),
            func.count(Obligation.id).over(),
            Review.id, Review.reference, Review.pseudonym, Review.framework, *FACT_COLUMNS,
        )
        .join(Review, Review.id == Obligation.review_id)
        .where(
            Obligation.review_id.in_(select(listed_ids.c.id)),
            _is_open(),
            Obligation.due_on <= bindparam("due_until", type_=Date),
        )
        .order_by(Obligation.due_on, Review.reference, Obligation.id)
        .limit(bindparam("due_limit", type_=Integer)),
    )  # fmt: skip


def open_stage_counts(listed: Listing) -> list[dict[str, Any]]:
    """`stage_counts` of the listing's open reviews, counted in the database."""
    counted = db.session.execute(listed.statements.stages, listed.days)
    entries = []
    for framework, stage, count in counted:
        fw = _context(listed.tenant, listed.contexts, framework)
        order = [s.key for s in fw.framework.stages]
        entries.append(
            {
                "framework": framework,
                "stage": stage,
                "label": fw.stage_label(stage),
                "count": count,
                "order": order.index(stage) if stage in order else 99,
            }
        )
    return sorted(entries, key=lambda e: (e["framework"], e["order"]))


@dataclass(frozen=True)
class DueItem:
    review: Review | ReviewRef
    obligation: Obligation | ObligationFacts
    status: str
    working_days_left: int | None


def due_within(
    tenant: Tenant, rows: list[ReviewRow[Review]], days: int, on: dt.date | None = None
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
