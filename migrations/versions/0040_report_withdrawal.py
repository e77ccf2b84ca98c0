"""Withdrawing a published report: who withdrew it, when and why; a review may be published again
after a withdrawal, so its publications are no longer unique per review.

Revision ID: 0040
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import core.db

revision = "0040"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("published_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", core.db.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("withdrawal_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_published_reports_withdrawn_by_id_users"),
            "users",
            ["withdrawn_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.drop_constraint(batch_op.f("uq_published_reports_review_id"), type_="unique")
        batch_op.create_index(batch_op.f("ix_published_reports_review_id"), ["review_id"])


def downgrade() -> None:
    with op.batch_alter_table("published_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_published_reports_review_id"))
        batch_op.create_unique_constraint(
            batch_op.f("uq_published_reports_review_id"), ["review_id"]
        )
        batch_op.drop_constraint(
            batch_op.f("fk_published_reports_withdrawn_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("withdrawal_reason")
        batch_op.drop_column("withdrawn_by_id")
        batch_op.drop_column("withdrawn_at")
