"""Letters to families who prefer post: the notice's text, its render in the board's storage, and
the date staff posted it; row-level security (PostgreSQL).

Revision ID: 0067
Revises: 0066
"""

import sqlalchemy as sa
from alembic import op

import core.db
from core import rls


revision = '0067'
down_revision = '0066'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('family_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('family_member_id', sa.Integer(), nullable=False),
    sa.Column('template', sa.String(length=80), nullable=False),
    sa.Column('subject_ref', sa.String(length=120), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('locale', sa.String(length=16), nullable=False),
    sa.Column('format_key', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('storage_key', sa.String(length=300), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('rendered_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('posted_on', sa.Date(), nullable=True),
    sa.Column('posted_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['family_member_id'], ['review_family_members.id'], name=op.f('fk_family_letters_family_member_id_review_family_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['posted_by_id'], ['users.id'], name=op.f('fk_family_letters_posted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_family_letters_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_family_letters_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_letters')),
    sa.UniqueConstraint('tenant_id', 'dedupe_key', name='uq_family_letters_dedupe')
    )
    with op.batch_alter_table('family_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_letters_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_letters_tenant_id'), ['tenant_id'], unique=False)
    rls.enable('family_letters')


def downgrade() -> None:
    rls.disable('family_letters')
    with op.batch_alter_table('family_letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_letters_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_family_letters_review_id'))
    op.drop_table('family_letters')
