"""Child Practice Reviews in Wales, concise and extended, held by regional safeguarding boards."""

from __future__ import annotations

from core.plugin_api import Framework, SettingsSchema, hookimpl

from .leaflet import build_leaflet
from .review import EXPORTS, FIELD_TEXT, FIELDS, OBLIGATIONS, SETTINGS, STAGES, TRANSITIONS

KEY = "wales-cpr"


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(
            key=KEY,
            name="Child Practice Review (Wales)",
            jurisdictions=("wales",),
            leaflet=build_leaflet,
            description=(
                "Wales: a concise or an extended review, decided after the case review group; "
                "reports go to the national Wales Safeguarding Repository."
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
