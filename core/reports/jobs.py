"""The reports' jobs: the anonymisation check of an uploaded report (queued by the upload, never
run in the web request), its publication (asked for in the request, done here), a sweep for checks lost or never queued, and the take-down of a public
copy once its `available_until` has passed.

Each is safe to run twice (a retry, or a second worker's scheduler queueing a periodic one too).
"""

from __future__ import annotations

import datetime as dt

from huey import crontab

from core.jobs.boards import in_each_active_board
from core.jobs.queueing import job
from core.reports.checking import CHECK_RETRIES, CHECK_TIMEOUT
from core.reports.publication import PUBLISH_RETRIES, PUBLISH_TIMEOUT
from core.tenancy.models import Tenant


@job("reports.check_file", retries=CHECK_RETRIES, retry_delay=30, timeout=CHECK_TIMEOUT)
def check_file(tenant_id: int, report_id: int) -> None:
    """Read one uploaded report (OCR within limits), run the guard and store the result."""
    from core.reports.checking import run_check

    run_check(tenant_id, report_id)


@job("reports.publish", retries=PUBLISH_RETRIES, retry_delay=30, timeout=PUBLISH_TIMEOUT)
def publish_report(tenant_id: int, report_id: int) -> None:
    """Read the report again, rebuild and check the public copy, store it, and publish."""
    from core.reports.publication import run_publication

    run_publication(tenant_id, report_id)


@job("reports.sweep_checks", schedule=crontab(minute="*/10"), timeout=300)
def sweep_checks() -> None:
    """Queue again a check or a publication no worker started; record one lost mid-way as
    failed (a publication lost so is never published)."""
    from core.reports import publication
    from core.reports.checking import sweep

    def sweep_both(tenant: Tenant) -> None:
        sweep(tenant)
        publication.sweep(tenant)

    in_each_active_board(sweep_both)


@job("reports.take_down", schedule=crontab(minute="7", hour="*/6"), timeout=600)
def take_down_reports(on: dt.date | None = None) -> None:
    """Remove the public copy of every report whose `available_until` has passed (every 6 hours)."""
    from core.reports.takedown import take_down_expired

    in_each_active_board(lambda tenant: take_down_expired(tenant, on))
