"""PostgreSQL row-level security for tenant-owned tables, used by migrations.

Each tenant-owned table sees only rows whose `tenant_id` equals `app.tenant_id`, which the data layer
sets at the start of every transaction; `app.all_tenants = 'on'` is set only by explicit platform work.
FORCE makes the rule bind the table's owner too; only a superuser or a BYPASSRLS role escapes it.
"""

from __future__ import annotations

from alembic import op

POLICY = (
    "current_setting('app.all_tenants', true) = 'on' "
    "OR tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::integer"
)


def _on_postgresql(*statements: str) -> None:
    """Run `statements` in order on PostgreSQL; other databases have no row-level security."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in statements:
        op.execute(statement)


def enable(table: str) -> None:
    _on_postgresql(
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY tenant_isolation ON {table} USING ({POLICY}) WITH CHECK ({POLICY})",
    )


def disable(table: str) -> None:
    _on_postgresql(
        f"DROP POLICY IF EXISTS tenant_isolation ON {table}",
        f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
    )


def append_only(table: str) -> None:
    """Refuse UPDATE and DELETE on `table` (the audit log)."""
    _on_postgresql(
        "CREATE OR REPLACE FUNCTION candour_refuse_change() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION candour_refuse_change()",
    )
