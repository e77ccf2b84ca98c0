"""Family members: how they agreed to be sent news of the review (e-mail or letter), and their
e-mail address, encrypted.

Revision ID: 0033
Revises: 0032
"""

import sqlalchemy as sa
from alembic import op

import core.crypto

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_family_members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contact_by", sa.String(length=10), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "contact_email", core.crypto.EncryptedText(), nullable=False, server_default=""
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("review_family_members", schema=None) as batch_op:
        batch_op.drop_column("contact_email")
        batch_op.drop_column("contact_by")
