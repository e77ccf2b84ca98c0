"""Each person's choice of deadline digest (off, daily, weekly). Platform-wide, like users: no
row-level security.

Revision ID: 0066
Revises: 0064
"""

import sqlalchemy as sa
from alembic import op

import core.db


revision = '0066'
down_revision = "0064"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('digest_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digest_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_digest_preferences'))
    )


def downgrade() -> None:
    op.drop_table('digest_preferences')
