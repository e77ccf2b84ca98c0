"""The immediate message to a board's review managers when a statutory deadline becomes at risk.

A scheduled job looks for statutory deadlines at risk; each deadline is announced once per time it
becomes at risk (the outbox's dedupe key names the deadline and its due date, so a rerun, or a
second worker's run, sends nothing more, while a deadline moved and at risk again is announced
again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.auth.memberships import review_managers
from core.mail.services import link, queue_message
from core.reviews.cli import PLATFORM
from core.reviews.queries import Filters, list_reviews
from core.tenancy.models import Tenant


def queue_at_risk_alerts(tenant: Tenant, day: dt.date) -> int:
    """Queue an alert for each statutory deadline at risk at `tenant` (scoped to it)."""
    managers = review_managers(tenant)
    if not managers:
        return 0
    queued = 0
    for row in list_reviews(tenant, PLATFORM, Filters(), on=day):
        for item in row.open:
            ob = item.obligation
            if item.status != "at_risk" or ob.kind != "statutory" or ob.due_on is None:
                continue
            # What each manager is told about this deadline; each is told once for its due date.
            about: dict[str, Any] = {
                "reference": row.review.reference,
                "what": ob.label,
                "due_on": ob.due_on,
                "working_days_left": item.working_days_left,
                "review_url": link("reviews.show", tenant=tenant.slug, review_id=row.review.id),
                "subject_ref": f"obligation:{ob.id}",
            }
            once = f"at_risk:{ob.id}:{ob.due_on.isoformat()}:staff"
            for user in managers:
                message = queue_message(
                    tenant,
                    template="staff_deadline_at_risk",
                    to=user.email,
                    dedupe_key=f"{once}:{user.id}",
                    **about,
                )
                queued += message is not None
    return queued
