"""Fixed-window rate limits, in Redis when `CANDOUR_REDIS_URL` is set (shared by all workers),
in process otherwise."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from flask import Flask, current_app


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window resets


class Limiter(Protocol):
    def hit(self, key: str, limit: int, window: int) -> Verdict: ...
    def peek(self, key: str, limit: int, window: int) -> Verdict: ...
    def reset(self, key: str) -> None: ...


class MemoryLimiter:
    def __init__(self) -> None:
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def _current(self, key: str, window: int, now: float) -> tuple[float, int]:
        start, count = self._counts.get(key, (now, 0))
        if now - start >= window:
            start, count = now, 0
        return start, count

    def hit(self, key: str, limit: int, window: int) -> Verdict:
        now = time.monotonic()
        with self._lock:
            start, count = self._current(key, window, now)
            count += 1
            self._counts[key] = (start, count)
            if len(self._counts) > 100_000:
                self._counts.clear()
        return Verdict(count <= limit, max(1, int(window - (now - start))))

    def peek(self, key: str, limit: int, window: int) -> Verdict:
        now = time.monotonic()
        with self._lock:
            start, count = self._current(key, window, now)
        return Verdict(count < limit, max(1, int(window - (now - start))))

    def reset(self, key: str) -> None:
        with self._lock:
            self._counts.pop(key, None)


class RedisLimiter:
    def __init__(self, url: str) -> None:
        import redis

        self.client: Any = redis.Redis.from_url(url)

    def hit(self, key: str, limit: int, window: int) -> Verdict:
        name = f"candour:rl:{key}"
        pipe = self.client.pipeline()
        pipe.incr(name)
        pipe.expire(name, window, nx=True)
        pipe.ttl(name)
        count, _, ttl = pipe.execute()
        return Verdict(int(count) <= limit, max(1, int(ttl)))

    def peek(self, key: str, limit: int, window: int) -> Verdict:
        name = f"candour:rl:{key}"
        count = int(self.client.get(name) or 0)
        ttl = int(self.client.ttl(name))
        return Verdict(count < limit, max(1, ttl))

    def reset(self, key: str) -> None:
        self.client.delete(f"candour:rl:{key}")


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    app.extensions["candour.limiter"] = RedisLimiter(url) if url else MemoryLimiter()


def limiter() -> Limiter:
    return current_app.extensions["candour.limiter"]
