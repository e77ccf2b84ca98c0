"""Each board's records version: raised by every transaction that changes the board's records, as
its last statement before the commit, so that it commits (or rolls back) with the change itself.

A page worked out from a board's records (the review dashboard) may be kept under the version it
was worked out at (`Tenant.records_version`, read with the board): a change commits a new version
with it, and a page kept under the old one is never shown again. The version is read before the
records a page is made from, so a page is only ever kept under a version as old as its records or
older.

What counts as a change: any row of a tenant-owned table written or deleted through the session
(and the board's own row), unless its model says no staff page shows it (`quiet`: a token's last
use, a mail waiting to go, a plugin's failure); and any bulk INSERT, UPDATE or DELETE through the
session on a tenant-owned table that touched a row (for the board in scope, or for every board
when scoping is lifted). A savepoint's commit or rollback is not the transaction's: the counter
is raised at the outermost commit only, and a savepoint rolled back leaves what the transaction
had changed before it noted. SQL run outside the session (by hand, in a data migration) is not
seen: kept pages also expire after a while (see the dashboard).

The counter's row is locked only by this last statement of a transaction, so it cannot deadlock
with anything else the transaction does; two boards' counters are raised in the order of their ids.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import event, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Result
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from core.db import Base, TenantOwned
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


@lru_cache(maxsize=1)
def _counted_tables() -> frozenset[str]:
    """The tables whose rows are a board's records: every tenant-owned model's but the quiet ones'.
    Worked out on the first bulk statement, when every model is defined."""
    return frozenset(
        mapper.local_table.name  # type: ignore[attr-defined]
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, TenantOwned)
        and not getattr(mapper.class_, "quiet_for_pages", False)
    )


def _note_changes(session: Session, _context: Any) -> None:
    changed = session.info.setdefault(CHANGED, set())
    for obj in (*session.new, *session.deleted):
        board = _counts(obj)
        if board is not None:
            changed.add(board)
    for obj in session.dirty:  # (a new set at each reading: read once)
        if session.is_modified(obj, include_collections=False):
            board = _counts(obj)
            if board is not None:
                changed.add(board)


def _note_bulk_changes(state: ORMExecuteState) -> Result[Any] | None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    target = getattr(state.statement, "table", None)
    if getattr(target, "name", None) not in _counted_tables():
        return None
    result = state.invoke_statement()
    if getattr(result, "rowcount", 1):  # a purge that found nothing to delete changed nothing
        session = state.session
        board = session.info.get("tenant_id")
        if session.info.get("all_tenants") or board is None:
            session.info[EVERY_BOARD] = True
        else:
            session.info.setdefault(CHANGED, set()).add(board)
    return result


def _raise_versions(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: the transaction's own commit raises the versions
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


def _forget(session: Session, previous: SessionTransaction) -> None:
    if not previous.nested:  # a savepoint rolled back leaves the transaction's other changes
        session.info.pop(CHANGED, None)
        session.info.pop(EVERY_BOARD, None)


_LISTENERS = (
    ("after_flush", _note_changes),
    ("do_orm_execute", _note_bulk_changes),
    ("before_commit", _raise_versions),
    ("after_soft_rollback", _forget),
)


def listen() -> None:
    """Count changes on every session from now on (once, however many apps are made)."""
    for name, listener in _LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
