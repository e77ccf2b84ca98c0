"""Which language a request is in: the URL's locale, else Accept-Language, else the board's default."""

from __future__ import annotations

from typing import Any

from flask import abort, g, request

from core.board.services import offered_locale_codes
from core.i18n import IDENTITY, catalogs
from core.plugins import tenant_plugins
from core.tenancy.models import Tenant


def negotiate(tenant: Tenant) -> str:
    offered = offered_locale_codes(tenant)
    best = request.accept_languages.best_match(offered) if offered else None
    if best:
        return best
    return tenant.default_locale if tenant.default_locale in offered else (offered or ["en"])[0]


def use_locale(tenant: Tenant, locale: str) -> None:
    g.locale = locale
    g.translator = catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled)


def pull_locale(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """URL value preprocessor: `/<tenant>/<locale>/…` must name a locale the board offers."""
    if not values or "locale" not in values:
        return
    locale = values.pop("locale")
    tenant = g.get("tenant")
    if tenant is None or not tenant.is_public:
        g.translator = IDENTITY
        abort(404)
    if locale not in offered_locale_codes(tenant):
        if locale in known_locales():
            raise LocaleNotOffered(locale)
        use_locale(tenant, negotiate(tenant))
        abort(404)
    use_locale(tenant, locale)


class LocaleNotOffered(Exception):
    """A language the platform has but this board does not offer (or no longer offers): links sent
    in it must still lead somewhere, so the family gets a page in that language, not a 404."""

    def __init__(self, locale: str) -> None:
        super().__init__(locale)
        self.locale = locale


def known_locales() -> set[str]:
    """Every language some catalog on the platform is written in."""
    every_plugin = {plugin for plugin, _code in catalogs().plugin_languages}
    return set(catalogs().languages_for(every_plugin))


def add_locale(endpoint: str, values: dict[str, Any]) -> None:
    from flask import current_app

    if (
        "locale" not in values
        and g.get("locale")
        and current_app.url_map.is_endpoint_expecting(endpoint, "locale")
    ):
        values["locale"] = g.locale


def default_locale_for_request() -> None:
    """Pages without a locale in the URL (sign-in, staff pages) use the negotiated one."""
    tenant = g.get("tenant")
    if tenant is not None and "translator" not in g:
        use_locale(tenant, negotiate(tenant))
