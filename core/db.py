"""The data layer: declarative base, column types, one session per app context, and tenant scoping.

Every query for tenant-owned rows is scoped here, once: the ORM adds `tenant_id = <current tenant>` to
every SELECT of a `TenantOwned` model, and on PostgreSQL row-level security enforces the same rule a
second time from `app.tenant_id`, set at the start of every transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sqlite3
import weakref
from collections.abc import Iterator
from typing import Annotated, Any, TypeVar

from flask import Flask, current_app, g
from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    create_engine,
    event,
    select,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    ORMExecuteState,
    Session,
    mapped_column,
    sessionmaker,
    with_loader_criteria,
)
from sqlalchemy.pool import StaticPool
from werkzeug.local import LocalProxy

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(DateTime):
    """Timezone-aware UTC datetimes on both SQLite (which forgets the zone) and PostgreSQL."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        parent = super().result_processor(dialect, coltype)

        def process(value: Any) -> Any:
            if parent is not None:
                value = parent(value)
            if isinstance(value, dt.datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=dt.UTC)
            return value

        return process


intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
created_at = Annotated[dt.datetime, mapped_column(UTCDateTime(), default=utcnow, nullable=False)]
str40 = Annotated[str, mapped_column(String(40))]
str200 = Annotated[str, mapped_column(String(200))]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON, list[str]: JSON}


class TenantOwned:
    """Mixin for every row that belongs to one board. Queries are scoped to the current tenant."""

    tenant_id: Mapped[int] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True, nullable=False
    )


class TenantRecord(TenantOwned):
    """Mixin for a tenant-owned row with its own integer id and the time it was created."""

    id: Mapped[intpk] = mapped_column(sort_order=-1)
    created_at: Mapped[created_at]


class TenantScopeError(RuntimeError):
    """A tenant-owned table was queried or written with no tenant in scope."""


# ---------------------------------------------------------------------------------------------------
# Engine and sessions
# ---------------------------------------------------------------------------------------------------


# On SQLite a writer waits this long for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_S = 30


def make_engine(url: str, *, must_exist: bool = False) -> Engine:
    """The engine for `url`. With `must_exist`, a SQLite file that is not there is an outage (the
    file was moved or its disk is not mounted), not a new empty database to answer from."""
    # A failing statement's message (logged, shown in a traceback) carries the SQL, never the values
    # bound to it: those are a family's message, a child's identifier, a password hash.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        if in_memory:
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        _make_sqlite_transactional(engine, wal=not in_memory)
        if must_exist and not in_memory:
            _refuse_a_missing_file(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, **kwargs)


def _make_sqlite_transactional(engine: Engine, *, wal: bool) -> None:
    """SQLite as the embedded default, with several processes writing at once.

    SQLAlchemy, not the sqlite3 module, opens transactions, so SAVEPOINTs work. Write-ahead logging
    lets readers go on while one writer writes. Every transaction starts with BEGIN IMMEDIATE: it
    takes the write lock at the start, waiting up to the busy timeout for it, instead of failing
    with "database is locked" when a transaction that has read tries to write after another
    process committed. So transactions must be short: slow work happens outside them (see
    `release_transaction`).
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A test's outer transaction, which only ever holds savepoints, may ask to be deferred.
        conn.exec_driver_sql(
            f"BEGIN {conn.get_execution_options().get('sqlite_begin', 'IMMEDIATE')}"
        )


def _refuse_a_missing_file(engine: Engine) -> None:
    path = engine.url.database or ""

    @event.listens_for(engine, "do_connect")
    def _open_only_what_is_there(*_args: Any) -> None:
        if not os.path.exists(path):
            # What sqlite3 raises for a file it cannot open, so it is answered as an outage.
            raise sqlite3.OperationalError("unable to open database file")


class Database:
    """The engine and session factory of one application."""

    def __init__(self, url: str, *, must_exist: bool = False) -> None:
        self.engine = make_engine(url, must_exist=must_exist)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self.factory = sessionmaker(bind=self.engine, expire_on_commit=False)

    def bind_to(self, connection: Any) -> None:
        """Tests: run every session inside an outer transaction that is rolled back afterwards."""
        self.factory = sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )

    def new_session(self) -> Session:
        session = self.factory()
        session.info["is_postgres"] = self.is_postgres
        return session


def init_app(app: Flask) -> None:
    app.extensions["candour.db"] = Database(
        app.config["DATABASE_URL"], must_exist=bool(app.config.get("DATABASE_MUST_EXIST"))
    )
    app.teardown_appcontext(_close_session)


def get_database(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["candour.db"]


def _get_session() -> Session:
    if "db_session" not in g:
        g.db_session = get_database().new_session()
        if "tenant_scope" in g:  # a board resolved before any query needed the session
            g.db_session.info["tenant_id"] = g.tenant_scope
    return g.db_session


def scope_request(tenant_id: int) -> None:
    """Scope this request's session to a board, without opening one if no query follows."""
    g.tenant_scope = tenant_id
    if "db_session" in g:
        set_tenant_scope(g.db_session, tenant_id)


def close_session() -> None:
    """Close this context's session now (work after a request's own, in a session of its own)."""
    _close_session(None)


def _close_session(_exc: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()


session: Session = LocalProxy(_get_session)  # type: ignore[assignment]
"""The current app context's session. Views never build queries on another."""

Row = TypeVar("Row")


def rows(model: type[Row], *where: Any, order_by: tuple[Any, ...] = ()) -> list[Row]:
    """Every row of `model` that meets the `where` conditions, in `order_by` order."""
    return list(session.scalars(select(model).where(*where).order_by(*order_by)))


def release_transaction() -> None:
    """End the current transaction before slow work (text extraction, rendering, storage calls),
    so that no database lock is held across it; the next query opens a fresh, short transaction.
    Objects already loaded stay usable (sessions do not expire them on commit).

    Call it only before a change's first write: what the request has written until then (its
    audit of the read, a token's last use) is complete on its own and is committed here.
    """
    db_session: Session | None = g.get("db_session")
    if db_session is not None and db_session.in_transaction():
        db_session.commit()


# ---------------------------------------------------------------------------------------------------
# Tenant scoping: the one mechanism every tenant query goes through
# ---------------------------------------------------------------------------------------------------


def set_tenant_scope(db_session: Session, tenant_id: int | None) -> None:
    """Scope `db_session` to one tenant (or to none). Applies at once, mid-transaction too."""
    db_session.info["tenant_id"] = tenant_id
    db_session.info["all_tenants"] = False
    _apply_rls_settings(db_session)


def lift_tenant_scope(db_session: Session | None = None) -> None:
    """For the rest of this session (one request of the operator's console): no board scoping."""
    s = db_session if db_session is not None else _get_session()
    s.flush()
    s.info["all_tenants"] = True
    _apply_rls_settings(s)


def all_tenants(db_session: Session | None = None) -> contextlib.AbstractContextManager[Session]:
    """Platform work across boards (the operator, the CLI, scheduled jobs): scoping lifted, explicitly."""
    s = db_session if db_session is not None else _get_session()
    return _scoped_for_a_while(s, all_tenants=True)


def tenant_scope(
    tenant_id: int, db_session: Session | None = None
) -> contextlib.AbstractContextManager[Session]:
    """Work as one tenant for a while (the CLI loading a board), then restore the previous scope."""
    s = db_session if db_session is not None else _get_session()
    return _scoped_for_a_while(s, tenant_id=tenant_id, all_tenants=False)


@contextlib.contextmanager
def _scoped_for_a_while(s: Session, **scope: Any) -> Iterator[Session]:
    """Give `s` the `scope` (its `tenant_id` and `all_tenants`) for a while, then restore the
    previous one. Pending rows are written under the scope they were made in: flush on the way in
    and out."""
    before = (s.info.get("tenant_id"), s.info.get("all_tenants", False))
    s.flush()
    s.info.update(scope)
    _apply_rls_settings(s)
    try:
        yield s
        s.flush()
    finally:
        s.info["tenant_id"], s.info["all_tenants"] = before
        _apply_rls_settings(s)


def _rls_values(db_session: Session) -> dict[str, str]:
    tenant_id = db_session.info.get("tenant_id")
    return {
        "tenant": "" if tenant_id is None else str(tenant_id),
        "all": "on" if db_session.info.get("all_tenants") else "off",
    }


# Sent as the driver's own SQL (psycopg's parameter style): a request sets it two to four times,
# and it needs none of the ORM's or the compiler's work, only the connection's (errors, events).
_SET_RLS = (
    "SELECT set_config('app.tenant_id', %(tenant)s, true), "
    "set_config('app.all_tenants', %(all)s, true)"
)


def _apply_rls_settings(db_session: Session) -> None:
    if db_session.info.get("is_postgres") and db_session.in_transaction():
        db_session.connection().exec_driver_sql(_SET_RLS, _rls_values(db_session))


@event.listens_for(Session, "after_begin")
def _set_rls_on_begin(db_session: Session, _transaction: Any, connection: Any) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_SET_RLS, _rls_values(db_session))


@event.listens_for(Session, "do_orm_execute")
def _scope_tenant_queries(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.session.info.get("all_tenants"):
        return
    tenant_id = state.session.info.get("tenant_id")
    if tenant_id is None:
        if any(issubclass(m.class_, TenantOwned) for m in state.all_mappers if m is not None):
            raise TenantScopeError("a tenant-owned table was queried with no tenant in scope")
        return
    # With a board in scope every statement takes its criteria, which bind wherever the statement
    # reads or changes a tenant-owned table (subqueries and aliases too) and nowhere else: working
    # out first whether it touches one (its mappers) cost more than the criteria themselves.
    state.statement = _with_board_criteria(state.statement, tenant_id)


# A statement built once and run by many requests (a list's page) is given each board's criteria
# once: the statement with them is kept while the statement lives, and keeps its cache key, which
# a statement made anew at each execution works out anew (for a list's page, as long as the
# compiling it saves). A statement made for one request is forgotten with it.
_scoped: weakref.WeakKeyDictionary[Any, dict[int, Any]] = weakref.WeakKeyDictionary()


def _with_board_criteria(statement: Any, tenant_id: int) -> Any:
    try:
        boards = _scoped[statement]
    except KeyError:
        boards = _scoped[statement] = {}
    except TypeError:  # a statement that cannot be referred to weakly
        return statement.options(_board_criteria(tenant_id))
    scoped = boards.get(tenant_id)
    if scoped is None:
        if len(boards) >= 64:
            boards.clear()
        scoped = boards[tenant_id] = statement.options(_board_criteria(tenant_id))
    return scoped


@functools.lru_cache(maxsize=1024)
def _board_criteria(tenant_id: int) -> Any:
    """`tenant_id = <the board>` for every tenant-owned entity of a statement (one option a board,
    made once: the criteria are the same for every statement)."""
    return with_loader_criteria(
        TenantOwned, lambda cls: cls.tenant_id == tenant_id, include_aliases=True
    )


@event.listens_for(Session, "before_flush")
def _stamp_tenant_on_new_rows(db_session: Session, _ctx: Any, _instances: Any) -> None:
    tenant_id = db_session.info.get("tenant_id")
    everywhere = db_session.info.get("all_tenants")
    for obj in list(db_session.new) + list(db_session.dirty):
        if not isinstance(obj, TenantOwned):
            continue
        if obj.tenant_id is None:
            if tenant_id is None:
                raise TenantScopeError(f"{type(obj).__name__} written with no tenant in scope")
            obj.tenant_id = tenant_id
        elif not everywhere and obj.tenant_id != tenant_id:
            raise TenantScopeError(f"{type(obj).__name__} belongs to another tenant")
