"""The migrations and the models describe the same schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from core import db
from core.migrate import drift


def test_migrations_match_the_models(app):
    with db.get_database(app).engine.connect() as connection:
        assert drift(connection) == []


def _insert(connection, table: str, **given) -> None:
    """A row with `given` values, and a plain value of its type in every other required column."""
    from sqlalchemy import text

    plain = {"INTEGER": 0, "BOOLEAN": 1, "JSON": "{}", "DATETIME": "2026-01-05 09:00:00"}
    values = dict(given)
    for _cid, name, kind, notnull, default, pk in connection.execute(
        text(f"PRAGMA table_info({table})")
    ):
        if notnull and default is None and not pk and name not in values:
            values[name] = plain.get(kind, f"{table}-{name}")
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def test_board_and_staff_rows_survive_the_security_migrations_downgrade(tmp_path):
    """On SQLite with foreign keys on, rebuilding `tenants` or `users` on the way down from 0005
    would delete every row that refers to them (memberships, and through the boards all else)."""
    from alembic import command
    from sqlalchemy import text

    from core.migrate import alembic_config, upgrade
    from core.testing import make_test_app

    application = make_test_app(f"sqlite:///{tmp_path / 'down.db'}")
    engine = db.get_database(application).engine
    try:
        upgrade(application, "0005")
        with engine.begin() as connection:
            _insert(connection, "tenants", id=1, slug="board-a")
            _insert(connection, "users", id=1, email="admin@a.example")
            _insert(connection, "memberships", tenant_id=1, user_id=1, role="board_admin")
        with engine.begin() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            command.downgrade(alembic_config(application, connection), "0004")
        with engine.connect() as connection:
            counts = {
                table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                for table in ("tenants", "users", "memberships")
            }
            columns = {row[1] for row in connection.execute(text("PRAGMA table_info(tenants)"))}
        assert counts == {"tenants": 1, "users": 1, "memberships": 1}
        assert "logo_key" not in columns
    finally:
        engine.dispose()
