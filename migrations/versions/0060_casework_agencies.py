"""Casework: a board's agencies, requests to them, invitations, returns, chronology entries,
requests for more time, recommendations and their actions and evidence, and the messages to send;
row-level security on each (PostgreSQL).

Revision ID: 0060
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls


revision = '0060'
down_revision = '0050'
branch_labels = None
depends_on = None


TENANT_TABLES = (
    "casework_agencies",
    "casework_requests",
    "casework_returns",
    "casework_chronology",
    "casework_time_requests",
    "casework_recommendations",
    "casework_actions",
    "casework_action_evidence",
    "casework_invitations",
    "casework_messages",
)


def upgrade() -> None:
    op.create_table('casework_agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_agencies_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_agencies')),
    sa.UniqueConstraint('tenant_id', 'key', name='uq_casework_agencies_tenant_key')
    )
    with op.batch_alter_table('casework_agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_agencies_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_casework_recommendations_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_recommendations_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_recommendations_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_recommendations'))
    )
    with op.batch_alter_table('casework_recommendations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_recommendations_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_recommendations_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('contributor_id', sa.Integer(), nullable=True),
    sa.Column('instructions', sa.Text(), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('reminded_due_on', sa.Date(), nullable=True),
    sa.Column('reminded_overdue_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['casework_agencies.id'], name=op.f('fk_casework_requests_agency_id_casework_agencies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['contributor_id'], ['users.id'], name=op.f('fk_casework_requests_contributor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_casework_requests_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_requests_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_requests_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_requests'))
    )
    with op.batch_alter_table('casework_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_requests_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_requests_contributor_id'), ['contributor_id'], unique=False)
        batch_op.create_index('ix_casework_requests_due', ['tenant_id', 'state', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_requests_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_requests_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_agency_id', sa.Integer(), nullable=True),
    sa.Column('owner_email', sa.String(length=254), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('not_accepted_reason', sa.Text(), nullable=False),
    sa.Column('signed_off_on', sa.Date(), nullable=True),
    sa.Column('signed_off_by_id', sa.Integer(), nullable=True),
    sa.Column('reminded_overdue_on', sa.Date(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['owner_agency_id'], ['casework_agencies.id'], name=op.f('fk_casework_actions_owner_agency_id_casework_agencies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_casework_actions_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['casework_recommendations.id'], name=op.f('fk_casework_actions_recommendation_id_casework_recommendations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_actions_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['signed_off_by_id'], ['users.id'], name=op.f('fk_casework_actions_signed_off_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_actions_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_actions'))
    )
    with op.batch_alter_table('casework_actions', schema=None) as batch_op:
        batch_op.create_index('ix_casework_actions_open', ['tenant_id', 'signed_off_on', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_actions_owner_agency_id'), ['owner_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_actions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_actions_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_actions_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_actions_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_returns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('file_format', sa.String(length=10), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('storage_key', sa.String(length=300), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['casework_requests.id'], name=op.f('fk_casework_returns_request_id_casework_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_returns_tenant_id_tenants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_casework_returns_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_returns'))
    )
    with op.batch_alter_table('casework_returns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_returns_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_returns_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_time_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('wanted_on', sa.Date(), nullable=False),
    sa.Column('reason', core.crypto.EncryptedText(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['asked_by_id'], ['users.id'], name=op.f('fk_casework_time_requests_asked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_casework_time_requests_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['casework_requests.id'], name=op.f('fk_casework_time_requests_request_id_casework_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_time_requests_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_time_requests'))
    )
    with op.batch_alter_table('casework_time_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_time_requests_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_time_requests_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_action_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('file_format', sa.String(length=10), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('storage_key', sa.String(length=300), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('note', core.crypto.EncryptedText(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['casework_actions.id'], name=op.f('fk_casework_action_evidence_action_id_casework_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_action_evidence_tenant_id_tenants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_casework_action_evidence_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_action_evidence'))
    )
    with op.batch_alter_table('casework_action_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_action_evidence_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_action_evidence_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_chronology',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('agency_named', sa.String(length=200), nullable=False),
    sa.Column('event', core.crypto.EncryptedText(), nullable=False),
    sa.Column('source', core.crypto.EncryptedText(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['casework_agencies.id'], name=op.f('fk_casework_chronology_agency_id_casework_agencies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['casework_requests.id'], name=op.f('fk_casework_chronology_request_id_casework_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['return_id'], ['casework_returns.id'], name=op.f('fk_casework_chronology_return_id_casework_returns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_casework_chronology_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_chronology_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_chronology'))
    )
    with op.batch_alter_table('casework_chronology', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_chronology_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_chronology_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_chronology_return_id'), ['return_id'], unique=False)
        batch_op.create_index('ix_casework_chronology_review_date', ['review_id', 'occurred_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_chronology_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('casework_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('used_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['casework_actions.id'], name=op.f('fk_casework_invitations_action_id_casework_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['casework_requests.id'], name=op.f('fk_casework_invitations_request_id_casework_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_casework_invitations_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_casework_invitations_token_hash'))
    )
    with op.batch_alter_table('casework_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_invitations_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_invitations_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_invitations_tenant_id'), ['tenant_id'], unique=False)

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
    for table in TENANT_TABLES:
        rls.enable(table)


def downgrade() -> None:
    for table in TENANT_TABLES:
        rls.disable(table)
    with op.batch_alter_table('casework_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_messages_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_messages_request_id'))
        batch_op.drop_index(batch_op.f('ix_casework_messages_action_id'))

    op.drop_table('casework_messages')
    with op.batch_alter_table('casework_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_invitations_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_invitations_request_id'))
        batch_op.drop_index(batch_op.f('ix_casework_invitations_action_id'))

    op.drop_table('casework_invitations')
    with op.batch_alter_table('casework_chronology', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_chronology_tenant_id'))
        batch_op.drop_index('ix_casework_chronology_review_date')
        batch_op.drop_index(batch_op.f('ix_casework_chronology_return_id'))
        batch_op.drop_index(batch_op.f('ix_casework_chronology_request_id'))
        batch_op.drop_index(batch_op.f('ix_casework_chronology_agency_id'))

    op.drop_table('casework_chronology')
    with op.batch_alter_table('casework_action_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_action_evidence_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_action_evidence_action_id'))

    op.drop_table('casework_action_evidence')
    with op.batch_alter_table('casework_time_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_time_requests_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_time_requests_request_id'))

    op.drop_table('casework_time_requests')
    with op.batch_alter_table('casework_returns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_returns_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_returns_request_id'))

    op.drop_table('casework_returns')
    with op.batch_alter_table('casework_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_actions_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_actions_review_id'))
        batch_op.drop_index(batch_op.f('ix_casework_actions_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_casework_actions_owner_id'))
        batch_op.drop_index(batch_op.f('ix_casework_actions_owner_agency_id'))
        batch_op.drop_index('ix_casework_actions_open')

    op.drop_table('casework_actions')
    with op.batch_alter_table('casework_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_requests_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_requests_review_id'))
        batch_op.drop_index('ix_casework_requests_due')
        batch_op.drop_index(batch_op.f('ix_casework_requests_contributor_id'))
        batch_op.drop_index(batch_op.f('ix_casework_requests_agency_id'))

    op.drop_table('casework_requests')
    with op.batch_alter_table('casework_recommendations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_recommendations_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_casework_recommendations_review_id'))

    op.drop_table('casework_recommendations')
    with op.batch_alter_table('casework_agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casework_agencies_tenant_id'))

    op.drop_table('casework_agencies')
