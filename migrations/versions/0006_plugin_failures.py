"""Plugin failures, recorded where every worker and the board admin's trace see the same thing:
one row per failure, the newest 200 kept per board.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plugin_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plugin", sa.String(length=100), nullable=False),
        sa.Column("hook", sa.String(length=100), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_plugin_failures_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plugin_failures")),
    )
    with op.batch_alter_table("plugin_failures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plugin_failures_tenant_id"), ["tenant_id"], unique=False
        )
    rls.enable("plugin_failures")


def downgrade() -> None:
    rls.disable("plugin_failures")
    with op.batch_alter_table("plugin_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plugin_failures_tenant_id"))
    op.drop_table("plugin_failures")
