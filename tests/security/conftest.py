"""Security tests share the admin tests' helpers (posting with CSRF, finishing two-factor)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "admin"))


class FrozenClock:
    """The sessions' clock, stood still; tests move it on by hand."""

    def __init__(self, start: float) -> None:
        self.now = start

    def advance(self, *, minutes: float = 0, hours: float = 0, days: float = 0) -> None:
        self.now += minutes * 60 + hours * 3600 + days * 86400


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    frozen = FrozenClock(1_800_000_000.0)
    monkeypatch.setattr("core.auth.sessions.now", lambda: frozen.now)
    return frozen
