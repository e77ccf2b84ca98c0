"""Every in-process cache keyed by board and content version, cleared together when needed (tests,
and an operator's change that a version bump does not cover).

The caches register themselves here, so this module sits at the bottom of the ladder and imports
none of them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from flask import Flask, current_app

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")

_clearers: list[Callable[[], None]] = []
_app_clearers: list[Callable[[Flask], None]] = []


def register(clear: Callable[[], None]) -> None:
    _clearers.append(clear)


def register_app(clear: Callable[[Flask], None]) -> None:
    """Register a cache that lives on one application (its plugin host, its catalogs)."""
    _app_clearers.append(clear)


def clear_all(app: Flask) -> None:
    for clear_app in _app_clearers:
        clear_app(app)
    for clear in _clearers:
        clear()


class BoundedCache(Generic[K, V]):
    """An in-process cache of at most `size` entries: the least recently used goes first. Safe across
    threads; cleared with every other cache by `clear_all`. The one way core keeps things in memory."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        register(self.clear)

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> V:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def get_or_build(self, key: K, build: Callable[[], V]) -> V:
        """The cached value, else `build()` (outside the lock, so a slow build blocks no one)."""
        found = self.get(key)
        return found if found is not None else self.put(key, build())

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class AppCache(Generic[T]):
    """An object kept on each application under `app.extensions[key]` (its plugin host, its
    catalogs) and cleared with every other cache by `clear`. Calling it gives the application's
    object, the current application's by default."""

    def __init__(self, key: str, clear: Callable[[T], None]) -> None:
        self.key = key
        register_app(lambda app: clear(self(app)))

    def keep(self, app: Flask, value: T) -> None:
        app.extensions[self.key] = value

    def __call__(self, app: Flask | None = None) -> T:
        value: T = (app or current_app).extensions[self.key]
        return value
