"""Casework meetings: panel and family meetings with attendees, agenda and minutes (encrypted),
and the decisions taken at them; row-level security on each (PostgreSQL).

Revision ID: 0061
Revises: 0060
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls


revision = '0061'
down_revision = '0060'
branch_labels = None
depends_on = None


TENANT_TABLES = (
    "casework_meetings",
    "casework_meeting_decisions",
)


def upgrade() -> None:
    op.create_table('casework_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('attendees', core.crypto.EncryptedText(), nullable=False),
    sa.Column('agenda', core.crypto.EncryptedText(), nullable=False),
    sa.Column('minutes', core.crypto.EncryptedText(), nullable=False),
    sa.Column('minutes_format', sa.String(length=10), nullable=False),
    sa.Column('minutes_key', sa.String(length=300), nullable=False),
    sa.Column('family_update_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_casework_meetings_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_update_id'], ['review_obligations.id'], name=op.f('fk_casework_meetings_family_update_id_review_obligations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_meetings_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_meetings_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_meetings'))
    )
    with op.batch_alter_table('casework_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_meetings_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_meetings_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_meeting_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('text', core.crypto.EncryptedText(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['casework_meetings.id'], name=op.f('fk_casework_meeting_decisions_meeting_id_casework_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_meeting_decisions_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_meeting_decisions'))
    )
    with op.batch_alter_table('casework_meeting_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_meeting_decisions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_meeting_decisions_tenant_id'), ['tenant_id'], unique=False)
    for table in TENANT_TABLES:
        rls.enable(table)


def downgrade() -> None:
    for table in TENANT_TABLES:
        rls.disable(table)
    with op.batch_alter_table('casework_meeting_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_meeting_decisions_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_meeting_decisions_meeting_id'))

    op.drop_table('casework_meeting_decisions')
    with op.batch_alter_table('casework_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_meetings_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_meetings_review_id'))

    op.drop_table('casework_meetings')
