"""Choose the storage backend from configuration and give each board its own, prefixed store.

Backends are plugins (`register_storage_backends`); the core only picks one by name and builds it,
per board, with the board's prefix, bucket or key where the operator set one.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from urllib.parse import quote

from flask import Flask, Response, current_app, redirect, request, send_file, stream_with_context
from werkzeug.wrappers import Response as BaseResponse

from core import hookspecs
from core.plugin_api import Storage, StorageConfig, StorageError
from core.plugins import get_host


class StorageConfigError(RuntimeError):
    """CANDOUR_STORAGE names a backend no installed plugin provides."""


class Stores:
    """One Storage per board (and one for the platform), built once per process."""

    def __init__(self, app: Flask) -> None:
        self.factories: dict[str, Callable[[StorageConfig], Storage]] = {}
        for plugin, backends in get_host(app).call_each(hookspecs.register_storage_backends):
            for name, factory in backends.items():
                if name in self.factories:
                    raise StorageConfigError(
                        f"storage backend {name!r} is registered twice ({plugin})"
                    )
                self.factories[name] = factory
        self.backend = app.config["STORAGE"] or "local"
        if self.backend not in self.factories:
            known = ", ".join(sorted(self.factories)) or "none"
            raise StorageConfigError(
                f"CANDOUR_STORAGE={self.backend!r} but the installed backends are: {known}"
            )
        self.config = app.config
        self._stores: dict[str, Storage] = {}
        self._lock = threading.Lock()

    def _config(self, prefix: str, overrides: dict[str, str] | None = None) -> StorageConfig:
        c = self.config
        base_prefix = (c.get("S3_PREFIX") or "").strip("/")
        o = overrides or {}
        full_prefix = "/".join(p for p in (o.get("prefix", base_prefix), prefix) if p)
        return StorageConfig(
            backend=o.get("backend") or self.backend,
            path=c.get("STORAGE_PATH") or "",
            bucket=o.get("bucket") or c.get("S3_BUCKET") or "",
            prefix=full_prefix,
            region=c.get("S3_REGION") or "",
            endpoint_url=c.get("S3_ENDPOINT_URL") or "",
            sse=o.get("sse") or c.get("S3_SSE") or "AES256",
            kms_key_id=o.get("kms_key_id") or c.get("S3_KMS_KEY_ID") or "",
        )

    def for_tenant(self, tenant: object) -> Storage:
        slug = str(getattr(tenant, "slug"))  # noqa: B009
        overrides = dict(getattr(tenant, "storage_settings", None) or {})
        key = f"tenant:{slug}:{sorted(overrides.items())}"
        store = self._stores.get(key)
        if store is None:
            config = self._config(f"tenants/{slug}", overrides)
            with self._lock:
                store = self._stores.setdefault(key, self.factories[config.backend](config))
        return store

    def platform(self) -> Storage:
        store = self._stores.get("platform")
        if store is None:
            with self._lock:
                store = self._stores.setdefault(
                    "platform", self.factories[self.backend](self._config("platform"))
                )
        return store


def init_app(app: Flask) -> None:
    stores = Stores(app)
    app.extensions["candour.storage"] = stores
    app.extensions.setdefault("candour.readiness", {})["storage"] = lambda: (
        stores.platform().check()
    )


def stores() -> Stores:
    return current_app.extensions["candour.storage"]


def storage_for(tenant: object) -> Storage:
    """The board's own store (its prefix, bucket or key applied)."""
    return stores().for_tenant(tenant)


def send_stored(
    store: Storage,
    key: str,
    *,
    media_type: str,
    name: str,
    sha256: str,
    size: int,
    max_age: int,
) -> BaseResponse:
    """A stored file as a download named `name`: from disk (conditional, with its hash as the
    ETag), by a short-lived presigned URL, or streamed from the backend."""
    path = store.local_path(key)
    response: BaseResponse
    if path is not None:
        response = send_file(
            path,
            mimetype=media_type,
            as_attachment=True,
            download_name=name,
            etag=sha256 or True,
            conditional=True,
            max_age=max_age,
        )
        # A media type that names its charset is sent as it is (Werkzeug would add a second one).
        response.headers["Content-Type"] = media_type
    else:
        url = store.download_url(key, expires=300, filename=name)
        if url:
            return redirect(url)
        streamed = Response(stream_with_context(store.stream(key)), content_type=media_type)
        streamed.headers["Content-Length"] = str(size)
        streamed.headers["Content-Disposition"] = attachment_disposition(name)
        streamed.set_etag(sha256)
        response = streamed.make_conditional(request)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def attachment_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback name and the name itself (RFC 6266)."""
    stem, _, extension = name.rpartition(".")
    folded = unicodedata.normalize("NFKD", stem or extension).encode("ascii", "ignore").decode()
    fallback = re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-").lower()
    return f"attachment; filename=\"{fallback}.{extension}\"; filename*=UTF-8''{quote(name)}"


__all__ = ["StorageError", "send_stored", "storage_for", "stores"]
