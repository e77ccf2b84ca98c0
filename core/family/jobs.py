"""The families' periodic job: contact requests are kept no longer than their board's retention.

It works board by board in that board's scope and is safe to run twice (a second worker's scheduler
may queue it too).
"""

from __future__ import annotations

import logging

from huey import crontab

from core import db
from core.jobs.boards import active_boards
from core.jobs.queueing import job

log = logging.getLogger(__name__)


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
