"""The anonymisation check of an uploaded final report, as the worker runs it, and its state as the
staff pages and the API show it.

An upload (or "check again") marks the check pending and queues `reports.check_file`; the job
reads the stored file (every part, scanned pages by OCR within the operator's limits), runs the
guard, stores what it found and tells the board's review managers. A check that cannot be done,
after its retries, is recorded as failed: that blocks publication, it never passes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from huey.exceptions import TaskTimeout
from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from core import db
from core.auth.memberships import review_managers
from core.db import utcnow
from core.jobs import after_commit
from core.plugin_api import StorageError
from core.reports import guard, services
from core.reports.models import CHECK_DONE, CHECK_FAILED, CHECK_PENDING, ReportFile
from core.reports.pdf import read_content
from core.reviews.context import Actor
from core.reviews.models import Review
from core.reviews.services import log_event
from core.storage import storage_for
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)

CHECK_RETRIES = 3
# Above the default OCR budget (CANDOUR_OCR_TOTAL_SECONDS) with room for reading the rest.
CHECK_TIMEOUT = 1800
# A check still pending this long after it was queued has been lost (a worker killed mid-way).
GIVE_UP_AFTER = dt.timedelta(hours=6)
# A check queued this long ago that no worker has started: the queue was down when it was queued.
REQUEUE_AFTER = dt.timedelta(minutes=10)
SYSTEM = Actor(None, "system")


@dataclass(frozen=True)
class Work:
    """A kind of work the worker does on report files, by `name`: "check" or "publish". The name
    gives its columns (`<name>_status`, `_attempts`, `_queued_at`), its staff page
    (`reports.<name>`) and that page's link in the message to the managers (`<name>_url`). The
    work waits for its `job` in the status `pending`; the managers are told how it ended by
    `template`, once a run by `dedupe`."""

    name: str
    pending: str
    job: str
    template: str
    dedupe: str

    def column(self, what: str) -> InstrumentedAttribute[Any]:
        column: InstrumentedAttribute[Any] = getattr(ReportFile, f"{self.name}_{what}")
        return column

    def is_pending(self, report: ReportFile) -> bool:
        return bool(getattr(report, f"{self.name}_status") == self.pending)

    def queued_at_of(self, report: ReportFile) -> dt.datetime | None:
        queued_at: dt.datetime | None = getattr(report, f"{self.name}_queued_at")
        return queued_at


CHECK = Work("check", CHECK_PENDING, services.CHECK_JOB, "staff_report_checked", "report_checked")


@dataclass(frozen=True)
class WorkState:
    """What staff see of a kind of work the worker does on a final report: its `status` (`""`:
    none), why it stopped where it did (`reason`), and the words for it, `LABELS` by status."""

    status: str
    reason: str = ""

    LABELS: ClassVar[Mapping[str, str]] = {}
    UNLABELLED: ClassVar[str] = ""

    @property
    def label(self) -> str:
        return self.LABELS.get(self.status, self.UNLABELLED)

    @property
    def pending(self) -> bool:
        return self.status == "pending"


@dataclass(frozen=True)
class CheckState(WorkState):
    """What staff see of a final report's check: `pending`, `passed`, `blocked` (with the number
    of open findings), `unreadable` (with the reason; blocks publication), or `""` for a draft."""

    open_hits: int = 0

    LABELS: ClassVar[Mapping[str, str]] = {
        "pending": "Being checked",
        "passed": "Passed",
        "unreadable": "Could not be read — blocks publication",
    }
    UNLABELLED: ClassVar[str] = "Not checked"

    @property
    def label(self) -> str:
        if self.status == "blocked":
            count = self.open_hits
            return f"{count} finding{'' if count == 1 else 's'} block{'s' if count == 1 else ''} publication"
        return super().label

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def state_of(report: ReportFile | None, hits: list[guard.HitView] | None = None) -> CheckState:
    if report is None or report.kind != "final":
        return CheckState("")
    if report.check_status == CHECK_PENDING:
        return CheckState("pending")
    if report.check_status == CHECK_FAILED:
        return CheckState("unreadable", reason=report.check_error)
    views = guard.hit_views(report) if hits is None else hits
    open_hits = len([h for h in views if not h.resolved])
    return CheckState("blocked" if open_hits else "passed", open_hits=open_hits)


# -- the job ------------------------------------------------------------------------------------------


def run_check(tenant_id: int, report_id: int) -> None:
    """Check one report file, if its check is still pending (so a duplicate or a late retry does
    nothing). Each attempt is counted before the slow part; the last failed one records why the
    file could not be read and tells the managers, then raises so the operator sees it too."""
    with db.tenant_scope(tenant_id):
        started = begin(CHECK, tenant_id, report_id)
        if started is None:
            return
        tenant, found, attempt, queued_at = started
        key, sha256 = found.storage_key, found.sha256
        languages = services.ocr_languages(tenant)
        limits = services.ocr_limits()
        db.session.commit()  # the attempt counts even if the worker dies in what follows
        try:
            data = services.read_verified(storage_for(tenant), key, sha256)
            content = read_content(data, languages, limits)
        except Exception as exc:
            db.session.rollback()
            log.warning("checking report file %s failed (attempt %s): %s", report_id, attempt, exc)
            if attempt > CHECK_RETRIES:
                _give_up(tenant, report_id, queued_at, _reason(exc))
                db.session.commit()
            raise
        report = db.session.get(ReportFile, report_id, populate_existing=True)
        if report is None or report.check_status != CHECK_PENDING:
            return
        if report.check_queued_at != queued_at:
            return  # checked again meanwhile: that newer check reports
        review = db.session.get(Review, report.review_id)
        if review is None:
            return
        hits = guard.run_guard(tenant, review, report, content)
        report.check_status = CHECK_DONE
        report.check_error = ""
        state = state_of(report, hits)
        log_event(
            review,
            SYSTEM,
            "report_checked",
            f"Anonymisation check finished: {state.label.lower()}.",
            {"report_file": report.id, "open": state.open_hits},
        )
        notify_managers(tenant, review, report, state)
        db.session.commit()


def _reason(exc: BaseException) -> str:
    return reason_for(
        exc,
        {
            services.ChecksumMismatch: "the stored file does not match the upload",
            StorageError: "the stored file could not be fetched from the file store",
            TaskTimeout: f"reading it took longer than the check's limit of {CHECK_TIMEOUT // 60} minutes",
        },
    )


def _give_up(tenant: Tenant, report_id: int, queued_at: dt.datetime | None, reason: str) -> None:
    report = current(CHECK, report_id, queued_at)
    if report is not None:
        fail(tenant, report, reason)


def fail(tenant: Tenant, report: ReportFile, reason: str) -> None:
    """Record that the report's check could not be done: it blocks publication, with `reason`."""
    report.check_status = CHECK_FAILED
    report.check_error = reason[:300]
    review = db.session.get(Review, report.review_id)
    if review is None:
        return
    log_event(
        review,
        SYSTEM,
        "report_check_failed",
        f"Anonymisation check could not be done, so the report cannot be published: {reason}.",
        {"report_file": report.id},
    )
    notify_managers(tenant, review, report, state_of(report))


def sweep(tenant: Tenant, now: dt.datetime | None = None) -> list[int]:
    """For one board (in its scope): a check lost by a killed worker is recorded as failed; a check
    no worker has started (the queue was down) is queued again. Returns the ids queued again."""
    return sweep_stalled(
        tenant,
        now or utcnow(),
        CHECK,
        lambda report: fail(tenant, report, "the check did not finish; check it again"),
    )


# -- what the check and the publication share ---------------------------------------------------------


def begin(
    work: Work, tenant_id: int, report_id: int
) -> tuple[Tenant, ReportFile, int, dt.datetime | None] | None:
    """The board and the report file, if the `work` on it is still pending (a duplicate or a late
    retry finds None), with this attempt counted; the attempt's number and when it was queued."""
    tenant = db.session.get(Tenant, tenant_id)
    report = db.session.get(ReportFile, report_id, populate_existing=True)
    if tenant is None or report is None or not work.is_pending(report):
        db.session.rollback()
        return None
    attempt = getattr(report, f"{work.name}_attempts") + 1
    setattr(report, f"{work.name}_attempts", attempt)
    return tenant, report, attempt, work.queued_at_of(report)


def reason_for(exc: BaseException, words: Mapping[type[BaseException], str]) -> str:
    """Why the work failed, in words for staff (never the error's own text, which may quote the
    file): the `words` for the first kind of error `exc` is, else the name of its type."""
    for kind, reason in words.items():
        if isinstance(exc, kind):
            return reason
    return f"the file could not be read ({type(exc).__name__})"


def current(work: Work, report_id: int, queued_at: dt.datetime | None) -> ReportFile | None:
    """The report file, if the `work` on it is still the one queued at `queued_at` (None: any)."""
    report = db.session.get(ReportFile, report_id, populate_existing=True)
    if report is None or not work.is_pending(report):
        return None
    if queued_at is not None and work.queued_at_of(report) != queued_at:
        return None  # asked for again meanwhile: that newer run reports
    return report


def sweep_stalled(
    tenant: Tenant, now: dt.datetime, work: Work, give_up: Callable[[ReportFile], None]
) -> list[int]:
    """One sweep of a kind of `work` for one board: work still pending GIVE_UP_AFTER after it
    was queued was lost by a killed worker, and `give_up` records it failed; work no worker has
    started (no attempts) REQUEUE_AFTER after it was queued (the queue was down) is queued again.
    Returns the ids queued again."""
    pending, queued_at = work.column("status") == work.pending, work.column("queued_at")
    # Compared in the database: the column's own type decides how the times compare.
    for report in db.session.scalars(
        select(ReportFile).where(pending, queued_at < now - GIVE_UP_AFTER)
    ).all():
        give_up(report)
    queued = list(
        db.session.scalars(
            select(ReportFile.id).where(
                pending, work.column("attempts") == 0, queued_at < now - REQUEUE_AFTER
            )
        )
    )
    for report_id in queued:
        after_commit(work.job, tenant.id, report_id)
    return queued


# -- telling the managers -----------------------------------------------------------------------------


def notify_managers(tenant: Tenant, review: Review, report: ReportFile, state: CheckState) -> None:
    """Queue, in this transaction, a message to each review manager that the check finished and
    how, linking to the check behind sign-in: no file name, no finding, nothing about the family."""
    tell_managers(CHECK, tenant, review, report, state)


def tell_managers(
    work: Work, tenant: Tenant, review: Review, report: ReportFile, state: WorkState
) -> None:
    """Queue the `work`'s message about its `state` to each of the board's review managers, with
    a link to its staff page: once a run (a rerun of the sweep or the job queues nothing more)."""
    from core.mail.services import link, queue_message

    page = link(f"reports.{work.name}", tenant=tenant.slug, review_id=review.id)
    link_to_page: dict[str, Any] = {f"{work.name}_url": page}
    run = int((work.queued_at_of(report) or report.created_at).timestamp())
    for user in review_managers(tenant):
        queue_message(
            tenant,
            template=work.template,
            to=user.email,
            dedupe_key=f"{work.dedupe}:{report.id}:{run}:staff:{user.id}",
            subject_ref=f"report_file:{report.id}",
            state=state,
            **link_to_page,
        )
