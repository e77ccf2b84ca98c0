"""Single Unified Safeguarding Reviews: Wales' one review for children and adults, held by the
regional safeguarding boards' case review groups."""

from __future__ import annotations

from core.plugin_api import Framework, SettingsSchema, hookimpl

from .leaflet import build_leaflet
from .review import EXPORTS, FIELD_TEXT, FIELDS, OBLIGATIONS, SETTINGS, STAGES, TRANSITIONS

KEY = "wales-susr"


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(
            key=KEY,
            name="Single Unified Safeguarding Review (Wales)",
            jurisdictions=("wales",),
            leaflet=build_leaflet,
            description=(
                "Wales: the case review group decides, concise or extended by the criteria, the "
                "Welsh Government told of every review, reviewers from the national list, and the "
                "report deposited in the Wales Safeguarding Repository."
            ),
            stages=STAGES,
            transitions=TRANSITIONS,
            obligations=OBLIGATIONS,
            settings=SETTINGS,
            fields=FIELDS,
            field_text=FIELD_TEXT,
            exports=EXPORTS,
            person="Person",
        )
    ]


@hookimpl
def register_settings_schema() -> SettingsSchema:
    """The review timescales a board may change (defaults, to confirm with the Welsh guidance)."""
    return SETTINGS
