"""Rate limits in Redis when CANDOUR_REDIS_URL is set, shared by every worker; in process otherwise."""

from __future__ import annotations

import uuid

import pytest

from core.ratelimit import MemoryLimiter, RedisLimiter
from core.testing import make_test_app, need

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_limiter():
    limiter = RedisLimiter(REDIS_URL)
    try:
        limiter.client.ping()
    except Exception as exc:
        need(False, f"Redis at {REDIS_URL} is not reachable: {exc}")
    return limiter


def test_the_redis_limiter_counts_across_instances_like_separate_workers(redis_limiter):
    key = f"test:{uuid.uuid4().hex}"
    other_worker = RedisLimiter(REDIS_URL)
    for _ in range(3):
        assert redis_limiter.hit(key, 5, 60).allowed
    assert other_worker.hit(key, 5, 60).allowed
    assert other_worker.hit(key, 5, 60).allowed
    refused = redis_limiter.hit(key, 5, 60)
    assert not refused.allowed and 0 < refused.retry_after <= 60
    assert not other_worker.peek(key, 5, 60).allowed
    redis_limiter.reset(key)
    assert other_worker.peek(key, 5, 60).allowed


def test_the_redis_window_expires(redis_limiter):
    key = f"test:{uuid.uuid4().hex}"
    redis_limiter.hit(key, 1, 60)
    ttl = redis_limiter.client.ttl(f"candour:rl:{key}")
    assert 0 < ttl <= 60


def test_the_app_uses_redis_when_configured_and_memory_otherwise(migrated_database, redis_limiter):
    with_redis = make_test_app(migrated_database, REDIS_URL=REDIS_URL)
    assert isinstance(with_redis.extensions["candour.limiter"], RedisLimiter)
    without = make_test_app(migrated_database, REDIS_URL=None)
    assert isinstance(without.extensions["candour.limiter"], MemoryLimiter)


def test_sign_in_throttling_is_shared_through_redis(migrated_database, redis_limiter):
    """Two app instances (two workers) against one Redis: failures at one throttle the other."""
    from core import db
    from core.platform.provisioning import create_tenant
    from core.testing import sign_in

    email = f"nobody-{uuid.uuid4().hex[:8]}@example.org"
    slug = f"rl-{uuid.uuid4().hex[:8]}"
    first = make_test_app(migrated_database, REDIS_URL=REDIS_URL)
    second = make_test_app(migrated_database, REDIS_URL=REDIS_URL)
    # Both "workers" see one transaction, rolled back afterwards.
    connection = db.get_database(first).engine.connect()
    outer = connection.begin()
    for application in (first, second):
        db.get_database(application).bind_to(connection)
    try:
        with first.app_context():
            with db.all_tenants():
                create_tenant(slug, "Rate Limit Board")
            db.session.commit()
        for _ in range(5):
            assert sign_in(first.test_client(), slug, email, "wrong password").status_code == 401
        assert sign_in(second.test_client(), slug, email, "wrong password").status_code == 429
    finally:
        redis_limiter.reset(f"login:acct:{email}")
        redis_limiter.reset("login:addr:127.0.0.1")
        outer.rollback()
        connection.close()
        for application in (first, second):
            db.get_database(application).engine.dispose()
