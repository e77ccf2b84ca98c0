"""Publication: uploaded report files, the anonymisation guard's hits and overrides, and the public
record of each published report; row-level security on each (PostgreSQL).

Revision ID: 0004
Revises: 0003
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

import core.crypto
import core.db
from core import rls

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "report_files",
    "published_reports",
    "report_guard_hits",
    "report_guard_overrides",
)


def _owned(table: str) -> list[Any]:
    """The columns and constraints every tenant-owned table carries."""
    return [
        sa.Column("created_at", core.db.UTCDateTime(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f(f"fk_{table}_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]  # fmt: skip


def _file_fk(table: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["report_file_id"], ["report_files.id"],
        name=op.f(f"fk_{table}_report_file_id_report_files"), ondelete=ondelete,
    )  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "report_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("storage_key", sa.String(length=300), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("checked_at", core.db.UTCDateTime(), nullable=True),
        *_owned("report_files"),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_report_files_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_report_files_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("storage_key", name=op.f("uq_report_files_storage_key")),
    )  # fmt: skip
    op.create_index(op.f("ix_report_files_review_id"), "report_files", ["review_id"])
    op.create_index(op.f("ix_report_files_tenant_id"), "report_files", ["tenant_id"])

    op.create_table(
        "published_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("report_file_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("review_types", sa.JSON(), nullable=False),
        sa.Column("framework", sa.String(length=63), nullable=False),
        sa.Column("pseudonym", sa.String(length=100), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("learning_themes", sa.JSON(), nullable=False),
        sa.Column("recommendations", sa.JSON(), nullable=False),
        sa.Column("action_plan", sa.Text(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("formats", sa.JSON(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("available_until", sa.Date(), nullable=False),
        *_owned("published_reports"),
        _file_fk("published_reports", "RESTRICT"),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_published_reports_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("review_id", name=op.f("uq_published_reports_review_id")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_published_reports_storage_key")),
    )  # fmt: skip
    for column in ("published_on", "report_file_id", "tenant_id"):
        op.create_index(op.f(f"ix_published_reports_{column}"), "published_reports", [column])

    op.create_table(
        "report_guard_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_file_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=63), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("overridable", sa.Boolean(), nullable=False),
        sa.Column("found", core.crypto.EncryptedText(), nullable=False),
        sa.Column("before", core.crypto.EncryptedText(), nullable=False),
        sa.Column("after", core.crypto.EncryptedText(), nullable=False),
        *_owned("report_guard_hits"),
        _file_fk("report_guard_hits"),
    )
    op.create_index(
        op.f("ix_report_guard_hits_report_file_id"), "report_guard_hits", ["report_file_id"]
    )
    op.create_index(op.f("ix_report_guard_hits_tenant_id"), "report_guard_hits", ["tenant_id"])

    op.create_table(
        "report_guard_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_file_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        *_owned("report_guard_overrides"),
        _file_fk("report_guard_overrides"),
        sa.ForeignKeyConstraint(
            ["by_id"], ["users.id"], name=op.f("fk_report_guard_overrides_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint(
            "report_file_id", "fingerprint", name="uq_report_guard_overrides_hit"
        ),
    )  # fmt: skip
    op.create_index(
        op.f("ix_report_guard_overrides_report_file_id"),
        "report_guard_overrides",
        ["report_file_id"],
    )
    op.create_index(
        op.f("ix_report_guard_overrides_tenant_id"), "report_guard_overrides", ["tenant_id"]
    )

    for table in TENANT_TABLES:
        rls.enable(table)


def downgrade() -> None:
    for table in TENANT_TABLES:
        rls.disable(table)
    for table in reversed(TENANT_TABLES):
        op.drop_table(table)
