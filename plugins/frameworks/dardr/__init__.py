"""Domestic Abuse Related Death Reviews (formerly Domestic Homicide Reviews), held by community
safety partnerships in England, with the Home Office's quality assurance before publication."""

from __future__ import annotations

from core.plugin_api import Framework, SettingsSchema, hookimpl

from .leaflet import build_leaflet
from .review import EXPORTS, FIELD_TEXT, FIELDS, OBLIGATIONS, SETTINGS, STAGES, TRANSITIONS

KEY = "dardr"


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(
            key=KEY,
            name="Domestic Abuse Related Death Review (formerly Domestic Homicide Review)",
            jurisdictions=("england",),
            leaflet=build_leaflet,
            description=(
                "England, Domestic Violence, Crime and Victims Act 2004 s9: the partnership decides "
                "within a month, an independent chair, a specialist advocate for the family, and "
                "the Home Office Quality Assurance Panel's approval before publication."
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
    """The review timescales a board may change (Home Office guidance and local defaults)."""
    return SETTINGS
