"""The JSON API (placeholder until the routes land)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    return None
