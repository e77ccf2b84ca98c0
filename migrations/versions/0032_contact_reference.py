"""Contact requests get a reference number the family can quote.

Revision ID: 0032
Revises: 0031
"""

import sqlalchemy as sa
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reference", sa.String(length=12), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_contact_requests_reference"), ["reference"])


def downgrade() -> None:
    with op.batch_alter_table("contact_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_requests_reference"))
        batch_op.drop_column("reference")
