"""The platform's periodic jobs: housekeeping that must never run inside a family's request.

Each one works board by board in that board's scope and is safe to run twice (a second worker's
scheduler may queue it too).
"""

from __future__ import annotations

import datetime as dt
import logging

from huey import crontab
from sqlalchemy import select

from core import db
from core.jobs.queueing import job
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)


def active_boards() -> list[Tenant]:
    with db.all_tenants():
        return list(
            db.session.scalars(select(Tenant).where(Tenant.status == "active").order_by(Tenant.id))
        )


@job("contact_requests.purge", schedule=crontab(minute="17"), timeout=600)
def purge_contact_requests() -> None:
    """Delete families' contact requests past their board's retention date (hourly)."""
    from core.family.requests import purge_expired

    total = 0
    for tenant in active_boards():
        with db.tenant_scope(tenant.id):
            total += purge_expired()
        db.session.commit()
    if total:
        log.info("deleted %d expired contact requests", total)


@job("reports.take_down", schedule=crontab(minute="7", hour="*/6"), timeout=600)
def take_down_reports(on: dt.date | None = None) -> None:
    """Remove the public copy of every report whose `available_until` has passed (every 6 hours)."""
    from core.jobs.takedown import take_down_expired

    for tenant in active_boards():
        with db.tenant_scope(tenant.id):
            take_down_expired(tenant, on)
        db.session.commit()


@job("reviews.missed", schedule=crontab(minute="30", hour="6"), timeout=1800)
def announce_missed_deadlines() -> None:
    """Each morning: announce every newly missed deadline to the board's plugins, once (what
    `candour reviews due` also does), so nobody has to open the review for it to be heard of."""
    from core.reviews.cli import PLATFORM
    from core.reviews.context import framework_context, today
    from core.reviews.obligations import report_missed
    from core.reviews.queries import Filters, list_reviews

    day = today()
    for tenant in active_boards():
        with db.tenant_scope(tenant.id):
            for row in list_reviews(tenant, PLATFORM, Filters(), on=day):
                report_missed(
                    tenant, row.review, framework_context(tenant, row.review.framework), day
                )
        db.session.commit()
