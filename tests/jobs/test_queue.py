"""The job queue: every job is retried with back-off and time-limited; failures are kept for the
operator; the housekeeping that used to run in requests runs as scheduled jobs."""

from __future__ import annotations

import datetime as dt
import json
import tempfile

import pytest
from huey import MemoryHuey, PriorityRedisHuey, SqliteHuey
from sqlalchemy import select

from core import db
from core.family.models import ContactRequest
from core.jobs import queueing as queue_module
from core.jobs import services
from core.jobs.models import JobFailure
from core.jobs.queueing import BACKOFF, REGISTRY, Queue, job
from core.reviews.context import as_of


def test_every_job_is_retried_with_back_off_and_time_limited(app):
    tasks = queue_module.queue(app).tasks
    assert set(tasks) == set(REGISTRY)
    assert {"contact_requests.purge", "reports.take_down"} <= set(tasks)
    for name, task in tasks.items():
        defaults = task.task_class
        assert defaults.default_retries > 0, name
        assert defaults.default_retry_delay > 0 and defaults.default_retry_backoff == BACKOFF, name
        assert 0 < defaults.default_timeout <= 3600, name


def test_the_queue_is_a_sqlite_file_locally_and_redis_when_configured(tmp_path):
    local = queue_module._build_huey({"INSTANCE_PATH": str(tmp_path)})
    assert isinstance(local, SqliteHuey) and (tmp_path / "jobs.db").exists()
    redis = queue_module._build_huey(
        {"INSTANCE_PATH": str(tmp_path), "REDIS_URL": "redis://127.0.0.1:6379/11"}
    )
    assert isinstance(redis, PriorityRedisHuey)
    assert isinstance(queue_module._build_huey({"JOBS_IMMEDIATE": True}), MemoryHuey)


@pytest.fixture
def flaky_job(app):
    """A job that fails while `state["fail"]` is true, bound to a queue of its own."""
    state = {"fail": True, "runs": 0}

    @job("test.flaky", retries=2, retry_delay=1)
    def flaky(number: int) -> None:
        state["runs"] += 1
        if state["fail"]:
            raise RuntimeError(f"relay refused mail for someone@example.org (try {number})")

    try:
        yield Queue(app), state
    finally:
        del REGISTRY["test.flaky"]


def test_a_failing_job_is_counted_with_its_last_error_and_no_address(app, flaky_job):
    jobs, state = flaky_job
    jobs.enqueue("test.flaky", 7)
    jobs.enqueue("test.flaky", 7)
    with app.app_context():
        (row,) = services.open_failures()
        assert (row.job, json.loads(row.args), row.failures) == ("test.flaky", [7], 2)
        assert "someone@example.org" not in row.last_error
        assert row.last_error == "RuntimeError: relay refused mail for [address] (try 7)"
        assert row.gave_up is False
    # Huey scheduled the retries for later (with back-off); none ran yet.
    assert state["runs"] == 2 and jobs.huey.scheduled_count() == 2


def test_a_job_that_succeeds_again_is_no_longer_failing(app, flaky_job):
    jobs, state = flaky_job
    jobs.enqueue("test.flaky", 3)
    state["fail"] = False
    jobs.enqueue("test.flaky", 3)
    with app.app_context():
        assert services.open_failures() == []
        (row,) = db.session.scalars(select(JobFailure)).all()
        assert row.resolved_at is not None


def test_retry_now_queues_the_job_again_after_the_commit(app, flaky_job, monkeypatch):
    jobs, state = flaky_job
    jobs.enqueue("test.flaky", 5)
    state["fail"] = False
    monkeypatch.setitem(app.extensions, "candour.jobs", jobs)
    with app.app_context():
        (row,) = services.open_failures()
        services.retry_now(row.id)
        assert state["runs"] == 1  # not before the commit
        db.session.commit()
    assert state["runs"] == 2
    with app.app_context():
        assert services.open_failures() == []


def test_a_job_queued_in_a_change_that_rolls_back_never_runs(app, flaky_job, monkeypatch):
    jobs, state = flaky_job
    monkeypatch.setitem(app.extensions, "candour.jobs", jobs)
    with app.app_context():
        queue_module.after_commit("test.flaky", 1)
        db.session.rollback()
        db.session.commit()
    assert state["runs"] == 0


def test_expired_contact_requests_are_purged_by_the_scheduled_job(app, client, demo_tenants):
    from core.family.requests import create_request

    with app.app_context(), db.tenant_scope(demo_tenants["salford"].id):
        old = create_request(
            demo_tenants["salford"], kind="question", locale="en", format_key="",
            name="A", contact="a@example.org", message="old",
        )  # fmt: skip
        create_request(
            demo_tenants["salford"], kind="question", locale="en", format_key="",
            name="B", contact="b@example.org", message="new",
        )  # fmt: skip
        old.delete_after = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        db.session.commit()
    queue_module.queue(app).enqueue("contact_requests.purge")
    with app.app_context(), db.all_tenants():
        assert [r.message for r in db.session.scalars(select(ContactRequest))] == ["new"]


def test_the_metrics_show_the_queue_and_failing_jobs(app, client, flaky_job):
    jobs, _state = flaky_job
    jobs.enqueue("test.flaky", 9)
    body = client.get("/metrics").get_data(as_text=True)
    assert 'candour_jobs_failing{gave_up="false",job="test.flaky"} 1.0' in body
    assert 'candour_jobs_queued{state="pending"}' in body


def test_the_worker_probe_fails_without_a_heartbeat(app, tmp_path, monkeypatch):
    # The heartbeat lives in the temporary folder; a worker running on this machine must not count.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = app.test_cli_runner().invoke(args=["worker", "--check"])
    assert result.exit_code != 0 and "no heartbeat" in result.output


def test_missed_deadlines_are_announced_by_the_morning_job(app, make_tenant, make_user, in_app):
    import datetime as dt

    from core.reviews import services as review_services
    from core.reviews.context import Actor
    from core.reviews.models import Obligation

    tenant = make_tenant("late-board", framework="lcspr-2023")
    manager = make_user("manager@late.example", tenant, "review_manager")

    def open_review():
        with db.tenant_scope(tenant.id):
            actor = Actor(db.session.merge(manager), "review_manager")
            live = db.session.merge(tenant)
            with as_of(dt.date(2025, 1, 6)):
                review_services.create_review(
                    live, actor, reference="CR-7", pseudonym="Child D",
                    aware_on=dt.date(2025, 1, 6),
                )  # fmt: skip

    with app.test_request_context("/late-board/reviews/"):
        open_review()
        db.session.commit()
    queue_module.queue(app).enqueue("reviews.missed")
    with app.app_context(), db.tenant_scope(tenant.id):
        obligations = db.session.scalars(select(Obligation)).all()
        assert obligations and any(o.missed_reported for o in obligations)
