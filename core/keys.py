"""Key rotation: re-encrypt every encrypted column under the newest configured key."""

from __future__ import annotations

from sqlalchemy import Table, Text, select, type_coerce, update

from core import db
from core.crypto import EncryptedText, rotate
from core.db import Base


def rotate_all() -> int:
    """Re-encrypt all values of every `EncryptedText` column; returns how many were rewritten."""
    count = 0
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        assert isinstance(table, Table)
        columns = [c for c in table.columns if isinstance(c.type, EncryptedText)]
        if not columns:
            continue
        # Read and write the ciphertext as plain text, bypassing the column type's own encryption.
        raw = select(table.c.id, *[type_coerce(c, Text) for c in columns])
        for row in db.session.execute(raw).all():
            values = {
                column.name: type_coerce(rotate(token), Text)
                for column, token in zip(columns, row[1:], strict=True)
                if token
            }
            if values:
                db.session.execute(update(table).where(table.c.id == row[0]).values(values))
                count += len(values)
    return count
