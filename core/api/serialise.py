"""How reviews, obligations and timeline events look in the API: dates as ISO 8601, statuses named."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.framework_rules import DATE_FIELDS, TEXT_FIELDS
from core.reviews.context import Actor, framework_context
from core.reviews.fields import detail_values
from core.reviews.models import Review, ReviewEvent
from core.reviews.queries import ListedRow, ObligationRow, ReviewRow, review_row
from core.reviews.services import available_transitions
from core.tenancy.models import Tenant


def iso(value: dt.date | dt.datetime | None) -> str | None:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # stored as UTC; some drivers drop the zone
    return value.isoformat() if value is not None else None


def _copied(record: Any, *names: str) -> dict[str, Any]:
    """The named attributes of `record`, under their own names."""
    return {name: getattr(record, name) for name in names}


def obligation(row: ObligationRow) -> dict[str, Any]:
    ob = row.obligation
    return {
        **_copied(ob, "id", "key", "label", "kind"),
        "due_on": iso(ob.due_on),
        "status": row.status,
        "working_days_left": row.working_days_left,
        "met_on": iso(ob.met_on),
        "waived_reason": ob.waived_reason,
        "on_hold": row.on_hold,
        "blocks_publication": ob.blocks_publication,
    }


def review(tenant: Tenant, actor: Actor, r: Review) -> dict[str, Any]:
    """A review as the API shows it alone: its list summary, every date and text, its framework's
    own fields and the transitions open to the actor."""
    body = summary(review_row(tenant, r))
    body.update({name: iso(getattr(r, name)) for name in DATE_FIELDS})
    body.update({name: getattr(r, name) for name in TEXT_FIELDS})
    framework = framework_context(tenant, r.framework).framework
    body["details"] = {
        key: iso(value) if isinstance(value, dt.date) else value
        for key, value in detail_values(framework, r).items()
    }
    body["transitions"] = [
        {"key": t.key, "label": t.label, "target": t.target, "fields": list(t.fields)}
        for t in available_transitions(tenant, actor, r)
    ]
    return body


def summary(row: ReviewRow | ListedRow) -> dict[str, Any]:
    """A review as a list shows it: what a page of reviews reads (`ListedRow`) is enough."""
    r = row.review
    nxt = row.next_deadline
    return {
        **_copied(r, "id", "reference", "framework", "stage"),
        "stage_label": row.stage_label,
        **_copied(r, "closed", "pseudonym"),
        "review_types": list(r.review_types or []),
        "decision": r.decision,
        "target_on": iso(r.target_on),
        "take_down_on": iso(r.take_down_on),
        "next_deadline": obligation(nxt) if nxt else None,
        **_copied(row, "missed", "at_risk"),
    }


def event(e: ReviewEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": iso(e.created_at),
        "actor": e.actor_email,
        "kind": e.kind,
        "summary": e.summary,
    }
