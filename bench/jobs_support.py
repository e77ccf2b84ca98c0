"""What the background-work benchmarks share: an application on a fresh PostgreSQL database, the
demo boards loaded, and a way to render a board's formats the way the worker does (for a chosen set
of locales, so a run on a shared machine stays short)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench.harness import candour, drop_database, fresh_database

KEY = "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA="


@contextmanager
def bench_environment() -> Iterator[dict[str, str]]:
    """A fresh database and instance folder, migrated, with tenants/ loaded; removed afterwards."""
    name, url = fresh_database()
    instance = tempfile.mkdtemp(prefix="bench-jobs-")
    env = {
        "CANDOUR_ENV": "production",
        "CANDOUR_SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "CANDOUR_ENCRYPTION_KEYS": KEY,
        "CANDOUR_DATABASE_URL": url,
        "CANDOUR_INSTANCE_PATH": instance,
        "CANDOUR_STORAGE_PATH": os.path.join(instance, "storage"),
        "CANDOUR_LOG_LEVEL": "WARNING",
    }
    try:
        candour(env, "db", "upgrade")
        candour(env, "tenants", "load")
        yield env
    finally:
        drop_database(name)
        shutil.rmtree(instance, ignore_errors=True)


def make_app(env: dict[str, str], **overrides: Any) -> Any:
    os.environ.update(env)
    from core import create_app

    return create_app(overrides)


def render_locales(tenant: Any, locales: list[str]) -> int:
    """What `formats.render_board` does, for `locales` only (in the board's scope)."""
    from core import db
    from core.formats import prerender, service

    count = 0
    for locale in locales:
        if locale not in tenant.locales:
            continue
        for item in service.offered(tenant, locale):
            try:
                stored = service.render(tenant, locale, item)
            except service.RenderFailed:
                continue
            finally:
                db.session.commit()
            prerender._remember(tenant, locale, item, stored)
            count += 1
    return count
