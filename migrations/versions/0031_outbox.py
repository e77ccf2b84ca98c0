"""The outbox: messages written with the change that causes them and sent by the worker; the
recipient's address encrypted; row-level security (PostgreSQL).

Revision ID: 0031
Revises: 0030
"""

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(length=80), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("subject_ref", sa.String(length=120), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        sa.Column("recipient", core.crypto.EncryptedText(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("text_body", sa.Text(), nullable=False),
        sa.Column("html_body", sa.Text(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("last_attempt_at", core.db.UTCDateTime(), nullable=True),
        sa.Column("sent_at", core.db.UTCDateTime(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_outbox_messages_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
        sa.UniqueConstraint("tenant_id", "dedupe_key", name="uq_outbox_messages_dedupe"),
    )
    op.create_index(
        "ix_outbox_messages_unsent", "outbox_messages", ["sent_at", "created_at"], unique=False
    )
    op.create_index(
        op.f("ix_outbox_messages_tenant_id"), "outbox_messages", ["tenant_id"], unique=False
    )
    rls.enable("outbox_messages")


def downgrade() -> None:
    rls.disable("outbox_messages")
    op.drop_index(op.f("ix_outbox_messages_tenant_id"), table_name="outbox_messages")
    op.drop_index("ix_outbox_messages_unsent", table_name="outbox_messages")
    op.drop_table("outbox_messages")
