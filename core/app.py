"""The Flask subclass: URLs on a board's own host name are built without the `/<slug>` prefix."""

from __future__ import annotations

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
