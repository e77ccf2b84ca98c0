"""Every query for tenant-owned rows is scoped by one mechanism; PostgreSQL enforces it again."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from core import db
from core.auth.models import Membership
from core.testing import APP_ROLE, ensure_app_role, make_test_app, need


def test_orm_queries_see_only_the_scoped_boards_rows(app, make_tenant, make_user):
    a, b = make_tenant("board-a"), make_tenant("board-b")
    make_user("one@a.example", a)
    make_user("two@b.example", b)
    make_user("three@b.example", b, "reviewer")
    with app.app_context():
        db.set_tenant_scope(db.session, a.id)
        # A query that "forgets" the tenant still sees only board A's rows.
        rows = db.session.scalars(select(Membership)).all()
        assert {m.tenant_id for m in rows} == {a.id}
        db.set_tenant_scope(db.session, b.id)
        assert len(db.session.scalars(select(Membership)).all()) == 2


def test_a_statement_built_once_is_scoped_once_a_board_and_each_time_to_its_board(
    app, make_tenant, make_user
):
    a, b = make_tenant("board-a"), make_tenant("board-b")
    make_user("one@a.example", a)
    make_user("two@b.example", b)
    make_user("three@b.example", b, "reviewer")
    built_once = select(Membership.tenant_id, Membership.role).order_by(Membership.role)
    with app.app_context():
        for _ in range(2):  # the same statement, run again for each board in turn
            for board, roles in ((a, ["board_admin"]), (b, ["board_admin", "reviewer"])):
                db.set_tenant_scope(db.session, board.id)
                rows = db.session.execute(built_once).all()
                assert rows == [(board.id, role) for role in roles]
        # Each board's criteria were added to it once, and are kept while the statement lives.
        scoped = db._scoped[built_once]
        assert set(scoped) == {a.id, b.id}
        assert db._with_board_criteria(built_once, a.id) is scoped[a.id]
        made_for_one_request = select(Membership.id)
        db.session.execute(made_for_one_request).all()
        assert made_for_one_request in db._scoped
        kept = len(db._scoped)
        del made_for_one_request
        assert len(db._scoped) == kept - 1  # forgotten with the statement


def test_querying_tenant_rows_with_no_tenant_in_scope_is_refused(app):
    with app.app_context(), pytest.raises(db.TenantScopeError):
        db.session.scalars(select(Membership)).all()


def test_writing_a_row_for_another_board_is_refused(app, make_tenant, make_user):
    a, b = make_tenant("board-a"), make_tenant("board-b")
    user = make_user("one@a.example", a)
    with app.app_context():
        db.set_tenant_scope(db.session, a.id)
        db.session.add(Membership(tenant_id=b.id, user_id=user.id, role="reviewer"))
        with pytest.raises(db.TenantScopeError):
            db.session.flush()
        db.session.rollback()


def test_new_rows_take_the_scoped_board(app, make_tenant, make_user):
    a = make_tenant("board-a")
    user = make_user("one@a.example", make_tenant("board-b"))
    with app.app_context():
        db.set_tenant_scope(db.session, a.id)
        membership = Membership(user_id=user.id, role="reviewer")
        db.session.add(membership)
        db.session.flush()
        assert membership.tenant_id == a.id
        db.session.rollback()


# -- PostgreSQL row-level security, proven as a role without BYPASSRLS -------------------------------


@pytest.fixture(scope="module")
def rls_app(tmp_path_factory):
    """A fresh PostgreSQL database, migrated by its owner, used by the restricted app role."""
    from core.testing import _migrate

    base = (
        os.environ.get("CANDOUR_TEST_DATABASE_URL")
        or "postgresql+psycopg://root@127.0.0.1:5432/test"
    )
    url = make_url(base)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"candour_rls_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            ensure_app_role(conn)
    except Exception as exc:
        need(False, f"PostgreSQL is not reachable for the row-level security proof: {exc}")
    owner_url = url.set(database=name)
    _migrate(owner_url.render_as_string(hide_password=False))
    app = make_test_app(owner_url.set(username=APP_ROLE).render_as_string(hide_password=False))
    yield app
    db.get_database(app).engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_row_level_security_hides_other_boards_rows_from_raw_sql(rls_app):
    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.platform.provisioning import create_tenant

    with rls_app.app_context():
        role = db.session.execute(
            text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        ).one()
        assert tuple(role) == (False, False), "the proof must run as a restricted role"
        with db.all_tenants():
            a = create_tenant("rls-a", "RLS A")
            b = create_tenant("rls-b", "RLS B")
        for tenant, email in ((a, "a@rls.example"), (b, "b@rls.example"), (b, "c@rls.example")):
            user, _ = get_or_create_user(email, "a long enough password")
            with db.tenant_scope(tenant.id):
                grant_role(tenant, user, "reviewer")
        db.session.commit()

        # Raw SQL bypasses the ORM's scoping entirely: only row-level security stands in the way.
        with db.tenant_scope(a.id):
            seen = db.session.execute(text("SELECT tenant_id FROM memberships")).scalars().all()
        assert set(seen) == {a.id}
        with db.tenant_scope(b.id):
            seen = db.session.execute(text("SELECT tenant_id FROM memberships")).scalars().all()
        assert sorted(seen) == [b.id, b.id]
        # No board in scope: nothing at all.
        db.set_tenant_scope(db.session, None)
        assert db.session.execute(text("SELECT count(*) FROM memberships")).scalar() == 0
        # Writing a row for another board is refused by the database itself.
        db.set_tenant_scope(db.session, a.id)
        with pytest.raises(Exception, match="row-level security"):
            db.session.execute(
                text(
                    "INSERT INTO memberships (tenant_id, user_id, role, active, created_at) "
                    "SELECT :t, id, 'reviewer', true, now() FROM users LIMIT 1"
                ),
                {"t": b.id},
            )
        db.session.rollback()
        tables = (
            db.session.execute(
                text("SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity")
            )
            .scalars()
            .all()
        )
        assert {
            "memberships",
            "api_tokens",
            "plugin_settings",
            "text_overrides",
            "contact_requests",
            "audit_events",
        } <= set(tables)


def test_the_audit_log_cannot_be_changed_in_postgresql(rls_app):
    with rls_app.app_context(), db.all_tenants():
        db.session.execute(
            text(
                "INSERT INTO audit_events (action, target, details, actor_email, client_address, created_at) VALUES ('test.event', '', '{}', '', '', now())"
            )
        )
        with pytest.raises(Exception, match="append-only"):
            db.session.execute(text("UPDATE audit_events SET action = 'changed'"))
        db.session.rollback()
