"""Family notes, the timeline, parallel-process, obligation and extension notes, and report file names
are encrypted at rest like the identifiers: the columns become `EncryptedText` and the rows already
there are encrypted with the newest configured key (and decrypted again on the way down).

Revision ID: 0071
Revises: 0070
"""

import sqlalchemy as sa
from alembic import context, op
from cryptography.fernet import InvalidToken

import core.crypto


revision = '0071'
down_revision = '0070'
branch_labels = None
depends_on = None


COLUMNS = (
    ("review_family_members", "notes"),
    ("review_events", "summary"),
    ("review_parallel_processes", "note"),
    ("review_obligations", "note"),
    ("review_extensions", "reason"),
    ("report_files", "filename"),
)


def _cipher():
    keys = context.config.attributes.get("encryption_keys")
    if not keys:
        from flask import current_app

        keys = current_app.config["ENCRYPTION_KEYS"]
    return core.crypto._fernet(keys)


def _rewrite(change) -> None:
    bind = op.get_bind()
    for table, column in COLUMNS:
        rows = bind.execute(
            sa.text(f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''")
        ).all()
        for row_id, value in rows:
            new = change(value)
            if new is not None:
                bind.execute(
                    sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
                    {"value": new, "id": row_id},
                )


def upgrade() -> None:
    with op.batch_alter_table('report_files', schema=None) as batch_op:
        batch_op.alter_column('filename', existing_type=sa.String(length=255),
                              type_=core.crypto.EncryptedText(), existing_nullable=False)
    cipher = _cipher()

    def encrypt(value: str) -> str | None:
        try:
            cipher.decrypt(value.encode("ascii"))
            return None  # already encrypted (a rerun)
        except (InvalidToken, UnicodeEncodeError):
            return cipher.encrypt(value.encode("utf-8")).decode("ascii")

    _rewrite(encrypt)


def downgrade() -> None:
    cipher = _cipher()
    _rewrite(lambda value: cipher.decrypt(value.encode("ascii")).decode("utf-8"))
    with op.batch_alter_table('report_files', schema=None) as batch_op:
        batch_op.alter_column('filename', existing_type=core.crypto.EncryptedText(),
                              type_=sa.String(length=255), existing_nullable=False)
