"""What every page of a board needs in its template: direction, branding, languages, alternates and
the fragments plugins add."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup

from core.board.services import branding_for, offered_languages, tenant_view
from core.document import RTL_LOCALES
from core.plugin_api import PageFragment
from core.plugins import get_host, tenant_plugins


def _tel_href(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if digits.startswith("0"):
        digits = "+44" + digits[1:]
    return f"tel:{digits}"


def page_exists_in(exists_in: Callable[[str], bool]) -> None:
    """Say, for this request, in which of the board's languages the page being shown exists; the
    language links of the others lead to the nearest page that does."""
    g.page_exists_in = exists_in


def _language_links(tenant: Any) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    endpoint = request.endpoint or ""
    args = dict(request.view_args or {})
    expects_locale = bool(endpoint) and _expects_locale(endpoint)
    exists_in: Callable[[str], bool] | None = g.get("page_exists_in")
    languages, alternates = [], []
    for language in offered_languages(tenant):
        same_page = expects_locale and (exists_in is None or exists_in(language.code))
        if same_page:
            href = url_for(endpoint, **{**args, "locale": language.code})
        elif expects_locale and endpoint.startswith("formats."):
            href = url_for("family.formats", locale=language.code)
        else:
            href = url_for("family.page", locale=language.code)
        languages.append(
            {
                "code": language.code,
                "native_name": language.native_name,
                "direction": language.direction,
                "href": href,
            }
        )
        if same_page:
            alternates.append(
                {
                    "code": language.code,
                    "href": url_for(endpoint, _external=True, **{**args, "locale": language.code}),
                }
            )
    return languages, alternates


def _expects_locale(endpoint: str) -> bool:
    return current_app.url_map.is_endpoint_expecting(endpoint, "locale")


def fragments_for(tenant: Any, locale: str, page: str) -> dict[str, list[Markup]]:
    slots: dict[str, list[Markup]] = {}
    for _plugin, fragments in tenant_plugins(tenant).hooks.page_fragments(
        tenant=tenant_view(tenant, locale), locale=locale, page=page
    ):
        for fragment in fragments:
            if isinstance(fragment, PageFragment):
                slots.setdefault(fragment.slot, []).append(Markup(fragment.html))  # noqa: S704
    return slots


def page_context() -> dict[str, Any]:
    tenant = g.get("tenant")
    locale = g.get("page_lang") or g.get("locale") or "en"
    context: dict[str, Any] = {
        "text_direction": "rtl" if locale in RTL_LOCALES else "ltr",
        "branding": None,
        "languages": [],
        "alternates": [],
        "fragments": {},
        "plugin_stylesheets": [],
        "asset_version": g.get("asset_version", "1"),
        "page_title": "",
    }
    if tenant is None or not tenant.is_active or request.endpoint is None:
        return context
    context["branding"] = branding_for(tenant, locale)
    context["languages"], context["alternates"] = _language_links(tenant)
    if g.get("locale"):
        page = (request.endpoint or "").rsplit(".", 1)[-1]
        context["fragments"] = fragments_for(tenant, locale, page)
    host = get_host()
    context["plugin_stylesheets"] = [
        url_for("plugin_static", plugin=name, filename=css)
        for name, css in g.get("plugin_css", [])
        if name in host.static_folders
    ]
    return context


def init_app(app: Flask) -> None:
    app.context_processor(page_context)
    app.jinja_env.filters["tel_href"] = _tel_href
