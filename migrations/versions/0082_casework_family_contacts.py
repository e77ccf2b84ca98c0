"""The family's contact log and involvement plan, per family member; what was said and promised,
and the plan's free text, encrypted; row-level security on each (PostgreSQL).

Revision ID: 0082
Revises: 0081
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls

revision = '0082'
down_revision = '0081'
branch_labels = None
depends_on = None


TENANT_TABLES = (
    "casework_family_contacts",
    "casework_involvement_plans",
)


def upgrade() -> None:
    op.create_table('casework_family_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('family_member_id', sa.Integer(), nullable=False),
    sa.Column('contacted_on', sa.Date(), nullable=False),
    sa.Column('way', sa.String(length=20), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('said', core.crypto.EncryptedText(), nullable=False),
    sa.Column('promised', core.crypto.EncryptedText(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_casework_family_contacts_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['family_member_id'], ['review_family_members.id'], name=op.f('fk_casework_family_contacts_family_member_id_review_family_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['promise_id'], ['review_obligations.id'], name=op.f('fk_casework_family_contacts_promise_id_review_obligations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_family_contacts_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_family_contacts_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_family_contacts'))
    )
    with op.batch_alter_table('casework_family_contacts', schema=None) as batch_op:
        batch_op.create_index('ix_casework_family_contacts_member', ['family_member_id', 'contacted_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_family_contacts_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_family_contacts_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_involvement_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('family_member_id', sa.Integer(), nullable=False),
    sa.Column('advocate_chosen', core.crypto.EncryptedText(), nullable=False),
    sa.Column('interpreter_or_format', core.crypto.EncryptedText(), nullable=False),
    sa.Column('meet_panel', sa.String(length=10), nullable=False),
    sa.Column('see_terms', sa.String(length=10), nullable=False),
    sa.Column('draft_sent_on', sa.Date(), nullable=True),
    sa.Column('draft_reading_days', sa.Integer(), nullable=True),
    sa.Column('not_involved_reason', core.crypto.EncryptedText(), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['family_member_id'], ['review_family_members.id'], name=op.f('fk_casework_involvement_plans_family_member_id_review_family_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_involvement_plans_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_involvement_plans_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_involvement_plans')),
    sa.UniqueConstraint('family_member_id', name='uq_casework_involvement_plans_member')
    )
    with op.batch_alter_table('casework_involvement_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_involvement_plans_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_involvement_plans_tenant_id'), ['tenant_id'], unique=False)
    for table in TENANT_TABLES:
        rls.enable(table)


def downgrade() -> None:
    for table in TENANT_TABLES:
        rls.disable(table)
    with op.batch_alter_table('casework_involvement_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_involvement_plans_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_involvement_plans_review_id'))
    op.drop_table('casework_involvement_plans')
    with op.batch_alter_table('casework_family_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_family_contacts_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_family_contacts_review_id'))
        batch_op.drop_index('ix_casework_family_contacts_member')
    op.drop_table('casework_family_contacts')
