"""Background jobs: the failures the operator sees (count, last error) until a run succeeds.

Revision ID: 0030
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import core.db

revision = "0030"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=80), nullable=False),
        sa.Column("args", sa.String(length=400), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("first_failed_at", core.db.UTCDateTime(), nullable=False),
        sa.Column("last_failed_at", core.db.UTCDateTime(), nullable=False),
        sa.Column("gave_up", sa.Boolean(), nullable=False),
        sa.Column("resolved_at", core.db.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_failures")),
    )
    op.create_index("ix_job_failures_job_args", "job_failures", ["job", "args"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_job_failures_job_args", table_name="job_failures")
    op.drop_table("job_failures")
