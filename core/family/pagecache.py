"""Rendered public pages kept in process, per board, content version, locale and host.

The family page is the same for every visitor of a board in a language (it carries no form and no
personal detail), so once rendered it is served from memory until the board's content version
changes — the platform's busiest page then costs one small query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import g, request

from core import caches
from core.tenancy.context import HOST_ENVIRON_KEY, current_tenant

MAX_PAGES = 4000
_pages: caches.BoundedCache[tuple[object, ...], tuple[str, str]] = caches.BoundedCache(MAX_PAGES)


def cached_page(name: str, render: Callable[[], str]) -> tuple[str, str]:
    """The page's HTML and its ETag, rendered once per board, version, locale and host."""
    key = (
        name,
        current_tenant.id,
        current_tenant.content_version,
        g.locale,
        request.environ.get(HOST_ENVIRON_KEY, ""),
        request.host,
        g.get("asset_version", ""),
    )

    def build() -> tuple[str, str]:
        html = render()
        return html, page_etag(html)

    html, etag = _pages.get_or_build(key, build)
    g.cached_page_etag = etag  # what `fastpath` may keep: a response made from this page
    return html, etag


def page_etag(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:32]
