"""The Flask subclass: URLs on a board's own host name are built without the `/<slug>` prefix."""

from __future__ import annotations

from typing import Any

from flask import Flask, g, request

from core.tenancy.context import HOST_ENVIRON_KEY


class CandourFlask(Flask):
    def url_for(self, endpoint: str, /, *args: Any, **values: Any) -> str:
        url = super().url_for(endpoint, *args, **values)
        slug = request.environ.get(HOST_ENVIRON_KEY) if _in_request() else None
        if slug:
            tenant = g.get("tenant")
            prefix = f"/{slug}"
            if tenant is not None and tenant.slug == slug:
                for marker in (prefix + "/",):
                    index = url.find(marker)
                    if index != -1 and (index == 0 or url[index - 1] != "/"):
                        url = url[:index] + url[index + len(prefix) :]
                        break
        return url


def _in_request() -> bool:
    from flask import has_request_context

    return has_request_context()
