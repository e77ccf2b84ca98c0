"""The family-update promise a panel meeting makes was stored with the kind "family", which is no
kind of obligation (they are statutory or promise): the API could not describe it and the
timeliness figures counted only these as promises to families. Such rows become promises.

Revision ID: 0084
Revises: 0083
"""

import sqlalchemy as sa
from alembic import op

revision = "0084"
down_revision = "0083"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE review_obligations SET kind = 'promise' WHERE kind = 'family'"))


def downgrade() -> None:
    # Which promises came from panel meetings is still known: their key names the meeting.
    op.execute(
        sa.text(
            "UPDATE review_obligations SET kind = 'family' "
            "WHERE kind = 'promise' AND key LIKE 'family_update_after_panel_%'"
        )
    )
