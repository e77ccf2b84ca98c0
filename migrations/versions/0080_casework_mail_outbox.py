"""Casework mail goes through the platform's outbox: the casework's own message table is dropped.

Revision ID: 0080
Revises: 0078
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls

revision = '0080'
down_revision = "0078"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rls.disable('casework_messages')
    with op.batch_alter_table('casework_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_messages_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_messages_request_id'))
        batch_op.drop_index(batch_op.f('ix_casework_messages_action_id'))
    op.drop_table('casework_messages')


def downgrade() -> None:
    op.create_table('casework_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('to_email', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', core.crypto.EncryptedText(), nullable=False),
    sa.Column('written_to', sa.String(length=300), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['casework_actions.id'], name=op.f('fk_casework_messages_action_id_casework_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['casework_requests.id'], name=op.f('fk_casework_messages_request_id_casework_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_messages_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_messages'))
    )
    with op.batch_alter_table('casework_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_messages_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_messages_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_messages_tenant_id'), ['tenant_id'], unique=False)
    rls.enable('casework_messages')
