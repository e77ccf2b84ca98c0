"""Background work in `/metrics`: the queue's length and the failing jobs, read at each scrape (the
worker is another process, so its own counters would never reach the web server's endpoint)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from flask import Flask
from prometheus_client.core import GaugeMetricFamily

from core.jobs import services
from core.jobs.queueing import queue

log = logging.getLogger(__name__)


class JobsCollector:
    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[Any]:
        try:
            huey = queue(self.app).huey
            counts = services.failure_counts()
            waiting = (huey.pending_count(), huey.scheduled_count())
        except Exception as exc:
            log.warning("could not read the job queue for /metrics: %s", exc)
            return
        queued = GaugeMetricFamily(
            "candour_jobs_queued",
            "Jobs waiting to run now, or scheduled for later",
            labels=["state"],
        )
        queued.add_metric(["pending"], waiting[0])
        queued.add_metric(["scheduled"], waiting[1])
        yield queued
        failing = GaugeMetricFamily(
            "candour_jobs_failing",
            "Jobs that failed and have not succeeded since, by job and whether retries ran out",
            labels=["job", "gave_up"],
        )
        for (job, gave_up), n in sorted(counts.items()):
            failing.add_metric([job, "true" if gave_up else "false"], n)
        yield failing


def init_app(app: Flask) -> None:
    app.extensions.setdefault("candour.metrics_collectors", []).append(JobsCollector(app))
