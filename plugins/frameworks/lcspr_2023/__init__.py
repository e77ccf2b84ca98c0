"""Local Child Safeguarding Practice Reviews (Working Together 2023): England's current frame."""

from __future__ import annotations

from core.plugin_api import Framework, SettingsSchema, hookimpl

from .leaflet import build_leaflet
from .review import EXPORTS, FIELD_TEXT, FIELDS, OBLIGATIONS, SETTINGS, STAGES, TRANSITIONS

KEY = "lcspr-2023"


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(
            key=KEY,
            name="Local Child Safeguarding Practice Review (Working Together 2023)",
            jurisdictions=("england",),
            leaflet=build_leaflet,
            description=(
                "England, Working Together 2023: the national Panel told within 5 working days, a "
                "rapid review within 15, publication within 6 months of the decision to review."
            ),
            stages=STAGES,
            transitions=TRANSITIONS,
            obligations=OBLIGATIONS,
            settings=SETTINGS,
            fields=FIELDS,
            field_text=FIELD_TEXT,
            exports=EXPORTS,
        )
    ]


@hookimpl
def register_settings_schema() -> SettingsSchema:
    """The review timescales a board may change (defaults from the guidance)."""
    return SETTINGS
