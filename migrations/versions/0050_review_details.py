"""A review's framework-declared fields (a Home Office QA panel's dates, a SAR's legal basis, the
national returns sent and acknowledged), kept as one JSON object per review.

Revision ID: 0050
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0050"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("details")
