"""`candour worker` (runs the queue) and `candour jobs` (what failed; retry it)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import click
from flask.cli import with_appcontext
from huey.consumer import Consumer

from core import db
from core.jobs import services
from core.jobs.queueing import REGISTRY, adopt_plain_list, queue

HEALTH_INTERVAL = 10  # seconds between the consumer's checks of its workers (and heartbeats)


def heartbeat_path() -> Path:
    # /tmp is writable in the container (the root filesystem is not) and belongs to this pod alone.
    return Path(tempfile.gettempdir()) / f"candour-worker-{os.getuid()}.heartbeat"


class HeartbeatConsumer(Consumer):
    """Huey's consumer, touching a file each time it checks its workers (the liveness probe)."""

    heartbeat: Path

    def check_worker_health(self) -> None:
        super().check_worker_health()
        self.heartbeat.touch()


@click.command("worker")
@click.option("--workers", "-w", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--type",
    "worker_type",
    default="process",
    show_default=True,
    type=click.Choice(["process", "thread"]),
    help="Processes enforce each job's time limit; threads do not.",
)
@click.option("--check", is_flag=True, help="Exit 0 if a worker here is alive (for a probe).")
@with_appcontext
def worker(workers: int, worker_type: str, check: bool) -> None:
    """Run the background worker: renders, checks of uploads, scheduled jobs and outgoing mail."""
    beat = heartbeat_path()
    if check:
        age = time.time() - beat.stat().st_mtime if beat.exists() else None
        queue().huey.pending_count()  # raises if the queue's storage is unreachable
        if age is None or age > 6 * HEALTH_INTERVAL:
            raise click.ClickException("no heartbeat from the worker")
        click.echo(f"worker alive ({age:.0f}s since its last heartbeat)")
        return
    huey = queue().huey
    adopt_plain_list(huey)
    db.get_database().engine.dispose()
    beat.parent.mkdir(parents=True, exist_ok=True)
    beat.touch()
    consumer = HeartbeatConsumer(
        huey,
        workers=workers,
        worker_type=worker_type,
        periodic=True,
        check_worker_health=True,
        health_check_interval=HEALTH_INTERVAL,
        max_delay=2.0,  # an idle worker looks at the queue at least every 2 s
    )
    consumer.heartbeat = beat
    click.echo(
        f"Worker {os.getpid()}: {workers} {worker_type}(es), {len(REGISTRY)} kinds of job, "
        f"queue {type(huey).__name__}"
    )
    consumer.run()


jobs_group = click.Group("jobs", help="Background jobs.")


@jobs_group.command("failed")
@with_appcontext
def jobs_failed() -> None:
    """List jobs that failed and have not succeeded since."""
    rows = services.open_failures()
    for row in rows:
        state = "gave up" if row.gave_up else "retrying"
        click.echo(f"{row.id}\t{row.job}{row.args}\t{row.failures}×\t{state}\t{row.last_error}")
    click.echo(f"{len(rows)} failing; {queue().huey.pending_count()} queued.")


@jobs_group.command("retry")
@click.argument("failure_id", type=int)
@with_appcontext
def jobs_retry(failure_id: int) -> None:
    """Queue a failed job again now."""
    if services.retry_now(failure_id) is None:
        raise click.ClickException(f"no failing job {failure_id}")
    db.session.commit()
    click.echo("Queued.")


@jobs_group.command("run")
@click.argument("name")
@with_appcontext
def jobs_run(name: str) -> None:
    """Queue a job that takes no arguments (a periodic one) now, without waiting for its schedule."""
    if name not in REGISTRY:
        raise click.ClickException(f"no job {name!r}; jobs: {', '.join(sorted(REGISTRY))}")
    queue().enqueue(name)
    click.echo("Queued.")
