"""Every in-process cache keyed by board and content version, cleared together when needed (tests,
and an operator's change that a version bump does not cover).

The caches register themselves here, so this module sits at the bottom of the ladder and imports
none of them."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

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
