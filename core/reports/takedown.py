"""Report take-down: once a published report's `available_until` has passed, its public copy goes.

The record stays (the board's list of what it published, and "available on request"); the download
already answers 410 from that date, and this removes the file itself from public storage.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.reports.models import PublishedReport
from core.reviews.context import today
from core.storage import storage_for
from core.tenancy.models import Tenant


def take_down_expired(tenant: Tenant, on: dt.date | None = None) -> int:
    """Remove the public copies of the scoped board's reports past their date; return how many."""
    on = on or today()
    store = storage_for(tenant)
    removed = 0
    expired = db.session.scalars(
        select(PublishedReport).where(PublishedReport.available_until < on)
    )
    for report in expired:
        if not store.exists(report.storage_key):
            continue
        store.delete(report.storage_key)
        record(
            "report.taken_down",
            f"report:{report.id}",
            {"available_until": report.available_until.isoformat()},
            tenant_id=tenant.id,
        )
        removed += 1
    return removed
