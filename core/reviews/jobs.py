"""The reviews' periodic job: housekeeping that must never run inside a family's request.

It works board by board in that board's scope and is safe to run twice (a second worker's scheduler
may queue it too).
"""

from __future__ import annotations

from huey import crontab
from sqlalchemy import select

from core import db
from core.jobs.boards import in_each_active_board
from core.jobs.queueing import job
from core.tenancy.models import Tenant


@job("reviews.missed", schedule=crontab(minute="30", hour="6"), timeout=1800)
def announce_missed_deadlines() -> None:
    """Each morning: announce every newly missed deadline to the board's plugins, once (what
    `candour reviews due` also does), so nobody has to open the review for it to be heard of."""
    from core.reviews.cli import PLATFORM
    from core.reviews.context import framework_context, today
    from core.reviews.obligations import report_missed
    from core.reviews.queries import Filters, list_reviews

    day = today()

    def announce(tenant: Tenant) -> None:
        for row in list_reviews(tenant, PLATFORM, Filters(), on=day):
            report_missed(tenant, row.review, framework_context(tenant, row.review.framework), day)

    in_each_active_board(announce)


@job("reviews.publication_notice", retries=5, retry_delay=30, timeout=300)
def publication_notice(tenant_id: int, review_id: int) -> None:
    """A publication date was set: the advance notice to the family members who chose e-mail."""
    from core.reviews.familymail import publication_planned
    from core.reviews.models import Review

    with db.all_tenants():
        tenant = db.session.get(Tenant, tenant_id)
    if tenant is None:
        return
    with db.tenant_scope(tenant_id):
        review = db.session.scalar(select(Review).where(Review.id == review_id))
        if review is not None:
            publication_planned(tenant, review)
