"""The Flask subclass: URLs on a board's own host name are built without the `/<slug>` prefix."""

from __future__ import annotations

import gc
from typing import Any

from flask import Flask, g, has_request_context, request

from core.tenancy.context import HOST_ENVIRON_KEY


class CandourFlask(Flask):
    def url_for(self, endpoint: str, **values: Any) -> str:
        url = super().url_for(endpoint, **values)
        if not has_request_context():
            return url
        slug = request.environ.get(HOST_ENVIRON_KEY)
        tenant = g.get("tenant")
        if not slug or tenant is None or tenant.slug != slug:
            return url
        # Served on the board's own host: drop the `/<slug>` the routes carry internally.
        marker = f"/{slug}/"
        index = url.find(marker)
        if index != -1:
            url = url[:index] + url[index + len(marker) - 1 :]
        return url


# A request holds a few thousand objects at once and frees nearly all of them itself, by their
# counts; at Python's default (a collection every 700 objects more) the collector ran some ninety
# times in a hundred dashboards, looking each time through the app's own objects too.
COLLECT_EVERY = 10_000


def settle_for_serving() -> None:
    """In a process that serves requests, once its app is made: the app's own objects (routes,
    templates, the ORM's mappings, some 160,000) live as long as the process, so the garbage
    collector leaves them out from now on, and runs only after COLLECT_EVERY new objects."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(COLLECT_EVERY, *gc.get_threshold()[1:])
