"""The anonymisation check of an uploaded report runs in the worker: each report file records
whether its check is pending, done or could not be done (and why), how many times it was tried, and
when it was queued.

Revision ID: 0063
Revises: 0062
"""

import sqlalchemy as sa
from alembic import op

import core.db


revision = '0063'
down_revision = '0062'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('report_files', schema=None) as batch_op:
        # Reports uploaded before this were checked during their upload: their check is done.
        batch_op.add_column(sa.Column('check_status', sa.String(length=12), server_default='done', nullable=False))
        batch_op.add_column(sa.Column('check_error', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('check_attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('check_queued_at', core.db.UTCDateTime(), nullable=True))
    op.execute("UPDATE report_files SET check_status = '' WHERE kind = 'draft'")


def downgrade() -> None:
    with op.batch_alter_table('report_files', schema=None) as batch_op:
        batch_op.drop_column('check_queued_at')
        batch_op.drop_column('check_attempts')
        batch_op.drop_column('check_error')
        batch_op.drop_column('check_status')
