"""Safeguarding Adults Reviews (Care Act 2014 s44), held by Safeguarding Adults Boards in England."""

from __future__ import annotations

from core.plugin_api import Framework, SettingsSchema, hookimpl

from .leaflet import build_leaflet
from .review import EXPORTS, FIELD_TEXT, FIELDS, OBLIGATIONS, SETTINGS, STAGES, TRANSITIONS

KEY = "sar"


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(
            key=KEY,
            name="Safeguarding Adults Review (Care Act 2014 s44)",
            jurisdictions=("england",),
            leaflet=build_leaflet,
            description=(
                "England, Care Act 2014 s44: a reasoned decision (mandatory, discretionary, or "
                "another learning route), an independent reviewer, the person's own wishes and "
                "advocacy, and the board's annual report."
            ),
            stages=STAGES,
            transitions=TRANSITIONS,
            obligations=OBLIGATIONS,
            settings=SETTINGS,
            fields=FIELDS,
            field_text=FIELD_TEXT,
            exports=EXPORTS,
            person="Adult",
        )
    ]


@hookimpl
def register_settings_schema() -> SettingsSchema:
    """The review timescales a board may change (all local practice; defaults as boards use)."""
    return SETTINGS
