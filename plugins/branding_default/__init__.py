"""Default branding: the board's name, colours and logo from its settings.

Every board has this plugin; another branding plugin enabled for a board answers first.
"""

from __future__ import annotations

from typing import Any

from core.plugin_api import Branding, Setting, SettingsSchema, TenantView, hookimpl

__version__ = "1.0.0"


def _our_own_address(value: Any) -> str | None:
    """Logos are uploaded and served by Candour: an address on another site would let that site
    see every family that opens the page, and change the picture at will."""
    text = str(value or "")
    if not text or (text.startswith("/") and not text.startswith("//")):
        return None
    return "must be the address of a logo uploaded on the Branding page, not another site's"


@hookimpl
def register_settings_schema() -> SettingsSchema:
    return SettingsSchema(
        (
            Setting("primary_colour", "colour", "#1d4f91", "Header colour"),
            Setting("primary_text_colour", "colour", "#ffffff", "Header text colour"),
            Setting("link_colour", "colour", "#1d4f91", "Link colour"),
            Setting(
                "logo_url",
                "url",
                "",
                "Logo address",
                "Upload the logo on the Branding page; it is served from this site.",
                validate=_our_own_address,
            ),
            Setting("logo_alt", "str", "", "Logo description", "Read aloud by screen readers."),
            Setting(
                "demonstration",
                "bool",
                False,
                "Demonstration site",
                "Every page says this is a demonstration, not a real service.",
            ),
        )
    )


@hookimpl(trylast=True)
def branding(tenant: TenantView, settings: dict[str, Any]) -> Branding:
    return Branding(
        name=tenant.name,
        primary_colour=settings.get("primary_colour") or "#1d4f91",
        primary_text_colour=settings.get("primary_text_colour") or "#ffffff",
        link_colour=settings.get("link_colour") or "#1d4f91",
        logo_url=settings.get("logo_url") or "",
        logo_alt=settings.get("logo_alt") or "",
        demonstration=bool(settings.get("demonstration")),
    )
