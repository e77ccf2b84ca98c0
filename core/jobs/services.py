"""What the operator sees of background work: jobs that failed, their last error, and retrying them."""

from __future__ import annotations

import json
import re

from sqlalchemy import func, select

from core import db
from core.audit.services import record
from core.db import utcnow
from core.jobs.models import JobFailure

_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
MAX_ERROR = 500


def safe_error(exc: BaseException) -> str:
    """The error's kind and message, with any e-mail address taken out, short enough to show."""
    text = f"{type(exc).__name__}: {exc}"
    return _ADDRESS.sub("[address]", text)[:MAX_ERROR]


def _open(job: str, args: str) -> JobFailure | None:
    return db.session.scalar(
        select(JobFailure).where(
            JobFailure.job == job, JobFailure.args == args, JobFailure.resolved_at.is_(None)
        )
    )


def failed(job: str, args: str, exc: BaseException, *, gave_up: bool) -> JobFailure:
    """Count one failed run of `job(args)`; `gave_up` when no retry is left."""
    now = utcnow()
    row = _open(job, args)
    if row is None:
        row = JobFailure(job=job, args=args, failures=0, first_failed_at=now, last_failed_at=now)
        db.session.add(row)
    row.failures += 1
    row.last_error = safe_error(exc)
    row.last_failed_at = now
    row.gave_up = gave_up
    db.session.flush()
    return row


def resolved(job: str, args: str) -> None:
    """`job(args)` succeeded: its failure, if any, is over."""
    row = _open(job, args)
    if row is not None:
        row.resolved_at = utcnow()


def open_failures() -> list[JobFailure]:
    return list(
        db.session.scalars(
            select(JobFailure)
            .where(JobFailure.resolved_at.is_(None))
            .order_by(JobFailure.last_failed_at.desc())
        )
    )


def failure_counts() -> dict[tuple[str, bool], int]:
    rows = db.session.execute(
        select(JobFailure.job, JobFailure.gave_up, func.count())
        .where(JobFailure.resolved_at.is_(None))
        .group_by(JobFailure.job, JobFailure.gave_up)
    )
    return {(job, bool(gave_up)): int(n) for job, gave_up, n in rows}


def retry_now(failure_id: int, actor: object | None = None) -> JobFailure | None:
    """Put a failed job back on the queue at once (after this transaction commits)."""
    from core.jobs.queueing import REGISTRY, after_commit

    row = db.session.get(JobFailure, failure_id)
    if row is None or row.resolved_at is not None or row.job not in REGISTRY:
        return None
    row.gave_up = False
    after_commit(row.job, *json.loads(row.args))
    with db.all_tenants():  # a platform-wide audit event (no board): written in platform scope
        record("job.retried", f"job:{row.id}", {"job": row.job}, actor=actor)
        db.session.flush()
    return row
