"""Child Practice Reviews in Wales, concise and extended, held by regional safeguarding boards."""

from __future__ import annotations

from core.plugin_api import Framework, hookimpl

from .leaflet import build_leaflet

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
        )
    ]
