"""Rate limits through Flask-Limiter, in a store every worker shares: Redis when CANDOUR_REDIS_URL
is set, otherwise an SQLite file under instance/."""

from __future__ import annotations

import tempfile
import uuid

import pytest

from core import db
from core.ratelimit import SQLiteStorage
from core.testing import make_test_app, need, sign_in

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as exc:
        need(False, f"Redis at {REDIS_URL} is not reachable: {exc}")
    return REDIS_URL


def _workers(migrated_database, count=2, **overrides):
    """`count` applications sharing one database transaction (rolled back by the caller)."""
    apps = [make_test_app(migrated_database, **overrides) for _ in range(count)]
    connection = db.get_database(apps[0]).engine.connect()
    outer = connection.begin()
    for application in apps:
        db.get_database(application).bind_to(connection)
    return apps, connection, outer


def _close(apps, connection, outer):
    outer.rollback()
    connection.close()
    for application in apps:
        db.get_database(application).engine.dispose()


def _board(application):
    from core.platform.provisioning import create_tenant

    slug = f"rl-{uuid.uuid4().hex[:8]}"
    with application.app_context():
        with db.all_tenants():
            create_tenant(slug, "Rate Limit Board")
        db.session.commit()
    return slug


def test_the_app_counts_in_redis_when_configured_and_in_a_shared_file_otherwise(
    migrated_database, redis_url
):
    with_redis = make_test_app(migrated_database, REDIS_URL=redis_url)
    storage = with_redis.extensions["candour.limiter"].extension.storage
    assert type(storage).__name__ == "RedisStorage"
    without = make_test_app(migrated_database, REDIS_URL=None)
    assert isinstance(without.extensions["candour.limiter"].extension.storage, SQLiteStorage)


def test_the_per_account_limit_holds_across_workers_without_redis(migrated_database):
    """Five workers of one machine, no Redis: the five-per-account limit still fires."""
    shared = tempfile.mkdtemp(prefix="candour-workers-")
    apps, connection, outer = _workers(migrated_database, 5, REDIS_URL=None, INSTANCE_PATH=shared)
    try:
        apps[0].extensions["candour.limiter"].reset_all()
        slug = _board(apps[0])
        email = f"nobody-{uuid.uuid4().hex[:8]}@example.org"
        for worker in apps:
            assert sign_in(worker.test_client(), slug, email, "wrong password").status_code == 401
        assert sign_in(apps[2].test_client(), slug, email, "wrong password").status_code == 429
    finally:
        _close(apps, connection, outer)


def test_sign_in_throttling_is_shared_through_redis(migrated_database, redis_url):
    apps, connection, outer = _workers(migrated_database, 2, REDIS_URL=redis_url)
    try:
        slug = _board(apps[0])
        email = f"nobody-{uuid.uuid4().hex[:8]}@example.org"
        for _ in range(5):
            assert sign_in(apps[0].test_client(), slug, email, "wrong password").status_code == 401
        assert sign_in(apps[1].test_client(), slug, email, "wrong password").status_code == 429
    finally:
        with apps[0].app_context():
            apps[0].extensions["candour.limiter"].reset_all()
        _close(apps, connection, outer)


def test_a_window_lifts_when_it_ends(tmp_path, monkeypatch):
    from limits import RateLimitItemPerSecond
    from limits.strategies import FixedWindowRateLimiter

    now = [1_800_000_000.0]
    monkeypatch.setattr("core.ratelimit.time.time", lambda: now[0])
    storage = SQLiteStorage(f"candour+sqlite:///{tmp_path / 'rl.sqlite'}")
    limiter = FixedWindowRateLimiter(storage)
    item = RateLimitItemPerSecond(2, 60)
    assert limiter.hit(item, "k") and limiter.hit(item, "k") and not limiter.hit(item, "k")
    now[0] += 61
    assert limiter.hit(item, "k")
