"""Find the board a request is for, once, and expose it as `current_tenant`.

A board is found by the `/<tenant>` prefix of the path, or by a host name it owns; in the second case
the same routes are served without the prefix (the WSGI middleware below adds it on the way in and
`CandourFlask.url_for` removes it on the way out).
"""

from __future__ import annotations

import time
from typing import Any, cast

from flask import Flask, abort, current_app, g, request
from sqlalchemy import exc as sa_exc
from sqlalchemy import select
from werkzeug.local import LocalProxy

from core import caches, db
from core.tenancy import changes, hosts
from core.tenancy.models import Tenant, TenantHostname

current_tenant: Tenant = cast(Tenant, LocalProxy(lambda: g.get("tenant")))
"""The board of the current request (None outside a board's pages)."""

HOST_ENVIRON_KEY = "candour.host_tenant"
ORIGINAL_PATH_KEY = "candour.original_path"
HOST_CACHE_SECONDS = 30
DATABASE_AWAY = (
    "\x00database-away"  # not a slug: what a host lookup gives while the database is away
)
UNPREFIXED_PATHS = ("/static/", "/healthz", "/readyz", "/metrics", "/api/", "/platform")


class TenantSuspended(Exception):
    """The board exists but is suspended: its pages say so and show no data."""

    def __init__(self, tenant: Tenant) -> None:
        super().__init__(tenant.slug)
        self.tenant = tenant


class HostnameMiddleware:
    """Serve a board's pages on a host name it owns by adding its `/<slug>` prefix to the path."""

    def __init__(self, app: Flask, wsgi_app: Any) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self._hosts: caches.BoundedCache[str, tuple[str | None, float]] = caches.BoundedCache(
            10_000
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        host = hosts.normalise(environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "")
        platform_host = hosts.normalise(self.app.config.get("PLATFORM_HOST") or "")
        path = environ.get("PATH_INFO") or "/"
        known = (host and host == platform_host) or (
            self.app.config.get("ENV") != "production" and host in hosts.DEVELOPMENT_HOSTS
        )
        if not known and host and not hosts.is_ip_address(host):
            slug = self._slug_for_host(host)
            if slug == DATABASE_AWAY:
                known, slug = True, None  # the application answers that it is unavailable
            if slug:
                known = True
                if not path.startswith(UNPREFIXED_PATHS):
                    environ[HOST_ENVIRON_KEY] = slug
                    environ[ORIGINAL_PATH_KEY] = path
                    environ["PATH_INFO"] = f"/{slug}{path}" if path != "/" else f"/{slug}/"
        if not known and not path.startswith(hosts.ANY_HOST_PATHS):
            return self._refuse(start_response)
        return self.wsgi_app(environ, start_response)

    @staticmethod
    def _refuse(start_response: Any) -> list[bytes]:
        body = b"This site does not answer on that host name.\n"
        start_response(
            "400 Bad Request",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def _slug_for_host(self, host: str) -> str | None:
        # Host names change rarely (the operator adds one): remember answers for a short while.
        now = time.monotonic()
        cached = self._hosts.get(host)
        if cached is not None and cached[1] > now:
            return cached[0]
        try:
            with self.app.app_context(), db.all_tenants():
                slug = db.session.scalar(
                    select(Tenant.slug)
                    .join(TenantHostname, TenantHostname.tenant_id == Tenant.id)
                    .where(TenantHostname.hostname == host)
                )
        except (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError):
            # The database is away: the last answer, however old, keeps the board's family page
            # (served from its last good copy) on its own host name. `core.outage` answers the rest.
            return cached[0] if cached is not None else DATABASE_AWAY
        self._hosts.put(host, (slug, now + HOST_CACHE_SECONDS))
        return slug


_recent: caches.BoundedCache[str, tuple[Tenant, float]] = caches.BoundedCache(10_000)


def _load(slug: str) -> Tenant | None:
    """The board for `slug`. Anonymous reads (families) may be answered from a copy a second or two
    old — public pages are cached for minutes downstream anyway; staff and every write read afresh."""
    ttl = float(current_app.config.get("TENANT_CACHE_SECONDS", 2))
    anonymous_read = request.method in ("GET", "HEAD") and not request.cookies.get(
        current_app.config.get("SESSION_COOKIE_NAME", "session")
    )
    now = time.monotonic()
    if ttl > 0 and anonymous_read:
        found = _recent.get(slug)
        if found is not None and found[1] > now:
            return found[0]
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is not None and ttl > 0 and anonymous_read:
        _recent.put(slug, (tenant, now + ttl))
    return tenant


def fresh_copy(slug: str) -> tuple[Tenant, float] | None:
    """The copy of the board that anonymous reads are answered from now, if there is one that has
    not expired: the same object for as long as `_load` would hand it out."""
    found = _recent.get(slug)
    if found is not None and found[1] > time.monotonic():
        return found
    return None


def here() -> str:
    """This request's path and query as the visitor typed it (without an internal /<slug>)."""
    path = request.environ.get(ORIGINAL_PATH_KEY) or request.path
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path


def resolve_tenant(slug: str) -> Tenant:
    """Load the board for `slug` into `g` and scope the session to it; 404 if there is none."""
    tenant = _load(slug)
    if tenant is None:
        abort(404)
    if tenant.status == "suspended":
        raise TenantSuspended(tenant)
    g.tenant = tenant
    db.scope_request(tenant.id)
    return tenant


def _pull_tenant(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and "tenant" in values:
        resolve_tenant(values.pop("tenant"))


def _add_tenant(endpoint: str, values: dict[str, Any]) -> None:
    tenant = g.get("tenant")
    if (
        tenant is not None
        and "tenant" not in values
        and current_app.url_map.is_endpoint_expecting(endpoint, "tenant")
    ):
        values["tenant"] = tenant.slug


def init_app(app: Flask) -> None:
    changes.listen()
    middleware = HostnameMiddleware(app, app.wsgi_app)
    app.wsgi_app = middleware  # type: ignore[method-assign]
    app.extensions["candour.hosts"] = middleware
    app.url_value_preprocessor(_pull_tenant)
    app.url_defaults(_add_tenant)
