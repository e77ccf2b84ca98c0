"""Learning themes: a board's own themes beside the platform's list, and the themes chosen on each
review; row-level security on each (PostgreSQL).

Revision ID: 0062
Revises: 0061
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls


revision = '0062'
down_revision = '0061'
branch_labels = None
depends_on = None


TENANT_TABLES = (
    "casework_board_themes",
    "casework_review_themes",
)


def upgrade() -> None:
    op.create_table('casework_board_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_board_themes_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_board_themes')),
    sa.UniqueConstraint('tenant_id', 'key', name='uq_casework_board_themes_tenant_key')
    )
    with op.batch_alter_table('casework_board_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_board_themes_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_review_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_review_themes_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_review_themes_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_review_themes')),
    sa.UniqueConstraint('review_id', 'key', name='uq_casework_review_themes_review_key')
    )
    with op.batch_alter_table('casework_review_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_review_themes_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_review_themes_tenant_id'), ['tenant_id'], unique=False)
    for table in TENANT_TABLES:
        rls.enable(table)


def downgrade() -> None:
    for table in TENANT_TABLES:
        rls.disable(table)
    with op.batch_alter_table('casework_review_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_review_themes_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_review_themes_review_id'))

    op.drop_table('casework_review_themes')
    with op.batch_alter_table('casework_board_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_board_themes_tenant_id'))

    op.drop_table('casework_board_themes')
