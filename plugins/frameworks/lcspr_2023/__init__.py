"""Local Child Safeguarding Practice Reviews (Working Together 2023): England's current frame."""

from __future__ import annotations

from core.plugin_api import Framework, hookimpl

from .leaflet import build_leaflet

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
        )
    ]
