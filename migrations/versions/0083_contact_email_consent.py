"""Whether the family who sent a contact request agreed to be e-mailed about it (the form's tick-box);
requests sent before it was asked count as not agreed.

Revision ID: 0083
Revises: 0082
"""

import sqlalchemy as sa
from alembic import op

revision = "0083"
down_revision = "0082"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild on SQLite is not needed for a column with a default.
    op.add_column(
        "contact_requests",
        sa.Column("email_consent", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("contact_requests", "email_consent")
