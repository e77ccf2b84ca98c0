"""The worker against 1,000 boards' nightly work: each board's digests (one per person with
something to report, each a mail delivered to the `.eml` folder) and the nightly render pass (a
board whose content did not change costs a look at storage; a changed board renders every format).
Runs the real jobs through the real queue (SQLite, as `candour worker` uses it locally) with
Huey's consumer in this process, 2 thread workers: a board's render job queues one job per format
and locale (`formats.render_one`), as the worker does; prints jobs per minute and the queue's
latency (from enqueue to the start of the job).

`--boards` (1,000) sets the boards with a manager and a review; `--changed` (5) how many of them
are re-rendered (every format in every locale they offer: the slow part, so on a shared 2-CPU
machine a sample keeps the run short; the cost per board scales linearly), then passed over again
the next night unchanged (a look at storage per format job)."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import defaultdict

from bench.harness import add_boards
from bench.jobs_support import Worker, bench_environment, make_app
from core.reviews.context import as_of


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
                with app.test_request_context(f"/{tenant.slug}/reviews/"), as_of(aware):
                    services.create_review(
                        tenant, Actor(user, "review_manager"), reference=f"CR-{n}",
                        pseudonym="Child A", aware_on=aware,
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
        worker = Worker(app, args.workers)
        worker.huey.flush()
        worker.start()
        sample = ids[: args.changed]
        # Digests for every board, and the changed boards' renders queued before their mail: each
        # board's render job queues one job per format and locale (`formats.render_one`).
        began = time.perf_counter()
        worker.enqueue([("formats.render_board", (i,)) for i in sample] + [("digests.send", ())])
        wall = worker.drain()
        first = dict(worker.started)
        first_end = max(worker.finished.values(), default=began)
        # The next night nothing changed: each per-format job only looks at storage.
        worker.enqueue([("formats.render_board", (i,)) for i in sample])
        again = worker.drain()
        worker.stop()

    started, finished, enqueued = worker.started, worker.finished, worker.enqueued
    by_job: dict[str, list[float]] = defaultdict(list)
    waits: dict[str, list[float]] = defaultdict(list)
    for task_id, (name, at) in started.items():
        if task_id not in first:
            name = f"{name} (unchanged)"
        by_job[name].append(finished.get(task_id, at) - at)
        if task_id in enqueued:
            waits[name].append(at - enqueued[task_id])
    print(
        f"\nWorker, one night: {len(ids)} boards (seeded in {seed_s:.0f} s), {args.changed} with "
        f"changed content, {args.workers} thread workers, SQLite queue\n"
    )
    print(
        "job                             count   jobs/min   median run   queue latency median / max"
    )
    for name in sorted(by_job):
        runs = by_job[name]
        span = sum(runs) / args.workers or 1e-9
        print(
            f"{name:30} {len(runs):7} {len(runs) / (span / 60):10,.0f} {statistics.median(runs) * 1000:9.0f} ms"
            f"   {statistics.median(waits[name]):8.1f} s / {max(waits[name]):6.1f} s"
        )
    total = len(first)
    print(f"\nfirst night: {total} jobs in {wall:.0f} s wall clock = {total / (wall / 60):,.0f} jobs/min "
          f"(all done {first_end - began:.0f} s after queueing); unchanged render pass for "
          f"{len(sample)} boards: {again:.1f} s")  # fmt: skip
    renders = by_job.get("formats.render_one", [0.0])
    # A board's whole pass: its render job and the per-format jobs it queued (demo boards offer
    # every language, so this is an upper bound for the English-only boards).
    unchanged = by_job.get("formats.render_board (unchanged)", []) + by_job.get(
        "formats.render_one (unchanged)", []
    )
    per_board = sum(unchanged) / max(1, len(sample))
    print(f"1,000 unchanged boards' nightly render pass ≤ {per_board * 1000 / args.workers:.0f} s "
          f"of {args.workers} workers; each changed board ≈ {sum(renders) / max(1, len(sample)):.1f} s "
          f"of one worker, in jobs of {statistics.median(renders):.1f} s (longest {max(renders):.1f} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
