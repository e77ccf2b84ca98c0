"""Run Alembic migrations for an app, and tell whether the models and migrations agree."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from flask import Flask

from core.config import REPO_ROOT
from core.db import Base, get_database

MIGRATIONS = REPO_ROOT / "migrations"


def alembic_config(app: Flask, connection: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", app.config["DATABASE_URL"].replace("%", "%%"))
    cfg.attributes["connection"] = connection
    # Migrations that encrypt existing rows use the application's keys.
    cfg.attributes["encryption_keys"] = app.config["ENCRYPTION_KEYS"]
    return cfg


def upgrade(app: Flask, revision: str = "head", connection: Any = None) -> None:
    if connection is None:
        with get_database(app).engine.begin() as conn:
            command.upgrade(alembic_config(app, conn), revision)
    else:
        command.upgrade(alembic_config(app, connection), revision)


def drift(connection: Any) -> list[Any]:
    """Differences between the migrated schema on `connection` and the models (empty: in step)."""
    import core.models  # noqa: F401  (every model registered on Base.metadata)

    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))
