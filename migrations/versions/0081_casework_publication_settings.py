"""A board's casework settings (in the platform's search across boards; publishing action
progress), both off by default, and the actions staff mark publishable.

Revision ID: 0081
Revises: 0080
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls

revision = '0081'
down_revision = '0080'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('casework_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('in_platform_search', sa.Boolean(), nullable=False),
    sa.Column('publish_action_progress', sa.Boolean(), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_settings_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_settings')),
    sa.UniqueConstraint('tenant_id', name='uq_casework_settings_tenant')
    )
    with op.batch_alter_table('casework_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_settings_tenant_id'), ['tenant_id'], unique=False)
    rls.enable('casework_settings')
    with op.batch_alter_table('casework_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('publishable', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('casework_actions', schema=None) as batch_op:
        batch_op.drop_column('publishable')
    rls.disable('casework_settings')
    with op.batch_alter_table('casework_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_settings_tenant_id'))
    op.drop_table('casework_settings')
