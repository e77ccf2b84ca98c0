"""The casework's periodic job: each morning, the reminders agencies and action owners are due
(what `candour casework remind` also does). Board by board, in that board's scope; safe to run
twice, since each reminder is queued once per due date (the outbox refuses a repeated key)."""

from __future__ import annotations

from huey import crontab

from core.jobs.boards import in_each_active_board
from core.jobs.queueing import job
from core.tenancy.models import Tenant


@job("casework.remind", schedule=crontab(minute="45", hour="6"), timeout=1800)
def remind() -> None:
    from core.casework.actions import overdue_reminders
    from core.casework.services import due_reminders
    from core.reviews.context import today

    day = today()

    def remind_board(tenant: Tenant) -> None:
        due_reminders(tenant, day)
        overdue_reminders(tenant, day)

    in_each_active_board(remind_board)


@job("casework.chronology_pdf", retries=3, retry_delay=30, timeout=600)
def chronology_pdf(tenant_id: int, review_id: int) -> None:
    """Render a review's merged chronology as a PDF into the board's store (once per content)."""
    from core.casework.chronology_pdf import render

    render(tenant_id, review_id)
