"""The worker's mail jobs: deliver one message, and a sweep that re-queues anything left unsent
(the relay was down past the last retry, or the queue lost the job)."""

from __future__ import annotations

import datetime as dt

from huey import crontab

from core.jobs import enqueue, job, queue
from core.jobs.queueing import URGENT
from core.mail import services


@job("mail.deliver", retries=10, retry_delay=5, timeout=120, priority=URGENT)
def deliver(message_id: int) -> None:
    # The sweep may queue a message whose retry is also due: only one of them sends it.
    with queue().huey.lock_task(f"mail:{message_id}"):
        services.deliver(message_id)


@job("mail.sweep", schedule=crontab(minute="*/5"), timeout=120)
def sweep() -> None:
    for message_id in services.unsent(older_than=dt.timedelta(minutes=5)):
        enqueue("mail.deliver", message_id)
