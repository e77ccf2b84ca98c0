"""Board administration and the security baseline: two-factor and lock-out on users, two-factor
required per person or per board, and each board's storage settings and logo.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("require_two_factor", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("storage_settings", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.add_column(
            sa.Column("require_two_factor", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("logo_key", sa.String(length=300), nullable=False, server_default="")
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locked_until", core.db.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("totp_secret", core.crypto.EncryptedText(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("totp_confirmed_at", core.db.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("totp_last_step", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    # Not in batch mode: on SQLite that rebuilds `tenants` and `users`, and dropping the old table
    # with foreign keys on deletes every board's rows. SQLite has dropped a plain column in place
    # since 3.35.
    for column in ("totp_last_step", "totp_confirmed_at", "totp_secret", "locked_until"):
        op.drop_column("users", column)
    for column in ("logo_key", "require_two_factor", "storage_settings"):
        op.drop_column("tenants", column)
    op.drop_column("memberships", "require_two_factor")
