"""Background work: the job queue (Huey), the jobs the platform declares, and what the operator sees
of them. Web requests never do slow work; they queue a job after their transaction commits."""

from __future__ import annotations

from core.jobs.queueing import after_commit, enqueue, init_app, job, queue

__all__ = ["after_commit", "enqueue", "init_app", "job", "queue"]
