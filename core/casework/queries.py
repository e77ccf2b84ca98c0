"""Reading casework: who may see which request, each request's status today, the status of each
agency at a glance, the merged chronology and its exports (CSV and XLSX)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from core import db
from core.audit.services import record
from core.casework.models import (
    REQUEST_KIND_LABELS,
    Agency,
    AgencyRequest,
    AgencyReturn,
    ChronologyEntry,
)
from core.casework.services import reminder_working_days
from core.reviews.context import Actor, FrameworkContext, ReviewNotFound
from core.reviews.models import Review
from core.reviews.queries import get_review

STATUS_LABELS = {
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "waiting": "Waiting",
    "returned": "Returned",
    "withdrawn": "Withdrawn",
}
STATUS_ORDER = {"overdue": 0, "due_soon": 1, "waiting": 2, "returned": 3, "withdrawn": 4}
EXPORT_COLUMNS = ("date", "agency", "event", "source", "from")


def agencies(*, active_only: bool = False) -> list[Agency]:
    query = select(Agency).order_by(Agency.name)
    if active_only:
        query = query.where(Agency.active.is_(True))
    return list(db.session.scalars(query))


def request_status(req: AgencyRequest, on: dt.date, fw: FrameworkContext) -> str:
    if req.state in ("returned", "withdrawn"):
        return req.state
    if on > req.due_on:
        return "overdue"
    if fw.calendar.working_days_between(on, req.due_on) <= reminder_working_days(fw):
        return "due_soon"
    return "waiting"


def review_requests(review: Review) -> list[AgencyRequest]:
    return db.rows(
        AgencyRequest,
        AgencyRequest.review_id == review.id,
        order_by=(AgencyRequest.due_on, AgencyRequest.id),
    )


@dataclass(frozen=True)
class AgencyGlance:
    agency: Agency
    requests: list[tuple[AgencyRequest, str]]

    @property
    def worst(self) -> str:
        return min((s for _r, s in self.requests), key=STATUS_ORDER.__getitem__)


def at_a_glance(review: Review, fw: FrameworkContext, on: dt.date) -> list[AgencyGlance]:
    """Each agency asked in this review, with its requests and their status, worst first."""
    by_agency: dict[int, list[tuple[AgencyRequest, str]]] = {}
    names: dict[int, Agency] = {}
    for req in review_requests(review):
        by_agency.setdefault(req.agency_id, []).append((req, request_status(req, on, fw)))
        names[req.agency_id] = req.agency
    rows = [AgencyGlance(names[k], v) for k, v in by_agency.items()]
    rows.sort(key=lambda g: (STATUS_ORDER[g.worst], g.agency.name))
    return rows


def get_request(actor: Actor, request_id: int, *, audit: bool = True) -> AgencyRequest:
    """A request the actor may see: its contributor, or staff who may see its review."""
    req = db.session.get(AgencyRequest, request_id) if 0 < request_id < 2**31 else None
    if req is None:
        raise ReviewNotFound(request_id)
    if not (actor.user_id is not None and req.contributor_id == actor.user_id):
        get_review(actor, req.review_id, audit=False)  # raises ReviewNotFound when not visible
    if audit:
        record(
            "casework.request_viewed",
            f"request:{req.id}",
            {},
            tenant_id=req.tenant_id,
            actor=actor.user,
        )
    return req


def my_requests(actor: Actor) -> list[tuple[AgencyRequest, Review]]:
    """The requests addressed to this person (a contributor sees nothing else)."""
    if actor.user_id is None:
        return []
    query = (
        select(AgencyRequest, Review)
        .join(Review, Review.id == AgencyRequest.review_id)
        .where(AgencyRequest.contributor_id == actor.user_id)
        .order_by(AgencyRequest.state != "sent", AgencyRequest.due_on)
    )
    return [(r, v) for r, v in db.session.execute(query).all()]


def get_return(actor: Actor, return_id: int) -> tuple[AgencyReturn, AgencyRequest]:
    returned = db.session.get(AgencyReturn, return_id) if 0 < return_id < 2**31 else None
    if returned is None:
        raise ReviewNotFound(return_id)
    return returned, get_request(actor, returned.request_id, audit=False)


@dataclass(frozen=True)
class Line:
    occurred_on: dt.date
    agency: str
    agency_id: int
    event: str
    source: str
    named: str


# Entries on one page of the merged chronology; the exports (CSV, Excel, PDF) hold every entry.
CHRONOLOGY_PAGE = 200


def _chronology_query(
    review: Review, agency_id: int | None, since: dt.date | None, until: dt.date | None
) -> Select[dt.date, str, int, str, str, str]:
    # Columns, not entities: a chronology is read, never changed, and 2,000 ORM objects cost more
    # than the rows themselves. Only the rows fetched are decrypted.
    query = (
        select(
            ChronologyEntry.occurred_on,
            Agency.name,
            ChronologyEntry.agency_id,
            ChronologyEntry.event,
            ChronologyEntry.source,
            ChronologyEntry.agency_named,
        )
        .join(Agency, Agency.id == ChronologyEntry.agency_id)
        .where(ChronologyEntry.review_id == review.id)
    )
    if agency_id:
        query = query.where(ChronologyEntry.agency_id == agency_id)
    if since is not None:
        query = query.where(ChronologyEntry.occurred_on >= since)
    if until is not None:
        query = query.where(ChronologyEntry.occurred_on <= until)
    return query


def merged_chronology(
    review: Review,
    agency_id: int | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Line]:
    """Every agency's chronology entries for the review, by date (then agency, then as sent)."""
    query = _chronology_query(review, agency_id, since, until).order_by(
        ChronologyEntry.occurred_on, Agency.name, ChronologyEntry.id
    )
    return [Line(*row) for row in db.session.execute(query).all()]


@dataclass(frozen=True)
class ChronologyPage:
    """One window of the merged chronology, and where it sits in the whole."""

    lines: list[Line]
    total: int
    page: int
    pages: int
    first: int  # the number of the window's first entry, from 1

    @property
    def last(self) -> int:
        return self.first + len(self.lines) - 1


def chronology_page(
    review: Review,
    agency_id: int | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    page: int = 1,
    per_page: int | None = None,
) -> ChronologyPage:
    """The `page`-th window of `per_page` entries in date order; a page past the end is the last."""
    per_page = per_page or CHRONOLOGY_PAGE
    base = _chronology_query(review, agency_id, since, until)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    query = (
        base.order_by(ChronologyEntry.occurred_on, Agency.name, ChronologyEntry.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    lines = [Line(*row) for row in db.session.execute(query).all()]
    return ChronologyPage(lines, total, page, pages, (page - 1) * per_page + 1)


def chronology_csv(lines: list[Line]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                line.occurred_on.isoformat(),
                _cell(line.agency),
                _cell(line.event),
                _cell(line.source),
                _cell(line.named),
            ]
        )
    return out.getvalue()


def chronology_xlsx(lines: list[Line], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="Chronology")
    sheet.append(list(EXPORT_COLUMNS))
    for line in lines:
        sheet.append(
            [
                line.occurred_on,
                _cell(line.agency),
                _cell(line.event),
                _cell(line.source),
                _cell(line.named),
            ]
        )
    book.properties.title = title[:200]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def kind_label(kind: str) -> str:
    return REQUEST_KIND_LABELS.get(kind, kind)


def _cell(text: str) -> str:
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
