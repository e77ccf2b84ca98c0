"""What the background-work benchmarks share: an application on a fresh PostgreSQL database, the
demo boards loaded, and the worker (Huey's consumer on the real queue) to run the real jobs, the
per-format renders among them (for a chosen set of locales, so a run on a shared machine stays short)."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench.harness import candour, drop_database, fresh_database

KEY = "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA="


@contextmanager
def bench_environment() -> Iterator[dict[str, str]]:
    """A fresh database and instance folder, migrated, with tenants/ loaded; removed afterwards."""
    name, url = fresh_database()
    instance = tempfile.mkdtemp(prefix="bench-jobs-")
    env = {
        "CANDOUR_ENV": "production",
        "CANDOUR_SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "CANDOUR_ENCRYPTION_KEYS": KEY,
        "CANDOUR_DATABASE_URL": url,
        "CANDOUR_INSTANCE_PATH": instance,
        "CANDOUR_STORAGE_PATH": os.path.join(instance, "storage"),
        "CANDOUR_LOG_LEVEL": "WARNING",
    }
    try:
        candour(env, "db", "upgrade")
        candour(env, "tenants", "load")
        yield env
    finally:
        drop_database(name)
        shutil.rmtree(instance, ignore_errors=True)


def make_app(env: dict[str, str], **overrides: Any) -> Any:
    os.environ.update(env)
    from core import create_app

    return create_app(overrides)


class Worker:
    """Huey's consumer in this process (thread workers, no scheduler) on the application's real
    queue, with the time each job was queued, started and finished (Huey's signals): what
    `candour worker` runs, without a second process to start and stop."""

    def __init__(self, app: Any, workers: int = 2) -> None:
        from huey import signals

        from core.jobs.queueing import queue

        self.app, self.workers = app, workers
        self.huey = queue(app).huey
        self.enqueued: dict[str, float] = {}
        self.started: dict[str, tuple[str, float]] = {}
        self.finished: dict[str, float] = {}
        self.lock = threading.Lock()
        self.consumer: Any = None

        @self.huey.signal(signals.SIGNAL_ENQUEUED)
        def _queued(signal: str, task: Any, *_: Any) -> None:
            with self.lock:
                self.enqueued.setdefault(task.id, time.perf_counter())

        @self.huey.signal(signals.SIGNAL_EXECUTING)
        def _started(signal: str, task: Any, *_: Any) -> None:
            with self.lock:
                self.started[task.id] = (task.name, time.perf_counter())

        @self.huey.signal(signals.SIGNAL_COMPLETE, signals.SIGNAL_ERROR)
        def _finished(signal: str, task: Any, *_: Any) -> None:
            with self.lock:
                self.finished[task.id] = time.perf_counter()

    def enqueue(self, jobs: list[tuple[str, tuple[Any, ...]]]) -> None:
        from core.jobs.queueing import queue

        with self.app.app_context():
            for name, job_args in jobs:
                queue(self.app).enqueue(name, *job_args)

    def waiting(self) -> dict[str, int]:
        """The jobs on the queue that no worker has taken yet, by name."""
        counts: dict[str, int] = {}
        for task in self.huey.pending():
            counts[task.name] = counts.get(task.name, 0) + 1
        return counts

    def start(self) -> None:
        from huey.consumer import Consumer

        self.consumer = Consumer(
            self.huey, workers=self.workers, worker_type="thread", periodic=False
        )
        self.consumer.start()

    def stop(self) -> None:
        if self.consumer is not None:
            self.consumer.stop(graceful=True)
            self.consumer = None

    def drain(self) -> float:
        """Wait until every job on the queue, and every job they queued, has run; the seconds."""
        began = time.perf_counter()
        while True:
            time.sleep(0.5)
            with self.lock:
                running = len(self.started) - sum(t in self.finished for t in self.started)
            if running == 0 and self.huey.pending_count() == 0:
                return time.perf_counter() - began


def render_jobs(tenants: list[Any], locales: list[str]) -> list[tuple[str, tuple[Any, ...]]]:
    """The worker's per-format jobs (`formats.render_one`) that `formats.render_board` would queue
    for these boards, for `locales` only (call in the platform's scope)."""
    from core import db
    from core.formats import service

    jobs: list[tuple[str, tuple[Any, ...]]] = []
    for tenant in tenants:
        with db.tenant_scope(tenant.id):
            for locale in locales:
                if locale in tenant.locales:
                    for item in service.offered(tenant, locale):
                        jobs.append(("formats.render_one", (tenant.id, locale, item.format.key)))
    return jobs
