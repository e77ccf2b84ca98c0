"""Build what a family sees for one board and locale: the tenant view, branding, languages and the
leaflet document — each cached per board, content version and locale."""

from __future__ import annotations

from typing import Any

from flask import current_app

from core import caches
from core.board.branding import safe_branding
from core.document import Document
from core.i18n import Language, catalogs, format_date
from core.plugin_api import Branding, LeafletContext, TenantView
from core.plugins import get_host, tenant_plugins
from core.tenancy.models import Tenant


class FrameworkMissing(LookupError):
    """The board names a framework that no installed plugin provides."""


_branding: caches.BoundedCache[tuple[Any, ...], Branding] = caches.BoundedCache(20_000)
_leaflets: caches.BoundedCache[tuple[Any, ...], Document] = caches.BoundedCache(20_000)


def tenant_view(tenant: Tenant, locale: str) -> TenantView:
    return TenantView(
        id=tenant.id,
        slug=tenant.slug,
        name=tenant.name_in(locale),
        jurisdiction=tenant.jurisdiction,
        framework=tenant.framework,
        default_locale=tenant.default_locale,
        locales=tuple(tenant.locales),
        contact_role=tenant.contact_role_in(locale),
        contact_phone=tenant.contact_phone,
        contact_email=tenant.contact_email,
        contact_address=tenant.contact_address,
        more_info_url=tenant.more_info_url,
        guidance_url=tenant.guidance_url,
        panel_agencies=tuple(tenant.panel_agencies),
        target_months=tenant.target_months,
    )


def offered_languages(tenant: Tenant) -> list[Language]:
    """The languages this board offers, in its own order, each with a catalog behind it."""
    plugins = tenant_plugins(tenant)
    available = catalogs().languages_for(plugins.enabled)
    return [available[code] for code in tenant.locales if code in available]


def offered_locale_codes(tenant: Tenant) -> list[str]:
    return [lang.code for lang in offered_languages(tenant)]


def branding_for(tenant: Tenant, locale: str) -> Branding:
    def build() -> Branding:
        view = tenant_view(tenant, locale)
        answer = tenant_plugins(tenant).hooks.branding(tenant=view)
        branding = answer[1] if answer else Branding(name=view.name)
        return safe_branding(branding, view.name)

    return _branding.get_or_build((tenant.id, tenant.content_version, locale), build)


def branding_plugin(tenant: Tenant) -> str | None:
    """The plugin whose answer to the branding hook this board's pages use (None: none answers)."""
    view = tenant_view(tenant, tenant.default_locale)
    answer = tenant_plugins(tenant).hooks.branding(tenant=view)
    return answer[0] if answer else None


def leaflet_context(
    tenant: Tenant, locale: str, settings: dict[str, Any] | None = None
) -> LeafletContext:
    translator = catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled)
    language = {lang.code: lang for lang in offered_languages(tenant)}.get(locale)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return translator.ngettext(singular, plural, n)

    def date_in_locale(value: Any) -> str:
        return format_date(value, format="long", locale=locale)

    view = tenant_view(tenant, locale)
    return LeafletContext(
        tenant=view,
        locale=locale,
        gettext=translator.gettext,
        ngettext=ngettext,
        format_date=date_in_locale,
        language_name=language.native_name if language else locale,
        settings=settings or {},
        formats=tuple(
            fmt.key
            for _plugin, fmt in tenant_plugins(tenant).formats()
            if fmt.offered_in(view, locale, translator.gettext)
        ),
    )


def leaflet(tenant: Tenant, locale: str) -> Document:
    """The family information document for a board in a locale."""

    def build() -> Document:
        registered = get_host().frameworks.get(tenant.framework)
        if registered is None:
            current_app.logger.error(
                "board %s names unknown framework %s", tenant.slug, tenant.framework
            )
            raise FrameworkMissing(tenant.framework)
        settings = tenant_plugins(tenant).settings.get(registered[0], {})
        return registered[1].leaflet(leaflet_context(tenant, locale, dict(settings)))

    return _leaflets.get_or_build((tenant.id, tenant.content_version, locale), build)
