"""The migrations and the models describe the same schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from core import db
from core.migrate import drift


def test_migrations_match_the_models(app):
    with db.get_database(app).engine.connect() as connection:
        assert drift(connection) == []
