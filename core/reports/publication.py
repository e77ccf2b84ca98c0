"""Publication of a final report, as the worker runs it, and its state as the staff pages and the
API show it.

Asking to publish (`services.request_publication`) checks everything fast in the request, marks the
report as being published and queues `reports.publish`; the job reads the file again (OCR
included), runs the guard afresh, rebuilds the public copy, checks it again, stores it, and only then
records the publication (`services.publish`). A check that refuses the copy is recorded with its
reason and the board's review managers are told; a job that cannot read or store the report, after
its retries, is recorded as failed. Neither ever publishes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from huey.exceptions import TaskTimeout
from sqlalchemy import select

from core import db
from core.auth.models import Membership, User
from core.db import utcnow
from core.reports import services
from core.reports.checking import (
    SYSTEM,
    Work,
    WorkState,
    begin,
    current,
    reason_for,
    sweep_stalled,
    tell_managers,
)
from core.reports.models import (
    PUBLISH_FAILED,
    PUBLISH_PENDING,
    PUBLISH_REFUSED,
    PublishedReport,
    ReportFile,
)
from core.reviews.context import Actor, ReviewError, ReviewForbidden, as_of
from core.reviews.models import Review
from core.reviews.services import log_event
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)

PUBLISH_RETRIES = 3
# Two readings of the report (the original and the rebuilt copy), each within the OCR budget.
PUBLISH_TIMEOUT = 3600

PUBLICATION = Work(
    "publish",
    PUBLISH_PENDING,
    services.PUBLISH_JOB,
    "staff_report_not_published",
    "report_not_published",
)


@dataclass(frozen=True)
class PublicationState(WorkState):
    """What staff see of a final report's publication once asked for: `pending` (being
    published), `refused` (the check of the rebuilt copy stopped it, with the reason), `failed`
    (it could not be read or stored, with the reason), or `""` (none asked for, or done)."""

    LABELS: ClassVar[Mapping[str, str]] = {
        "pending": "Being published",
        "refused": "Publication refused",
        "failed": "Publication failed: could not be read",
    }


def state_of(report: ReportFile | None) -> PublicationState:
    if report is None or report.kind != "final":
        return PublicationState("")
    if report.publish_status in (PUBLISH_PENDING, PUBLISH_REFUSED, PUBLISH_FAILED):
        return PublicationState(report.publish_status, report.publish_error)
    return PublicationState("")


# -- the job ------------------------------------------------------------------------------------------


def run_publication(tenant_id: int, report_id: int) -> None:
    """Publish one report file, if its publication is still asked for (a duplicate or a late retry
    does nothing; a retry after a half-done attempt overwrites the same public key, and any orphan
    copy is removed first). The last failed attempt records why, tells the managers and raises."""
    with db.tenant_scope(tenant_id):
        started = begin(PUBLICATION, tenant_id, report_id)
        if started is None:
            return
        tenant, report, attempt, queued_at = started
        asked = dict(report.publish_request or {})
        db.session.commit()  # the attempt counts even if the worker dies in what follows
        review = db.session.get(Review, report.review_id)
        if review is None:
            return
        if services.latest_final(review) is not report:
            refuse(tenant, review, report, "a newer final report was uploaded; publish that one")
            db.session.commit()
            return
        published: PublishedReport | None = None
        try:
            # Published as of the day it was asked for, however late the worker gets to it.
            with as_of(_on(asked)):
                requester = _requester(tenant, asked.get("by"))
                published = services.publish(tenant, requester, review, _details(asked))
            report.publish_status = ""
            report.publish_error = ""
            db.session.commit()
        except (ReviewError, ReviewForbidden) as exc:
            db.session.rollback()
            if isinstance(exc, services.PublicationFailed):
                _failed(tenant, report_id, attempt, queued_at, exc)
                raise
            _refused(tenant, report_id, queued_at, _why(exc))
            db.session.commit()
        except BaseException as exc:
            db.session.rollback()
            if published is not None:
                services.discard_public_copy(tenant, published)
            _failed(tenant, report_id, attempt, queued_at, exc)
            raise


def _requester(tenant: Tenant, user_id: object) -> Actor:
    """Who asked, with the role they hold now (a role taken away since stops the publication)."""
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        return SYSTEM
    role = db.session.scalar(
        select(Membership.role).where(
            Membership.user_id == user.id,
            Membership.tenant_id == tenant.id,
            Membership.active.is_(True),
        )
    )
    return Actor(user, role or "")


def _details(asked: dict[str, object]) -> services.PublicationDetails:
    def text(name: str) -> str:
        value = asked.get(name)
        return value if isinstance(value, str) else ""

    def lines(name: str) -> list[str]:
        value = asked.get(name)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    return services.PublicationDetails(
        title=text("title"),
        summary=text("summary"),
        decision=text("decision"),
        rationale=text("rationale"),
        learning_themes=lines("learning_themes"),
        recommendations=lines("recommendations"),
        languages=lines("languages"),
    )


def _on(asked: dict[str, object]) -> dt.date | None:
    value = asked.get("on")
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _why(exc: ReviewError | ReviewForbidden) -> str:
    if isinstance(exc, ReviewForbidden):
        return "the person who asked can no longer publish reports for this board"
    return " ".join(str(m) for m in exc.errors.values())


def _reason(exc: BaseException) -> str:
    return reason_for(
        exc,
        {
            services.PublicationFailed: "the file store did not answer properly",
            TaskTimeout: f"reading it took longer than the limit of {PUBLISH_TIMEOUT // 60} minutes",
        },
    )


def _refused(tenant: Tenant, report_id: int, queued_at: dt.datetime | None, reason: str) -> None:
    report = current(PUBLICATION, report_id, queued_at)
    review = db.session.get(Review, report.review_id) if report is not None else None
    if report is not None and review is not None:
        refuse(tenant, review, report, reason)


def _failed(
    tenant: Tenant,
    report_id: int,
    attempt: int,
    queued_at: dt.datetime | None,
    exc: BaseException,
) -> None:
    log.warning("publishing report file %s failed (attempt %s): %s", report_id, attempt, exc)
    if attempt <= PUBLISH_RETRIES:
        return
    report = current(PUBLICATION, report_id, queued_at)
    review = db.session.get(Review, report.review_id) if report is not None else None
    if report is None or review is None:
        return
    fail(tenant, review, report, _reason(exc))
    db.session.commit()


def sweep(tenant: Tenant, now: dt.datetime | None = None) -> list[int]:
    """For one board (in its scope): a publication lost by a killed worker is recorded as failed
    (never published); one no worker has started (the queue was down) is queued again. Returns the
    ids queued again."""

    def give_up(report: ReportFile) -> None:
        review = db.session.get(Review, report.review_id)
        if review is not None:
            fail(tenant, review, report, "the publication did not finish; publish it again")

    return sweep_stalled(tenant, now or utcnow(), PUBLICATION, give_up)


def refuse(tenant: Tenant, review: Review, report: ReportFile, reason: str) -> None:
    """The check at publication stopped it: not published, with `reason`; the managers are told."""
    _end(tenant, review, report, PUBLISH_REFUSED, reason, "report_publication_refused")


def fail(tenant: Tenant, review: Review, report: ReportFile, reason: str) -> None:
    """The worker could not publish it, for good: not published, with `reason`."""
    _end(tenant, review, report, PUBLISH_FAILED, reason, "report_publication_failed")


def _end(
    tenant: Tenant, review: Review, report: ReportFile, status: str, reason: str, event: str
) -> None:
    report.publish_status = status
    report.publish_error = reason[:600]
    state = state_of(report)
    log_event(
        review,
        SYSTEM,
        event,
        f"{state.label}; the report was not published: {reason}",
        {"report_file": report.id},
    )
    notify_managers(tenant, review, report, state)


def notify_managers(
    tenant: Tenant, review: Review, report: ReportFile, state: PublicationState
) -> None:
    """Queue, in this transaction, a message to each review manager that the publication did not
    happen, linking to the review behind sign-in: no file name, no finding, nothing about the
    family."""
    tell_managers(PUBLICATION, tenant, review, report, state)
