"""On PostgreSQL, every casework table has row-level security, forced, and raw SQL (which the ORM's
scoping never sees) finds only the board in scope's rows. On SQLite there is nothing to prove."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core import db
from core.casework import models as casework_models
from core.db import TenantOwned
from core.testing import need


def _casework_tables() -> set[str]:
    return {
        cls.__tablename__
        for cls in vars(casework_models).values()
        if isinstance(cls, type) and issubclass(cls, TenantOwned) and hasattr(cls, "__tablename__")
    }


@pytest.mark.postgres  # the suite's SQLite pass leaves it out; its PostgreSQL pass runs it
def test_every_casework_table_has_forced_row_level_security(app, boards):
    need(db.get_database(app).is_postgres, "row-level security is PostgreSQL's: run on PostgreSQL")
    with app.app_context():
        forced = set(
            db.session.execute(
                text("SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity")
            ).scalars()
        )
        assert _casework_tables() <= forced, _casework_tables() - forced
        a, b = boards["a"]["tenant"], boards["b"]["tenant"]
        with db.tenant_scope(b.id):
            seen = set(
                db.session.execute(text("SELECT tenant_id FROM casework_agencies")).scalars()
            )
        assert seen == {b.id}
        db.set_tenant_scope(db.session, None)
        assert db.session.execute(text("SELECT count(*) FROM casework_agencies")).scalar() == 0
        assert a.id not in seen
