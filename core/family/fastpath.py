"""The warm family page answered before the Flask stack: the exact response the full stack gave.

A family's page is the same for every anonymous visitor (see `pagecache`), yet each request would
still open a session, check CSRF and sign-in, route the URL, resolve the board and language, add
the security headers and compress the page. This innermost WSGI layer keeps the complete response
(status, every header, body) that the full stack gave to a request without cookies, credentials,
query or body, and gives the same bytes to the next such request for the same address, host and
encoding, with a new request id, and counted in the request metrics as the full stack counts it.

A kept response is only good while the board's copy it was built from (`fresh_copy`) is the one
the full stack would use: when that copy is renewed — every `TENANT_CACHE_SECONDS`, which is also
how late the full stack itself sees a change of content, branding, languages, readiness or
suspension — the next request goes through the full stack again, which answers and keeps it anew
(or answers a suspension, a 404 or an outage, and keeps nothing). Nothing is kept for a signed-in
visitor, a response that sets a cookie, or any page but `family.page`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, g, request
from werkzeug.http import parse_accept_header, parse_etags, unquote_etag

from core import caches, metrics
from core.tenancy.context import HOST_ENVIRON_KEY, fresh_copy

ENDPOINT = "family.page"
MAX_RESPONSES = 1000  # whole responses of 4–20 KB: at most about 20 MB a worker
SLOT_KEY = "candour.fastpath"
KEPT_STATUSES = (200, 304)


@dataclass(frozen=True)
class Kept:
    status: str
    headers: list[tuple[str, str]]
    request_id_at: int | None  # where X-Request-ID stands: each answer carries its own
    body: bytes
    etag: str
    slug: str
    snapshot: object  # the board's copy this was built from: valid while it is the fresh one
    series: tuple[Any, Any]

    def current(self) -> bool:
        return fresh_copy(self.slug) is self.snapshot


def plain_read(environ: dict[str, Any]) -> bool:
    """A GET that nothing about the visitor can change the answer to: no cookie (no session, no
    sign-in), no credentials, no query string and no body."""
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and not environ.get("HTTP_COOKIE")
        and not environ.get("HTTP_AUTHORIZATION")
        and not environ.get("QUERY_STRING")
        and not environ.get("CONTENT_TYPE")
        and environ.get("CONTENT_LENGTH") in (None, "", "0")
        and "HTTP_TRANSFER_ENCODING" not in environ
        and bool(environ.get("HTTP_HOST"))
    )


class FamilyPageFastPath:
    """WSGI middleware in front of Flask (inside the host-name and proxy layers, so it sees the
    path and scheme they settled)."""

    def __init__(self, wsgi_app: Any) -> None:
        self.wsgi_app = wsgi_app
        self.kept: caches.BoundedCache[tuple[object, ...], Kept] = caches.BoundedCache(
            MAX_RESPONSES
        )
        self._takes_gzip: caches.BoundedCache[str, bool] = caches.BoundedCache(512)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if not plain_read(environ):
            return self.wsgi_app(environ, start_response)
        started = time.perf_counter()
        key = self._key(environ)
        found = self._lookup(key, environ.get("HTTP_IF_NONE_MATCH"))
        if found is None:
            return self._answer_and_keep(key, environ, start_response)
        headers = list(found.headers)
        if found.request_id_at is not None:
            incoming = environ.get("HTTP_X_REQUEST_ID", "")
            headers[found.request_id_at] = ("X-Request-ID", metrics.request_id(incoming))
        start_response(found.status, headers)
        found.series[0].inc()
        found.series[1].observe(time.perf_counter() - started)
        return [found.body]

    def _key(self, environ: dict[str, Any]) -> tuple[object, ...]:
        encodings = environ.get("HTTP_ACCEPT_ENCODING", "")
        gzip = self._takes_gzip.get(encodings)
        if gzip is None:
            # As `assets.compress` decides; remembered per header, as browsers send a handful.
            gzip = self._takes_gzip.put(encodings, bool(parse_accept_header(encodings)["gzip"]))
        return (
            environ.get("wsgi.url_scheme"),
            environ["HTTP_HOST"],
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get(HOST_ENVIRON_KEY),
            gzip,
        )

    def _lookup(self, key: tuple[object, ...], if_none_match: str | None) -> Kept | None:
        if if_none_match:
            not_modified = self.kept.get((*key, 304))
            if (
                not_modified is not None
                and not_modified.current()
                and not_modified.etag in parse_etags(if_none_match)
            ):
                return not_modified
        page = self.kept.get((*key, 200))
        if page is None or not page.current():
            return None
        if if_none_match and page.etag in parse_etags(if_none_match):
            return None  # the full stack answers the first 304, and keeps it
        return page

    def _answer_and_keep(
        self, key: tuple[object, ...], environ: dict[str, Any], start_response: Any
    ) -> Any:
        slot: dict[str, Any] = {}
        environ[SLOT_KEY] = slot
        given: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            given[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        if "keep" not in slot or not given:
            return body
        status, headers = given
        code = int(status.split(" ", 1)[0])
        names = [name.lower() for name, _ in headers]
        if "set-cookie" in names or code not in KEPT_STATUSES:
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        snapshot, slug, series = slot["keep"]
        etag = unquote_etag(headers[names.index("etag")][1])[0] if "etag" in names else None
        if etag is not None:
            self.kept.put(
                (*key, code),
                Kept(
                    status=status,
                    headers=list(headers),
                    request_id_at=names.index("x-request-id") if "x-request-id" in names else None,
                    body=data,
                    etag=etag,
                    slug=slug,
                    snapshot=snapshot,
                    series=series,
                ),
            )
        return [data]


def mark_keepable(response: Response) -> Response:
    """After the full stack answered a plain read of a family page: say it may be kept, and from
    which copy of the board it was built."""
    slot = request.environ.get(SLOT_KEY)
    rule = request.url_rule
    tenant = g.get("tenant")
    if (
        slot is None
        or rule is None
        or rule.endpoint != ENDPOINT
        or tenant is None
        or g.get("actor") is not None
        or response.status_code not in KEPT_STATUSES
        or response.direct_passthrough
        # Made from the page cache by the view, not by an error handler on the way.
        or response.headers.get("ETag") != f'"{g.get("cached_page_etag")}"'
    ):
        return response
    snapshot = fresh_copy(tenant.slug)
    if snapshot is None or snapshot[0] is not tenant:
        return response  # read afresh from the database: nothing says when it goes stale
    slot["keep"] = (
        snapshot,
        tenant.slug,
        metrics.request_series(rule.rule, tenant.slug, response.status_code),
    )
    return response


def init_app(app: Flask) -> None:
    """Wrap Flask's own WSGI callable: call before any other layer is put around it."""
    app.wsgi_app = FamilyPageFastPath(app.wsgi_app)  # type: ignore[method-assign]
    app.after_request(mark_keepable)
