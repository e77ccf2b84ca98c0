"""The worker against 1,000 boards' nightly work: each board's digests (one per person with
something to report, each a mail delivered to the `.eml` folder) and the nightly render pass (a
board whose content did not change costs a look at storage; a changed board renders every format).
Runs the real jobs through the real queue (SQLite, as `candour worker` uses it locally) with
Huey's consumer in this process, 2 thread workers; prints jobs per minute and the queue's latency
(from enqueue to the start of the job).

`--boards` (1,000) sets the boards with a manager and a review; `--changed` (5) how many of them
are re-rendered (every format in every locale they offer: the slow part, so on a shared 2-CPU
machine a sample keeps the run short; the cost per board scales linearly), then passed over again
the next night unchanged (a look at storage per format)."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import threading
import time
from collections import defaultdict

from bench.harness import add_boards
from bench.jobs_support import bench_environment, make_app


def seed(app, total: int) -> list[int]:
    """A review manager and one open review on every board (through the real services)."""
    from sqlalchemy import select

    from core import db
    from core.auth.memberships import grant_role
    from core.auth.models import User
    from core.reviews import services
    from core.reviews.context import Actor
    from core.tenancy.models import Tenant

    ids = []
    aware = dt.date.today() - dt.timedelta(days=2)
    with app.app_context():
        with db.all_tenants():
            boards = list(db.session.scalars(select(Tenant).order_by(Tenant.id).limit(total)))
        for n, tenant in enumerate(boards):
            with db.tenant_scope(tenant.id):
                user = User(email=f"manager{n}@bench.example", password_hash="!")  # noqa: S106  (no sign-in)
                db.session.add(user)
                db.session.flush()
                grant_role(tenant, user, "review_manager")
                with app.test_request_context(f"/{tenant.slug}/reviews/"):
                    services.create_review(
                        tenant, Actor(user, "review_manager"), reference=f"CR-{n}",
                        pseudonym="Child A", aware_on=aware, on=aware,
                    )  # fmt: skip
                db.session.commit()
            ids.append(tenant.id)
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with bench_environment() as env:
        add_boards(env["CANDOUR_DATABASE_URL"], args.boards)
        app = make_app(env, JOBS_IMMEDIATE=False, RENDER_AHEAD=False)
        seed_started = time.perf_counter()
        ids = seed(app, args.boards)
        seed_s = time.perf_counter() - seed_started

        from huey import signals
        from huey.consumer import Consumer

        from core.jobs.queueing import queue

        huey = queue(app).huey
        huey.flush()
        enqueued: dict[str, float] = {}
        started: dict[str, tuple[str, float]] = {}
        finished: dict[str, float] = {}
        lock = threading.Lock()

        @huey.signal(signals.SIGNAL_ENQUEUED)
        def _queued(signal, task, *_):
            with lock:
                enqueued.setdefault(task.id, time.perf_counter())

        @huey.signal(signals.SIGNAL_EXECUTING)
        def _started(signal, task, *_):
            with lock:
                started[task.id] = (task.name, time.perf_counter())

        @huey.signal(signals.SIGNAL_COMPLETE, signals.SIGNAL_ERROR)
        def _finished(signal, task, *_):
            with lock:
                finished[task.id] = time.perf_counter()

        consumer = Consumer(huey, workers=args.workers, worker_type="thread", periodic=False)
        consumer.start()
        sample = ids[: args.changed]

        def night(jobs: list[tuple[str, tuple[int, ...]]]) -> float:
            """Queue `jobs` at once and wait until they, and what they queued, have run."""
            began = time.perf_counter()
            with app.app_context():
                for name, job_args in jobs:
                    queue(app).enqueue(name, *job_args)
            while True:
                time.sleep(0.5)
                with lock:
                    done = len(finished) >= len(enqueued) and huey.pending_count() == 0
                if done:
                    return time.perf_counter() - began

        # Digests for every board, and the changed boards' renders queued before their mail.
        wall = night([("formats.render_board", (i,)) for i in sample] + [("digests.send", ())])
        first = dict(started)
        # The next night nothing changed: the render pass only looks at storage.
        again = night([("formats.render_board", (i,)) for i in sample])
        consumer.stop(graceful=True)

    by_job: dict[str, list[float]] = defaultdict(list)
    waits: dict[str, list[float]] = defaultdict(list)
    for task_id, (name, at) in started.items():
        if name == "formats.render_board" and task_id not in first:
            name = "… unchanged board"
        by_job[name].append(finished.get(task_id, at) - at)
        if task_id in enqueued:
            waits[name].append(at - enqueued[task_id])
    print(
        f"\nWorker, one night: {len(ids)} boards (seeded in {seed_s:.0f} s), {args.changed} with "
        f"changed content, {args.workers} thread workers, SQLite queue\n"
    )
    print("job                    count   jobs/min   median run   queue latency median / max")
    for name in sorted(by_job):
        runs = by_job[name]
        span = sum(runs) / args.workers or 1e-9
        print(
            f"{name:20} {len(runs):7} {len(runs) / (span / 60):10,.0f} {statistics.median(runs) * 1000:9.0f} ms"
            f"   {statistics.median(waits[name]):8.1f} s / {max(waits[name]):6.1f} s"
        )
    total = len(first)
    print(f"\nfirst night: {total} jobs in {wall:.0f} s wall clock = {total / (wall / 60):,.0f} jobs/min; "
          f"unchanged render pass for {len(sample)} boards: {again:.1f} s")  # fmt: skip
    unchanged = by_job.get("… unchanged board", [0.0])
    per_board = statistics.median(unchanged)
    print(f"1,000 unchanged boards' nightly render pass ≈ {per_board * 1000 / args.workers:.0f} s "
          f"of {args.workers} workers; each changed board ≈ "
          f"{statistics.median(by_job.get('formats.render_board', [0.0])):.1f} s of one worker")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
