"""The reports' periodic job: a public copy is taken down once its `available_until` has passed.

It works board by board in that board's scope and is safe to run twice (a second worker's scheduler
may queue it too).
"""

from __future__ import annotations

import datetime as dt

from huey import crontab

from core import db
from core.jobs.boards import active_boards
from core.jobs.queueing import job


@job("reports.take_down", schedule=crontab(minute="7", hour="*/6"), timeout=600)
def take_down_reports(on: dt.date | None = None) -> None:
    """Remove the public copy of every report whose `available_until` has passed (every 6 hours)."""
    from core.reports.takedown import take_down_expired

    for tenant in active_boards():
        with db.tenant_scope(tenant.id):
            take_down_expired(tenant, on)
        db.session.commit()
