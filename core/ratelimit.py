"""Rate limits through Flask-Limiter (fixed windows from the `limits` library), counted in one store
every worker shares: Redis when `CANDOUR_REDIS_URL` is set, otherwise an SQLite file under
`instance/` (the embedded default: gunicorn's workers on one machine all see it).

Callers ask by key (`login:acct:<email>`, `contact:<address>`) with a limit and a window in seconds.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_limiter import Limiter as FlaskLimiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItemPerSecond
from limits.storage import Storage

NAMESPACE = "candour"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window resets


class SQLiteStorage(Storage):
    """A `limits` storage in an SQLite file, so separate worker processes count together without
    Redis. `candour+sqlite:///path/to/file`."""

    STORAGE_SCHEME = ["candour+sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        # candour+sqlite:///relative or candour+sqlite:////absolute, as SQLAlchemy writes them
        self.path = uri.split("://", 1)[1][1:]
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._conn() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS counters "
                "(key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL)"
            )

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            self._local.conn = conn
        return conn

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM counters WHERE key = ? AND expires <= ?", (key, now))
            row = conn.execute(
                "INSERT INTO counters (key, value, expires) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value RETURNING value",
                (key, amount, now + expiry),
            ).fetchone()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return int(row[0])

    def get(self, key: str) -> int:
        row = (
            self._conn()
            .execute("SELECT value FROM counters WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = (
            self._conn()
            .execute(
                "SELECT expires FROM counters WHERE key = ? AND expires > ?", (key, time.time())
            )
            .fetchone()
        )
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._conn().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._conn().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._conn().execute("DELETE FROM counters WHERE key = ?", (key,))


class Limits:
    """The platform's limits by key, on Flask-Limiter's storage and fixed-window strategy."""

    def __init__(self, extension: FlaskLimiter) -> None:
        self.extension = extension

    @staticmethod
    def _item(limit: int, window: int) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(limit, window)

    def _retry_after(self, item: RateLimitItemPerSecond, key: str) -> int:
        stats = self.extension.limiter.get_window_stats(item, NAMESPACE, key)
        return max(1, int(stats.reset_time - time.time() + 0.999))

    def hit(self, key: str, limit: int, window: int) -> Verdict:
        item = self._item(limit, window)
        allowed = self.extension.limiter.hit(item, NAMESPACE, key)
        return Verdict(allowed, self._retry_after(item, key))

    def peek(self, key: str, limit: int, window: int) -> Verdict:
        item = self._item(limit, window)
        allowed = self.extension.limiter.test(item, NAMESPACE, key)
        return Verdict(allowed, self._retry_after(item, key))

    def reset(self, key: str, limit: int, window: int) -> None:
        self.extension.limiter.clear(self._item(limit, window), NAMESPACE, key)

    def reset_all(self) -> None:
        """Forget every count (tests start each from nothing)."""
        self.extension.storage.reset()


def storage_uri(app: Flask) -> str:
    if app.config.get("REDIS_URL"):
        return str(app.config["REDIS_URL"])
    return f"candour+sqlite:///{Path(app.config['INSTANCE_PATH']) / 'ratelimits.sqlite'}"


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_KEY_PREFIX", NAMESPACE)
    extension = FlaskLimiter(
        get_remote_address,
        app=app,
        storage_uri=storage_uri(app),
        strategy="fixed-window",
        default_limits=[],
    )
    _drop_request_hooks(app, extension)
    app.extensions["candour.limiter"] = Limits(extension)


def _drop_request_hooks(app: Flask, extension: FlaskLimiter) -> None:
    """Our limits are hit by name where a form is posted (Limits.hit, on the limiter itself) and no
    route carries a decorator, so the check, headers and clean-up Flask-Limiter hooks into every
    request find nothing to do; on a family page they were a sixth of its time."""

    def ours(hook: object) -> bool:
        bound = getattr(hook, "func", hook)  # the header hook is a functools.partial
        return getattr(bound, "__self__", None) is extension or (
            getattr(hook, "args", ())[:1] == (extension,)
        )

    hook_lists: tuple[dict[Any, list[Any]], ...] = (
        app.before_request_funcs,
        app.after_request_funcs,
        app.teardown_request_funcs,
    )
    for hooks in hook_lists:
        for funcs in hooks.values():
            funcs[:] = [f for f in funcs if not ours(f)]


def limiter() -> Limits:
    return current_app.extensions["candour.limiter"]
