"""Every in-process cache keyed by board and content version, cleared together when needed (tests,
and an operator's change that a version bump does not cover)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

_clearers: list[Callable[[], None]] = []


def register(clear: Callable[[], None]) -> None:
    _clearers.append(clear)


def clear_all(app: Flask) -> None:
    from core.i18n import catalogs
    from core.plugins import get_host

    get_host(app).invalidate()
    catalogs(app).clear()
    for clear in _clearers:
        clear()
