"""Notice banner: shows a board's own short notice at the top of its family pages.

Off unless a board enables it. Written exactly as any third-party plugin is: it imports only
`core.plugin_api`, declares its settings, and is found through the `candour.plugins` entry point.
"""

from __future__ import annotations

from html import escape
from typing import Any

from core.plugin_api import PageFragment, Setting, SettingsSchema, TenantView, hookimpl


@hookimpl
def plugin_default_enabled() -> bool:
    return False


@hookimpl
def register_settings_schema() -> SettingsSchema:
    return SettingsSchema(
        (
            Setting(
                "message",
                "str",
                "Our office is closed on bank holidays.",
                "Notice",
                validate=lambda v: "keep it under 200 characters" if len(v) > 200 else None,
            ),
        )
    )


@hookimpl
def page_fragments(
    tenant: TenantView, locale: str, page: str, settings: dict[str, Any]
) -> list[PageFragment]:
    html = (
        '<div class="govuk-width-container"><p class="candour-banner govuk-body" '
        f'data-plugin="notice-banner">{escape(settings["message"])}</p></div>'
    )
    return [PageFragment("banner", html)]
