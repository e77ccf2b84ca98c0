"""Serious Case Reviews under Working Together 2015, chapter 4: England's framework until mid-2018.

Still the frame of older reviews; the family leaflet follows Salford's.
"""

from __future__ import annotations

from core.plugin_api import Framework, SettingsSchema, hookimpl

from .leaflet import build_leaflet
from .review import EXPORTS, FIELD_TEXT, FIELDS, OBLIGATIONS, SETTINGS, STAGES, TRANSITIONS

KEY = "scr-2015"


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(
            key=KEY,
            name="Serious Case Review (Working Together 2015)",
            jurisdictions=("england",),
            leaflet=build_leaflet,
            description=(
                "England, Working Together 2015 chapter 4: a review when abuse or neglect is known "
                "or suspected and a child has died or been seriously harmed."
            ),
            stages=STAGES,
            transitions=TRANSITIONS,
            obligations=OBLIGATIONS,
            settings=SETTINGS,
            field_text=FIELD_TEXT,
            fields=FIELDS,
            exports=EXPORTS,
        )
    ]


@hookimpl
def register_settings_schema() -> SettingsSchema:
    """The review timescales a board may change (defaults from the guidance)."""
    return SETTINGS
