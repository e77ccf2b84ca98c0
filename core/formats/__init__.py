"""Alternate formats: which a board offers in a locale, rendering cached in storage, and downloads."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from core.formats import blueprint

    blueprint.init_app(app)
