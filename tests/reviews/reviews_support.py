"""Small helpers shared by the review-tracking tests."""

from __future__ import annotations

import datetime as dt


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
