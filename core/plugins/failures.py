"""Plugin failures, recorded in the database so that every worker and the board admin's trace see
the same thing: the newest `KEEP` per board.

A failure is noted in memory while the request (or command) runs and written when its application
context ends, in a session of its own, after the request's own session has closed — so recording
never waits on, or is lost with, the request's transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Flask, g, has_app_context
from sqlalchemy import delete, select

from core import db
from core.plugins.models import PluginFailure

log = logging.getLogger(__name__)
KEEP = 200


@dataclass(frozen=True)
class Noted:
    tenant_id: int
    plugin: str
    hook: str
    error: str


def note(tenant_id: int | None, plugin: str, hook: str, error: str) -> None:
    """Remember a failure for writing when the application context ends."""
    if tenant_id is None or not has_app_context():
        return
    g.setdefault("plugin_failures", []).append(Noted(tenant_id, plugin, hook, error[:500]))


def write_noted(_exc: BaseException | None = None) -> None:
    """Teardown: write what was noted, keeping the newest `KEEP` failures of each board."""
    noted: list[Noted] = g.pop("plugin_failures", [])
    if not noted:
        return
    db.close_session()
    session = db.get_database().new_session()
    try:
        for tenant_id in sorted({n.tenant_id for n in noted}):
            db.set_tenant_scope(session, tenant_id)
            session.add_all(
                PluginFailure(tenant_id=tenant_id, plugin=n.plugin, hook=n.hook, error=n.error)
                for n in noted
                if n.tenant_id == tenant_id
            )
            session.flush()
            newest = (
                select(PluginFailure.id)
                .where(PluginFailure.tenant_id == tenant_id)
                .order_by(PluginFailure.id.desc())
                .limit(KEEP)
            )
            session.execute(
                delete(PluginFailure).where(
                    PluginFailure.tenant_id == tenant_id, PluginFailure.id.not_in(newest)
                )
            )
            session.commit()
    except Exception:
        session.rollback()
        log.exception("could not record %d plugin failures", len(noted))
    finally:
        session.close()


def recent(limit: int = 50) -> list[PluginFailure]:
    """The board in scope's newest failures, newest first."""
    return list(
        db.session.scalars(
            select(PluginFailure).order_by(PluginFailure.id.desc()).limit(min(limit, KEEP))
        )
    )


def init_app(app: Flask) -> None:
    app.teardown_appcontext(write_noted)
