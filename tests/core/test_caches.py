"""In-process caches are bounded, drop the least recently used first, and clear together."""

from __future__ import annotations

from core import caches


def test_a_bounded_cache_keeps_at_most_its_size_dropping_the_least_recently_used():
    cache: caches.BoundedCache[str, int] = caches.BoundedCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    assert len(cache) == 2


def test_a_bounded_cache_builds_once_and_is_cleared_with_every_other_cache(app):
    cache: caches.BoundedCache[str, list[int]] = caches.BoundedCache(10)
    built: list[int] = []

    def build() -> list[int]:
        built.append(1)
        return built

    assert cache.get_or_build("k", build) is cache.get_or_build("k", build)
    assert len(built) == 1
    caches.clear_all(app)
    assert len(cache) == 0
