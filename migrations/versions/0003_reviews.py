"""Review tracking: reviews, obligations, extensions, parallel processes, family and panel members,
encrypted identifiers and the timeline; row-level security on each (PostgreSQL).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "reviews",
    "review_assignments",
    "review_events",
    "review_extensions",
    "review_family_members",
    "review_identifiers",
    "review_panel_members",
    "review_parallel_processes",
    "review_obligations",
)


def upgrade() -> None:
    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('framework', sa.String(length=63), nullable=False),
    sa.Column('review_types', sa.JSON(), nullable=False),
    sa.Column('pseudonym', sa.String(length=100), nullable=False),
    sa.Column('stage', sa.String(length=40), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('incident_on', sa.Date(), nullable=True),
    sa.Column('aware_on', sa.Date(), nullable=True),
    sa.Column('notified_on', sa.Date(), nullable=True),
    sa.Column('notified_to', sa.String(length=200), nullable=False),
    sa.Column('rapid_review_on', sa.Date(), nullable=True),
    sa.Column('decision', sa.String(length=40), nullable=False),
    sa.Column('decision_on', sa.Date(), nullable=True),
    sa.Column('decision_rationale', sa.Text(), nullable=False),
    sa.Column('criteria_met', sa.Text(), nullable=False),
    sa.Column('lead_reviewers', sa.String(length=300), nullable=False),
    sa.Column('independence_declared_on', sa.Date(), nullable=True),
    sa.Column('initiated_on', sa.Date(), nullable=True),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('draft_on', sa.Date(), nullable=True),
    sa.Column('final_on', sa.Date(), nullable=True),
    sa.Column('publication_decision', sa.String(length=20), nullable=False),
    sa.Column('publication_rationale', sa.Text(), nullable=False),
    sa.Column('anonymisation_checked_on', sa.Date(), nullable=True),
    sa.Column('planned_publication_on', sa.Date(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('take_down_on', sa.Date(), nullable=True),
    sa.Column('repository_deposit_on', sa.Date(), nullable=True),
    sa.Column('action_plan', sa.Text(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_reason', sa.Text(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_reviews_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews')),
    sa.UniqueConstraint('tenant_id', 'reference', name='uq_reviews_tenant_reference')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_stage'), ['stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('review_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=60), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_assignments_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_assignments_tenant_id_tenants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_assignments_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_assignments')),
    sa.UniqueConstraint('review_id', 'user_id', name='uq_review_assignments_review')
    )
    with op.batch_alter_table('review_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_assignments_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_assignments_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_assignments_user_id'), ['user_id'], unique=False)

    op.create_table('review_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_email', sa.String(length=254), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_review_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_events_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_events_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_events'))
    )
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_events_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_events_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('review_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('previous_target_on', sa.Date(), nullable=True),
    sa.Column('new_target_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('family_told_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_review_extensions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_extensions_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_extensions_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_extensions'))
    )
    with op.batch_alter_table('review_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_extensions_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_extensions_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('review_family_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('preferred_locale', sa.String(length=16), nullable=False),
    sa.Column('preferred_format', sa.String(length=40), nullable=False),
    sa.Column('involvement', sa.String(length=20), nullable=False),
    sa.Column('invited_on', sa.Date(), nullable=True),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('declined_reason', sa.Text(), nullable=False),
    sa.Column('advocate_offered_on', sa.Date(), nullable=True),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_family_members_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_family_members_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_family_members'))
    )
    with op.batch_alter_table('review_family_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_family_members_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_family_members_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('review_identifiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('value', core.crypto.EncryptedText(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_identifiers_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_identifiers_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_identifiers'))
    )
    with op.batch_alter_table('review_identifiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_identifiers_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_identifiers_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('review_panel_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('agency', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_panel_members_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_panel_members_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_panel_members'))
    )
    with op.batch_alter_table('review_panel_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_panel_members_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_panel_members_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('review_parallel_processes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_parallel_processes_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_parallel_processes_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_parallel_processes'))
    )
    with op.batch_alter_table('review_parallel_processes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_parallel_processes_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_parallel_processes_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('review_obligations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('family_member_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('met_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('waived_reason', sa.Text(), nullable=False),
    sa.Column('waived_by_id', sa.Integer(), nullable=True),
    sa.Column('from_rule', sa.Boolean(), nullable=False),
    sa.Column('family_involvement', sa.Boolean(), nullable=False),
    sa.Column('blocks_publication', sa.Boolean(), nullable=False),
    sa.Column('missed_reported', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['family_member_id'], ['review_family_members.id'], name=op.f('fk_review_obligations_family_member_id_review_family_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['met_by_id'], ['users.id'], name=op.f('fk_review_obligations_met_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_obligations_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_review_obligations_tenant_id_tenants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['waived_by_id'], ['users.id'], name=op.f('fk_review_obligations_waived_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_obligations'))
    )
    with op.batch_alter_table('review_obligations', schema=None) as batch_op:
        batch_op.create_index('ix_review_obligations_due', ['tenant_id', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_obligations_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_obligations_tenant_id'), ['tenant_id'], unique=False)
    for table in TENANT_TABLES:
        rls.enable(table)


def downgrade() -> None:
    for table in TENANT_TABLES:
        rls.disable(table)
    with op.batch_alter_table('review_obligations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_obligations_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_obligations_review_id'))
        batch_op.drop_index('ix_review_obligations_due')

    op.drop_table('review_obligations')
    with op.batch_alter_table('review_parallel_processes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_parallel_processes_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_parallel_processes_review_id'))

    op.drop_table('review_parallel_processes')
    with op.batch_alter_table('review_panel_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_panel_members_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_panel_members_review_id'))

    op.drop_table('review_panel_members')
    with op.batch_alter_table('review_identifiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_identifiers_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_identifiers_review_id'))

    op.drop_table('review_identifiers')
    with op.batch_alter_table('review_family_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_family_members_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_family_members_review_id'))

    op.drop_table('review_family_members')
    with op.batch_alter_table('review_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_extensions_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_extensions_review_id'))

    op.drop_table('review_extensions')
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_events_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_events_review_id'))

    op.drop_table('review_events')
    with op.batch_alter_table('review_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_assignments_user_id'))
        batch_op.drop_index(batch_op.f('ix_review_assignments_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_review_assignments_review_id'))

    op.drop_table('review_assignments')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_reviews_stage'))

    op.drop_table('reviews')
