"""The date a board last reviewed its accessibility statement (set by its admin), which the statement
gives instead of the date its record last changed.

Revision ID: 0078
Revises: 0071
"""

import sqlalchemy as sa
from alembic import op

revision = "0078"
down_revision = "0071"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tenants") as batch:
        batch.add_column(sa.Column("accessibility_reviewed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # Not in batch mode: on SQLite that rebuilds `tenants`, and dropping the old table with foreign
    # keys on deletes every board's rows. SQLite has dropped a plain column in place since 3.35.
    op.drop_column("tenants", "accessibility_reviewed_on")
