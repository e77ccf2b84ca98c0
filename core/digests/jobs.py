"""The digests' scheduled jobs: each morning's digests, and the at-risk alerts every hour. Both work
board by board in that board's scope and are idempotent (the outbox refuses a second message with
the same dedupe key)."""

from __future__ import annotations

from huey import crontab

from core.jobs.boards import in_each_active_board
from core.jobs.queueing import job


@job("digests.send", schedule=crontab(minute="0", hour="7"), timeout=1800)
def send_digests() -> None:
    """Each morning: the daily digests, and the weekly ones not sent yet this week."""
    from core.digests.services import queue_digests
    from core.reviews.context import today

    day = today()
    in_each_active_board(lambda tenant: queue_digests(tenant, day))


@job("digests.at_risk", schedule=crontab(minute="20"), timeout=1800)
def alert_at_risk() -> None:
    """Every hour: tell review managers of each statutory deadline that has become at risk."""
    from core.digests.alerts import queue_at_risk_alerts
    from core.reviews.context import today

    day = today()
    in_each_active_board(lambda tenant: queue_at_risk_alerts(tenant, day))
