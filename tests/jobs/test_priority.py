"""Mail never waits behind renders: the worker takes the most urgent waiting job first, on the
embedded SQLite queue and on Redis alike (driven through Huey's own storage, not by timing)."""

from __future__ import annotations

import pytest

from core.jobs import queueing
from core.jobs.queueing import BULK, REGISTRY, URGENT, Queue


def redis_available(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


@pytest.fixture(params=["sqlite", "redis"])
def stored_queue(app, tmp_path, request, monkeypatch):
    """The app's jobs bound to a real queue store (not the immediate mode tests otherwise use)."""
    from core.testing import need

    monkeypatch.setitem(app.config, "JOBS_IMMEDIATE", False)
    monkeypatch.setitem(app.config, "INSTANCE_PATH", str(tmp_path))
    if request.param == "redis":
        url = "redis://127.0.0.1:6379/12"
        need(redis_available(url), "Redis is not answering on 127.0.0.1:6379")
        monkeypatch.setitem(app.config, "REDIS_URL", url)
    else:
        monkeypatch.setitem(app.config, "REDIS_URL", None)
    jobs = Queue(app)
    jobs.huey.flush()
    yield jobs
    jobs.huey.flush()


def dequeued_names(jobs: Queue) -> list[str]:
    names = []
    while (task := jobs.huey.dequeue()) is not None:
        names.append(task.name)
    return names


def test_mail_is_urgent_and_renders_are_bulk(app):
    assert REGISTRY["mail.deliver"].priority == URGENT
    assert REGISTRY["formats.render_board"].priority == BULK
    assert URGENT > queueing.NORMAL > BULK


def test_a_mail_queued_behind_renders_is_taken_first(stored_queue):
    for board in (1, 2, 3):
        stored_queue.enqueue("formats.render_board", board)
    stored_queue.enqueue("contact_requests.purge")
    stored_queue.enqueue("mail.deliver", 41)
    names = dequeued_names(stored_queue)
    assert names == ["mail.deliver", "contact_requests.purge", *["formats.render_board"] * 3]


def test_renders_keep_their_order_among_themselves(stored_queue):
    for board in (7, 8, 9):
        stored_queue.enqueue("formats.render_board", board)
    args = []
    while (task := stored_queue.huey.dequeue()) is not None:
        args.append(task.args)
    assert args == [(7,), (8,), (9,)]


def test_jobs_left_in_a_plain_redis_list_move_into_the_priority_queue(app, monkeypatch):
    from huey import RedisHuey

    from core.testing import need

    url = "redis://127.0.0.1:6379/13"
    need(redis_available(url), "Redis is not answering on 127.0.0.1:6379")
    monkeypatch.setitem(app.config, "JOBS_IMMEDIATE", False)
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    old = RedisHuey("candour", results=False, url=url)
    old.flush()

    def render(board: int) -> None:
        """The older release's task: registered under the same module and name as today's."""

    render.__module__ = queueing.__name__
    old_task = old.task(name="formats.render_board")(render)
    old_task(5)
    old_task(6)
    jobs = Queue(app)
    try:
        queueing.adopt_plain_list(jobs.huey)
        jobs.enqueue("mail.deliver", 1)
        order = []
        while (task := jobs.huey.dequeue()) is not None:
            order.append((task.name, task.args))
        assert order == [
            ("mail.deliver", (1,)),
            ("formats.render_board", (5,)),
            ("formats.render_board", (6,)),
        ]
    finally:
        jobs.huey.flush()
