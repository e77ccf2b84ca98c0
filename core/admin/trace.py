"""Which plugin contributed what to a board's family page, found by running each hook for that page
one implementation at a time; and the plugins that failed recently for this board."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core import db, hookspecs
from core.board.services import tenant_view
from core.formats import service as formats
from core.plugin_api import Branding, PageFragment
from core.plugins import failures as plugin_failures
from core.plugins import get_host, tenant_plugins
from core.plugins.models import PluginFailure
from core.tenancy.models import Tenant

PAGES = ("page", "formats", "accessibility", "contact")


@dataclass(frozen=True)
class Contribution:
    """What one plugin gave one hook for the page traced."""

    plugin: str
    hook: str
    what: str  # what it answered, described for the admin
    error: str = ""  # why the plugin failed; empty if it answered
    used: bool = True  # False where an earlier plugin's answer won (a first-answer hook)


def _describe(hook: str, result: Any) -> str:
    if result is None:
        return "nothing"
    if isinstance(result, Branding):
        return (
            f"header {result.primary_colour} with text {result.primary_text_colour}, links "
            f"{result.link_colour}" + (f", logo {result.logo_url}" if result.logo_url else "")
        )
    if isinstance(result, list) and all(isinstance(f, PageFragment) for f in result):
        return "; ".join(f"{f.slot}: {len(f.html)} characters of HTML" for f in result) or "nothing"
    return repr(result)[:300]


def contributions(tenant: Tenant, locale: str, page: str = "page") -> list[Contribution]:
    tp = tenant_plugins(tenant)
    host = get_host()
    view = tenant_view(tenant, locale)
    found: list[Contribution] = []
    winner_seen = False
    for plugin, result, error in tp.trace(hookspecs.branding, tenant=view):
        used = not error and result is not None and not winner_seen
        winner_seen = winner_seen or used
        found.append(Contribution(plugin, "branding", _describe("branding", result), error, used))
    for plugin, result, error in tp.trace(
        hookspecs.page_fragments, tenant=view, locale=locale, page=page
    ):
        found.append(
            Contribution(plugin, "page_fragments", _describe("page_fragments", result), error)
        )
    registered = host.frameworks.get(tenant.framework)
    if registered:
        found.append(
            Contribution(
                registered[0], "register_frameworks", f"the leaflet text ({registered[1].name})"
            )
        )
    offered_keys = {item.format.key for item in formats.offered(tenant, locale)}
    for plugin, fmt in tp.formats():
        state = "offered" if fmt.key in offered_keys else "not offered in this language"
        found.append(Contribution(plugin, "register_formats", f"format {fmt.key} ({state})"))
    for source in tp.translation_sources():
        if source.locale == locale:
            owner = next((p for p, s in host.translations if s is source), "?")
            found.append(Contribution(owner, "register_translations", f"catalog for {locale}"))
    return found


def failures(tenant: Tenant) -> list[PluginFailure]:
    """The board's newest plugin failures, as every worker recorded them."""
    with db.tenant_scope(tenant.id):
        return plugin_failures.recent()
