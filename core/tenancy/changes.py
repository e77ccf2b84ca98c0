"""Each board's records version: raised by every transaction that changes the board's records, as
its last statement before the commit, so that it commits (or rolls back) with the change itself.

A page worked out from a board's records (the review dashboard) may be kept under the version it
was worked out at (`Tenant.records_version`, read with the board): a change commits a new version
with it, and a page kept under the old one is never shown again. The version is read before the
records a page is made from, so a page is only ever kept under a version as old as its records or
older.

What counts as a change: any row of a tenant-owned table written or deleted through the session
(and the board's own row), unless its model says it never shows on a staff page (`QUIET`: a
token's last use, a mail waiting to go, a plugin's failure); and any bulk UPDATE or DELETE of a
tenant-owned table (for the board in scope, or for every board when scoping is lifted). The
counter's row is locked only by this last statement of a transaction, so it cannot deadlock with
anything else the transaction does; two boards' counters are raised in the order of their ids.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session

from core.db import TenantOwned
from core.tenancy.models import BoardVersion, Tenant

CHANGED = "boards_changed"  # session.info: ids of the boards changed in this transaction
EVERY_BOARD = "every_board_changed"  # session.info: a bulk change across boards


def quiet(model: type) -> type:
    """Mark a tenant-owned model whose rows no staff page shows (a token's last use, a mail
    waiting to go): writing them leaves the board's records version as it is."""
    model.quiet_for_pages = True  # type: ignore[attr-defined]
    return model


def _counts(obj: object) -> int | None:
    """The board whose records `obj` is one of, if writing it is a change to them."""
    if isinstance(obj, Tenant):
        return obj.id
    if isinstance(obj, TenantOwned) and not getattr(type(obj), "quiet_for_pages", False):
        return obj.tenant_id
    return None


def _note_changes(session: Session, _context: Any) -> None:
    changed = session.info.setdefault(CHANGED, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        board = _counts(obj)
        if board is not None:
            changed.add(board)


def _note_bulk_changes(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    if not any(m is not None and issubclass(m.class_, TenantOwned) for m in state.all_mappers):
        return
    session = state.session
    board = session.info.get("tenant_id")
    if session.info.get("all_tenants") or board is None:
        session.info[EVERY_BOARD] = True
    else:
        session.info.setdefault(CHANGED, set()).add(board)


def _raise_versions(session: Session) -> None:
    session.flush()  # what the commit would flush is a change too
    boards = session.info.pop(CHANGED, set())
    every = session.info.pop(EVERY_BOARD, False)
    if not (boards or every):
        return
    # Boards that still exist (one deleted in this transaction has no counter to raise), in
    # the order of their ids; a board without a counter yet gets one.
    which = Tenant.id.is_not(None) if every else Tenant.id.in_(sorted(boards))
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(BoardVersion).from_select(
        ["tenant_id", "version"], select(Tenant.id, literal(1)).where(which).order_by(Tenant.id)
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[BoardVersion.tenant_id], set_={"version": BoardVersion.version + 1}
        )
    )


def _forget(session: Session) -> None:
    session.info.pop(CHANGED, None)
    session.info.pop(EVERY_BOARD, None)


_LISTENERS = (
    ("after_flush", _note_changes),
    ("do_orm_execute", _note_bulk_changes),
    ("before_commit", _raise_versions),
    ("after_rollback", _forget),
)


def listen() -> None:
    """Count changes on every session from now on (once, however many apps are made)."""
    for name, listener in _LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
