"""The job queue: Huey, keeping jobs in a SQLite file under `instance/` by default and in Redis when
`CANDOUR_REDIS_URL` is set. Jobs are declared with `@job(...)` beside the code they serve, bound to
the application's Huey when the app is built, and run by `candour worker`.

Every job runs in its own app context and transaction, is retried with exponential back-off, and has
a time limit (enforced by the worker's processes). Jobs have a priority: the worker takes the most
urgent waiting job first, so a message a person waits for never queues behind a board's renders. Jobs must be idempotent: a retry, a duplicate from
a second worker's scheduler, or the operator's "retry now" must do no harm.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, MemoryHuey, PriorityRedisHuey, SqliteHuey
from huey.exceptions import TaskLockedException
from sqlalchemy import event
from sqlalchemy.orm import Session

from core import db

log = logging.getLogger(__name__)

BACKOFF = 2.0  # each retry waits twice as long as the one before
_AFTER_COMMIT = "candour.jobs_after_commit"

# Higher runs first. Mail and other short jobs a person is waiting on are URGENT; renders, which
# take seconds each and come by the hundred after a change, are BULK; everything else sits between.
URGENT = 100
NORMAL = 50
BULK = 0


@dataclass(frozen=True)
class JobSpec:
    name: str
    func: Callable[..., Any]
    retries: int
    retry_delay: int
    timeout: int
    schedule: Callable[[Any], bool] | None
    priority: int = NORMAL


REGISTRY: dict[str, JobSpec] = {}


def job(
    name: str,
    *,
    retries: int = 8,
    retry_delay: int = 15,
    timeout: int = 300,
    schedule: Callable[[Any], bool] | None = None,
    priority: int = NORMAL,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a background job. `schedule` (a `huey.crontab`) makes it periodic (no arguments);
    `priority` (`URGENT`, `NORMAL`, `BULK`) decides which waiting job the worker takes first.

    Arguments must be JSON-serialisable ids, never personal data: they are stored in the queue and
    shown to the operator when the job fails.
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY[name] = JobSpec(name, func, retries, retry_delay, timeout, schedule, priority)
        return func

    return register


def _build_huey(config: dict[str, Any]) -> Huey:
    if config.get("JOBS_IMMEDIATE"):
        return MemoryHuey("candour", results=False, immediate=True)
    if config.get("REDIS_URL"):
        return PriorityRedisHuey("candour", results=False, url=config["REDIS_URL"])
    path = Path(config["INSTANCE_PATH"]) / "jobs.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("candour", results=False, filename=str(path))


def adopt_plain_list(huey: Huey) -> None:
    """Run by the worker as it starts. Jobs left by an older release (a plain Redis list under the same key) move into the
    priority queue (a sorted set), oldest first, rather than making every enqueue fail."""
    if not isinstance(huey, PriorityRedisHuey):
        return
    storage: Any = huey.storage
    key, conn = storage.queue_key, storage.conn
    if conn.type(key) != b"list":
        return
    waiting = conn.lrange(key, 0, -1)
    conn.delete(key)
    for data in reversed(waiting):  # pushed on the left: the oldest is last
        storage.enqueue(data, None)


class Queue:
    """The application's Huey and a task for each declared job."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.huey = _build_huey(app.config)
        self.tasks: dict[str, Any] = {}
        for spec in REGISTRY.values():
            self._bind(spec)
        self.huey.post_execute("candour.record")(self._record_outcome)
        self.huey.on_startup("candour.fresh_connections")(self._fresh_connections)

    def _bind(self, spec: JobSpec) -> None:
        app = self.app

        def run(*args: Any) -> None:
            with app.app_context():
                try:
                    spec.func(*args)
                    db.session.commit()
                except BaseException:
                    db.session.rollback()
                    raise

        run.__name__ = run.__qualname__ = spec.name.replace(".", "_")
        options: dict[str, Any] = {
            "retries": spec.retries,
            "retry_delay": spec.retry_delay,
            "retry_backoff": BACKOFF,
            "timeout": spec.timeout,
            "priority": spec.priority,
            "name": spec.name,
        }
        if spec.schedule is not None:
            self.tasks[spec.name] = self.huey.periodic_task(spec.schedule, **options)(run)
        else:
            self.tasks[spec.name] = self.huey.task(**options)(run)

    def enqueue(self, name: str, *args: Any) -> None:
        """Put one job on the queue now (in immediate mode, run it now)."""
        self.tasks[name](*args)

    def _record_outcome(self, task: Any, _value: Any, exc: BaseException | None) -> None:
        from core.jobs import services

        if isinstance(exc, TaskLockedException):
            return  # another run of the same job holds its lock: that one reports

        with self.app.app_context():
            args = json.dumps(list(task.args or ()))
            if exc is None:
                services.resolved(task.name, args)
            else:
                services.failed(task.name, args, exc, gave_up=not task.retries)
            db.session.commit()

    def _fresh_connections(self) -> None:
        # Worker processes are forked from the consumer: never share its pooled connections.
        db.get_database(self.app).engine.dispose(close=False)


def init_app(app: Flask, job_modules: Iterable[str] = ()) -> None:
    """Bind the queue; `job_modules` (the modules that declare jobs with @job, named by the app
    factory) are imported first, for their @job."""
    for module in job_modules:
        __import__(module)
    from core.jobs import metrics

    app.extensions["candour.jobs"] = Queue(app)
    metrics.init_app(app)
    if not event.contains(Session, "after_commit", _enqueue_after_commit):
        event.listen(Session, "after_commit", _enqueue_after_commit)
        event.listen(Session, "after_soft_rollback", _forget_after_rollback)


def queue(app: Flask | None = None) -> Queue:
    return (app or current_app).extensions["candour.jobs"]


def enqueue(name: str, *args: Any) -> None:
    """Queue a job now. Inside a change, prefer `after_commit`: the job must see what was written."""
    queue().enqueue(name, *args)


def after_commit(name: str, *args: Any, session: Session | None = None) -> None:
    """Queue a job when the current transaction commits (never, if it rolls back)."""
    if name not in REGISTRY:
        raise KeyError(f"no job is named {name!r}")
    s = session if session is not None else db.session
    s.connection()  # the job belongs to this transaction: begin it if nothing has yet
    pending = s.info.setdefault(_AFTER_COMMIT, [])
    entry = (current_app._get_current_object(), name, args)  # type: ignore[attr-defined]
    if entry not in pending:
        pending.append(entry)


def _enqueue_after_commit(session: Session) -> None:
    pending = session.info.pop(_AFTER_COMMIT, None)
    for app, name, args in pending or ():
        try:
            queue(app).enqueue(name, *args)
        except Exception:
            # The queue is down: the periodic sweeps find what was written and queue it later.
            log.exception("could not queue job %s", name)


def _forget_after_rollback(session: Session, previous: Any) -> None:
    if not previous.nested:  # a savepoint rolled back leaves the outer change (and its jobs)
        session.info.pop(_AFTER_COMMIT, None)
