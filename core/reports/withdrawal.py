"""Taking a published report down: a board admin's withdrawal (off every public surface at once,
its public copy purged from storage), and the scheduled clean-up of public copies that no
publication points at. Both in the caller's transaction, like every report service."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select

from core import db
from core.reports.models import PublishedReport
from core.reports.services import count_failure, purge
from core.reviews.context import Actor, ReviewError, ReviewForbidden, today
from core.reviews.models import Review
from core.reviews.services import log_event
from core.storage import storage_for
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawn report, and whether its public copy is gone from storage yet (if the store did
    not answer, nothing links to the copy and withdrawing again removes it)."""

    published: PublishedReport
    copy_removed: bool


def withdraw(
    tenant: Tenant, actor: Actor, review: Review, published: PublishedReport, reason: str
) -> Withdrawal:
    """Take a published report off every public surface at once, with a reason (board admins).

    The record is marked withdrawn (so the list, the feeds and the download stop showing it), the
    board's caches are renewed, the timeline, the audit log and the family's promises note it, and
    the public copy is removed from storage with every version of it. Withdrawing a withdrawn
    report again only retries removing the copy.
    """
    if actor.role != "board_admin":
        raise ReviewForbidden("only a board admin can withdraw a published report")
    if published.review_id != review.id or published.tenant_id != review.tenant_id:
        raise ReviewError({"report": "This review has no such published report."})
    if not published.withdrawn:
        reason = (reason or "").strip()
        if not reason:
            raise ReviewError({"reason": "Explain why the report is being withdrawn."})
        if len(reason) > 2000:
            raise ReviewError({"reason": "The reason must be 2,000 characters or fewer."})
        published.withdrawn_at = db.utcnow()
        published.withdrawn_by_id = actor.user_id
        published.withdrawal_reason = reason
        tenant.content_version += 1
        note = f"{today().isoformat()}: the published report was withdrawn. {reason}"
        # The family's promises about publication (told before it, offered a copy) say so too.
        for obligation in review.obligations:
            about = f"{obligation.key} {obligation.label}".lower()
            if obligation.kind == "promise" and (
                obligation.blocks_publication or "publication" in about or "report" in about
            ):
                obligation.note = f"{obligation.note}\n{note}".strip()
        log_event(
            review,
            actor,
            "report_withdrawn",
            f"Published report “{published.title}” withdrawn: {reason}",
            {"published_report": published.id, "key": published.storage_key, "reason": reason},
        )
        db.session.flush()
    try:
        purge(storage_for(tenant), published.storage_key)
    except Exception as exc:  # a backend may leak OSError; the record already hides the copy
        log.error("could not remove the public copy of published report %s: %s", published.id, exc)
        count_failure("withdraw_storage")
        return Withdrawal(published, copy_removed=False)
    return Withdrawal(published, copy_removed=True)


def clean_board_orphans(tenant: Tenant) -> list[str]:
    """Every public object of the board that no current publication points at, removed (the
    scheduled job). Run it when nobody is publishing: a publication in flight has written its copy
    a moment before it records it."""
    store = storage_for(tenant)
    keep = set(
        db.session.scalars(
            select(PublishedReport.storage_key).where(PublishedReport.withdrawn_at.is_(None))
        )
    )
    removed = []
    for stored in list(store.list("reports/public/")):
        if stored.key not in keep:
            purge(store, stored.key)
            removed.append(stored.key)
    return removed
