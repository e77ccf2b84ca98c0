"""Row-level security on every tenant-owned table; the audit log append-only (PostgreSQL).

Revision ID: 0002
Revises: 0001
"""

from core import rls

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "memberships",
    "api_tokens",
    "plugin_settings",
    "text_overrides",
    "contact_requests",
    "audit_events",
)


def upgrade() -> None:
    for table in TENANT_TABLES:
        rls.enable(table)
    rls.append_only("audit_events")


def downgrade() -> None:
    for table in TENANT_TABLES:
        rls.disable(table)
