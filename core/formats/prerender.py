"""Formats rendered ahead of need. When anything a family would see changes (the board's content
version), the worker renders every format the board offers in every locale it offers; until the
new file is ready, downloads get the previous one. A pointer per board, locale and format (in the
board's storage) names the newest complete render."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from flask import Flask, current_app
from huey import crontab
from sqlalchemy import event, select
from sqlalchemy.orm import object_session

from core import caches, db
from core.formats import service
from core.jobs import enqueue, job
from core.jobs.queueing import BULK, after_commit
from core.plugin_api import StorageError, StoredObject
from core.storage import storage_for
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)


def _pointer(locale: str, key: str) -> str:
    return f"formats/{locale}/{key}/latest.json"


def _remember(tenant: Tenant, locale: str, item: service.Offered, stored: StoredObject) -> None:
    body = json.dumps({"key": stored.key, "version": tenant.content_version}).encode()
    storage_for(tenant).put(_pointer(locale, item.format.key), body, "application/json")


# Which board versions this process has already asked the worker to render, and when: a family's
# download must not write to the queue each time while the render is on its way.
_asked: caches.BoundedCache[tuple[int, int], float] = caches.BoundedCache(10_000)
ASK_AGAIN_AFTER = 600.0  # seconds: the job may have been lost with a worker


def _ask_for_render(tenant: Tenant) -> None:
    key = (tenant.id, tenant.content_version)
    asked = _asked.get(key)
    if asked is not None and time.monotonic() - asked < ASK_AGAIN_AFTER:
        return
    _asked.put(key, time.monotonic())
    try:
        enqueue("formats.render_board", tenant.id)
    except Exception as exc:  # the queue is down: the nightly run renders it
        log.warning("could not queue a render for %s: %s", tenant.slug, exc)


def current_or_previous(tenant: Tenant, locale: str, item: service.Offered) -> StoredObject | None:
    """The render for today's content if it is ready, else the newest earlier one (None if the
    format was never rendered). A missing current render is queued for the worker."""
    found = service.cached(tenant, locale, item)
    if found is not None:
        return found
    store = storage_for(tenant)
    previous: StoredObject | None = None
    try:
        pointer = json.loads(store.get(_pointer(locale, item.format.key)))
        previous = store.stat(str(pointer["key"]))
    except (StorageError, ValueError, KeyError, TypeError):
        previous = None
    if previous is not None:
        _ask_for_render(tenant)
    return previous


def render_board(tenant: Tenant) -> int:
    """Render every offered format in every offered locale (already-rendered ones cost a stat)."""
    from core.board.services import offered_locale_codes

    count = 0
    for locale in offered_locale_codes(tenant):
        for item in service.offered(tenant, locale):
            count += _render(tenant, locale, item)
    return count


def _render(tenant: Tenant, locale: str, item: service.Offered) -> bool:
    """Render one format (a stat if it exists) and point to it; False if the plugin failed."""
    try:
        stored = service.render(tenant, locale, item)
    except service.RenderFailed:
        return False  # logged against the plugin; the family is told how to ask for it
    finally:
        db.session.commit()  # no transaction stays open across a render
    _remember(tenant, locale, item, stored)
    return True


def _active_board(tenant_id: int) -> Tenant | None:
    """The board, read across boards, while it is active (a job for one closed since does nothing)."""
    with db.all_tenants():
        tenant = db.session.get(Tenant, tenant_id)
    db.session.commit()
    return tenant if tenant is not None and tenant.status == "active" else None


@job("formats.render_board", retries=3, retry_delay=60, timeout=600, priority=BULK)
def render_board_job(tenant_id: int) -> None:
    """Queue one render job per offered format and locale, so that no job holds a worker for long:
    a message queued meanwhile waits for one format's render at most, not for the whole board's."""
    tenant = _active_board(tenant_id)
    if tenant is None:
        return
    from core.board.services import offered_locale_codes

    with db.tenant_scope(tenant.id):
        wanted = [
            (locale, item.format.key)
            for locale in offered_locale_codes(tenant)
            for item in service.offered(tenant, locale)
        ]
    db.session.commit()
    for locale, key in wanted:
        enqueue("formats.render_one", tenant_id, locale, key)


@job("formats.render_one", retries=3, retry_delay=60, timeout=600, priority=BULK)
def render_one_job(tenant_id: int, locale: str, format_key: str) -> None:
    """Render one format in one locale for the board's current content (a stat if it exists)."""
    tenant = _active_board(tenant_id)
    if tenant is None:
        return
    with db.tenant_scope(tenant.id):
        item = next(
            (i for i in service.offered(tenant, locale) if i.format.key == format_key), None
        )
        if item is not None:  # else no longer offered since the job was queued
            _render(tenant, locale, item)


@job("formats.render_all", schedule=crontab(minute="40", hour="1"), timeout=600)
def render_all() -> None:
    """Nightly: make sure every board's formats are rendered (after a plugin upgrade, say)."""
    with db.all_tenants():
        ids = list(db.session.scalars(select(Tenant.id).where(Tenant.status == "active")))
    for tenant_id in ids:
        enqueue("formats.render_board", tenant_id)


def _content_changed(target: Tenant, value: Any, old: Any, _initiator: Any) -> None:
    if old == value or target.id is None or not current_app.config.get("RENDER_AHEAD", True):
        return
    session = object_session(target)
    if session is not None:
        after_commit("formats.render_board", target.id, session=session)


def init_app(app: Flask) -> None:
    if not event.contains(Tenant.content_version, "set", _content_changed):
        event.listen(Tenant.content_version, "set", _content_changed)
