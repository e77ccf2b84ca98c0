"""Which formats a board offers in a locale, and rendering them once into the board's storage.

A render is cached under a key made of everything a reader would see (the document, the branding,
the board's details and the plugin's version), so a second request is a file read and any change of
text or branding makes a new version. Concurrent first requests render once: a lock per cache key,
held in Redis when configured (across workers and machines), else in a file lock on this machine.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from core import caches, db
from core.board.services import branding_for, leaflet, tenant_view
from core.i18n import catalogs
from core.metrics import FORMAT_RENDERS
from core.plugin_api import Format, RenderContext, StorageError, StoredObject
from core.plugins import get_host, tenant_plugins
from core.storage import storage_for
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Offered:
    plugin: str
    format: Format


class RenderFailed(RuntimeError):
    """A format plugin could not render; logged against the plugin."""


_availability: dict[str, str | None] = {}
_availability_lock = threading.Lock()


def unavailable_reason(key: str, fmt: Format) -> str | None:
    """Why a format cannot run on this machine (a missing binary), checked once per process."""
    if key not in _availability:
        try:
            reason = fmt.available()
        except Exception as exc:
            reason = f"availability check failed: {exc}"
        with _availability_lock:
            _availability[key] = reason
        if reason:
            log.warning("format %s is not offered: %s", key, reason)
    return _availability[key]


def offered(tenant: Tenant, locale: str) -> list[Offered]:
    """Formats enabled for the board that can serve `locale` and can run here, in platform order."""
    result = []
    plugins = tenant_plugins(tenant)
    view = tenant_view(tenant, locale)
    gettext = catalogs().translator(tenant, locale, plugins.enabled).gettext
    for plugin, fmt in plugins.formats():
        if not fmt.offered_in(view, locale, gettext):
            continue
        if unavailable_reason(fmt.key, fmt):
            continue
        result.append(Offered(plugin, fmt))
    return result


def find(tenant: Tenant, locale: str, key: str) -> Offered | None:
    return next((o for o in offered(tenant, locale) if o.format.key == key), None)


def render_context(tenant: Tenant, locale: str, plugin: str) -> RenderContext:
    branding = branding_for(tenant, locale)
    logo, logo_type = _logo(tenant) if branding.logo_url else (b"", "")
    return RenderContext(
        branding=branding,
        tenant=tenant_view(tenant, locale),
        settings=tenant_plugins(tenant).settings.get(plugin, {}),
        logo=logo,
        logo_media_type=logo_type,
        gettext=catalogs().translator(tenant, locale, tenant_plugins(tenant).enabled).gettext,
    )


LOGO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


def _logo(tenant: Tenant) -> tuple[bytes, str]:
    """The board's uploaded logo and its media type, or nothing if it cannot be read."""
    key = tenant.logo_key or ""
    media_type = LOGO_TYPES.get(key.rsplit(".", 1)[-1].lower(), "")
    if not media_type:
        return b"", ""
    try:
        return storage_for(tenant).get(key), media_type
    except StorageError as exc:
        log.warning("the logo of %s could not be read for a format: %s", tenant.slug, exc)
        return b"", ""


_keys: caches.BoundedCache[tuple[object, ...], str] = caches.BoundedCache(50_000)
_stored: caches.BoundedCache[str, StoredObject] = caches.BoundedCache(50_000)


def cache_key(tenant: Tenant, locale: str, item: Offered) -> str:
    """The storage key of this render; memoised per board, content version, locale and format."""
    memo = (tenant.id, tenant.content_version, locale, item.plugin, item.format.key)
    return _keys.get_or_build(memo, lambda: _cache_key(tenant, locale, item))


def _cache_key(tenant: Tenant, locale: str, item: Offered) -> str:
    document = leaflet(tenant, locale)
    ctx = render_context(tenant, locale, item.plugin)
    info = get_host().info.get(item.plugin)
    fingerprint = json.dumps(
        {
            "document": document.content_hash(),
            "branding": asdict(ctx.branding),
            "tenant": asdict(ctx.tenant),
            "settings": dict(ctx.settings),
            "plugin": [item.plugin, info.version if info else ""],
        },
        sort_keys=True,
        default=str,
    )
    version = hashlib.sha256(fingerprint.encode()).hexdigest()[:20]
    return f"formats/{locale}/{item.format.key}/{version}.{item.format.extension}"


def cached(tenant: Tenant, locale: str, item: Offered) -> StoredObject | None:
    return storage_for(tenant).stat(cache_key(tenant, locale, item))


def render(tenant: Tenant, locale: str, item: Offered) -> StoredObject:
    """The cached render, rendering (once, under a lock) if there is none. Raises RenderFailed."""
    store = storage_for(tenant)
    key = cache_key(tenant, locale, item)
    # Keys name their content, so a render once seen stays valid: remember it per process.
    memo = f"{tenant.slug}:{key}"
    found = _stored.get(memo) or store.stat(key)
    if found is not None:
        return _stored.put(memo, found)
    with _render_lock(f"{tenant.slug}:{key}"):
        found = store.stat(key)
        if found is not None:
            return found
        document = leaflet(tenant, locale)
        context = render_context(tenant, locale, item.plugin)
        db.release_transaction()  # no database lock is held while the format renders
        try:
            data = item.format.render(document, context)
        except Exception as exc:
            FORMAT_RENDERS.labels(item.format.key, "failed").inc()
            get_host().record_failure(item.plugin, "render", tenant.id, tenant.slug, exc)
            raise RenderFailed(f"{item.format.key} could not be rendered") from exc
        if not isinstance(data, bytes | bytearray) or not data:
            problem = TypeError(f"render returned {type(data).__name__}, not bytes")
            get_host().record_failure(item.plugin, "render", tenant.id, tenant.slug, problem)
            raise RenderFailed(f"{item.format.key} returned nothing")
        FORMAT_RENDERS.labels(item.format.key, "rendered").inc()
        return store.put(
            key,
            bytes(data),
            item.format.media_type,
            {"locale": locale, "format": item.format.key, "board": tenant.slug},
        )


def label(item: Offered) -> str:
    from core.i18n import current_translator

    return item.format.label(current_translator().gettext)


def description(item: Offered) -> str:
    from core.i18n import current_translator

    return item.format.description(current_translator().gettext)


@contextlib.contextmanager
def _render_lock(name: str) -> Iterator[None]:
    url = current_app.config.get("REDIS_URL")
    if url:
        import redis

        client: Any = redis.Redis.from_url(url)
        with client.lock(f"candour:render:{name}", timeout=300, blocking_timeout=300):
            yield
        return
    folder = Path(current_app.config["INSTANCE_PATH"]) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha256(name.encode()).hexdigest()[:32] + ".lock")
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
