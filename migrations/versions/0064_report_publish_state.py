"""Publication of a report runs in the worker: each report file records whether its publication is
being done, was refused by the check of the rebuilt copy or failed (and why), how many times it
was tried, when it was queued and what was asked for.

Revision ID: 0064
Revises: 0063
"""

import sqlalchemy as sa
from alembic import op

import core.db


revision = "0064"
down_revision = "0063"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report_files", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("publish_status", sa.String(length=12), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("publish_error", sa.String(length=600), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("publish_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("publish_queued_at", core.db.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("publish_request", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("report_files", schema=None) as batch_op:
        batch_op.drop_column("publish_request")
        batch_op.drop_column("publish_queued_at")
        batch_op.drop_column("publish_attempts")
        batch_op.drop_column("publish_error")
        batch_op.drop_column("publish_status")
